//! Sign in and out. Both work as plain HTML form posts too (JavaScript off).

use crate::api::types::{CurrentUser, Frame};
use crate::error::AppError;
use leptos::prelude::*;

/// Checks the password and starts a session; then goes to `/` (or back to the sign-in page
/// with an error), with or without JavaScript. `time_zone` is the browser's (empty without
/// JavaScript); it becomes the person's unless they chose one.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String, #[server(default)] time_zone: String) -> Result<(), AppError> {
    crate::server::auth::login(&email, &password, &time_zone).await
}

/// The person's language and time zone, with the choices.
#[server(endpoint = "profile")]
pub async fn profile() -> Result<crate::api::types::Profile, AppError> {
    crate::server::serve(|_state, user| async move { Ok(crate::server::service::profile::profile(&user)) }).await
}

/// Saves the person's language (empty: their browser's) and time zone; the page reloads to
/// speak it.
#[server(endpoint = "save_profile")]
pub async fn save_profile(language: String, time_zone: String) -> Result<(), AppError> {
    let (state, user) = crate::server::auth::require_user().await?;
    crate::server::service::profile::save(&state, &user, &language, &time_zone).await
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    crate::server::auth::logout().await
}

/// Ends every session of the signed-in user (other browsers, a lost phone), this one too.
#[server(endpoint = "logout_everywhere")]
pub async fn logout_everywhere() -> Result<(), AppError> {
    crate::server::auth::logout_everywhere().await
}

/// The frame of a signed-in page: the user's name and the main menu (the entity types they may
/// read that are shown in the menu).
#[server(endpoint = "frame")]
pub async fn page_frame() -> Result<Frame, AppError> {
    crate::server::serve(|state, user| async move { crate::server::service::frame(&state.store, &user).await }).await
}

/// The signed-in user, or `Unauthenticated`.
#[server(endpoint = "me")]
pub async fn me() -> Result<CurrentUser, AppError> {
    crate::server::auth::require_user().await.map(|(_, user)| user)
}

/// Whether the setup page may create the first administrator with this token (no user exists
/// yet and the token is the one the server printed). Needs no session: nobody has one yet.
#[server(endpoint = "setup_open")]
pub async fn setup_open(token: String) -> Result<bool, AppError> {
    let state = crate::server::auth::app_state()?;
    crate::server::service::setup::setup_open(&state.store, &token).await
}

/// Creates the first administrator with the setup token and signs them in.
#[server(endpoint = "setup")]
pub async fn setup(token: String, name: String, email: String, password: String) -> Result<(), AppError> {
    let state = crate::server::auth::app_state()?;
    let id = crate::server::service::setup::setup(&state.store, &token, &name, &email, &password).await?;
    let mut conn = state.store.pool.acquire().await?;
    crate::server::auth::start_session(&state, &mut conn, id).await
}
