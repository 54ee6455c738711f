-- Hardening for a real deployment (docs/OPERATIONS.md).

-- Sessions end after `idle_minutes` without a request, besides their lifetime. A session's
-- last request is written at most once a minute. Sessions from before count from now.
ALTER TABLE sessions ADD COLUMN last_seen INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen = CAST(strftime('%s', 'now') AS INTEGER) * 1000;

-- Failed sign-ins, per account ('account:' + email) and per client address ('address:' + IP),
-- in the database so that every app server counts the same failures.
CREATE TABLE sign_in_failures (
    key           TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    first_at      INTEGER NOT NULL,
    blocked_until INTEGER NOT NULL
);

-- The one-time token of the setup page, while no user exists: only its SHA-256 is kept; the
-- server prints the token when it starts. Creating the first admin deletes it.
CREATE TABLE setup_token (
    one        INTEGER PRIMARY KEY CHECK (one = 1),
    token_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Search generations (docs/OPERATIONS.md, "Search after a field change"): a type's
-- `search_gen` goes up, in the same transaction, when a field change makes its items' search
-- text out of date (a field restricted, deleted, its options relabelled). Search skips items
-- whose `search_gen` is behind their type's, so a restricted field's words stop finding items
-- at once; a background task then rewrites those items in small batches and brings them back.
ALTER TABLE entity_types ADD COLUMN search_gen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN search_gen INTEGER NOT NULL DEFAULT 0;
CREATE INDEX items_search_gen ON items(entity_type, search_gen);
