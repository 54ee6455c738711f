//! Field definitions, pipelines with stages, and layouts, as stored.

use super::Conn;
use crate::domain::catalog::{self, PipelineSpec};
use crate::domain::registry;
use crate::domain::{EntityType, FieldDef, FieldType, Layout, Pipeline, Registry, Stage, StageSemantics, TypeDef};
use sqlx::Row;

/// Writes what the product ships and the database lacks: the system types' registry rows, their
/// new system fields, the pipelines of a type that has none, and the default layouts. Runs at
/// every start; never changes what admins have changed.
pub async fn install(conn: &mut Conn, now: i64) -> sqlx::Result<()> {
    for (sort, def) in registry::system_types().iter().enumerate() {
        super::types::insert_if_missing(conn, def, sort as i64, now).await?;
    }
    let registry = super::types::registry(conn).await?;
    for def in registry.types.iter().filter(|t| t.system) {
        install_type(conn, def, &registry, now).await?;
    }
    Ok(())
}

/// A type's system fields, its first pipeline (when it has stages and no pipeline yet) and its
/// default layout, where missing.
pub async fn install_type(conn: &mut Conn, def: &TypeDef, registry: &Registry, now: i64) -> sqlx::Result<()> {
    let entity = def.entity;
    for (sort, field) in catalog::system_fields(def, registry).iter().enumerate() {
        insert_field_if_missing(conn, entity, field, sort as i64).await?;
    }
    let has_pipelines: i64 = sqlx::query("SELECT COUNT(*) FROM pipelines WHERE entity_type = $1")
        .bind(entity.slug())
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    if has_pipelines == 0 {
        for (sort, p) in catalog::pipelines(def).iter().enumerate() {
            insert_pipeline(conn, entity, p, sort as i64).await?;
        }
    }
    let body = serde_json::to_string(&catalog::default_layout(def)).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let exists: i64 = sqlx::query("SELECT COUNT(*) FROM layouts WHERE entity_type = $1 AND scope = 'default'")
        .bind(entity.slug())
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    if exists == 0 {
        sqlx::query(
            "INSERT INTO layouts (entity_type, scope, version, body, updated_at) VALUES ($1, 'default', 1, $2, $3)",
        )
        .bind(entity.slug())
        .bind(body)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(super) async fn insert_field_if_missing(
    conn: &mut Conn,
    entity: EntityType,
    def: &FieldDef,
    sort: i64,
) -> sqlx::Result<()> {
    let settings = serde_json::to_string(&def.settings).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let exists: i64 = sqlx::query("SELECT COUNT(*) FROM fields WHERE entity_type = $1 AND code = $2")
        .bind(entity.slug())
        .bind(&def.code)
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    if exists == 0 {
        sqlx::query(
            "INSERT INTO fields (entity_type, code, label, field_type, multiple, is_system, settings, sort)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(entity.slug())
        .bind(&def.code)
        .bind(&def.label)
        .bind(def.field_type.code())
        .bind(i64::from(def.multiple))
        .bind(i64::from(def.system))
        .bind(settings)
        .bind(sort)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(super) async fn insert_pipeline(
    conn: &mut Conn,
    entity: EntityType,
    p: &PipelineSpec,
    sort: i64,
) -> sqlx::Result<()> {
    let id: i64 = sqlx::query(
        "INSERT INTO pipelines (entity_type, code, name, sort, is_default) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(entity.slug())
    .bind(p.code)
    .bind(&p.name)
    .bind(sort)
    .bind(i64::from(sort == 0))
    .fetch_one(&mut *conn)
    .await?
    .try_get(0)?;
    for (i, s) in p.stages.iter().enumerate() {
        sqlx::query(
            "INSERT INTO stages (pipeline_id, code, name, color, sort, semantics) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(s.code)
        .bind(&s.name)
        .bind(s.color)
        .bind(i as i64)
        .bind(s.semantics.code())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

fn decode_err(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("stored {what} is not valid").into())
}

/// The fields of an entity type in their list order.
pub async fn fields(conn: &mut Conn, entity: EntityType) -> sqlx::Result<Vec<FieldDef>> {
    Ok(fields_with_search_gen(conn, entity).await?.0)
}

/// [`fields`] and the type's search generation (`items::outdate_search`), in one statement.
pub async fn fields_with_search_gen(conn: &mut Conn, entity: EntityType) -> sqlx::Result<(Vec<FieldDef>, i64)> {
    let rows = sqlx::query(
        "SELECT code, label, field_type, multiple, is_system, settings,
                (SELECT search_gen FROM entity_types WHERE code = $1)
         FROM fields WHERE entity_type = $1 ORDER BY sort, id",
    )
    .bind(entity.slug())
    .fetch_all(conn)
    .await?;
    let gen = match rows.first() {
        Some(r) => r.try_get::<Option<i64>, _>(6)?.unwrap_or(0),
        None => 0,
    };
    let fields = rows
        .into_iter()
        .map(|r| {
            let t: String = r.try_get(2)?;
            let settings: String = r.try_get(5)?;
            Ok(FieldDef {
                code: r.try_get(0)?,
                label: r.try_get(1)?,
                field_type: FieldType::from_code(&t).ok_or_else(|| decode_err("field type"))?,
                multiple: r.try_get::<i64, _>(3)? != 0,
                system: r.try_get::<i64, _>(4)? != 0,
                settings: serde_json::from_str(&settings).map_err(|_| decode_err("field settings"))?,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok((fields, gen))
}

/// The pipelines of an entity type with their stages, default first.
pub async fn pipelines(conn: &mut Conn, entity: EntityType) -> sqlx::Result<Vec<Pipeline>> {
    let rows = sqlx::query(
        "SELECT p.id, p.code, p.name, p.is_default, s.id, s.code, s.name, s.color, s.semantics
         FROM pipelines p JOIN stages s ON s.pipeline_id = p.id
         WHERE p.entity_type = $1 ORDER BY p.sort, p.id, s.sort, s.id",
    )
    .bind(entity.slug())
    .fetch_all(conn)
    .await?;
    let mut out: Vec<Pipeline> = Vec::new();
    for r in rows {
        let pid: i64 = r.try_get(0)?;
        if out.last().is_none_or(|p| p.id != pid) {
            out.push(Pipeline {
                id: pid,
                entity,
                code: r.try_get(1)?,
                name: r.try_get(2)?,
                is_default: r.try_get::<i64, _>(3)? != 0,
                stages: vec![],
            });
        }
        let semantics: String = r.try_get(8)?;
        let stage = Stage {
            id: r.try_get(4)?,
            code: r.try_get(5)?,
            name: r.try_get(6)?,
            color: r.try_get(7)?,
            semantics: StageSemantics::from_code(&semantics).ok_or_else(|| decode_err("stage semantics"))?,
        };
        if let Some(p) = out.last_mut() {
            p.stages.push(stage);
        }
    }
    Ok(out)
}

/// The layout a card shows: the common one when an admin has published it, else the default.
pub async fn layout(conn: &mut Conn, entity: EntityType) -> sqlx::Result<Layout> {
    let body: Option<String> = sqlx::query(
        "SELECT body FROM layouts WHERE entity_type = $1 AND scope IN ('common', 'default')
         ORDER BY CASE scope WHEN 'common' THEN 0 ELSE 1 END LIMIT 1",
    )
    .bind(entity.slug())
    .fetch_optional(conn)
    .await?
    .map(|r| r.try_get(0))
    .transpose()?;
    match body {
        Some(b) => serde_json::from_str(&b).map_err(|_| decode_err("layout")),
        None => Ok(catalog::fallback_layout(entity)),
    }
}

/// One field of an entity type.
pub async fn field(conn: &mut Conn, entity: EntityType, code: &str) -> sqlx::Result<Option<FieldDef>> {
    Ok(fields(conn, entity).await?.into_iter().find(|f| f.code == code))
}

/// Adds a custom field (its code chosen by the caller) after the other fields.
pub async fn create_field(conn: &mut Conn, entity: EntityType, def: &FieldDef) -> sqlx::Result<()> {
    let sort: i64 = sqlx::query("SELECT COALESCE(MAX(sort), 0) + 1 FROM fields WHERE entity_type = $1")
        .bind(entity.slug())
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    insert_field_if_missing(conn, entity, def, sort).await
}

/// Stores a field's label and settings; its type and "multiple" are never written again. When
/// `outdates_search` (restricted or not any more, options relabelled), the type's search text
/// is marked out of date in the same transaction (`items::outdate_search`).
pub async fn configure(
    conn: &mut Conn,
    entity: EntityType,
    def: &FieldDef,
    outdates_search: bool,
) -> sqlx::Result<bool> {
    use sqlx::Connection;
    let mut tx = conn.begin().await?;
    if !update_field(&mut tx, entity, def).await? {
        return Ok(false);
    }
    if outdates_search {
        super::items::outdate_search(&mut tx, entity).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Stores a field's label and settings; its type and "multiple" are never written again.
pub async fn update_field(conn: &mut Conn, entity: EntityType, def: &FieldDef) -> sqlx::Result<bool> {
    let settings = serde_json::to_string(&def.settings).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let done = sqlx::query("UPDATE fields SET label = $3, settings = $4 WHERE entity_type = $1 AND code = $2")
        .bind(entity.slug())
        .bind(&def.code)
        .bind(&def.label)
        .bind(settings)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes a custom field and everything its values left behind: values, links, bookings,
/// files, the History rows and the changes of it inside timeline events. System fields are
/// never deleted (`false`).
pub async fn delete_field(conn: &mut Conn, entity: EntityType, code: &str) -> sqlx::Result<bool> {
    use sqlx::Connection;
    let mut tx = conn.begin().await?;
    if !delete_field_rows(&mut tx, entity, code, false).await? {
        return Ok(false);
    }
    // Its words leave search with this commit; the reindexer rewrites the items afterwards.
    super::items::outdate_search(&mut tx, entity).await?;
    tx.commit().await?;
    Ok(true)
}

/// `delete_field`'s writes, inside the caller's transaction, without the search reindex; system
/// fields too when `system` (a smart process giving up an option's field).
pub(super) async fn delete_field_rows(
    conn: &mut Conn,
    entity: EntityType,
    code: &str,
    system: bool,
) -> sqlx::Result<bool> {
    let deleted = sqlx::query("DELETE FROM fields WHERE entity_type = $1 AND code = $2 AND (is_system = 0 OR $3 = 1)")
        .bind(entity.slug())
        .bind(code)
        .bind(i64::from(system))
        .execute(&mut *conn)
        .await?
        .rows_affected();
    if deleted == 0 {
        return Ok(false);
    }
    let of_entity = "item_id IN (SELECT id FROM items WHERE entity_type = $1) AND field_code = $2";
    for sql in [
        format!("DELETE FROM field_values WHERE {of_entity}"),
        format!("DELETE FROM field_changes WHERE {of_entity}"),
        format!("DELETE FROM files WHERE {of_entity}"),
        "DELETE FROM bookings WHERE entity_type = $1 AND field_code = $2".to_string(),
        "DELETE FROM item_links WHERE from_item IN (SELECT id FROM items WHERE entity_type = $1) AND field_code = $2"
            .to_string(),
    ] {
        sqlx::query(&sql).bind(entity.slug()).bind(code).execute(&mut *conn).await?;
    }
    super::timeline::forget_field(conn, entity, code).await?;
    Ok(true)
}
