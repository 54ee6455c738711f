-- Roles: per entity type a scope (none/own/department/all) for read, create, update, delete and
-- export, "may have my card view", and the admin flag, as JSON (domain::access::Rights).
-- A user's rights are the union of their roles. Departments get a head.
CREATE TABLE roles (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    rights  TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role ON user_roles(role_id);

ALTER TABLE departments ADD COLUMN head_id INTEGER REFERENCES users(id);
