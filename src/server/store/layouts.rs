//! Layouts as saved versions. A save claims the layout row (`version + 1`), applies the
//! operations to the layout as it is now (rebasing over anyone who saved meanwhile), and keeps
//! the new version with its author, time and operations.

use super::batch::Batch;
use super::Conn;
use crate::domain::catalog;
use crate::domain::layout_ops::{rebase, LayoutOp, OpConflict};
use crate::domain::views::{CardKind, ViewRef};
use crate::domain::Layout;
use serde::{Deserialize, Serialize};
use sqlx::{Connection, Row};

/// Scope of the common view's layout (`ViewRef::Common.scope()`).
pub const COMMON: &str = "common";

/// Who saves, and when.
#[derive(Clone, Copy, Debug)]
pub struct Author {
    pub user_id: Option<i64>,
    pub now: i64,
}

/// What produced a version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    /// The shipped layout the scope started from.
    Initial,
    Ops {
        ops: Vec<LayoutOp>,
    },
    Rollback {
        to: i64,
    },
    /// Back to the shipped layout ("Reset to initial view").
    Reset,
    /// A copy of another view's layout (a new own or named view starts as what its author saw).
    Copy {
        from: String,
    },
}

fn json<T: Serialize>(v: &T) -> sqlx::Result<String> {
    serde_json::to_string(v).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

fn parse<T: for<'de> Deserialize<'de>>(s: &str) -> sqlx::Result<T> {
    serde_json::from_str(s).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// The current version and layout of a scope, if it was ever saved.
pub async fn current(conn: &mut Conn, kind: CardKind, scope: &str) -> sqlx::Result<Option<(i64, Layout)>> {
    let row = sqlx::query("SELECT version, body FROM layouts WHERE entity_type = $1 AND scope = $2")
        .bind(kind.key())
        .bind(scope)
        .fetch_optional(conn)
        .await?;
    row.map(|r| Ok((r.try_get(0)?, parse(&r.try_get::<String, _>(1)?)?))).transpose()
}

/// The configuration revision now and, in the same statement, the scope's current version and
/// layout (as [`current`]): what a layout operation decides from.
pub async fn current_at_revision(
    conn: &mut Conn,
    kind: CardKind,
    scope: &str,
) -> sqlx::Result<(i64, Option<(i64, Layout)>)> {
    let row = sqlx::query(
        "SELECT c.revision, l.version, l.body FROM config_revision c
         LEFT JOIN layouts l ON l.entity_type = $1 AND l.scope = $2",
    )
    .bind(kind.key())
    .bind(scope)
    .fetch_one(conn)
    .await?;
    let current = match (row.try_get::<Option<i64>, _>(1)?, row.try_get::<Option<String>, _>(2)?) {
        (Some(version), Some(body)) => Some((version, parse(&body)?)),
        _ => None,
    };
    Ok((row.try_get(0)?, current))
}

/// The layout a view shows and its version. A scope never saved shows what it starts from:
/// the parent kind's layout of the view (a deal pipeline's starts as the deals'), else the
/// type's default layout (shipped, or made with its smart process) as version 1 (what its first
/// save writes as version 1).
pub async fn of_view(conn: &mut Conn, kind: CardKind, view: ViewRef) -> sqlx::Result<(i64, Layout)> {
    // The kind's own row, its parent's and the type's default, in one query; in that order.
    let parent = kind.parent().unwrap_or(kind);
    let entity = CardKind::entity(kind.entity).key();
    let rows = sqlx::query(
        "SELECT entity_type, scope, version, body FROM layouts
         WHERE (entity_type IN ($1, $2) AND scope = $3) OR (entity_type = $4 AND scope = 'default')",
    )
    .bind(kind.key())
    .bind(parent.key())
    .bind(view.scope())
    .bind(&entity)
    .fetch_all(conn)
    .await?;
    let of = |key: &str, scope: &str| {
        rows.iter().find(|r| {
            r.try_get::<String, _>(0).is_ok_and(|k| k == key) && r.try_get::<String, _>(1).is_ok_and(|s| s == scope)
        })
    };
    let scope = view.scope();
    match of(&kind.key(), &scope).or_else(|| of(&parent.key(), &scope)) {
        Some(r) if view != ViewRef::Default => Ok((r.try_get(2)?, parse(&r.try_get::<String, _>(3)?)?)),
        _ => match of(&entity, "default") {
            Some(r) => Ok((1, parse(&r.try_get::<String, _>(3)?)?)),
            None => Ok((1, catalog::fallback_layout(kind.entity))),
        },
    }
}

/// Makes sure the scope has a row, starting as what the scope showed so far (version 1); true
/// when it made it.
async fn ensure(conn: &mut Conn, kind: CardKind, scope: &str, by: Author) -> sqlx::Result<bool> {
    let view = ViewRef::from_scope(scope).unwrap_or(ViewRef::Common);
    let (_, start) = of_view(conn, kind, view).await?;
    ensure_as(conn, kind, scope, &start, &Record::Initial, by).await
}

/// Makes sure the scope has a row, starting as `initial` (version 1); true when it made it.
async fn ensure_as(
    conn: &mut Conn,
    kind: CardKind,
    scope: &str,
    initial: &Layout,
    record: &Record,
    by: Author,
) -> sqlx::Result<bool> {
    let body = json(initial)?;
    let inserted = sqlx::query(
        "INSERT INTO layouts (entity_type, scope, version, body, updated_by, updated_at) VALUES ($1, $2, 1, $3, $4, $5)
         ON CONFLICT (entity_type, scope) DO NOTHING",
    )
    .bind(kind.key())
    .bind(scope)
    .bind(&body)
    .bind(by.user_id)
    .bind(by.now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if inserted == 1 {
        let mut batch = Batch::new(conn);
        push_version(&mut batch, kind, scope, 1, &body, record, by)?;
        batch.run(conn).await?;
    }
    Ok(inserted == 1)
}

/// Writes `layout` as the scope's next version (its first, when the scope is new).
pub async fn put(
    conn: &mut Conn,
    kind: CardKind,
    scope: &str,
    layout: &Layout,
    record: &Record,
    by: Author,
) -> sqlx::Result<i64> {
    let mut tx = conn.begin().await?;
    let version = if ensure_as(&mut tx, kind, scope, layout, record, by).await? {
        1
    } else {
        let (current, _) = locked_current(&mut tx, kind, scope).await?.ok_or(sqlx::Error::RowNotFound)?;
        write_next(&mut tx, kind, scope, current, layout, record, by).await?
    };
    tx.commit().await?;
    Ok(version)
}

/// Adds the row of one version of a layout to `batch`, as a write that returns the version.
fn push_version(
    batch: &mut Batch,
    kind: CardKind,
    scope: &str,
    version: i64,
    body: &str,
    record: &Record,
    by: Author,
) -> sqlx::Result<()> {
    let g = batch.guard_first_write();
    let (entity, scope, version) = (batch.text(kind.key()), batch.text(scope.to_string()), batch.int(version));
    let (body, record) = (batch.text(body.to_string()), batch.text(json(record)?));
    let (author, at) = (batch.int(by.user_id), batch.int(by.now));
    batch.write(format!(
        "INSERT INTO layout_versions (entity_type, scope, version, body, record, author_id, created_at)
         SELECT {entity}, {scope}, {version}, {body}, {record}, {author}, {at} WHERE {g} RETURNING version"
    ));
    Ok(())
}

/// Writes `layout` as the scope's next version after `current`, in one batch, if the row is
/// still at `current`; `None`, having written nothing, when it has moved on. Its two writes (the
/// row and its version) are atomic on PostgreSQL as one statement; on SQLite the caller runs it
/// inside a transaction.
async fn claim_next(
    conn: &mut Conn,
    kind: CardKind,
    scope: &str,
    current: i64,
    layout: &Layout,
    record: &Record,
    by: Author,
) -> sqlx::Result<Option<i64>> {
    let body = json(layout)?;
    let mut batch = Batch::new(conn);
    let (entity, scope_arg, at_version) = (batch.text(kind.key()), batch.text(scope.to_string()), batch.int(current));
    let (body_arg, author, at) = (batch.text(body.clone()), batch.int(by.user_id), batch.int(by.now));
    batch.claim(format!(
        "UPDATE layouts SET version = version + 1, body = {body_arg}, updated_by = {author}, updated_at = {at}
         WHERE entity_type = {entity} AND scope = {scope_arg} AND version = {at_version} RETURNING version"
    ));
    push_version(&mut batch, kind, scope, current + 1, &body, record, by)?;
    Ok(batch.run(conn).await?.map(|_| current + 1))
}

/// Writes `layout` as the scope's next version after `current`. The caller holds the row's lock
/// (`locked_current`), so the row is still at `current`: finding it elsewhere is an error.
async fn write_next(
    conn: &mut Conn,
    kind: CardKind,
    scope: &str,
    current: i64,
    layout: &Layout,
    record: &Record,
    by: Author,
) -> sqlx::Result<i64> {
    claim_next(conn, kind, scope, current, layout, record, by).await?.ok_or(sqlx::Error::RowNotFound)
}

/// Deletes the scope's versions up to `through` (the oldest ones), keeping the newer ones for
/// history and rollback.
pub async fn prune(conn: &mut Conn, kind: CardKind, scope: &str, through: i64) -> sqlx::Result<u64> {
    if through < 1 {
        return Ok(0);
    }
    Ok(sqlx::query("DELETE FROM layout_versions WHERE entity_type = $1 AND scope = $2 AND version <= $3")
        .bind(kind.key())
        .bind(scope)
        .bind(through)
        .execute(conn)
        .await?
        .rows_affected())
}

/// A no-op update of the scope's row: takes the write lock (on SQLite the database's, on
/// PostgreSQL the row's when it exists); true when the scope has its row.
pub async fn lock(conn: &mut Conn, kind: CardKind, scope: &str) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE layouts SET version = version WHERE entity_type = $1 AND scope = $2")
        .bind(kind.key())
        .bind(scope)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Locks the layout row, as `lock` does, and reads its version and layout in the same statement.
async fn locked_current(conn: &mut Conn, kind: CardKind, scope: &str) -> sqlx::Result<Option<(i64, Layout)>> {
    let row = sqlx::query(
        "UPDATE layouts SET version = version WHERE entity_type = $1 AND scope = $2 RETURNING version, body",
    )
    .bind(kind.key())
    .bind(scope)
    .fetch_optional(conn)
    .await?;
    row.map(|r| Ok((r.try_get(0)?, parse(&r.try_get::<String, _>(1)?)?))).transpose()
}

#[derive(Clone, Debug, PartialEq)]
pub struct LayoutSave {
    pub version: i64,
    pub layout: Layout,
    /// Someone else saved after the editor's version; the operations were applied on top.
    pub rebased: bool,
    pub conflicts: Vec<(LayoutOp, OpConflict)>,
    /// The operations would have given the layout more sections than `OpsSave::max_sections`:
    /// nothing was written, and `layout` is the current one.
    pub too_many_sections: bool,
}

/// Whether `after` breaks a section limit that `before` kept (a layout already over it, made
/// before the limit was lowered, may still lose sections).
fn over_limit(max: Option<usize>, before: &Layout, after: &Layout) -> bool {
    max.is_some_and(|max| after.sections.len() > max && after.sections.len() > before.sections.len())
}

/// Operations to apply to one scope's layout: what an editor saved, from which version, by whom.
#[derive(Clone, Copy)]
pub struct OpsSave<'a> {
    pub kind: CardKind,
    pub scope: &'a str,
    /// The version the editor started from.
    pub base_version: i64,
    pub ops: &'a [LayoutOp],
    /// Field codes the operations may name.
    pub known: &'a (dyn Fn(&str) -> bool + Sync),
    pub by: Author,
    /// The most sections the layout may have after the operations (a personal view's quota).
    pub max_sections: Option<usize>,
}

/// Applies `ops`, saved by an editor who started from `base_version`, to the current layout.
/// When none applies, no version is made and the current layout comes back with the reasons.
pub async fn apply_ops(
    conn: &mut Conn,
    kind: CardKind,
    scope: &str,
    base_version: i64,
    ops: &[LayoutOp],
    known: &(dyn Fn(&str) -> bool + Sync),
    by: Author,
) -> sqlx::Result<LayoutSave> {
    let seen = current(conn, kind, scope).await?;
    apply_ops_to(conn, OpsSave { kind, scope, base_version, ops, known, by, max_sections: None }, seen).await
}

/// [`apply_ops`] to `seen`, the scope's version and layout as the caller just read them.
///
/// The operations are applied to what was read, and the result is written by one batch that
/// claims the row only at that version (its version row is guarded by the claim), so no lock is
/// held while deciding: on PostgreSQL one statement, on SQLite one request inside `BEGIN …
/// COMMIT`. If someone saved in between, or the scope has no row yet, the row is locked, read
/// again and the operations applied to that. Both ways give the outcome of applying the
/// operations one after another.
pub async fn apply_ops_to(conn: &mut Conn, save: OpsSave<'_>, seen: Option<(i64, Layout)>) -> sqlx::Result<LayoutSave> {
    let OpsSave { kind, scope, base_version, ops, known, by, max_sections } = save;
    if let Some((version, layout)) = seen {
        let rebased = base_version != version;
        let result = rebase(&layout, ops, known);
        let too_many_sections = over_limit(max_sections, &layout, &result.layout);
        if result.applied.is_empty() || too_many_sections {
            return Ok(LayoutSave { version, layout, rebased, conflicts: result.conflicts, too_many_sections });
        }
        let record = Record::Ops { ops: result.applied.clone() };
        let claimed = if super::batch::is_postgres(conn) {
            claim_next(conn, kind, scope, version, &result.layout, &record, by).await?
        } else {
            let mut tx = conn.begin().await?;
            let claimed = claim_next(&mut tx, kind, scope, version, &result.layout, &record, by).await?;
            if claimed.is_some() {
                tx.commit().await?;
            } else {
                tx.rollback().await?;
            }
            claimed
        };
        if let Some(new_version) = claimed {
            return Ok(LayoutSave {
                version: new_version,
                layout: result.layout,
                rebased,
                conflicts: result.conflicts,
                too_many_sections: false,
            });
        }
    }
    apply_ops_locked(conn, save).await
}

/// `apply_ops` under the row's lock.
async fn apply_ops_locked(conn: &mut Conn, save: OpsSave<'_>) -> sqlx::Result<LayoutSave> {
    let OpsSave { kind, scope, base_version, ops, known, by, max_sections } = save;
    let mut tx = conn.begin().await?;
    // Take the write lock before reading anything (SQLite cannot turn a reading transaction
    // into a writing one while another writer went first), then make sure the row exists and
    // lock it (PostgreSQL), so concurrent saves of this layout queue up.
    let (created, (version, layout)) = match locked_current(&mut tx, kind, scope).await? {
        Some(current) => (false, current),
        None => {
            let created = ensure(&mut tx, kind, scope, by).await?;
            (created, locked_current(&mut tx, kind, scope).await?.ok_or(sqlx::Error::RowNotFound)?)
        }
    };
    // A scope made just now started from what the editor saw: nobody saved in between.
    let rebased = !created && base_version != version;
    let result = rebase(&layout, ops, known);
    let too_many_sections = over_limit(max_sections, &layout, &result.layout);
    if result.applied.is_empty() || too_many_sections {
        tx.rollback().await?;
        return Ok(LayoutSave { version, layout, rebased, conflicts: result.conflicts, too_many_sections });
    }
    let record = Record::Ops { ops: result.applied.clone() };
    let new_version = write_next(&mut tx, kind, scope, version, &result.layout, &record, by).await?;
    tx.commit().await?;
    Ok(LayoutSave {
        version: new_version,
        layout: result.layout,
        rebased,
        conflicts: result.conflicts,
        too_many_sections: false,
    })
}

/// A new version whose layout is that of `to` (a rollback is itself a version).
pub async fn rollback(
    conn: &mut Conn,
    kind: CardKind,
    scope: &str,
    to: i64,
    by: Author,
) -> sqlx::Result<Option<(i64, Layout)>> {
    let mut tx = conn.begin().await?;
    let Some((current, _)) = locked_current(&mut tx, kind, scope).await? else {
        return Ok(None);
    };
    let Some(old) = version_body(&mut tx, kind, scope, to).await? else {
        return Ok(None);
    };
    let version = write_next(&mut tx, kind, scope, current, &old, &Record::Rollback { to }, by).await?;
    tx.commit().await?;
    Ok(Some((version, old)))
}

pub async fn version_body(conn: &mut Conn, kind: CardKind, scope: &str, version: i64) -> sqlx::Result<Option<Layout>> {
    let row = sqlx::query("SELECT body FROM layout_versions WHERE entity_type = $1 AND scope = $2 AND version = $3")
        .bind(kind.key())
        .bind(scope)
        .bind(version)
        .fetch_optional(conn)
        .await?;
    row.map(|r| parse(&r.try_get::<String, _>(0)?)).transpose()
}

pub struct VersionRow {
    pub version: i64,
    pub layout: Layout,
    pub record: Record,
    pub author: Option<String>,
    pub at: i64,
}

/// Versions of a scope, newest first.
pub async fn history(conn: &mut Conn, kind: CardKind, scope: &str, limit: usize) -> sqlx::Result<Vec<VersionRow>> {
    sqlx::query(
        "SELECT v.version, v.body, v.record, u.name, v.created_at FROM layout_versions v LEFT JOIN users u ON u.id = v.author_id
         WHERE v.entity_type = $1 AND v.scope = $2 ORDER BY v.version DESC LIMIT $3",
    )
    .bind(kind.key())
    .bind(scope)
    .bind(limit as i64)
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| {
        Ok(VersionRow {
            version: r.try_get(0)?,
            layout: parse(&r.try_get::<String, _>(1)?)?,
            record: parse(&r.try_get::<String, _>(2)?)?,
            author: r.try_get(3)?,
            at: r.try_get(4)?,
        })
    })
    .collect()
}

/// The kinds of an entity type (itself and its pipelines) whose layout of `scope` was saved.
pub async fn kinds_with(
    conn: &mut Conn,
    entity: crate::domain::EntityType,
    scope: &str,
) -> sqlx::Result<Vec<CardKind>> {
    let keys: Vec<String> = sqlx::query(
        "SELECT entity_type FROM layouts WHERE (entity_type = $1 OR entity_type LIKE $1 || ':%') AND scope = $2
         ORDER BY entity_type",
    )
    .bind(entity.slug())
    .bind(scope)
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| r.try_get(0))
    .collect::<sqlx::Result<_>>()?;
    Ok(keys.iter().filter_map(|k| CardKind::from_key(k)).filter(|k| k.entity == entity).collect())
}

/// Makes `to` a copy of `from` for every kind of the entity type that saved `from` (a new view
/// starts as the view its author saw, pipeline by pipeline), each layout passed through
/// `adjust` first.
pub async fn copy_view(
    conn: &mut Conn,
    entity: crate::domain::EntityType,
    from: ViewRef,
    to: ViewRef,
    adjust: &(dyn Fn(Layout) -> Layout + Sync),
    by: Author,
) -> sqlx::Result<()> {
    lock(conn, CardKind::entity(entity), &to.scope()).await?;
    let mut kinds = kinds_with(conn, entity, &from.scope()).await?;
    if !kinds.contains(&CardKind::entity(entity)) {
        kinds.insert(0, CardKind::entity(entity));
    }
    let record = Record::Copy { from: from.scope() };
    for kind in kinds {
        let (_, layout) = of_view(conn, kind, from).await?;
        put(conn, kind, &to.scope(), &adjust(layout), &record, by).await?;
    }
    Ok(())
}
