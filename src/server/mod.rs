//! Server only (feature `ssr`): configuration, state, HTTP plumbing, auth, the store, services
//! and demo data.

pub mod auth;
pub mod config;
pub mod demo;
pub mod http;
pub mod localize;
pub mod ops;
pub mod service;
pub mod state;
pub mod store;

use crate::api::types::CurrentUser;
use crate::error::AppError;
use futures::future::BoxFuture;
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
        crate::i18n::REQUEST.scope(locale_of(&user), work(state, user)).await
    })
    .await
}

/// The locale a signed-in person's request speaks: their profile's language (else the
/// request's) and their time zone, so that messages, formats and the times they type are theirs.
pub fn locale_of(user: &CurrentUser) -> std::sync::Arc<crate::i18n::Locale> {
    let lang = user.language.as_deref().and_then(crate::i18n::Lang::from_code).unwrap_or_else(crate::i18n::lang);
    crate::i18n::locale_for(lang, user.time_zone.as_deref())
}

/// [`serve`] for work that starts with a read nobody's rights decide (the item a save starts
/// from, the layout an operation applies to). `read` and `work` are given the connection to run
/// on.
///
/// On PostgreSQL the read runs beside the sign-in check instead of after it, so a write waits
/// for one round trip to the database fewer (docs/PERFORMANCE.md, P4). Each side takes its own
/// pooled connection and gives it back when its statement is done, never waiting for the other
/// while holding one, so a full pool cannot deadlock on requests that each hold one connection
/// and wait for a second; the work then takes a third.
///
/// SQLite has no round trip to hide (running the two together only added hand-overs between
/// threads), so there the sign-in check, the read and the work run one after another on one
/// connection: sqlx pings every connection given back to its pool, a hand-over to the
/// connection's thread and back, and one connection instead of three saves two of them.
///
/// What the read found reaches `work` only once the user is known, and `work` decides whether
/// that user may act on it; a request without a valid session gets `Unauthenticated` whatever
/// the read found or failed on.
pub async fn serve_reading<T, R, RF, F>(read: RF, work: F) -> Result<T, AppError>
where
    RF: for<'c> FnOnce(&'c AppState, &'c mut store::Conn) -> BoxFuture<'c, Result<R, AppError>>,
    F: for<'c> FnOnce(&'c AppState, CurrentUser, R, &'c mut store::Conn) -> BoxFuture<'c, Result<T, AppError>>,
{
    answer(async move {
        let state = auth::app_state()?;
        if state.store.backend == store::Backend::Postgres {
            let reading = async {
                let mut conn = state.store.pool.acquire().await?;
                read(&state, &mut conn).await
            };
            let (signed_in, read) = tokio::join!(auth::require_user(), reading);
            let (state, user) = signed_in?;
            let read = read?;
            let mut conn = state.store.pool.acquire().await?;
            crate::i18n::REQUEST.scope(locale_of(&user), work(&state, user, read, &mut conn)).await
        } else {
            let mut conn = state.store.pool.acquire().await?;
            let user = auth::require_user_on(&mut conn).await?;
            let read = read(&state, &mut conn).await?;
            crate::i18n::REQUEST.scope(locale_of(&user), work(&state, user, read, &mut conn)).await
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
