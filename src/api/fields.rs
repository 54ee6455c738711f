//! Custom fields: the settings of every field of an entity type, create, configure, delete.
//! Administrators only.

use crate::api::types::FieldAdmin;
use crate::domain::field_spec::FieldSpec;
use crate::domain::FieldDef;
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

#[server(endpoint = "field_settings", input = Json)]
pub async fn get_field_settings(entity: String) -> Result<FieldAdmin, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::field_settings(&state.store, &user, &entity).await
    })
    .await
}

#[server(endpoint = "create_field", input = Json)]
pub async fn create_field(entity: String, spec: FieldSpec) -> Result<FieldDef, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::create_field(&state.store, &user, &entity, spec).await
    })
    .await
}

#[server(endpoint = "configure_field", input = Json)]
pub async fn configure_field(entity: String, code: String, spec: FieldSpec) -> Result<FieldDef, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::configure_field(&state.store, &user, &entity, &code, spec).await
    })
    .await
}

/// Deletes a custom field and all its values.
#[server(endpoint = "delete_field", input = Json)]
pub async fn delete_field(entity: String, code: String) -> Result<(), AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::delete_field(&state.store, &user, &entity, &code).await
    })
    .await
}
