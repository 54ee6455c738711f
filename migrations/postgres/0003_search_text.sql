-- Text an item is found by: its title and values, lower-cased in Rust (Unicode-aware), because
-- SQLite's LOWER() folds ASCII only. Filled on every write; rows from before are filled at start.
ALTER TABLE items ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
