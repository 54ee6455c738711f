-- Every saved version of a layout, with its author, time and what was done (for history,
-- diff and rollback). layouts.version always equals the newest version here.
CREATE TABLE layout_versions (
    id          INTEGER PRIMARY KEY,
    entity_type TEXT NOT NULL,
    scope       TEXT NOT NULL,
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,
    record      TEXT NOT NULL,
    author_id   INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    UNIQUE (entity_type, scope, version)
);
