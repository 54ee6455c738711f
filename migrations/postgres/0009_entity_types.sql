-- The registry of entity types (docs/ENTITY_TYPES.md): the six system types and the admins'
-- smart processes. `id` is the stable number Bitrix24 gives the type (lead 1, deal 2, contact 3,
-- company 4, quote 7, invoice 31, smart processes from 128); `code` is the key every other table
-- keeps in its `entity_type` column and the URL segment. The server writes the system rows at
-- start (store/catalog.rs::install).
CREATE TABLE entity_types (
    id          BIGINT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    plural      TEXT NOT NULL,
    is_system   BIGINT NOT NULL DEFAULT 0,
    options     TEXT NOT NULL DEFAULT '{}',
    sort        BIGINT NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL
);
CREATE TRIGGER entity_types_config BEFORE INSERT OR UPDATE OR DELETE ON entity_types FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
-- The id of the last smart process created: ids are never given twice, even after a delete
-- (API users and webhooks keep them).
CREATE TABLE smart_process_ids (last_id BIGINT NOT NULL);
INSERT INTO smart_process_ids (last_id) VALUES (127);
