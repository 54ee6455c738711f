//! Server only (feature `ssr`): configuration, state, HTTP plumbing, auth, the store, services
//! and demo data.

pub mod auth;
pub mod config;
pub mod demo;
pub mod http;
pub mod service;
pub mod state;
pub mod store;

use crate::api::types::CurrentUser;
use crate::error::AppError;
use state::AppState;
use std::future::Future;

/// The body of every server function: sign-in check, the work, and the HTTP status of the
/// answer taken from the error (a server-function call, or the page whose render called it, so
/// an unknown card is a 404 page).
pub async fn serve<T, F, Fut>(work: F) -> Result<T, AppError>
where
    F: FnOnce(AppState, CurrentUser) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let result = match auth::require_user().await {
        Ok((state, user)) => work(state, user).await,
        Err(e) => Err(e),
    };
    if let Err(e) = &result {
        if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(
                ::http::StatusCode::from_u16(e.status()).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    result
}
