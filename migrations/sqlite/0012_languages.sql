-- Each person's language and time zone (docs/LANGUAGES.md). NULL language: the browser's
-- Accept-Language, then the installation's `language`. NULL time zone: UTC until the next
-- sign-in stores the browser's.
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE users ADD COLUMN time_zone TEXT;

-- Search text is now folded (accents off, `ё` as `е`): every item's is rewritten by the
-- reindexer (`items::reindex_stale`), which runs at start.
UPDATE entity_types SET search_gen = search_gen + 1;
