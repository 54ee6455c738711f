//! Users, departments and sessions.

use super::Conn;
use crate::api::types::{CurrentUser, UserRef};
use sqlx::Row;

pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
    pub active: bool,
}

pub async fn create_department(conn: &mut Conn, name: &str, parent: Option<i64>) -> sqlx::Result<i64> {
    sqlx::query("INSERT INTO departments (name, parent_id) VALUES ($1, $2) RETURNING id")
        .bind(name)
        .bind(parent)
        .fetch_one(conn)
        .await?
        .try_get(0)
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub department_id: Option<i64>,
    pub is_admin: bool,
}

pub async fn create_user(conn: &mut Conn, u: NewUser<'_>, now: i64) -> sqlx::Result<i64> {
    sqlx::query(
        "INSERT INTO users (email, name, password_hash, department_id, is_admin, active, created_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id",
    )
    .bind(u.email.to_lowercase())
    .bind(u.name)
    .bind(u.password_hash)
    .bind(u.department_id)
    .bind(i64::from(u.is_admin))
    .bind(now)
    .fetch_one(conn)
    .await?
    .try_get(0)
}

pub async fn count_users(conn: &mut Conn) -> sqlx::Result<i64> {
    sqlx::query("SELECT COUNT(*) FROM users").fetch_one(conn).await?.try_get(0)
}

pub async fn credentials(conn: &mut Conn, email: &str) -> sqlx::Result<Option<Credentials>> {
    let row = sqlx::query("SELECT id, password_hash, active FROM users WHERE email = $1")
        .bind(email.trim().to_lowercase())
        .fetch_optional(conn)
        .await?;
    row.map(|r| {
        Ok(Credentials { id: r.try_get(0)?, password_hash: r.try_get(1)?, active: r.try_get::<i64, _>(2)? != 0 })
    })
    .transpose()
}

/// A person's language (`None`: their browser's) and time zone.
pub async fn set_locale(conn: &mut Conn, id: i64, language: Option<&str>, time_zone: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET language = $2, time_zone = $3 WHERE id = $1")
        .bind(id)
        .bind(language)
        .bind(time_zone)
        .execute(conn)
        .await?;
    Ok(())
}

/// Stores the browser's time zone for a person who has none yet (at sign-in).
pub async fn default_time_zone(conn: &mut Conn, id: i64, time_zone: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET time_zone = $2 WHERE id = $1 AND time_zone IS NULL")
        .bind(id)
        .bind(time_zone)
        .execute(conn)
        .await?;
    Ok(())
}

/// A person's stored language, if they chose one.
pub async fn language_of(conn: &mut Conn, id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT language FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
        .map(Option::flatten)
}

pub async fn create_session(
    conn: &mut Conn,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen) VALUES ($1, $2, $3, $4, $3)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires)
    .execute(conn)
    .await?;
    Ok(())
}

/// A session's last request is written when the one before is older than this (or half the
/// idle time, if that is shorter), so that a busy user costs a write a minute, not one per
/// request.
const LAST_SEEN_EVERY_MS: i64 = 60_000;

/// The active user a live session belongs to, with the union of their roles' rights (one
/// query: a row per role). A session is live before its expiry and while its last request is
/// less than `idle_ms` old. `touch`: this is a request of the person (not a background poll of
/// an open page), so it moves the idle limit on.
pub async fn session_user(
    conn: &mut Conn,
    token_hash: &str,
    now: i64,
    idle_ms: i64,
    touch: bool,
) -> sqlx::Result<Option<CurrentUser>> {
    let rows = sqlx::query(
        "SELECT u.id, u.name, u.email, u.is_admin, u.department_id, r.rights, s.last_seen, u.language, u.time_zone,
                c.choices
         FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN user_choices c ON c.user_id = u.id
         LEFT JOIN user_roles ur ON ur.user_id = u.id LEFT JOIN roles r ON r.id = ur.role_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen > $3 AND u.active = 1",
    )
    .bind(token_hash)
    .bind(now)
    .bind(now - idle_ms)
    .fetch_all(&mut *conn)
    .await?;
    let last_seen: i64 = match rows.first() {
        Some(r) => r.try_get(6)?,
        None => return Ok(None),
    };
    if touch && now - last_seen >= LAST_SEEN_EVERY_MS.min(idle_ms / 2) {
        sqlx::query("UPDATE sessions SET last_seen = $2 WHERE token_hash = $1")
            .bind(token_hash)
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    user_of_rows(&rows)
}

/// A user with the rights of their roles, as they would be signed in (for an admin's preview).
pub async fn user_with_rights(conn: &mut Conn, id: i64) -> sqlx::Result<Option<CurrentUser>> {
    let rows = sqlx::query(
        "SELECT u.id, u.name, u.email, u.is_admin, u.department_id, r.rights, 0, u.language, u.time_zone, c.choices
         FROM users u LEFT JOIN user_choices c ON c.user_id = u.id LEFT JOIN user_roles ur ON ur.user_id = u.id LEFT JOIN roles r ON r.id = ur.role_id
         WHERE u.id = $1",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    user_of_rows(&rows)
}

/// One user from rows of (id, name, email, is_admin, department_id, a role's rights).
fn user_of_rows(rows: &[sqlx::any::AnyRow]) -> sqlx::Result<Option<CurrentUser>> {
    let Some(first) = rows.first() else { return Ok(None) };
    let granted: Vec<String> =
        rows.iter().filter_map(|r| r.try_get::<Option<String>, _>(5).transpose()).collect::<sqlx::Result<_>>()?;
    let mut rights = super::access::rights_of_json(&granted)?;
    rights.admin |= first.try_get::<i64, _>(3)? != 0;
    Ok(Some(CurrentUser {
        id: first.try_get(0)?,
        name: first.try_get(1)?,
        email: first.try_get(2)?,
        is_admin: rights.admin,
        department_id: first.try_get(4)?,
        rights,
        language: first.try_get(7)?,
        time_zone: first.try_get(8)?,
        // Unreadable choices are forgotten, not an error: they are only remembered clicks.
        choices: first.try_get::<Option<String>, _>(9)?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default(),
    }))
}

pub async fn delete_session(conn: &mut Conn, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(conn).await?;
    Ok(())
}

/// Deletes the sessions past their lifetime or idle for `idle_ms`.
pub async fn delete_expired_sessions(conn: &mut Conn, now: i64, idle_ms: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen <= $2")
        .bind(now)
        .bind(now - idle_ms)
        .execute(conn)
        .await?
        .rows_affected())
}

/// Active users, by name: the choices of a user field.
pub async fn active_users(conn: &mut Conn) -> sqlx::Result<Vec<UserRef>> {
    let mut users = sqlx::query("SELECT id, name FROM users WHERE active = 1 ORDER BY id")
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| Ok(UserRef { id: r.try_get(0)?, name: r.try_get(1)? }))
        .collect::<sqlx::Result<Vec<_>>>()?;
    crate::i18n::sort_by_name(&mut users, |u| &u.name);
    Ok(users)
}

/// Runs `SELECT {columns} FROM users WHERE id IN (ids)`.
async fn users_by_id(conn: &mut Conn, columns: &str, ids: &[i64]) -> sqlx::Result<Vec<sqlx::any::AnyRow>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!("SELECT {columns} FROM users WHERE id IN ({})", super::placeholders(0, ids.len()));
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    q.fetch_all(conn).await
}

/// Which of `ids` are users (active or not: old values may name a departed colleague).
pub async fn existing_user_ids(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<i64>> {
    users_by_id(conn, "id", ids).await?.into_iter().map(|r| r.try_get(0)).collect()
}

pub async fn user_names(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<UserRef>> {
    users_by_id(conn, "id, name", ids)
        .await?
        .into_iter()
        .map(|r| Ok(UserRef { id: r.try_get(0)?, name: r.try_get(1)? }))
        .collect()
}

/// Departments by name: the choices of a restricted field's audience.
pub async fn departments(conn: &mut Conn) -> sqlx::Result<Vec<UserRef>> {
    let mut departments = sqlx::query("SELECT id, name FROM departments ORDER BY id")
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| Ok(UserRef { id: r.try_get(0)?, name: r.try_get(1)? }))
        .collect::<sqlx::Result<Vec<_>>>()?;
    crate::i18n::sort_by_name(&mut departments, |d| &d.name);
    Ok(departments)
}

/// The department of a user (none for an unknown user).
pub async fn department_of(conn: &mut Conn, user_id: i64) -> sqlx::Result<Option<i64>> {
    Ok(sqlx::query("SELECT department_id FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(conn)
        .await?
        .map(|r| r.try_get::<Option<i64>, _>(0))
        .transpose()?
        .flatten())
}

/// Every user (active or not), by name, with their roles.
pub async fn all_users(conn: &mut Conn) -> sqlx::Result<Vec<crate::api::types::UserRow>> {
    let rows = sqlx::query("SELECT id, name, email, department_id, active FROM users ORDER BY name, id")
        .fetch_all(&mut *conn)
        .await?;
    let links: Vec<(i64, i64)> = sqlx::query("SELECT user_id, role_id FROM user_roles ORDER BY role_id")
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect::<sqlx::Result<_>>()?;
    let mut users = rows
        .into_iter()
        .map(|r| {
            let id: i64 = r.try_get(0)?;
            Ok(crate::api::types::UserRow {
                id,
                name: r.try_get(1)?,
                email: r.try_get(2)?,
                department_id: r.try_get(3)?,
                roles: links.iter().filter(|(u, _)| *u == id).map(|(_, role)| *role).collect(),
                active: r.try_get::<i64, _>(4)? != 0,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    crate::i18n::sort_by_name(&mut users, |u| &u.name);
    Ok(users)
}

/// Another user with this email (emails are unique), if any.
pub async fn email_taken(conn: &mut Conn, email: &str, except: Option<i64>) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query("SELECT COUNT(*) FROM users WHERE email = $1 AND id <> $2")
        .bind(email.trim().to_lowercase())
        .bind(except.unwrap_or(0))
        .fetch_one(conn)
        .await?
        .try_get(0)?;
    Ok(n > 0)
}

/// Changes a user; a deactivated user's sessions end at once.
pub async fn update_user(
    conn: &mut Conn,
    id: i64,
    name: &str,
    email: &str,
    department_id: Option<i64>,
    active: bool,
) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE users SET name = $2, email = $3, department_id = $4, active = $5 WHERE id = $1")
        .bind(id)
        .bind(name)
        .bind(email.trim().to_lowercase())
        .bind(department_id)
        .bind(i64::from(active))
        .execute(&mut *conn)
        .await?;
    if !active {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *conn).await?;
    }
    Ok(done.rows_affected() == 1)
}

/// Ends every session of a user.
pub async fn end_sessions(conn: &mut Conn, user_id: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(conn).await?.rows_affected())
}

/// Sets a user's password and ends their sessions, all but `keep` (the one that changed it, when
/// the user changed their own).
pub async fn set_password(conn: &mut Conn, id: i64, password_hash: &str, keep: Option<&str>) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
        .bind(id)
        .bind(password_hash)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(id)
        .bind(keep.unwrap_or_default())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn department_rows(conn: &mut Conn) -> sqlx::Result<Vec<crate::api::types::DepartmentRow>> {
    sqlx::query("SELECT id, name, parent_id, head_id FROM departments ORDER BY name, id")
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| {
            Ok(crate::api::types::DepartmentRow {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
                parent_id: r.try_get(2)?,
                head_id: r.try_get(3)?,
            })
        })
        .collect()
}

pub async fn save_department(
    conn: &mut Conn,
    id: Option<i64>,
    name: &str,
    parent: Option<i64>,
    head: Option<i64>,
) -> sqlx::Result<i64> {
    match id {
        Some(id) => {
            sqlx::query("UPDATE departments SET name = $2, parent_id = $3, head_id = $4 WHERE id = $1")
                .bind(id)
                .bind(name)
                .bind(parent)
                .bind(head)
                .execute(conn)
                .await?;
            Ok(id)
        }
        None => {
            let id = create_department(&mut *conn, name, parent).await?;
            sqlx::query("UPDATE departments SET head_id = $2 WHERE id = $1").bind(id).bind(head).execute(conn).await?;
            Ok(id)
        }
    }
}

/// Deletes a department that has no members and no sub-departments (`false` otherwise).
pub async fn delete_department(conn: &mut Conn, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "DELETE FROM departments WHERE id = $1
         AND NOT EXISTS (SELECT 1 FROM users WHERE department_id = $1)
         AND NOT EXISTS (SELECT 1 FROM departments d WHERE d.parent_id = $1)",
    )
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether any user exists (the setup page is offered only while none does).
pub async fn any_user(conn: &mut Conn) -> sqlx::Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM users LIMIT 1").fetch_optional(conn).await?.is_some())
}

/// Keeps the hash of a new setup token (replacing an older one) while no user exists; `false`
/// when one does.
pub async fn offer_setup(conn: &mut Conn, token_hash: &str, now: i64) -> sqlx::Result<bool> {
    // One statement: a transaction that read first and wrote after could fail at once on
    // SQLite when another writer went first.
    let done = sqlx::query(
        "INSERT INTO setup_token (one, token_hash, created_at) SELECT 1, $1, $2 WHERE NOT EXISTS (SELECT 1 FROM users)
         ON CONFLICT (one) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
    )
    .bind(token_hash)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether `token_hash` is the setup token's (and no user exists yet).
pub async fn setup_open(conn: &mut Conn, token_hash: &str) -> sqlx::Result<bool> {
    let row = sqlx::query("SELECT 1 FROM setup_token WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.is_some() && !any_user(conn).await?)
}

/// Creates the first user, an administrator, by the setup token: the token is used up in the
/// same transaction, so of two people posting the form at once only one becomes the admin.
/// `None` when the token is not (or no longer) the setup token, or a user exists.
pub async fn claim_setup(conn: &mut Conn, token_hash: &str, admin: NewUser<'_>, now: i64) -> sqlx::Result<Option<i64>> {
    use sqlx::Connection;
    let mut tx = conn.begin().await?;
    let claimed =
        sqlx::query("DELETE FROM setup_token WHERE token_hash = $1").bind(token_hash).execute(&mut *tx).await?;
    if claimed.rows_affected() != 1 || any_user(&mut tx).await? {
        return Ok(None);
    }
    let id = create_user(&mut tx, admin, now).await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Forgets the setup token (a user was made another way).
pub async fn close_setup(conn: &mut Conn) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM setup_token").execute(conn).await?;
    Ok(())
}
