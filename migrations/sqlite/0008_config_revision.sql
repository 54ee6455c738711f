-- A number that every change of the rarely changing configuration raises: users, departments,
-- roles, fields, pipelines and stages, layouts and card views. Servers keep that configuration
-- in memory and read it again when the number they see has moved (`store/config.rs`), so a
-- change saved through one server reaches every other. Triggers raise it, so no write can forget.
CREATE TABLE config_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO config_revision (id, revision) VALUES (1, 1);
CREATE TRIGGER departments_insert_config AFTER INSERT ON departments BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER departments_update_config AFTER UPDATE ON departments BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER departments_delete_config AFTER DELETE ON departments BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER users_insert_config AFTER INSERT ON users BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER users_update_config AFTER UPDATE ON users BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER users_delete_config AFTER DELETE ON users BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER pipelines_insert_config AFTER INSERT ON pipelines BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER pipelines_update_config AFTER UPDATE ON pipelines BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER pipelines_delete_config AFTER DELETE ON pipelines BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER stages_insert_config AFTER INSERT ON stages BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER stages_update_config AFTER UPDATE ON stages BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER stages_delete_config AFTER DELETE ON stages BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER fields_insert_config AFTER INSERT ON fields BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER fields_update_config AFTER UPDATE ON fields BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER fields_delete_config AFTER DELETE ON fields BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER layouts_insert_config AFTER INSERT ON layouts BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER layouts_update_config AFTER UPDATE ON layouts BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER layouts_delete_config AFTER DELETE ON layouts BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER roles_insert_config AFTER INSERT ON roles BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER roles_update_config AFTER UPDATE ON roles BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER roles_delete_config AFTER DELETE ON roles BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER user_roles_insert_config AFTER INSERT ON user_roles BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER user_roles_update_config AFTER UPDATE ON user_roles BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER user_roles_delete_config AFTER DELETE ON user_roles BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER view_settings_insert_config AFTER INSERT ON view_settings BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER view_settings_update_config AFTER UPDATE ON view_settings BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER view_settings_delete_config AFTER DELETE ON view_settings BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER card_views_insert_config AFTER INSERT ON card_views BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER card_views_update_config AFTER UPDATE ON card_views BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER card_views_delete_config AFTER DELETE ON card_views BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER card_view_users_insert_config AFTER INSERT ON card_view_users BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER card_view_users_update_config AFTER UPDATE ON card_view_users BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER card_view_users_delete_config AFTER DELETE ON card_view_users BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER card_view_departments_insert_config AFTER INSERT ON card_view_departments BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER card_view_departments_update_config AFTER UPDATE ON card_view_departments BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER card_view_departments_delete_config AFTER DELETE ON card_view_departments BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER view_choices_insert_config AFTER INSERT ON view_choices BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER view_choices_update_config AFTER UPDATE ON view_choices BEGIN UPDATE config_revision SET revision = revision + 1; END;
CREATE TRIGGER view_choices_delete_config AFTER DELETE ON view_choices BEGIN UPDATE config_revision SET revision = revision + 1; END;
