-- The registry of entity types (docs/ENTITY_TYPES.md): the six system types and the admins'
-- smart processes. `id` is the stable number Bitrix24 gives the type (lead 1, deal 2, contact 3,
-- company 4, quote 7, invoice 31, smart processes from 128); `code` is the key every other table
-- keeps in its `entity_type` column and the URL segment. The server writes the system rows at
-- start (store/catalog.rs::install).
CREATE TABLE entity_types (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    plural      TEXT NOT NULL,
    is_system   INTEGER NOT NULL DEFAULT 0,
    options     TEXT NOT NULL DEFAULT '{}',
    sort        INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);
CREATE TRIGGER entity_types_insert_config AFTER INSERT ON entity_types BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER entity_types_update_config AFTER UPDATE ON entity_types BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER entity_types_delete_config AFTER DELETE ON entity_types BEGIN UPDATE config_revision SET revision = revision + 1; END;
-- The id of the last smart process created: ids are never given twice, even after a delete
-- (API users and webhooks keep them).
CREATE TABLE smart_process_ids (last_id BIGINT NOT NULL);
INSERT INTO smart_process_ids (last_id) VALUES (127);
