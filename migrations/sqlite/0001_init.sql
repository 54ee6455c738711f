-- CRM Card schema, SQLite flavour. Keep in step with migrations/postgres/0001_init.sql.
-- Times are unix milliseconds (UTC); flags are 0/1 integers; structured values are JSON text.

CREATE TABLE departments (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES departments(id)
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    department_id INTEGER REFERENCES departments(id),
    is_admin      INTEGER NOT NULL DEFAULT 0,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE pipelines (
    id          INTEGER PRIMARY KEY,
    entity_type TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    sort        INTEGER NOT NULL,
    is_default  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (entity_type, code)
);

CREATE TABLE stages (
    id          INTEGER PRIMARY KEY,
    pipeline_id INTEGER NOT NULL REFERENCES pipelines(id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    color       TEXT NOT NULL,
    sort        INTEGER NOT NULL,
    semantics   TEXT NOT NULL,
    UNIQUE (pipeline_id, code)
);

CREATE TABLE fields (
    id          INTEGER PRIMARY KEY,
    entity_type TEXT NOT NULL,
    code        TEXT NOT NULL,
    label       TEXT NOT NULL,
    field_type  TEXT NOT NULL,
    multiple    INTEGER NOT NULL DEFAULT 0,
    is_system   INTEGER NOT NULL DEFAULT 0,
    settings    TEXT NOT NULL DEFAULT '{}',
    sort        INTEGER NOT NULL DEFAULT 0,
    UNIQUE (entity_type, code)
);

CREATE TABLE layouts (
    id          INTEGER PRIMARY KEY,
    entity_type TEXT NOT NULL,
    scope       TEXT NOT NULL,
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,
    updated_by  INTEGER REFERENCES users(id),
    updated_at  INTEGER NOT NULL,
    UNIQUE (entity_type, scope)
);

CREATE TABLE items (
    id             INTEGER PRIMARY KEY,
    entity_type    TEXT NOT NULL,
    pipeline_id    INTEGER REFERENCES pipelines(id),
    stage_id       INTEGER REFERENCES stages(id),
    title          TEXT NOT NULL,
    responsible_id INTEGER REFERENCES users(id),
    version        INTEGER NOT NULL DEFAULT 1,
    created_by     INTEGER REFERENCES users(id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX items_list ON items(entity_type, id DESC);
CREATE INDEX items_stage ON items(entity_type, stage_id, id DESC);

CREATE TABLE field_values (
    item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    field_code  TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (item_id, field_code)
);

-- Links written from CRM-item binding values, so Relations can be read in both directions.
CREATE TABLE item_links (
    from_item   INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    field_code  TEXT NOT NULL,
    to_item     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    PRIMARY KEY (from_item, field_code, to_item)
);
CREATE INDEX item_links_to ON item_links(to_item);

-- One row per field per saved item version: the History tab and the merge of concurrent saves.
CREATE TABLE field_changes (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    field_code  TEXT NOT NULL,
    old_value   TEXT,
    new_value   TEXT,
    user_id     INTEGER REFERENCES users(id),
    at          INTEGER NOT NULL
);
CREATE INDEX field_changes_item ON field_changes(item_id, version);

CREATE TABLE timeline_events (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    at          INTEGER NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    payload     TEXT NOT NULL
);
-- Keyset pagination: newest first by (at, id).
CREATE INDEX timeline_item_at ON timeline_events(item_id, at DESC, id DESC);
