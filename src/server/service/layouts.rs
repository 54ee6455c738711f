//! Layout editing of one card view: settings mode, operations, history, rollback. Who may
//! change which view: `views::may_edit`.

use super::fields_for;
use super::views::may_edit;
use crate::api::types::{CurrentUser, LayoutConflict, LayoutEditor, LayoutSaved, LayoutVersionView};
use crate::domain::layout_ops::{diff, LayoutOp, MAX_OPS};
use crate::domain::views::{CardKind, ViewRef};
use crate::domain::{EntityType, FieldDef, Layout};
use crate::error::AppError;
use crate::server::store::layouts::{self, Author, Record};
use crate::server::store::{now_ms, Conn, Store};
use crate::text;

/// Versions shown in the layout history.
const HISTORY_LIMIT: usize = 50;

/// The fields whose codes may appear in a layout the user edits: every field for admins, the
/// ones they see for anybody else (not even the code of a hidden field reaches them).
async fn editable_fields(
    store: &Store,
    conn: &mut Conn,
    entity: EntityType,
    user: &CurrentUser,
) -> sqlx::Result<Vec<FieldDef>> {
    let cfg = store.config.fresh(conn).await?;
    Ok(fields_for(&cfg, conn, entity, user).await?.visible)
}

fn as_seen(mut layout: Layout, fields: &[FieldDef]) -> Layout {
    layout.retain_fields(|c| fields.iter().any(|f| f.code == c));
    layout
}

pub async fn layout_editor(
    store: &Store,
    user: &CurrentUser,
    kind: CardKind,
    view: ViewRef,
) -> Result<LayoutEditor, AppError> {
    super::sees_kind(user, kind)?;
    let entity = kind.entity;
    let mut conn = store.pool.acquire().await?;
    may_edit(&mut conn, user, entity, view).await?;
    let fields = editable_fields(store, &mut conn, entity, user).await?;
    let (version, layout) = layouts::of_view(&mut conn, kind, view).await?;
    Ok(LayoutEditor { view, version, layout: as_seen(layout, &fields), fields, can_edit: true })
}

/// The layout an operation applies to, as it is, with the configuration revision (one
/// statement). Reading it needs nobody's rights, so the server function reads it beside the
/// sign-in check (`server::serve_reading`); [`save_layout`] decides whether the user may change
/// the view.
pub struct LayoutBase {
    kind: CardKind,
    view: ViewRef,
    revision: i64,
    seen: Option<(i64, Layout)>,
}

/// Reads a [`LayoutBase`].
pub async fn read_layout_base(conn: &mut Conn, kind: CardKind, view: ViewRef) -> Result<LayoutBase, AppError> {
    let (revision, seen) = layouts::current_at_revision(conn, kind, &view.scope()).await?;
    Ok(LayoutBase { kind, view, revision, seen })
}

/// Applies `ops` to the layout read in `base`, written only if the layout is still as read
/// (otherwise under a lock, on top of what was saved meanwhile). A personal view keeps to the
/// configured number of sections, and its versions beyond the configured count are pruned.
pub async fn save_layout(
    store: &Store,
    config: &crate::server::config::Config,
    conn: &mut Conn,
    user: &CurrentUser,
    base: LayoutBase,
    version: i64,
    ops: Vec<LayoutOp>,
) -> Result<LayoutSaved, AppError> {
    let LayoutBase { kind, view, revision, seen } = base;
    super::sees_kind(user, kind)?;
    let entity = kind.entity;
    if ops.is_empty() || ops.len() > MAX_OPS {
        return Err(AppError::BadRequest { message: text::err_too_many_ops().into() });
    }
    may_edit(conn, user, entity, view).await?;
    // The fields come from the read's configuration revision, kept in memory.
    let scope = view.scope();
    let fields = fields_for(&store.config.at(revision), &mut *conn, entity, user).await?.visible;
    let known = |code: &str| fields.iter().any(|f| f.code == code);
    let personal = matches!(view, ViewRef::Personal(_));
    let max_sections = personal.then_some(config.max_personal_sections.max(1));
    let by = Author { user_id: Some(user.id), now: now_ms() };
    let save =
        layouts::OpsSave { kind, scope: &scope, base_version: version, ops: &ops, known: &known, by, max_sections };
    let saved = layouts::apply_ops_to(&mut *conn, save, seen).await?;
    if let (true, Some(max)) = (saved.too_many_sections, max_sections) {
        return Err(AppError::Limit { message: text::err_personal_sections(max) });
    }
    if personal {
        layouts::prune(&mut *conn, kind, &scope, saved.version - config.personal_versions_kept.max(1)).await?;
    }
    let conflicts =
        saved.conflicts.into_iter().map(|(op, c)| LayoutConflict { op, message: text::layout_conflict(&c) }).collect();
    Ok(LayoutSaved {
        version: saved.version,
        layout: as_seen(saved.layout, &fields),
        rebased: saved.rebased,
        conflicts,
    })
}

pub async fn layout_history(
    store: &Store,
    user: &CurrentUser,
    kind: CardKind,
    view: ViewRef,
) -> Result<Vec<LayoutVersionView>, AppError> {
    super::sees_kind(user, kind)?;
    let entity = kind.entity;
    let mut conn = store.pool.acquire().await?;
    may_edit(&mut conn, user, entity, view).await?;
    let rows = layouts::history(&mut conn, kind, &view.scope(), HISTORY_LIMIT + 1).await?;
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
    kind: CardKind,
    view: ViewRef,
    version: i64,
) -> Result<LayoutSaved, AppError> {
    super::sees_kind(user, kind)?;
    let entity = kind.entity;
    let mut conn = store.pool.acquire().await?;
    may_edit(&mut conn, user, entity, view).await?;
    let fields = editable_fields(store, &mut conn, entity, user).await?;
    let by = Author { user_id: Some(user.id), now: now_ms() };
    match layouts::rollback(&mut conn, kind, &view.scope(), version, by).await? {
        Some((version, layout)) => {
            Ok(LayoutSaved { version, layout: as_seen(layout, &fields), rebased: false, conflicts: vec![] })
        }
        None => Err(AppError::BadRequest { message: text::err_unknown_version().into() }),
    }
}
