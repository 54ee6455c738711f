//! Layout editing: settings mode, operations, history, rollback.

use super::{admin_only, entity_of, fields_for};
use crate::api::types::{CurrentUser, LayoutConflict, LayoutEditor, LayoutSaved, LayoutVersionView};
use crate::domain::layout_ops::{diff, LayoutOp, MAX_OPS};
use crate::error::AppError;
use crate::server::store::layouts::{self, Author, Record, COMMON};
use crate::server::store::{catalog, now_ms, Store};
use crate::text;

/// Versions shown in the layout history.
const HISTORY_LIMIT: usize = 50;

pub async fn layout_editor(store: &Store, user: &CurrentUser, entity: &str) -> Result<LayoutEditor, AppError> {
    let entity = entity_of(entity)?;
    let mut conn = store.pool.acquire().await?;
    let fields = fields_for(&mut conn, entity, user).await?.visible;
    let (version, mut layout) = match layouts::current(&mut conn, entity, COMMON).await? {
        Some(current) => current,
        None => (1, catalog::layout(&mut conn, entity).await?),
    };
    if !user.is_admin {
        // Not even the code of a field hidden from the user leaves the server.
        layout.retain_fields(|c| fields.iter().any(|f| f.code == c));
    }
    Ok(LayoutEditor { version, layout, fields, can_edit: user.is_admin })
}

pub async fn save_layout(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    version: i64,
    ops: Vec<LayoutOp>,
) -> Result<LayoutSaved, AppError> {
    let entity = entity_of(entity)?;
    admin_only(user)?;
    if ops.is_empty() || ops.len() > MAX_OPS {
        return Err(AppError::BadRequest { message: text::ERR_TOO_MANY_OPS.into() });
    }
    let mut conn = store.pool.acquire().await?;
    let fields = catalog::fields(&mut conn, entity).await?;
    let known = |code: &str| fields.iter().any(|f| f.code == code);
    let by = Author { user_id: Some(user.id), now: now_ms() };
    let saved = layouts::apply_ops(&mut conn, entity, COMMON, version, &ops, &known, by).await?;
    let conflicts =
        saved.conflicts.into_iter().map(|(op, c)| LayoutConflict { op, message: text::layout_conflict(&c) }).collect();
    Ok(LayoutSaved { version: saved.version, layout: saved.layout, rebased: saved.rebased, conflicts })
}

pub async fn layout_history(
    store: &Store,
    _user: &CurrentUser,
    entity: &str,
) -> Result<Vec<LayoutVersionView>, AppError> {
    let entity = entity_of(entity)?;
    let mut conn = store.pool.acquire().await?;
    let rows = layouts::history(&mut conn, entity, COMMON, HISTORY_LIMIT + 1).await?;
    Ok(rows
        .iter()
        .enumerate()
        .take(HISTORY_LIMIT)
        .map(|(i, row)| LayoutVersionView {
            version: row.version,
            author: row.author.clone(),
            at: row.at,
            changes: rows.get(i + 1).map(|older| diff(&older.layout, &row.layout)).unwrap_or_default(),
            rollback_to: match row.record {
                Record::Rollback { to } => Some(to),
                _ => None,
            },
        })
        .collect())
}

pub async fn rollback_layout(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    version: i64,
) -> Result<LayoutSaved, AppError> {
    let entity = entity_of(entity)?;
    admin_only(user)?;
    let mut conn = store.pool.acquire().await?;
    let by = Author { user_id: Some(user.id), now: now_ms() };
    match layouts::rollback(&mut conn, entity, COMMON, version, by).await? {
        Some((version, layout)) => Ok(LayoutSaved { version, layout, rebased: false, conflicts: vec![] }),
        None => Err(AppError::BadRequest { message: text::ERR_UNKNOWN_VERSION.into() }),
    }
}
