//! Deleting items to the recycle bin, and the bin: restore, delete permanently
//! (docs/RECYCLE_BIN.md). Deleting needs the role's `delete` scope to reach the item; the bin
//! shows administrators everything and everybody else what they deleted themselves.

use super::{entity_of, item_for, known, may, needs, type_names};
use crate::api::types::{BinItem, CurrentUser, RecycleBin};
use crate::domain::access::Action;
use crate::domain::item_write::{decide, Change, Decision, Read, Rules, Since};
use crate::domain::Values;
use crate::error::AppError;
use crate::server::store::recycle::{self, BinRow};
use crate::server::store::{now_ms, Store};

/// Most items one request deletes, restores or purges.
pub const MAX_BATCH: usize = 200;
/// Most items the bin lists.
pub const BIN_LIMIT: usize = 500;

fn batch(ids: &[i64]) -> Result<(), AppError> {
    if ids.is_empty() || ids.len() > MAX_BATCH {
        Err(AppError::bad_request())
    } else {
        Ok(())
    }
}

/// Moves items of one type to the recycle bin: all of them, or none when the user's delete
/// scope misses one (an item they may not read is "not found", one they may read but not
/// delete "forbidden"). Answers how many went.
pub async fn delete_items(store: &Store, user: &CurrentUser, entity: &str, ids: Vec<i64>) -> Result<usize, AppError> {
    let entity = entity_of(entity)?;
    batch(&ids)?;
    needs(user, entity, Action::Delete)?;
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    known(&cfg, &mut conn, entity).await?;
    let (fields, pipelines) = (cfg.fields(&mut conn, entity).await?, cfg.pipelines(&mut conn, entity).await?);
    let rules = Rules { entity, fields: &fields, pipelines: &pipelines };
    let unread = Values::new();
    for id in &ids {
        let row = item_for(&mut conn, user, entity, *id, Action::Delete).await?;
        let read = Read { version: row.version, pipeline_id: row.pipeline_id, stage_id: row.stage_id, values: &unread };
        if decide(rules, Some(read), Change::Delete, &Since::Nothing) != Decision::Delete {
            return Err(AppError::NotFound);
        }
    }
    let done = recycle::delete(&mut conn, entity, &ids, user.id, now_ms()).await?;
    if done.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(done.len())
}

/// What the user may see of the bin: everything for administrators, else their own deletions.
pub async fn recycle_bin(store: &Store, user: &CurrentUser, days: i64) -> Result<RecycleBin, AppError> {
    let mut conn = store.pool.acquire().await?;
    let mut rows = recycle::list(&mut conn, (!user.is_admin).then_some(user.id), BIN_LIMIT).await?;
    // One's own deletions, while one may still read them (rights may have changed since).
    rows.retain(|r| may(user, r.entity, Action::Read, &r.owner));
    let cfg = store.config.fresh(&mut conn).await?;
    let registry = cfg.registry(&mut conn).await?;
    let names = type_names(&registry, user);
    let items = rows
        .into_iter()
        .map(|r| BinItem {
            id: r.id,
            type_name: names.name(r.entity),
            entity: r.entity,
            title: r.title,
            deleted_at: r.deleted_at,
            deleted_by: r.deleted_by_name,
        })
        .collect();
    Ok(RecycleBin { items, everybody: user.is_admin, days })
}

/// The binned items of `ids` the user may restore or purge: administrators any, others those
/// they deleted and may still read and delete. Any other id (not in the bin, not theirs, out of
/// their scopes now) fails the whole request as "not found", so the bin reveals nothing of
/// others' deletions.
async fn own_binned(store: &Store, user: &CurrentUser, ids: &[i64]) -> Result<Vec<BinRow>, AppError> {
    batch(ids)?;
    let mut conn = store.pool.acquire().await?;
    let rows = recycle::binned(&mut conn, ids).await?;
    let mine = |r: &BinRow| {
        user.is_admin
            || (r.deleted_by == Some(user.id)
                && may(user, r.entity, Action::Read, &r.owner)
                && may(user, r.entity, Action::Delete, &r.owner))
    };
    if ids.iter().any(|id| !rows.iter().any(|r| r.id == *id && mine(r))) {
        return Err(AppError::NotFound);
    }
    Ok(rows)
}

/// Brings items back with their values, links, timeline, History and files.
pub async fn restore_items(store: &Store, user: &CurrentUser, ids: Vec<i64>) -> Result<u64, AppError> {
    own_binned(store, user, &ids).await?;
    let mut conn = store.pool.acquire().await?;
    Ok(recycle::restore(&mut conn, &ids).await?)
}

/// Deletes items of the bin for good.
pub async fn purge_items(store: &Store, user: &CurrentUser, ids: Vec<i64>) -> Result<u64, AppError> {
    own_binned(store, user, &ids).await?;
    let mut conn = store.pool.acquire().await?;
    Ok(recycle::purge(&mut conn, &ids).await?)
}

/// Purges what has been in the bin longer than `days`, now and then every hour, for as long as
/// the server runs. Every app server may run it: each batch deletes only what is still there.
/// Sign-in failure counters that no longer count go at the same time.
pub fn spawn_purge(store: Store, days: i64) {
    const HOUR: std::time::Duration = std::time::Duration::from_secs(3600);
    tokio::spawn(async move {
        loop {
            let cutoff = now_ms() - days.max(1) * 86_400_000;
            let purged = async {
                let mut conn = store.pool.acquire().await?;
                recycle::purge_older_than(&mut conn, cutoff, 100).await
            };
            match purged.await {
                Ok(0) => {}
                Ok(n) => tracing::info!("recycle bin: {n} item(s) older than {days} days deleted for good"),
                Err(e) => tracing::warn!("recycle bin purge failed (tried again in an hour): {e}"),
            }
            let forgotten = async {
                let mut conn = store.pool.acquire().await?;
                crate::server::store::sign_in::forget_old(&mut conn, now_ms()).await
            };
            if let Err(e) = forgotten.await {
                tracing::warn!("forgetting old sign-in failures failed (tried again in an hour): {e}");
            }
            tokio::time::sleep(HOUR).await;
        }
    });
}
