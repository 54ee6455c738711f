//! Card views of a card kind (an entity type): whether the common view is published or forced,
//! the named views and who works with them, and each person's own choices. Their layouts are
//! kept in `layouts` under the scope of their `ViewRef` (see `store::layouts`).

use super::Conn;
use crate::domain::views::{NamedView, ViewRef};
use crate::domain::EntityType;
use sqlx::{Connection, Row};
use std::collections::BTreeMap;

/// How the common view of a card kind is set. Until an admin changes it, the common view is
/// published and not forced (what every card showed before views existed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub common_published: bool,
    pub common_forced: bool,
    /// Grows with every change of the kind's views or settings.
    pub revision: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { common_published: true, common_forced: false, revision: 0 }
    }
}

pub async fn settings(conn: &mut Conn, entity: EntityType) -> sqlx::Result<Settings> {
    let row = sqlx::query("SELECT common_published, common_forced, revision FROM view_settings WHERE layout_key = $1")
        .bind(entity.slug())
        .fetch_optional(conn)
        .await?;
    match row {
        Some(r) => Ok(Settings {
            common_published: r.try_get::<i64, _>(0)? != 0,
            common_forced: r.try_get::<i64, _>(1)? != 0,
            revision: r.try_get(2)?,
        }),
        None => Ok(Settings::default()),
    }
}

/// Marks a change of the kind's views, so open cards look again.
async fn bump(conn: &mut Conn, entity: EntityType) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO view_settings (layout_key, revision) VALUES ($1, 1)
         ON CONFLICT (layout_key) DO UPDATE SET revision = view_settings.revision + 1",
    )
    .bind(entity.slug())
    .execute(conn)
    .await?;
    Ok(())
}

/// Publishes (or withdraws) the common view and forces it on everybody (or not).
pub async fn set_common(conn: &mut Conn, entity: EntityType, published: bool, forced: bool) -> sqlx::Result<()> {
    let forced = published && forced;
    sqlx::query(
        "INSERT INTO view_settings (layout_key, common_published, common_forced, revision) VALUES ($1, $2, $3, 1)
         ON CONFLICT (layout_key) DO UPDATE SET common_published = $2, common_forced = $3,
             revision = view_settings.revision + 1",
    )
    .bind(entity.slug())
    .bind(published as i64)
    .bind(forced as i64)
    .execute(conn)
    .await?;
    Ok(())
}

/// The named views of a card kind, by name.
pub async fn named(conn: &mut Conn, entity: EntityType) -> sqlx::Result<Vec<NamedView>> {
    let mut views: Vec<NamedView> =
        sqlx::query("SELECT id, name FROM card_views WHERE layout_key = $1 ORDER BY name, id")
            .bind(entity.slug())
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|r| Ok(NamedView { id: r.try_get(0)?, name: r.try_get(1)?, users: vec![], departments: vec![] }))
            .collect::<sqlx::Result<_>>()?;
    if views.is_empty() {
        return Ok(views);
    }
    let members = sqlx::query(
        "SELECT m.view_id, m.user_id, 0 FROM card_view_users m JOIN card_views v ON v.id = m.view_id
         WHERE v.layout_key = $1
         UNION ALL
         SELECT m.view_id, m.department_id, 1 FROM card_view_departments m JOIN card_views v ON v.id = m.view_id
         WHERE v.layout_key = $1
         ORDER BY 1, 3, 2",
    )
    .bind(entity.slug())
    .fetch_all(&mut *conn)
    .await?;
    let index: BTreeMap<i64, usize> = views.iter().enumerate().map(|(i, v)| (v.id, i)).collect();
    for r in members {
        let (view, member, is_department): (i64, i64, i64) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
        if let Some(&i) = index.get(&view) {
            if is_department == 1 {
                views[i].departments.push(member);
            } else {
                views[i].users.push(member);
            }
        }
    }
    Ok(views)
}

async fn write_members(conn: &mut Conn, id: i64, users: &[i64], departments: &[i64]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM card_view_users WHERE view_id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM card_view_departments WHERE view_id = $1").bind(id).execute(&mut *conn).await?;
    for u in users {
        sqlx::query("INSERT INTO card_view_users (view_id, user_id) VALUES ($1, $2)")
            .bind(id)
            .bind(u)
            .execute(&mut *conn)
            .await?;
    }
    for d in departments {
        sqlx::query("INSERT INTO card_view_departments (view_id, department_id) VALUES ($1, $2)")
            .bind(id)
            .bind(d)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A new named view (its layout is written by the caller, in the same transaction).
pub async fn create(
    conn: &mut Conn,
    entity: EntityType,
    name: &str,
    users: &[i64],
    departments: &[i64],
    by: i64,
    now: i64,
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query(
        "INSERT INTO card_views (layout_key, name, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(entity.slug())
    .bind(name)
    .bind(by)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?
    .try_get(0)?;
    write_members(conn, id, users, departments).await?;
    bump(conn, entity).await?;
    Ok(id)
}

/// Renames and reassigns a view; false when the kind has no such view.
pub async fn update(
    conn: &mut Conn,
    entity: EntityType,
    id: i64,
    name: &str,
    users: &[i64],
    departments: &[i64],
) -> sqlx::Result<bool> {
    let mut tx = conn.begin().await?;
    let found = sqlx::query("UPDATE card_views SET name = $3 WHERE id = $1 AND layout_key = $2")
        .bind(id)
        .bind(entity.slug())
        .bind(name)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 1;
    if !found {
        return Ok(false);
    }
    write_members(&mut tx, id, users, departments).await?;
    bump(&mut tx, entity).await?;
    tx.commit().await?;
    Ok(true)
}

/// Deletes a view with its layouts (of every pipeline) and their history; false when there is
/// no such view.
pub async fn delete(conn: &mut Conn, entity: EntityType, id: i64) -> sqlx::Result<bool> {
    let mut tx = conn.begin().await?;
    let found = sqlx::query("DELETE FROM card_views WHERE id = $1 AND layout_key = $2")
        .bind(id)
        .bind(entity.slug())
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 1;
    if !found {
        return Ok(false);
    }
    let scope = ViewRef::Named(id).scope();
    for table in ["layouts", "layout_versions"] {
        let sql = format!("DELETE FROM {table} WHERE (entity_type = $1 OR entity_type LIKE $1 || ':%') AND scope = $2");
        sqlx::query(&sql).bind(entity.slug()).bind(&scope).execute(&mut *tx).await?;
    }
    bump(&mut tx, entity).await?;
    tx.commit().await?;
    Ok(true)
}

/// A person's own choices for a card kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Choice {
    pub own_enabled: bool,
    pub chosen: Option<ViewRef>,
}

pub async fn choice(conn: &mut Conn, user_id: i64, entity: EntityType) -> sqlx::Result<Choice> {
    let row = sqlx::query("SELECT own_enabled, chosen FROM view_choices WHERE user_id = $1 AND layout_key = $2")
        .bind(user_id)
        .bind(entity.slug())
        .fetch_optional(conn)
        .await?;
    match row {
        Some(r) => Ok(Choice {
            own_enabled: r.try_get::<i64, _>(0)? != 0,
            chosen: r.try_get::<Option<String>, _>(1)?.as_deref().and_then(ViewRef::from_scope),
        }),
        None => Ok(Choice::default()),
    }
}

pub async fn set_choice(conn: &mut Conn, user_id: i64, entity: EntityType, choice: Choice) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO view_choices (user_id, layout_key, own_enabled, chosen) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, layout_key) DO UPDATE SET own_enabled = $3, chosen = $4",
    )
    .bind(user_id)
    .bind(entity.slug())
    .bind(choice.own_enabled as i64)
    .bind(choice.chosen.map(ViewRef::scope))
    .execute(conn)
    .await?;
    Ok(())
}
