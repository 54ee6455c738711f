//! What each person last chose where the product remembers it for them (`user_choices`): kept
//! on the server, so it follows them from browser to browser.

use super::Conn;
use sqlx::Row;

/// The key of the list-or-board choice of an entity type.
pub fn mode_key(entity: crate::domain::EntityType) -> String {
    format!("mode:{}", entity.slug())
}

/// The key of how a type's boards show final stages (`columns` or `zones`).
pub fn finals_key(entity: crate::domain::EntityType) -> String {
    format!("finals:{}", entity.slug())
}

/// The user's choice kept under `key`, if any.
pub async fn choice(conn: &mut Conn, user_id: i64, key: &str) -> sqlx::Result<Option<String>> {
    sqlx::query("SELECT value FROM user_choices WHERE user_id = $1 AND choice = $2")
        .bind(user_id)
        .bind(key)
        .fetch_optional(conn)
        .await?
        .map(|r| r.try_get(0))
        .transpose()
}

/// The user's choices whose key starts with `prefix`: `(key, value)`.
pub async fn choices(conn: &mut Conn, user_id: i64, prefix: &str) -> sqlx::Result<Vec<(String, String)>> {
    let pattern = format!("{}%", prefix.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    sqlx::query("SELECT choice, value FROM user_choices WHERE user_id = $1 AND choice LIKE $2 ESCAPE '\\'")
        .bind(user_id)
        .bind(pattern)
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

/// Remembers `value` for `key`, writing only when it differs from what is kept (a page that
/// records the choice on every load writes once).
pub async fn remember(conn: &mut Conn, user_id: i64, key: &str, value: &str) -> sqlx::Result<()> {
    if choice(&mut *conn, user_id, key).await?.as_deref() == Some(value) {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO user_choices (user_id, choice, value) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, choice) DO UPDATE SET value = excluded.value",
    )
    .bind(user_id)
    .bind(key)
    .bind(value)
    .execute(conn)
    .await?;
    Ok(())
}
