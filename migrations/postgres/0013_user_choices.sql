-- What each person last chose where the product remembers it for them, across browsers, as a
-- JSON object read with their session (`server::store::choices`): `mode:{type}` = `list` |
-- `kanban` (which one the main menu opens), `finals:{type}` = `columns` | `zones` (how boards
-- show final stages). docs/PIPELINES.md. A table of its own, not a column of `users`: a change
-- of `users` raises the configuration revision, and a remembered click is not configuration.
CREATE TABLE user_choices (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    choices TEXT NOT NULL
);
