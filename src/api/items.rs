//! Items: the card, saving fields, moving stages, creating, listing, relations and history.

use crate::api::types::{
    CardData, HistoryPage, ItemLink, ListPage, NewItemForm as NewForm, Relation, Saved, StageMoved,
};
use crate::domain::FieldInput;
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;
use std::collections::BTreeMap;

#[server(endpoint = "card", input = Json)]
pub async fn get_card(entity: String, id: i64) -> Result<CardData, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::card(&state.store, &user, &entity, id).await
    })
    .await
}

/// Saves the edited fields of an item. `version` is the version the editor started from:
/// changes by others to other fields are kept, the same field changed meanwhile is a conflict.
#[server(endpoint = "save_fields", input = Json)]
pub async fn save_fields(
    entity: String,
    id: i64,
    version: i64,
    changes: BTreeMap<String, FieldInput>,
) -> Result<Saved, AppError> {
    use crate::server::service::{read_save_base, save_fields};
    crate::server::serve_reading(
        move |_, conn| Box::pin(async move { read_save_base(conn, &entity, id).await }),
        move |state, user, base, conn| {
            Box::pin(async move { save_fields(&state.store, conn, &user, base, version, changes).await })
        },
    )
    .await
}

#[server(endpoint = "move_stage", input = Json)]
pub async fn move_stage(entity: String, id: i64, version: i64, stage_id: i64) -> Result<StageMoved, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::move_stage(&state.store, &user, &entity, id, version, stage_id, false).await
    })
    .await
}

/// Change pipeline: moves an item to `stage_id` of another pipeline of its type.
#[server(endpoint = "change_pipeline", input = Json)]
pub async fn change_pipeline(entity: String, id: i64, version: i64, stage_id: i64) -> Result<StageMoved, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::move_stage(&state.store, &user, &entity, id, version, stage_id, true).await
    })
    .await
}

/// The pipelines of a type with their stages, for Change pipeline.
#[server(endpoint = "type_pipelines", input = Json)]
pub async fn type_pipelines(entity: String) -> Result<Vec<crate::domain::Pipeline>, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::type_pipelines(&state.store, &user, &entity).await
    })
    .await
}

/// A kanban board of one pipeline (the default one when `None`).
#[server(endpoint = "board", input = Json)]
pub async fn get_board(
    entity: String,
    pipeline: Option<i64>,
    search: Option<String>,
) -> Result<crate::api::types::Board, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::board(&state.store, &user, &entity, pipeline, search).await
    })
    .await
}

/// The next cards of one board column.
#[server(endpoint = "board_column", input = Json)]
pub async fn get_board_column(
    entity: String,
    stage_id: i64,
    search: Option<String>,
    before: Option<i64>,
) -> Result<crate::api::types::BoardColumn, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::board_column(&state.store, &user, &entity, stage_id, search, before).await
    })
    .await
}

/// Remembers for the user whether their boards of `entity` show final stages as columns.
#[server(endpoint = "board_finals", input = Json)]
pub async fn remember_board_finals(entity: String, columns: bool) -> Result<(), AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::remember_finals(&state.store, &user, &entity, columns).await
    })
    .await
}

/// What changes when a pipeline's items or the configuration do (an open board polls it).
#[server(endpoint = "board_token", input = Json)]
pub async fn get_board_token(entity: String, pipeline: i64) -> Result<String, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::board_token(&state.store, &user, &entity, pipeline).await
    })
    .await
}

#[server(endpoint = "new_item_form", input = Json)]
pub async fn get_new_item_form(entity: String, from: Option<String>) -> Result<NewForm, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::new_item_form(&state.store, &user, &entity, from.as_deref()).await
    })
    .await
}

/// Creates an item and answers with its id.
#[server(endpoint = "create_item", input = Json)]
pub async fn create_item(
    entity: String,
    pipeline_id: Option<i64>,
    values: BTreeMap<String, FieldInput>,
    /// A repeat lead (leads only; absent means a regular one).
    repeat_lead: Option<bool>,
) -> Result<i64, AppError> {
    crate::server::serve(move |state, user| async move {
        let repeat_lead = repeat_lead.unwrap_or(false);
        crate::server::service::create_item(&state.store, &user, &entity, pipeline_id, values, repeat_lead).await
    })
    .await
}

#[server(endpoint = "list_items", input = Json)]
pub async fn list_items(
    entity: String,
    search: Option<String>,
    stage_id: Option<i64>,
    before: Option<i64>,
) -> Result<ListPage, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::list(&state.store, &user, &entity, search, stage_id, before).await
    })
    .await
}

/// What changes when a list's items or the configuration do (an open list polls it).
#[server(endpoint = "list_token", input = Json)]
pub async fn get_list_token(entity: String, search: Option<String>, stage_id: Option<i64>) -> Result<String, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::list_token(&state.store, &user, &entity, search, stage_id).await
    })
    .await
}

/// Items of an entity type whose title contains `query`, for a CRM-item field.
#[server(endpoint = "search_items", input = Json)]
pub async fn search_items(entity: String, query: String) -> Result<Vec<ItemLink>, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::search_items(&state.store, &user, &entity, &query).await
    })
    .await
}

#[server(endpoint = "relations", input = Json)]
pub async fn relations(entity: String, id: i64) -> Result<Vec<Relation>, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::relations(&state.store, &user, &entity, id).await
    })
    .await
}

#[server(endpoint = "history", input = Json)]
pub async fn history(entity: String, id: i64, before: Option<i64>) -> Result<HistoryPage, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::history(&state.store, &user, &entity, id, before).await
    })
    .await
}

/// Moves items of one entity type to the recycle bin (all or none); answers how many.
#[server(endpoint = "delete_items", input = Json)]
pub async fn delete_items(entity: String, ids: Vec<i64>) -> Result<usize, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::delete_items(&state.store, &user, &entity, ids).await
    })
    .await
}

/// The recycle bin: everything for administrators, one's own deletions for others.
#[server(endpoint = "recycle_bin", input = Json)]
pub async fn recycle_bin() -> Result<crate::api::types::RecycleBin, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::recycle_bin(&state.store, &user, state.config.recycle_days).await
    })
    .await
}

/// Brings items back from the recycle bin.
#[server(endpoint = "restore_items", input = Json)]
pub async fn restore_items(ids: Vec<i64>) -> Result<u64, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::restore_items(&state.store, &user, ids).await
    })
    .await
}

/// Deletes items of the recycle bin for good.
#[server(endpoint = "purge_items", input = Json)]
pub async fn purge_items(ids: Vec<i64>) -> Result<u64, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::purge_items(&state.store, &user, ids).await
    })
    .await
}
