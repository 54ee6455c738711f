//! What each person last chose where the product remembers it for them: a JSON object in
//! `user_choices`, read with their session (`CurrentUser::choices`), so it follows them from
//! browser to browser and costs a page no statement.

use super::Conn;
use crate::api::types::CurrentUser;

/// The key of the list-or-board choice of an entity type (`list` or `kanban`).
pub fn mode_key(entity: crate::domain::EntityType) -> String {
    format!("mode:{}", entity.slug())
}

/// The key of how a type's boards show final stages (`columns` or `zones`).
pub fn finals_key(entity: crate::domain::EntityType) -> String {
    format!("finals:{}", entity.slug())
}

/// Remembers `value` for `key`; writes only when it differs from what the user's session read
/// (a page that records the choice on every load writes once).
pub async fn remember(conn: &mut Conn, user: &CurrentUser, key: &str, value: &str) -> sqlx::Result<()> {
    if user.choices.get(key).map(String::as_str) == Some(value) {
        return Ok(());
    }
    let mut choices = user.choices.clone();
    choices.insert(key.to_string(), value.to_string());
    let json = serde_json::to_string(&choices).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO user_choices (user_id, choices) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET choices = excluded.choices",
    )
    .bind(user.id)
    .bind(json)
    .execute(conn)
    .await?;
    Ok(())
}
