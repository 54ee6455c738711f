-- A number that every change of the rarely changing configuration raises: users, departments,
-- roles, fields, pipelines and stages, layouts and card views. Servers keep that configuration
-- in memory and read it again when the number they see has moved (`store/config.rs`), so a
-- change saved through one server reaches every other. Triggers raise it, so no write can forget.
-- The trigger runs before each statement, so a transaction takes the revision row's lock
-- before any row of the table it changes: two transactions cannot hold them in opposite orders.
CREATE TABLE config_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);
INSERT INTO config_revision (id, revision) VALUES (1, 1);
CREATE FUNCTION bump_config_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE config_revision SET revision = revision + 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER departments_config BEFORE INSERT OR UPDATE OR DELETE ON departments FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
CREATE TRIGGER users_config BEFORE INSERT OR UPDATE OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
CREATE TRIGGER pipelines_config BEFORE INSERT OR UPDATE OR DELETE ON pipelines FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
CREATE TRIGGER stages_config BEFORE INSERT OR UPDATE OR DELETE ON stages FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
CREATE TRIGGER fields_config BEFORE INSERT OR UPDATE OR DELETE ON fields FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
CREATE TRIGGER layouts_config BEFORE INSERT OR UPDATE OR DELETE ON layouts FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
CREATE TRIGGER roles_config BEFORE INSERT OR UPDATE OR DELETE ON roles FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
CREATE TRIGGER user_roles_config BEFORE INSERT OR UPDATE OR DELETE ON user_roles FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
CREATE TRIGGER view_settings_config BEFORE INSERT OR UPDATE OR DELETE ON view_settings FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
CREATE TRIGGER card_views_config BEFORE INSERT OR UPDATE OR DELETE ON card_views FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
CREATE TRIGGER card_view_users_config BEFORE INSERT OR UPDATE OR DELETE ON card_view_users FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
CREATE TRIGGER card_view_departments_config BEFORE INSERT OR UPDATE OR DELETE ON card_view_departments FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
CREATE TRIGGER view_choices_config BEFORE INSERT OR UPDATE OR DELETE ON view_choices FOR EACH STATEMENT EXECUTE FUNCTION bump_config_revision();
