//! Roles and who holds them.

use super::{placeholders, Conn};
use crate::domain::access::Rights;
pub use crate::domain::access::Role;
use sqlx::Row;

/// The roles a new installation starts with, by their key in the seed catalogue
/// (`locales/seed`): they are named in the installation's language.
pub const ADMINISTRATOR: &str = "role-administrator";
pub const EMPLOYEE: &str = "role-employee";

/// A starting role's name in the current language.
pub fn seeded_role(key: &'static str) -> &'static str {
    crate::i18n::seed(key).unwrap_or(key)
}

/// A role's name as the reader reads it: a starting role never renamed speaks their language.
pub fn shown_role(name: &str) -> String {
    [ADMINISTRATOR, EMPLOYEE].into_iter().find_map(|k| crate::i18n::shown_seed(k, name)).unwrap_or(name).to_string()
}

fn decode(s: &str) -> sqlx::Result<Rights> {
    serde_json::from_str(s).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

fn encode(r: &Rights) -> sqlx::Result<String> {
    serde_json::to_string(r).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// Creates the two starting roles when there are none yet (a new database, or one from before
/// roles existed), and then gives every user one: administrators "Administrator", everybody
/// else "Employee" (every right on every entity type, as before roles). Later starts change
/// nothing, so an administrator's choices stay.
pub async fn install_defaults(conn: &mut Conn) -> sqlx::Result<()> {
    let count: i64 = sqlx::query("SELECT COUNT(*) FROM roles").fetch_one(&mut *conn).await?.try_get(0)?;
    if count > 0 {
        return Ok(());
    }
    let admin = create_role(conn, seeded_role(ADMINISTRATOR), &Rights::full(true)).await?;
    let employee = create_role(conn, seeded_role(EMPLOYEE), &Rights::full(false)).await?;
    for (role, is_admin) in [(admin, 1_i64), (employee, 0)] {
        sqlx::query("INSERT INTO user_roles (user_id, role_id) SELECT id, $1 FROM users WHERE is_admin = $2")
            .bind(role)
            .bind(is_admin)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn role_id(conn: &mut Conn, name: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query("SELECT id FROM roles WHERE name = $1")
        .bind(name)
        .fetch_optional(conn)
        .await?
        .map(|r| r.try_get(0))
        .transpose()
}

pub async fn roles(conn: &mut Conn) -> sqlx::Result<Vec<Role>> {
    let mut roles = sqlx::query("SELECT id, name, rights FROM roles ORDER BY id")
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| Ok(Role { id: r.try_get(0)?, name: r.try_get(1)?, rights: decode(&r.try_get::<String, _>(2)?)? }))
        .collect::<sqlx::Result<Vec<_>>>()?;
    crate::i18n::sort_by_name(&mut roles, |r| &r.name);
    Ok(roles)
}

pub async fn create_role(conn: &mut Conn, name: &str, rights: &Rights) -> sqlx::Result<i64> {
    sqlx::query("INSERT INTO roles (name, rights) VALUES ($1, $2) RETURNING id")
        .bind(name)
        .bind(encode(rights)?)
        .fetch_one(conn)
        .await?
        .try_get(0)
}

pub async fn update_role(conn: &mut Conn, id: i64, name: &str, rights: &Rights) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE roles SET name = $2, rights = $3 WHERE id = $1")
        .bind(id)
        .bind(name)
        .bind(encode(rights)?)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete_role(conn: &mut Conn, id: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query("DELETE FROM roles WHERE id = $1").bind(id).execute(conn).await?.rows_affected() == 1)
}

/// Whether a role of this name exists other than `except`.
pub async fn name_taken(conn: &mut Conn, name: &str, except: Option<i64>) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query("SELECT COUNT(*) FROM roles WHERE LOWER(name) = LOWER($1) AND id <> $2")
        .bind(name)
        .bind(except.unwrap_or(0))
        .fetch_one(conn)
        .await?
        .try_get(0)?;
    Ok(n > 0)
}

/// The roles of each of `user_ids`.
pub async fn roles_of(conn: &mut Conn, user_ids: &[i64]) -> sqlx::Result<Vec<(i64, i64)>> {
    if user_ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!("SELECT user_id, role_id FROM user_roles WHERE user_id IN ({})", placeholders(0, user_ids.len()));
    let mut q = sqlx::query(&sql);
    for id in user_ids {
        q = q.bind(id);
    }
    q.fetch_all(conn).await?.into_iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

/// Replaces the roles of a user.
pub async fn set_roles(conn: &mut Conn, user_id: i64, role_ids: &[i64]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM user_roles WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
    for role in role_ids {
        sqlx::query("INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(user_id)
            .bind(role)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Takes a deleted pipeline out of every role that treats it apart.
pub async fn forget_pipeline(conn: &mut Conn, entity: crate::domain::EntityType, pipeline: i64) -> sqlx::Result<()> {
    for role in roles(&mut *conn).await? {
        let mut rights = role.rights;
        let Some(of_type) = rights.pipelines.get_mut(&entity) else { continue };
        if of_type.remove(&pipeline).is_none() {
            continue;
        }
        if of_type.is_empty() {
            rights.pipelines.remove(&entity);
        }
        sqlx::query("UPDATE roles SET rights = $2 WHERE id = $1")
            .bind(role.id)
            .bind(encode(&rights)?)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub fn rights_of_json(rows: &[String]) -> sqlx::Result<Rights> {
    let parsed: Vec<Rights> = rows.iter().map(|s| decode(s)).collect::<sqlx::Result<_>>()?;
    Ok(Rights::union(parsed.iter()))
}
