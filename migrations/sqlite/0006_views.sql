-- Card views (DESIGN §3, view resolution). Layouts of every view live in `layouts` under the
-- scopes `common`, `user:{id}` (a person's own view) and `view:{id}` (a named view);
-- `layout_key` is the card kind they belong to (an entity type).

-- Whether the common view is published and whether it is forced on everybody; `revision`
-- grows with every change of views or settings of the kind, so open cards notice.
CREATE TABLE view_settings (
    layout_key       TEXT PRIMARY KEY,
    common_published INTEGER NOT NULL DEFAULT 1,
    common_forced    INTEGER NOT NULL DEFAULT 0,
    revision         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE card_views (
    id          INTEGER PRIMARY KEY,
    layout_key  TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX card_views_key ON card_views(layout_key);

CREATE TABLE card_view_users (
    view_id INTEGER NOT NULL REFERENCES card_views(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (view_id, user_id)
);

CREATE TABLE card_view_departments (
    view_id       INTEGER NOT NULL REFERENCES card_views(id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
    PRIMARY KEY (view_id, department_id)
);

-- A person's own choices per card kind: their own view switched on, and the view they chose.
CREATE TABLE view_choices (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    layout_key  TEXT NOT NULL,
    own_enabled INTEGER NOT NULL DEFAULT 0,
    chosen      TEXT,
    PRIMARY KEY (user_id, layout_key)
);
