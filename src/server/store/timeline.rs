//! Timeline events of an item, read newest first by keyset (at, id).

use super::batch::{id_of, Batch};
use super::Conn;
use crate::domain::timeline::{Cursor, EventPayload};
use sqlx::Row;

pub async fn insert_event(
    conn: &mut Conn,
    item_id: i64,
    payload: &EventPayload,
    user_id: Option<i64>,
    at: i64,
) -> sqlx::Result<i64> {
    let mut batch = Batch::new(conn);
    push_event(&mut batch, item_id, payload, user_id, at)?;
    id_of(&batch.run(conn).await?.ok_or(sqlx::Error::RowNotFound)?)
}

/// Adds a timeline event to `batch`, as a write that returns the event's id.
pub fn push_event(
    batch: &mut Batch,
    item_id: i64,
    payload: &EventPayload,
    user_id: Option<i64>,
    at: i64,
) -> sqlx::Result<()> {
    let g = batch.guard();
    let body = serde_json::to_string(payload).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let (item, kind) = (batch.int(item_id), batch.text(payload.kind().code().to_string()));
    let (at, user, body) = (batch.int(at), batch.int(user_id), batch.text(body));
    batch.write(format!(
        "INSERT INTO timeline_events (item_id, kind, at, user_id, payload)
         SELECT {item}, {kind}, {at}, {user}, {body} WHERE {g} RETURNING id"
    ));
    Ok(())
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    pub id: i64,
    pub at: i64,
    pub author: Option<String>,
    pub payload: EventPayload,
}

/// A row of `SELECT e.id, e.at, u.name, e.payload`.
fn event_row(r: &sqlx::any::AnyRow) -> sqlx::Result<EventRow> {
    let payload: String = r.try_get(3)?;
    Ok(EventRow {
        id: r.try_get(0)?,
        at: r.try_get(1)?,
        author: r.try_get(2)?,
        payload: serde_json::from_str(&payload).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
    })
}

/// Up to `limit + 1` events older than `before` (all when `None`), newest first. The redundant
/// `e.at <= $2` lets PostgreSQL start the index scan at the cursor (the OR alone is only a
/// filter there, so page 1000 read the 20,000 rows before it; `make bench`, P5).
pub async fn page(conn: &mut Conn, item_id: i64, before: Option<Cursor>, limit: usize) -> sqlx::Result<Vec<EventRow>> {
    let before = before.unwrap_or(Cursor { at: i64::MAX, id: i64::MAX });
    sqlx::query(
        "SELECT e.id, e.at, u.name, e.payload FROM timeline_events e LEFT JOIN users u ON u.id = e.user_id
         WHERE e.item_id = $1 AND e.at <= $2 AND (e.at < $2 OR (e.at = $2 AND e.id < $3))
         ORDER BY e.at DESC, e.id DESC LIMIT $4",
    )
    .bind(item_id)
    .bind(before.at)
    .bind(before.id)
    .bind(limit as i64 + 1)
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| event_row(&r))
    .collect()
}

/// Removes the changes of a deleted field from the field-change events of an entity type's
/// items; an event left without changes is deleted.
pub async fn forget_field(conn: &mut Conn, entity: crate::domain::EntityType, code: &str) -> sqlx::Result<()> {
    // Field codes are letters, digits and `_` (which LIKE reads as "any character": it only
    // widens the match; the JSON is parsed below).
    let pattern = format!("%\"{code}\"%");
    let rows = sqlx::query(
        "SELECT id, payload FROM timeline_events WHERE kind = 'field_changed'
         AND item_id IN (SELECT id FROM items WHERE entity_type = $1) AND payload LIKE $2",
    )
    .bind(entity.slug())
    .bind(pattern)
    .fetch_all(&mut *conn)
    .await?;
    for r in rows {
        let id: i64 = r.try_get(0)?;
        let payload: String = r.try_get(1)?;
        let Ok(EventPayload::FieldChanged { mut changes }) = serde_json::from_str::<EventPayload>(&payload) else {
            continue;
        };
        changes.retain(|c| c.code != code);
        if changes.is_empty() {
            sqlx::query("DELETE FROM timeline_events WHERE id = $1").bind(id).execute(&mut *conn).await?;
        } else {
            let body = serde_json::to_string(&EventPayload::FieldChanged { changes })
                .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
            sqlx::query("UPDATE timeline_events SET payload = $2 WHERE id = $1")
                .bind(id)
                .bind(body)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}
