//! CRM settings → Access: users, departments, roles. Administrators only.

use crate::api::types::{AccessAdmin, DepartmentInput, UserInput};
use crate::domain::access::Rights;
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

#[server(endpoint = "access_settings", input = Json)]
pub async fn get_access_settings() -> Result<AccessAdmin, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::access::access_settings(&state.store, &user).await
    })
    .await
}

/// Creates (`id` null) or changes a user; answers the id.
#[server(endpoint = "save_user", input = Json)]
pub async fn save_user(id: Option<i64>, user: UserInput) -> Result<i64, AppError> {
    crate::server::serve(move |state, me| async move {
        crate::server::service::access::save_user(&state.store, &me, id, user).await
    })
    .await
}

#[server(endpoint = "save_department", input = Json)]
pub async fn save_department(id: Option<i64>, department: DepartmentInput) -> Result<i64, AppError> {
    crate::server::serve(move |state, me| async move {
        crate::server::service::access::save_department(&state.store, &me, id, department).await
    })
    .await
}

#[server(endpoint = "delete_department", input = Json)]
pub async fn delete_department(id: i64) -> Result<(), AppError> {
    crate::server::serve(move |state, me| async move {
        crate::server::service::access::delete_department(&state.store, &me, id).await
    })
    .await
}

#[server(endpoint = "save_role", input = Json)]
pub async fn save_role(id: Option<i64>, name: String, rights: Rights) -> Result<i64, AppError> {
    crate::server::serve(move |state, me| async move {
        crate::server::service::access::save_role(&state.store, &me, id, name, rights).await
    })
    .await
}

#[server(endpoint = "delete_role", input = Json)]
pub async fn delete_role(id: i64) -> Result<(), AppError> {
    crate::server::serve(move |state, me| async move {
        crate::server::service::access::delete_role(&state.store, &me, id).await
    })
    .await
}
