//! Settings → Smart processes: list, create, change and delete entity types. Administrators only.

use crate::api::types::{TypeContents, TypesAdmin};
use crate::domain::registry::TypeSpec;
use crate::domain::TypeDef;
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

#[server(endpoint = "types_admin", input = Json)]
pub async fn get_types_admin() -> Result<TypesAdmin, AppError> {
    crate::server::serve(
        move |state, user| async move { crate::server::service::types_admin(&state.store, &user).await },
    )
    .await
}

#[server(endpoint = "create_type", input = Json)]
pub async fn create_type(spec: TypeSpec) -> Result<TypeDef, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::create_type(&state.store, &user, spec).await
    })
    .await
}

#[server(endpoint = "update_type", input = Json)]
pub async fn update_type(entity: String, spec: TypeSpec) -> Result<TypeDef, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::update_type(&state.store, &user, &entity, spec).await
    })
    .await
}

#[server(endpoint = "type_contents", input = Json)]
pub async fn get_type_contents(entity: String) -> Result<TypeContents, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::type_contents(&state.store, &user, &entity).await
    })
    .await
}

/// Deletes a smart process and everything in it; `confirm` is its name, typed by the admin.
#[server(endpoint = "delete_type", input = Json)]
pub async fn delete_type(entity: String, confirm: String) -> Result<(), AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::delete_type(&state.store, &user, &entity, &confirm).await
    })
    .await
}
