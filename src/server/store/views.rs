//! Card views of a card kind (an entity type): whether the common view is published or forced,
//! the named views and who works with them, and each person's own choices. Their layouts are
//! kept in `layouts` under the scope of their `ViewRef` (see `store::layouts`).

use super::Conn;
use crate::domain::views::{NamedView, ViewRef};
use crate::domain::EntityType;
use sqlx::{Connection, Row};

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

/// The named views of a card kind, by name, with their users and departments (one query).
pub async fn named(conn: &mut Conn, entity: EntityType) -> sqlx::Result<Vec<NamedView>> {
    let rows = sqlx::query(
        "SELECT v.id, v.name, m.member, m.is_department FROM card_views v
         LEFT JOIN (SELECT view_id, user_id AS member, 0 AS is_department FROM card_view_users
                    UNION ALL
                    SELECT view_id, department_id, 1 FROM card_view_departments) m ON m.view_id = v.id
         WHERE v.layout_key = $1
         ORDER BY v.name, v.id, m.is_department, m.member",
    )
    .bind(entity.slug())
    .fetch_all(&mut *conn)
    .await?;
    let mut views: Vec<NamedView> = Vec::new();
    for r in rows {
        let id: i64 = r.try_get(0)?;
        if views.last().is_none_or(|v| v.id != id) {
            views.push(NamedView { id, name: r.try_get(1)?, users: vec![], departments: vec![] });
        }
        let (member, is_department): (Option<i64>, Option<i64>) = (r.try_get(2)?, r.try_get(3)?);
        if let (Some(view), Some(member)) = (views.last_mut(), member) {
            if is_department == Some(1) {
                view.departments.push(member);
            } else {
                view.users.push(member);
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
    Ok(situation(conn, user_id, entity).await?.1)
}

/// The kind's settings and the person's choices, in one query.
pub async fn situation(conn: &mut Conn, user_id: i64, entity: EntityType) -> sqlx::Result<(Settings, Choice)> {
    let r = sqlx::query(
        "SELECT s.common_published, s.common_forced, s.revision, c.own_enabled, c.chosen
         FROM (SELECT CAST($1 AS TEXT) AS k) x
         LEFT JOIN view_settings s ON s.layout_key = x.k
         LEFT JOIN view_choices c ON c.layout_key = x.k AND c.user_id = $2",
    )
    .bind(entity.slug())
    .bind(user_id)
    .fetch_one(conn)
    .await?;
    let settings = match r.try_get::<Option<i64>, _>(2)? {
        Some(revision) => Settings {
            common_published: r.try_get::<Option<i64>, _>(0)? != Some(0),
            common_forced: r.try_get::<Option<i64>, _>(1)? == Some(1),
            revision,
        },
        None => Settings::default(),
    };
    let choice = Choice {
        own_enabled: r.try_get::<Option<i64>, _>(3)? == Some(1),
        chosen: r.try_get::<Option<String>, _>(4)?.as_deref().and_then(ViewRef::from_scope),
    };
    Ok((settings, choice))
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
