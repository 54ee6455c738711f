//! The card layout of one view of an entity type (for deals of one pipeline, for leads of
//! one kind: `pipeline`, `repeat_lead`): read it for settings mode, save operations,
//! history and rollback. The common and named views are for administrators; a user's own view
//! for its owner.

use crate::api::types::{CardLayout, LayoutEditor, LayoutSaved, LayoutVersionView};
use crate::domain::layout_ops::LayoutOp;
use crate::domain::views::ViewRef;
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

#[server(endpoint = "layout_editor", input = Json)]
pub async fn get_layout_editor(
    entity: String,
    pipeline: Option<i64>,
    repeat_lead: Option<bool>,
    view: ViewRef,
) -> Result<LayoutEditor, AppError> {
    crate::server::serve(move |state, user| async move {
        let kind = crate::server::service::card_kind(&state.store, &entity, pipeline, repeat_lead).await?;
        crate::server::service::layout_editor(&state.store, &user, kind, view).await
    })
    .await
}

/// Applies `ops`, made by an editor who started from `version`, to the current layout.
#[server(endpoint = "save_layout", input = Json)]
pub async fn save_layout(
    entity: String,
    pipeline: Option<i64>,
    repeat_lead: Option<bool>,
    view: ViewRef,
    version: i64,
    ops: Vec<LayoutOp>,
) -> Result<LayoutSaved, AppError> {
    use crate::server::service::{card_kind, read_layout_base, save_layout};
    crate::server::serve_reading(
        move |state, conn| {
            Box::pin(async move {
                read_layout_base(conn, card_kind(&state.store, &entity, pipeline, repeat_lead).await?, view).await
            })
        },
        move |state, user, base, conn| {
            Box::pin(async move { save_layout(&state.store, &state.config, conn, &user, base, version, ops).await })
        },
    )
    .await
}

#[server(endpoint = "layout_history", input = Json)]
pub async fn layout_history(
    entity: String,
    pipeline: Option<i64>,
    repeat_lead: Option<bool>,
    view: ViewRef,
) -> Result<Vec<LayoutVersionView>, AppError> {
    crate::server::serve(move |state, user| async move {
        let kind = crate::server::service::card_kind(&state.store, &entity, pipeline, repeat_lead).await?;
        crate::server::service::layout_history(&state.store, &user, kind, view).await
    })
    .await
}

/// Makes the layout of `version` the current one again, as a new version.
#[server(endpoint = "rollback_layout", input = Json)]
pub async fn rollback_layout(
    entity: String,
    pipeline: Option<i64>,
    repeat_lead: Option<bool>,
    view: ViewRef,
    version: i64,
) -> Result<LayoutSaved, AppError> {
    crate::server::serve(move |state, user| async move {
        let kind = crate::server::service::card_kind(&state.store, &entity, pipeline, repeat_lead).await?;
        crate::server::service::rollback_layout(&state.store, &user, kind, view, version).await
    })
    .await
}

/// The card layout as the user sees it now (open cards fetch it when told the layout changed).
#[server(endpoint = "card_layout", input = Json)]
pub async fn get_card_layout(
    entity: String,
    pipeline: Option<i64>,
    repeat_lead: Option<bool>,
) -> Result<CardLayout, AppError> {
    crate::server::serve(move |state, user| async move {
        let kind = crate::server::service::card_kind(&state.store, &entity, pipeline, repeat_lead).await?;
        crate::server::service::card_layout(&state.store, &user, kind).await
    })
    .await
}
