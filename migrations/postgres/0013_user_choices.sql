-- What each person last chose where the product remembers it for them, across browsers:
-- `mode:{type}` = `list` | `kanban` (which one the main menu opens, docs/PIPELINES.md).
CREATE TABLE user_choices (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    choice  TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (user_id, choice)
);
