//! Card views: switching among them, one's own view, the common view's settings, named views
//! (administrators), and previewing the card as someone else (administrators).

use crate::api::types::{CardData, PreviewAs, ViewInput, ViewsAdmin};
use crate::domain::views::ViewRef;
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Shows the card of `entity` in `view` from now on (one of the views open to the user).
#[server(endpoint = "choose_view", input = Json)]
pub async fn choose_view(entity: String, view: ViewRef) -> Result<(), AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::choose_view(&state.store, &user, &entity, view).await
    })
    .await
}

/// "Enable my view" (a copy of what the user sees now) or back to the views of the others.
#[server(endpoint = "enable_my_view", input = Json)]
pub async fn enable_my_view(entity: String, on: bool) -> Result<(), AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::enable_my_view(&state.store, &user, &entity, on).await
    })
    .await
}

#[server(endpoint = "views_admin", input = Json)]
pub async fn get_views_admin(entity: String) -> Result<ViewsAdmin, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::views_admin(&state.store, &user, &entity).await
    })
    .await
}

/// "Enable common view" (`published`) and "Set common view for all users" (`forced`).
#[server(endpoint = "set_common_view", input = Json)]
pub async fn set_common_view(entity: String, published: bool, forced: bool) -> Result<(), AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::set_common_view(&state.store, &user, &entity, published, forced).await
    })
    .await
}

/// "Reset to initial view": answers the common view's new version.
#[server(endpoint = "reset_common_view", input = Json)]
pub async fn reset_common_view(entity: String) -> Result<i64, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::reset_common_view(&state.store, &user, &entity).await
    })
    .await
}

/// Creates or changes a named view; answers its id.
#[server(endpoint = "save_card_view", input = Json)]
pub async fn save_card_view(entity: String, view: ViewInput) -> Result<i64, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::save_card_view(&state.store, &user, &entity, view).await
    })
    .await
}

#[server(endpoint = "delete_card_view", input = Json)]
pub async fn delete_card_view(entity: String, id: i64) -> Result<(), AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::delete_card_view(&state.store, &user, &entity, id).await
    })
    .await
}

/// The card of an item as `who` sees it, read-only.
#[server(endpoint = "preview_card", input = Json)]
pub async fn preview_card(entity: String, id: i64, who: PreviewAs) -> Result<CardData, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::preview_card(&state.store, &user, &entity, id, who).await
    })
    .await
}
