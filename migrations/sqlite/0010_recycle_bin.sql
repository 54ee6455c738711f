-- The recycle bin: a deleted item keeps its row, values, links, timeline, History and files, and
-- only leaves every list, search, picker and export (docs/RECYCLE_BIN.md) until it is restored
-- or purged.
ALTER TABLE items ADD COLUMN deleted_at INTEGER;
ALTER TABLE items ADD COLUMN deleted_by INTEGER REFERENCES users(id);
CREATE INDEX items_deleted ON items(deleted_at) WHERE deleted_at IS NOT NULL;
