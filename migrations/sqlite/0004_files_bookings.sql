-- Files of file fields, kept in the database so that several app servers share them and a
-- backup of the database is a backup of everything. A file is uploaded first (item_id NULL,
-- only its uploader may attach it) and attached to an item's field by the save that uses it.
CREATE TABLE files (
    id           INTEGER PRIMARY KEY,
    entity_type  TEXT NOT NULL,
    item_id      INTEGER REFERENCES items(id) ON DELETE CASCADE,
    field_code   TEXT,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    data         BLOB NOT NULL,
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX files_item ON files(item_id, field_code);

-- One row per booking value, so overlaps are found with an index instead of by reading values.
-- Times are 'YYYY-MM-DDTHH:MM' text, which orders like time.
CREATE TABLE bookings (
    item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    entity_type TEXT NOT NULL,
    field_code  TEXT NOT NULL,
    resource    TEXT NOT NULL,
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL
);
CREATE INDEX bookings_slot ON bookings(entity_type, field_code, resource, starts_at);
CREATE INDEX bookings_item ON bookings(item_id, field_code);
