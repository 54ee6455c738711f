//! Settings → Pipelines and stages: a type's pipelines and their stages as administrators shape
//! them (docs/PIPELINES.md). Administrators only.

use crate::api::types::PipelinesAdmin;
use crate::domain::pipeline_edit::PipelineEdit;
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

#[server(endpoint = "pipelines_admin", input = Json)]
pub async fn get_pipelines_admin(entity: String) -> Result<PipelinesAdmin, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::pipelines_admin(&state.store, &user, &entity).await
    })
    .await
}

/// Makes one change and answers with the pipelines as they are now.
#[server(endpoint = "edit_pipelines", input = Json)]
pub async fn edit_pipelines(entity: String, edit: PipelineEdit) -> Result<PipelinesAdmin, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::edit_pipelines(&state.store, &user, &entity, edit).await
    })
    .await
}
