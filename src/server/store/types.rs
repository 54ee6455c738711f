//! The registry of entity types as stored (`entity_types`), and what creating, changing and
//! deleting a smart process writes. Every other table names a type by its code.

use super::access::{roles, update_role};
use super::catalog::{delete_field_rows, install_type};
use super::Conn;
use crate::domain::registry::Usage;
use crate::domain::{EntityType, Registry, TypeDef};
use sqlx::{Connection, Row};

fn encode<T: serde::Serialize>(v: &T) -> sqlx::Result<String> {
    serde_json::to_string(v).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

/// Every entity type, system types first in their menu order, then smart processes by creation.
pub async fn registry(conn: &mut Conn) -> sqlx::Result<Registry> {
    let rows = sqlx::query(
        "SELECT id, code, name, plural, is_system, options, search_gen FROM entity_types ORDER BY sort, id",
    )
    .fetch_all(conn)
    .await?;
    let types = rows
        .into_iter()
        .map(|r| {
            let code: String = r.try_get(1)?;
            let options: String = r.try_get(5)?;
            Ok(TypeDef {
                id: r.try_get(0)?,
                entity: code.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                name: r.try_get(2)?,
                plural: r.try_get(3)?,
                system: r.try_get::<i64, _>(4)? != 0,
                options: serde_json::from_str(&options).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    Ok(Registry { types })
}

/// Writes a type's registry row unless one with its code exists (a system type at start).
pub async fn insert_if_missing(conn: &mut Conn, def: &TypeDef, sort: i64, now: i64) -> sqlx::Result<bool> {
    let exists: i64 = sqlx::query("SELECT COUNT(*) FROM entity_types WHERE code = $1")
        .bind(def.entity.slug())
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    if exists > 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO entity_types (id, code, name, plural, is_system, options, sort, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(def.id)
    .bind(def.entity.slug())
    .bind(&def.name)
    .bind(&def.plural)
    .bind(i64::from(def.system))
    .bind(encode(&def.options)?)
    .bind(sort)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(true)
}

/// Creates a smart process, in one transaction: `decide` makes its definition from the registry
/// as the transaction reads it and the id it gets (`domain::registry::settle`), then its registry
/// row, system fields, first pipeline and default layout are written. A refusal writes nothing.
/// Ids are never given twice, also after a delete.
pub async fn create_with<E>(
    conn: &mut Conn,
    now: i64,
    decide: impl FnOnce(&Registry, i64) -> Result<TypeDef, E>,
) -> sqlx::Result<Result<TypeDef, E>> {
    let mut tx = conn.begin().await?;
    // A write first, so that on SQLite the transaction holds the write lock before it reads
    // (a read lock cannot be upgraded while another writer waits), and two creations are decided
    // one after the other on both databases.
    let id: i64 = sqlx::query("UPDATE smart_process_ids SET last_id = last_id + 1 RETURNING last_id")
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    let before = registry(&mut tx).await?;
    let def = match decide(&before, id.max(before.next_smart_id())) {
        Ok(def) => def,
        Err(e) => return Ok(Err(e)),
    };
    // Leftovers of an earlier type with this code (none are expected: deleting a type removes
    // them) must not come back to life in the new one.
    forget(&mut tx, def.entity).await?;
    insert_if_missing(&mut tx, &def, 100 + def.id, now).await?;
    let registry = registry(&mut tx).await?;
    install_type(&mut tx, &def, &registry, now).await?;
    tx.commit().await?;
    Ok(Ok(def))
}

/// Takes a type's registry row inside a transaction (a write first: on SQLite the transaction
/// then holds the write lock before it reads, and two changes of one type queue up on both
/// databases); the type and the registry as the transaction reads them, `None` when the type is
/// gone.
pub(super) async fn claim(conn: &mut Conn, entity: EntityType) -> sqlx::Result<Option<(TypeDef, Registry)>> {
    let claimed = sqlx::query("UPDATE entity_types SET name = name WHERE code = $1")
        .bind(entity.slug())
        .execute(&mut *conn)
        .await?
        .rows_affected();
    let registry = registry(&mut *conn).await?;
    let def = registry.get(entity).filter(|_| claimed == 1).cloned();
    Ok(def.map(|d| (d, registry)))
}

/// Changes a type's names and options, in one transaction: `decide` makes the new definition
/// from the type, the registry and the type's [`usage`] as the transaction reads them (after
/// taking the type's row, so no write slips in between). Then the fields and the pipeline its
/// options now call for are added, those they no longer call for dropped (`decide` made sure
/// they hold no values), and its default layout written anew. `None` when the type is gone.
pub async fn update_with<E>(
    conn: &mut Conn,
    entity: EntityType,
    now: i64,
    decide: impl FnOnce(&TypeDef, &Registry, &Usage) -> Result<TypeDef, E>,
) -> sqlx::Result<Option<Result<TypeDef, E>>> {
    let mut tx = conn.begin().await?;
    let Some((before, registry)) = claim(&mut tx, entity).await? else {
        return Ok(None);
    };
    let usage = usage(&mut tx, entity).await?;
    let def = match decide(&before, &registry, &usage) {
        Ok(def) => def,
        Err(e) => return Ok(Some(Err(e))),
    };
    sqlx::query("UPDATE entity_types SET name = $2, plural = $3, options = $4 WHERE code = $1")
        .bind(entity.slug())
        .bind(&def.name)
        .bind(&def.plural)
        .bind(encode(&def.options)?)
        .execute(&mut *tx)
        .await?;
    if !def.system {
        let wanted = crate::domain::catalog::system_fields(&def, &registry);
        for old in crate::domain::catalog::system_fields(&before, &registry) {
            if !wanted.iter().any(|f| f.code == old.code) {
                delete_field_rows(&mut tx, entity, &old.code, true).await?;
            }
        }
        if before.options.stages && !def.options.stages {
            drop_pipelines(&mut tx, entity).await?;
        }
        install_type(&mut tx, &def, &registry, now).await?;
        let body = encode(&crate::domain::catalog::default_layout(&def))?;
        sqlx::query("UPDATE layouts SET body = $2, updated_at = $3 WHERE entity_type = $1 AND scope = 'default'")
            .bind(entity.slug())
            .bind(body)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Some(Ok(def)))
}

async fn drop_pipelines(conn: &mut Conn, entity: EntityType) -> sqlx::Result<()> {
    sqlx::query("UPDATE items SET pipeline_id = NULL, stage_id = NULL WHERE entity_type = $1")
        .bind(entity.slug())
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM stages WHERE pipeline_id IN (SELECT id FROM pipelines WHERE entity_type = $1)")
        .bind(entity.slug())
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM pipelines WHERE entity_type = $1").bind(entity.slug()).execute(&mut *conn).await?;
    Ok(())
}

/// How much of a type's data its options hold: items in stages, items outside the default
/// pipeline, values of each of its system fields.
pub async fn usage(conn: &mut Conn, entity: EntityType) -> sqlx::Result<Usage> {
    let row = sqlx::query(
        "SELECT
            (SELECT COUNT(*) FROM items WHERE entity_type = $1 AND stage_id IS NOT NULL),
            (SELECT COUNT(*) FROM items i JOIN pipelines p ON p.id = i.pipeline_id
              WHERE i.entity_type = $1 AND p.is_default = 0)",
    )
    .bind(entity.slug())
    .fetch_one(&mut *conn)
    .await?;
    let values = sqlx::query(
        "SELECT v.field_code, COUNT(*) FROM field_values v JOIN items i ON i.id = v.item_id
         WHERE i.entity_type = $1 GROUP BY v.field_code ORDER BY v.field_code",
    )
    .bind(entity.slug())
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
    .collect::<sqlx::Result<Vec<(String, i64)>>>()?;
    Ok(Usage { items_in_stages: row.try_get(0)?, items_in_other_pipelines: row.try_get(1)?, values })
}

/// What deleting a type takes with it: its items, custom fields and files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Contents {
    pub items: i64,
    pub custom_fields: i64,
    pub files: i64,
}

pub async fn contents(conn: &mut Conn, entity: EntityType) -> sqlx::Result<Contents> {
    let row = sqlx::query(
        "SELECT
            (SELECT COUNT(*) FROM items WHERE entity_type = $1),
            (SELECT COUNT(*) FROM fields WHERE entity_type = $1 AND is_system = 0),
            (SELECT COUNT(*) FROM files WHERE entity_type = $1)",
    )
    .bind(entity.slug())
    .fetch_one(conn)
    .await?;
    Ok(Contents { items: row.try_get(0)?, custom_fields: row.try_get(1)?, files: row.try_get(2)? })
}

/// What became of a delete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deleted {
    Deleted,
    NotFound,
    /// System types stay.
    System,
    /// Other types link to it (their link fields would point nowhere): their names.
    LinkedFrom(Vec<String>),
}

/// Deletes a smart process and everything of it, in one transaction: items with their values,
/// links (both ways), History, timeline, files and bookings; fields, pipelines, layouts and their
/// history, views and people's view choices; its place in every role; its registry row.
pub async fn delete(conn: &mut Conn, entity: EntityType) -> sqlx::Result<Deleted> {
    let mut tx = conn.begin().await?;
    let deleted = sqlx::query("DELETE FROM entity_types WHERE code = $1 AND is_system = 0")
        .bind(entity.slug())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let registry = registry(&mut tx).await?;
    if deleted == 0 {
        return Ok(if registry.get(entity).is_some() { Deleted::System } else { Deleted::NotFound });
    }
    let mut linking: Vec<String> = registry.linking_to(entity).map(|t| t.name.clone()).collect();
    linking.extend(fields_pointing_to(&mut tx, entity, &registry).await?);
    if !linking.is_empty() {
        return Ok(Deleted::LinkedFrom(linking));
    }
    forget(&mut tx, entity).await?;
    for mut role in roles(&mut tx).await? {
        if role.rights.entities.remove(&entity).is_some() {
            update_role(&mut tx, role.id, &role.name, &role.rights).await?;
        }
    }
    tx.commit().await?;
    Ok(Deleted::Deleted)
}

/// "Type: field" for every custom CRM-item field of another type whose choice of types names
/// `entity` (it would name one that is gone). Link fields of smart processes are their
/// type's `links` option, [`Registry::linking_to`].
pub async fn fields_pointing_to(conn: &mut Conn, entity: EntityType, registry: &Registry) -> sqlx::Result<Vec<String>> {
    // A code has no LIKE wildcards; the JSON is parsed below.
    let rows = sqlx::query(
        "SELECT entity_type, label, settings FROM fields
         WHERE entity_type <> $1 AND is_system = 0 AND settings LIKE $2",
    )
    .bind(entity.slug())
    .bind(format!("%\"{}\"%", entity.slug()))
    .fetch_all(conn)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let settings: crate::domain::FieldSettings =
            serde_json::from_str(&r.try_get::<String, _>(2)?).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        if settings.item_types.contains(&entity) {
            let owner: String = r.try_get(0)?;
            let owner = owner.parse().ok().and_then(|e| registry.get(e)).map_or(owner, |t| t.name.clone());
            out.push(format!("{owner}: {}", r.try_get::<String, _>(1)?));
        }
    }
    Ok(out)
}

/// Deletes every row that names `entity` (all but its registry row and the roles), and takes
/// its items out of other items' values.
async fn forget(conn: &mut Conn, entity: EntityType) -> sqlx::Result<()> {
    let doomed: Vec<i64> = sqlx::query("SELECT id FROM items WHERE entity_type = $1")
        .bind(entity.slug())
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|r| r.try_get(0))
        .collect::<sqlx::Result<_>>()?;
    super::recycle::unlink(conn, &doomed).await?;
    let of_items = "IN (SELECT id FROM items WHERE entity_type = $1)";
    // Layouts, layout history and views are keyed by card kind: `delivery` or `delivery:{pipeline}`
    // (a code has no LIKE wildcards: letters, digits and hyphens only).
    let of_kind = |column: &str| format!("({column} = $1 OR {column} LIKE $1 || ':%')");
    let statements = [
        format!("DELETE FROM field_values WHERE item_id {of_items}"),
        format!("DELETE FROM item_links WHERE from_item {of_items} OR to_item {of_items}"),
        format!("DELETE FROM field_changes WHERE item_id {of_items}"),
        format!("DELETE FROM timeline_events WHERE item_id {of_items}"),
        "DELETE FROM bookings WHERE entity_type = $1".to_string(),
        "DELETE FROM files WHERE entity_type = $1".to_string(),
        "DELETE FROM items WHERE entity_type = $1".to_string(),
        "DELETE FROM fields WHERE entity_type = $1".to_string(),
        "DELETE FROM stages WHERE pipeline_id IN (SELECT id FROM pipelines WHERE entity_type = $1)".to_string(),
        "DELETE FROM pipelines WHERE entity_type = $1".to_string(),
        format!("DELETE FROM layouts WHERE {}", of_kind("entity_type")),
        format!("DELETE FROM layout_versions WHERE {}", of_kind("entity_type")),
        format!(
            "DELETE FROM card_view_users WHERE view_id IN (SELECT id FROM card_views WHERE {})",
            of_kind("layout_key")
        ),
        format!(
            "DELETE FROM card_view_departments WHERE view_id IN (SELECT id FROM card_views WHERE {})",
            of_kind("layout_key")
        ),
        format!("DELETE FROM card_views WHERE {}", of_kind("layout_key")),
        format!("DELETE FROM view_settings WHERE {}", of_kind("layout_key")),
        format!("DELETE FROM view_choices WHERE {}", of_kind("layout_key")),
    ];
    for sql in statements {
        sqlx::query(&sql).bind(entity.slug()).execute(&mut *conn).await?;
    }
    Ok(())
}
