//! Pipelines and stages as administrators change them: one transaction per edit that reads the
//! type's pipelines and how many items each stage holds, lets `domain::pipeline_edit::decide`
//! say what they become, and writes that — the stages and pipelines, the items moved out of a
//! deleted stage or pipeline (each with its History row and timeline event), the required rules
//! and card views that named what is gone.

use super::catalog::{fields, pipelines, update_field};
use super::items::{encode_value, STAGE_FIELD};
use super::Conn;
use crate::domain::pipeline_edit::{ItemMove, Plan};
use crate::domain::timeline::{EventPayload, PipelineChange, StageRef};
use crate::domain::{EntityType, Pipeline, TypeDef, Value};
use sqlx::{Connection, Row};
use std::collections::BTreeMap;

/// How many items (recycled ones too: they keep their stage) each stage of `entity` holds.
pub async fn held(conn: &mut Conn, entity: EntityType) -> sqlx::Result<BTreeMap<i64, i64>> {
    sqlx::query(
        "SELECT i.stage_id, COUNT(*) FROM items i JOIN stages s ON s.id = i.stage_id
         JOIN pipelines p ON p.id = s.pipeline_id WHERE p.entity_type = $1 GROUP BY i.stage_id",
    )
    .bind(entity.slug())
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
    .collect()
}

/// Runs one edit of `entity`'s pipelines in a transaction: `decide` gets the type, its
/// pipelines and [`held`] as the transaction reads them (after claiming the type's row, so two
/// edits of one type queue up); its plan is written, a refusal writes nothing. `None` when the
/// type does not exist.
pub async fn edit_with<E>(
    conn: &mut Conn,
    entity: EntityType,
    user_id: i64,
    now: i64,
    decide: impl FnOnce(&TypeDef, &[Pipeline], &BTreeMap<i64, i64>) -> Result<Plan, E>,
) -> sqlx::Result<Option<Result<Plan, E>>> {
    let mut tx = conn.begin().await?;
    let Some((def, _)) = super::types::claim(&mut tx, entity).await? else {
        return Ok(None);
    };
    let before = pipelines(&mut tx, entity).await?;
    let held = held(&mut tx, entity).await?;
    let plan = match decide(&def, &before, &held) {
        Ok(plan) => plan,
        Err(e) => return Ok(Some(Err(e))),
    };
    write_pipelines(&mut tx, entity, &before, &plan.pipelines).await?;
    for m in &plan.moves {
        move_items(&mut tx, &before, &plan.pipelines, *m, user_id, now).await?;
    }
    if !plan.deleted_stages.is_empty() {
        forget_stages(&mut tx, entity, &plan.deleted_stages).await?;
    }
    if let Some(p) = plan.deleted_pipeline {
        forget_pipeline(&mut tx, entity, p).await?;
    }
    tx.commit().await?;
    Ok(Some(Ok(plan)))
}

/// Writes the pipelines and stages that are new or differ from `before` (names, colours,
/// semantics, places, the default).
async fn write_pipelines(
    conn: &mut Conn,
    entity: EntityType,
    before: &[Pipeline],
    after: &[Pipeline],
) -> sqlx::Result<()> {
    for (sort, p) in after.iter().enumerate() {
        let old = before.iter().enumerate().find(|(_, b)| b.id == p.id && p.id != 0);
        let id = match old {
            None => sqlx::query(
                "INSERT INTO pipelines (entity_type, code, name, sort, is_default) VALUES ($1, $2, $3, $4, $5)
                     RETURNING id",
            )
            .bind(entity.slug())
            .bind(&p.code)
            .bind(&p.name)
            .bind(sort as i64)
            .bind(i64::from(p.is_default))
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?,
            Some((i, b)) => {
                if i != sort || b.name != p.name || b.is_default != p.is_default {
                    sqlx::query("UPDATE pipelines SET name = $2, sort = $3, is_default = $4 WHERE id = $1")
                        .bind(p.id)
                        .bind(&p.name)
                        .bind(sort as i64)
                        .bind(i64::from(p.is_default))
                        .execute(&mut *conn)
                        .await?;
                }
                p.id
            }
        };
        let old_stages: &[crate::domain::Stage] = old.map_or(&[], |(_, b)| &b.stages);
        for (sort, s) in p.stages.iter().enumerate() {
            match old_stages.iter().enumerate().find(|(_, b)| b.id == s.id && s.id != 0) {
                None => {
                    sqlx::query(
                        "INSERT INTO stages (pipeline_id, code, name, color, sort, semantics)
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(id)
                    .bind(&s.code)
                    .bind(&s.name)
                    .bind(&s.color)
                    .bind(sort as i64)
                    .bind(s.semantics.code())
                    .execute(&mut *conn)
                    .await?;
                }
                Some((i, b)) if i != sort || b != s => {
                    sqlx::query("UPDATE stages SET name = $2, color = $3, sort = $4, semantics = $5 WHERE id = $1")
                        .bind(s.id)
                        .bind(&s.name)
                        .bind(&s.color)
                        .bind(sort as i64)
                        .bind(s.semantics.code())
                        .execute(&mut *conn)
                        .await?;
                }
                Some(_) => {}
            }
        }
    }
    Ok(())
}

fn stage_ref(s: &crate::domain::Stage) -> StageRef {
    StageRef { id: s.id, name: s.name.clone(), color: s.color.clone() }
}

/// Moves every item of one stage to another, as one set of statements however many there are:
/// each gets a new version, a History row of the stage and a "stage changed" timeline event
/// (naming both pipelines when it changes pipeline), written by `user_id`.
async fn move_items(
    conn: &mut Conn,
    before: &[Pipeline],
    after: &[Pipeline],
    m: ItemMove,
    user_id: i64,
    now: i64,
) -> sqlx::Result<()> {
    let find = |ps: &[Pipeline], id: i64| ps.iter().find_map(|p| p.stage(id).map(|s| (p.clone(), s.clone())));
    let (Some((from_p, from)), Some((to_p, to))) = (find(before, m.from), find(after, m.to)) else {
        return Err(sqlx::Error::RowNotFound);
    };
    let pipeline =
        (from_p.id != to_p.id).then(|| Box::new(PipelineChange { from: from_p.name.clone(), to: to_p.name.clone() }));
    let payload = EventPayload::StageChanged { from: Some(stage_ref(&from)), to: stage_ref(&to), pipeline };
    let payload = serde_json::to_string(&payload).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let old = encode_value(&Value::Text(from.name.clone()))?;
    let new = encode_value(&Value::Text(to.name.clone()))?;
    // The move first, answering which items it took: their rows stay claimed by this
    // transaction, so the History and events below name exactly those, at their new version.
    let moved: Vec<i64> = sqlx::query(
        "UPDATE items SET stage_id = $2, pipeline_id = $3, version = version + 1, updated_at = $4
         WHERE stage_id = $1 RETURNING id",
    )
    .bind(m.from)
    .bind(m.to)
    .bind(to_p.id)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| r.try_get(0))
    .collect::<sqlx::Result<_>>()?;
    for ids in moved.chunks(500) {
        // Ids are integers the database gave: written inline, one statement per chunk.
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        sqlx::query(&format!(
            "INSERT INTO field_changes (item_id, version, field_code, old_value, new_value, user_id, at)
             SELECT id, version, $1, $2, $3, $4, $5 FROM items WHERE id IN ({list})"
        ))
        .bind(STAGE_FIELD)
        .bind(&old)
        .bind(&new)
        .bind(user_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        sqlx::query(&format!(
            "INSERT INTO timeline_events (item_id, kind, at, user_id, payload)
             SELECT id, $1, $2, $3, $4 FROM items WHERE id IN ({list})"
        ))
        .bind(crate::domain::EventKind::StageChanged.code())
        .bind(now)
        .bind(user_id)
        .bind(&payload)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Deletes stages (empty by now) and takes them out of the type's required-at-stage rules.
async fn forget_stages(conn: &mut Conn, entity: EntityType, stages: &[i64]) -> sqlx::Result<()> {
    for mut f in fields(conn, entity).await? {
        let rule = &mut f.settings.required.stages;
        let n = rule.len();
        rule.retain(|s| !stages.contains(s));
        if rule.len() != n {
            update_field(conn, entity, &f).await?;
        }
    }
    for id in stages {
        sqlx::query("DELETE FROM stages WHERE id = $1").bind(id).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Deletes a pipeline (its stages are gone by now) and the card arrangement kept for its cards:
/// layouts, their history, views and people's view choices under `{entity}:{pipeline}`.
async fn forget_pipeline(conn: &mut Conn, entity: EntityType, pipeline: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM pipelines WHERE id = $1").bind(pipeline).execute(&mut *conn).await?;
    let key = format!("{}:{pipeline}", entity.slug());
    let statements = [
        "DELETE FROM layouts WHERE entity_type = $1",
        "DELETE FROM layout_versions WHERE entity_type = $1",
        "DELETE FROM card_view_users WHERE view_id IN (SELECT id FROM card_views WHERE layout_key = $1)",
        "DELETE FROM card_view_departments WHERE view_id IN (SELECT id FROM card_views WHERE layout_key = $1)",
        "DELETE FROM card_views WHERE layout_key = $1",
        "DELETE FROM view_settings WHERE layout_key = $1",
        "DELETE FROM view_choices WHERE layout_key = $1",
    ];
    for sql in statements {
        sqlx::query(sql).bind(&key).execute(&mut *conn).await?;
    }
    // Roles kept from it forget it too: a later pipeline may get its id.
    super::access::forget_pipeline(conn, entity, pipeline).await
}
