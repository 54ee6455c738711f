//! Files of file fields. Uploaded first (not attached, only the uploader may use them), then
//! attached to an item's field by the save whose value names them; a save that drops a file
//! from the value deletes it. Uploads never attached are removed after a day.

use super::{placeholders, Conn};
use crate::domain::{EntityType, FileRef, Value};
use sqlx::Row;

/// How long an upload may wait for the save that attaches it.
pub const UNATTACHED_TTL_MS: i64 = 24 * 60 * 60 * 1000;

pub struct NewFile<'a> {
    pub entity: EntityType,
    pub name: &'a str,
    pub content_type: &'a str,
    pub data: &'a [u8],
    pub user_id: i64,
    pub now: i64,
}

/// Stores an upload, unless its user has `max_pending` uploads waiting for a save already
/// (`None`): the check and the insert are one statement, so parallel uploads cannot pass it
/// together.
pub async fn insert(conn: &mut Conn, f: NewFile<'_>, max_pending: i64) -> sqlx::Result<Option<i64>> {
    sqlx::query("DELETE FROM files WHERE item_id IS NULL AND created_at < $1")
        .bind(f.now - UNATTACHED_TTL_MS)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO files (entity_type, name, content_type, size, data, created_by, created_at)
         SELECT $1, $2, $3, $4, $5, $6, $7
         WHERE (SELECT COUNT(*) FROM files WHERE item_id IS NULL AND created_by = $6) < $8
         RETURNING id",
    )
    .bind(f.entity.slug())
    .bind(f.name)
    .bind(f.content_type)
    .bind(f.data.len() as i64)
    .bind(f.data.to_vec())
    .bind(f.user_id)
    .bind(f.now)
    .bind(max_pending)
    .fetch_optional(conn)
    .await?
    .map(|r| r.try_get(0))
    .transpose()
}

/// The files with these ids that a save of `item_id`'s field `code` by `user_id` may use: the
/// user's own uploads for this entity type not attached yet, and the files the field holds.
pub async fn usable(
    conn: &mut Conn,
    entity: EntityType,
    item_id: Option<i64>,
    code: &str,
    user_id: i64,
    ids: &[i64],
) -> sqlx::Result<Vec<FileRef>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!(
        "SELECT id, name, size FROM files WHERE id IN ({}) AND entity_type = $1
         AND ((item_id IS NULL AND created_by = $2) OR (item_id = $3 AND field_code = $4))",
        placeholders(4, ids.len())
    );
    let mut q = sqlx::query(&sql).bind(entity.slug()).bind(user_id).bind(item_id.unwrap_or(0)).bind(code);
    for id in ids {
        q = q.bind(id);
    }
    q.fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| Ok(FileRef { id: r.try_get(0)?, name: r.try_get(1)?, size: r.try_get(2)? }))
        .collect()
}

/// Attaches the files `value` names to the item's field and deletes the ones it no longer names.
pub async fn attach(conn: &mut Conn, item_id: i64, code: &str, value: Option<&Value>) -> sqlx::Result<()> {
    let ids: Vec<i64> = value
        .map(Value::entries)
        .unwrap_or_default()
        .iter()
        .filter_map(|v| match v {
            Value::File(f) => Some(f.id),
            _ => None,
        })
        .collect();
    let keep = if ids.is_empty() { String::new() } else { format!(" AND id NOT IN ({})", placeholders(2, ids.len())) };
    let sql = format!("DELETE FROM files WHERE item_id = $1 AND field_code = $2{keep}");
    let mut del = sqlx::query(&sql).bind(item_id).bind(code);
    for id in &ids {
        del = del.bind(id);
    }
    del.execute(&mut *conn).await?;
    for id in ids {
        sqlx::query("UPDATE files SET item_id = $1, field_code = $2 WHERE id = $3 AND item_id IS NULL")
            .bind(item_id)
            .bind(code)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A stored file with what deciding who may download it needs.
pub struct StoredFile {
    pub entity: EntityType,
    pub item_id: Option<i64>,
    pub field_code: Option<String>,
    pub name: String,
    pub content_type: String,
    pub created_by: Option<i64>,
    pub data: Vec<u8>,
}

pub async fn file(conn: &mut Conn, id: i64) -> sqlx::Result<Option<StoredFile>> {
    let Some(r) = sqlx::query(
        "SELECT entity_type, item_id, field_code, name, content_type, created_by, data FROM files WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?
    else {
        return Ok(None);
    };
    let entity: String = r.try_get(0)?;
    Ok(Some(StoredFile {
        entity: entity.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        item_id: r.try_get(1)?,
        field_code: r.try_get(2)?,
        name: r.try_get(3)?,
        content_type: r.try_get(4)?,
        created_by: r.try_get(5)?,
        data: r.try_get(6)?,
    }))
}
