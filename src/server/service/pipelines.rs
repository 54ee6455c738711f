//! Settings → Pipelines and stages (docs/PIPELINES.md).

use super::{admin_only, entity_of, known};
use crate::api::types::{CurrentUser, PipelinesAdmin, TypeName};
use crate::domain::pipeline_edit::{decide, EditError, PipelineEdit, PALETTE};
use crate::domain::{Stage, StageSemantics};
use crate::error::{AppError, FieldError};
use crate::i18n::seed;
use crate::server::store::{now_ms, pipelines, Store};

pub async fn pipelines_admin(store: &Store, user: &CurrentUser, entity: &str) -> Result<PipelinesAdmin, AppError> {
    admin_only(user)?;
    let entity = entity_of(entity)?;
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    let def = known(&cfg, &mut conn, entity).await?;
    if !def.has_stages() {
        return Err(AppError::NotFound);
    }
    let types = cfg.registry(&mut conn).await?.types.iter().filter(|t| t.has_stages()).map(TypeName::of).collect();
    let held = pipelines::held(&mut conn, entity).await?.into_iter().collect();
    Ok(PipelinesAdmin {
        entity,
        plural: def.shown_names().1,
        several: def.options.several_pipelines,
        pipelines: cfg.pipelines(&mut conn, entity).await?.to_vec(),
        held,
        types,
    })
}

/// The stages a pipeline an administrator adds starts with, in their language.
fn starting_stages() -> Vec<Stage> {
    let stage = |code: &str, key: &str, color: &str, semantics| Stage {
        id: 0,
        code: code.into(),
        name: seed(key).unwrap_or(code).into(),
        color: color.into(),
        semantics,
    };
    vec![
        stage("new", "stage-any-new", PALETTE[0], StageSemantics::InProgress),
        stage("in_progress", "stage-any-in-progress", PALETTE[6], StageSemantics::InProgress),
        stage("won", "stage-any-won", PALETTE[4], StageSemantics::Success),
        stage("lost", "stage-any-lost", PALETTE[8], StageSemantics::Failure),
    ]
}

fn edit_error(e: EditError) -> AppError {
    if e == EditError::NotFound {
        return AppError::NotFound;
    }
    let message = e.message();
    AppError::Validation { message: message.clone(), fields: vec![FieldError { code: e.part().into(), message }] }
}

/// Makes one change to `entity`'s pipelines (`domain::pipeline_edit::decide`) and answers with
/// them as they are now.
pub async fn edit_pipelines(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    edit: PipelineEdit,
) -> Result<PipelinesAdmin, AppError> {
    admin_only(user)?;
    let slug = entity;
    let entity = entity_of(entity)?;
    let starting = starting_stages();
    let mut conn = store.pool.acquire().await?;
    pipelines::edit_with(&mut conn, entity, user.id, now_ms(), |def, ps, held| decide(def, ps, held, &starting, &edit))
        .await?
        .ok_or(AppError::NotFound)?
        .map_err(edit_error)?;
    drop(conn);
    pipelines_admin(store, user, slug).await
}
