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
    answer(async move {
        let (state, user) = auth::require_user().await?;
        work(state, user).await
    })
    .await
}

/// [`serve`] for work that starts with a read nobody's rights decide (the item a save starts
/// from, the layout an operation applies to). On PostgreSQL the read runs beside the sign-in
/// check instead of after it, so a write waits for one round trip to the database fewer
/// (docs/PERFORMANCE.md, P4); SQLite has no round trip to hide, and there the two run one
/// after the other (measured: running them together only added hand-overs between threads).
/// What the read found reaches `work` only once the user is known, and `work` decides whether
/// that user may act on it; a request without a valid session gets `Unauthenticated` whatever
/// the read found or failed on. Each side takes its own pooled connection and gives it back when
/// its statement is done, never waiting for the other while holding one, so a full pool cannot
/// deadlock on requests that each hold one connection and wait for a second.
pub async fn serve_reading<T, R, RF, RFut, F, Fut>(read: RF, work: F) -> Result<T, AppError>
where
    RF: FnOnce(AppState) -> RFut,
    RFut: Future<Output = Result<R, AppError>>,
    F: FnOnce(AppState, CurrentUser, R) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    answer(async move {
        let state = auth::app_state()?;
        if state.store.backend == store::Backend::Postgres {
            let (signed_in, read) = tokio::join!(auth::require_user(), read(state));
            let (state, user) = signed_in?;
            work(state, user, read?).await
        } else {
            let (state, user) = auth::require_user().await?;
            let read = read(state.clone()).await?;
            work(state, user, read).await
        }
    })
    .await
}

/// The answer of a server function, with the HTTP status its error calls for.
async fn answer<T>(work: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let result = work.await;
    if let Err(e) = &result {
        if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(
                ::http::StatusCode::from_u16(e.status()).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    result
}
