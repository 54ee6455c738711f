//! The recycle bin (docs/RECYCLE_BIN.md): deleting an item only marks it (`deleted_at`,
//! `deleted_by`), so restoring brings back its values, links, timeline, History and files as
//! they were; purging deletes it for good.

use super::{placeholders, Conn};
use crate::domain::EntityType;
use sqlx::{Connection, Row};

/// Moves these items of `entity` to the recycle bin, in one transaction; answers the ids moved
/// (those already deleted or gone are left out). Their version moves on, so a save decided from
/// an earlier read finds them gone.
pub async fn delete(conn: &mut Conn, entity: EntityType, ids: &[i64], by: i64, now: i64) -> sqlx::Result<Vec<i64>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!(
        "UPDATE items SET deleted_at = $1, deleted_by = $2, version = version + 1
         WHERE entity_type = $3 AND deleted_at IS NULL AND id IN ({}) RETURNING id",
        placeholders(3, ids.len())
    );
    let mut q = sqlx::query(&sql).bind(now).bind(by).bind(entity.slug());
    for id in ids {
        q = q.bind(*id);
    }
    let mut tx = conn.begin().await?;
    let done = q.fetch_all(&mut *tx).await?.into_iter().map(|r| r.try_get(0)).collect::<sqlx::Result<Vec<i64>>>()?;
    tx.commit().await?;
    Ok(done)
}

/// An item in the recycle bin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BinRow {
    pub id: i64,
    pub entity: EntityType,
    pub title: String,
    pub deleted_at: i64,
    pub deleted_by: Option<i64>,
    pub deleted_by_name: Option<String>,
    /// Whose it is (for the reader's scopes).
    pub owner: crate::domain::access::Owner,
}

/// The columns of a [`BinRow`], from `items i`, `users u` (who deleted it) and `users r` (whose it
/// is).
const BIN_COLUMNS: &str = "i.id, i.entity_type, i.title, i.deleted_at, i.deleted_by, u.name, i.responsible_id,
    r.department_id, i.pipeline_id FROM items i LEFT JOIN users u ON u.id = i.deleted_by LEFT JOIN users r ON r.id = i.responsible_id";

fn bin_row(r: sqlx::any::AnyRow) -> sqlx::Result<BinRow> {
    let e: String = r.try_get(1)?;
    Ok(BinRow {
        id: r.try_get(0)?,
        entity: e.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        title: r.try_get(2)?,
        deleted_at: r.try_get(3)?,
        deleted_by: r.try_get(4)?,
        deleted_by_name: r.try_get(5)?,
        owner: crate::domain::access::Owner {
            responsible_id: r.try_get(6)?,
            department_id: r.try_get(7)?,
            pipeline_id: r.try_get(8)?,
        },
    })
}

/// The items in the recycle bin, most recently deleted first (`by`: only those this user
/// deleted), at most `limit`.
pub async fn list(conn: &mut Conn, by: Option<i64>, limit: usize) -> sqlx::Result<Vec<BinRow>> {
    let sql = format!(
        "SELECT {BIN_COLUMNS} WHERE i.deleted_at IS NOT NULL AND ($2 = 0 OR i.deleted_by = $2)
         ORDER BY i.deleted_at DESC, i.id DESC LIMIT $1"
    );
    let rows = sqlx::query(&sql).bind(limit as i64).bind(by.unwrap_or(0)).fetch_all(conn).await?;
    rows.into_iter().map(bin_row).collect()
}

/// The items of these ids that are in the recycle bin (to decide who may restore or purge them).
pub async fn binned(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<BinRow>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let sql =
        format!("SELECT {BIN_COLUMNS} WHERE i.deleted_at IS NOT NULL AND i.id IN ({})", placeholders(0, ids.len()));
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    q.fetch_all(conn).await?.into_iter().map(bin_row).collect()
}

/// Brings these items back from the recycle bin as they were; answers how many came back.
pub async fn restore(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "UPDATE items SET deleted_at = NULL, deleted_by = NULL, version = version + 1
         WHERE deleted_at IS NOT NULL AND id IN ({})",
        placeholders(0, ids.len())
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    Ok(q.execute(conn).await?.rows_affected())
}

/// Deletes these items of the recycle bin for good, with their values, links (both ways),
/// History, timeline, files and bookings, in one transaction; answers how many went.
pub async fn purge(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let list = placeholders(0, ids.len());
    let of_binned = format!("IN (SELECT id FROM items WHERE deleted_at IS NOT NULL AND id IN ({list}))");
    let statements = [
        format!("DELETE FROM field_values WHERE item_id {of_binned}"),
        format!("DELETE FROM item_links WHERE from_item {of_binned} OR to_item {of_binned}"),
        format!("DELETE FROM field_changes WHERE item_id {of_binned}"),
        format!("DELETE FROM timeline_events WHERE item_id {of_binned}"),
        format!("DELETE FROM bookings WHERE item_id {of_binned}"),
        format!("DELETE FROM files WHERE item_id {of_binned}"),
        format!("DELETE FROM items WHERE deleted_at IS NOT NULL AND id IN ({list})"),
    ];
    let mut tx = conn.begin().await?;
    let binned: Vec<i64> = binned(&mut tx, ids).await?.into_iter().map(|r| r.id).collect();
    unlink(&mut tx, &binned).await?;
    let mut gone = 0;
    for sql in &statements {
        let mut q = sqlx::query(sql);
        for id in ids {
            q = q.bind(*id);
        }
        gone = q.execute(&mut *tx).await?.rows_affected();
    }
    tx.commit().await?;
    Ok(gone)
}

/// Purges what has been in the recycle bin since before `cutoff`, `batch` items per
/// transaction (so other writers never wait long); answers how many went. Several servers may
/// run it at once: each batch deletes what is still there.
pub async fn purge_older_than(conn: &mut Conn, cutoff: i64, batch: usize) -> sqlx::Result<u64> {
    let mut total = 0;
    loop {
        let ids: Vec<i64> = sqlx::query("SELECT id FROM items WHERE deleted_at < $1 ORDER BY deleted_at LIMIT $2")
            .bind(cutoff)
            .bind(batch as i64)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|r| r.try_get(0))
            .collect::<sqlx::Result<_>>()?;
        if ids.is_empty() {
            return Ok(total);
        }
        total += purge(conn, &ids).await?;
    }
}

/// Takes the items of `doomed` (about to be deleted for good) out of the CRM-item values of the
/// other items that point to them, so no value names an id that is gone (and that SQLite may
/// give to a new item one day). Such an item's version moves on, so an editor holding the old
/// value merges instead of writing it back. Runs inside the caller's transaction.
pub(super) async fn unlink(conn: &mut Conn, doomed: &[i64]) -> sqlx::Result<()> {
    use crate::domain::Value;
    use std::collections::BTreeSet;
    let gone: BTreeSet<i64> = doomed.iter().copied().collect();
    for chunk in doomed.chunks(500) {
        let sql = format!(
            "SELECT DISTINCT l.from_item, l.field_code, v.value FROM item_links l
             JOIN field_values v ON v.item_id = l.from_item AND v.field_code = l.field_code
             WHERE l.to_item IN ({})",
            placeholders(0, chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        let rows = q.fetch_all(&mut *conn).await?;
        for r in rows {
            let (from, code): (i64, String) = (r.try_get(0)?, r.try_get(1)?);
            if gone.contains(&from) {
                continue;
            }
            let value = super::items::decode_value(&r.try_get::<String, _>(2)?)?;
            let kept: Vec<Value> = value
                .entries()
                .iter()
                .filter(|e| !matches!(e, Value::Item(i) if gone.contains(&i.id)))
                .cloned()
                .collect();
            if kept.len() == value.entries().len() {
                continue;
            }
            let query = match (kept.len(), &value) {
                (0, _) => sqlx::query("DELETE FROM field_values WHERE item_id = $1 AND field_code = $2"),
                (_, Value::Many(_)) => {
                    sqlx::query("UPDATE field_values SET value = $3 WHERE item_id = $1 AND field_code = $2")
                        .bind(super::items::encode_value(&Value::Many(kept))?)
                }
                (_, _) => continue,
            };
            query.bind(from).bind(&code).execute(&mut *conn).await?;
            sqlx::query("UPDATE items SET version = version + 1 WHERE id = $1").bind(from).execute(&mut *conn).await?;
        }
    }
    Ok(())
}
