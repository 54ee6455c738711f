//! The timeline of an item: pages of events and comments.

use crate::domain::timeline::{Cursor, TimelineEvent, TimelinePage as Page};
use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The events older than `before`, newest first (keyset pagination).
#[server(endpoint = "timeline", input = Json)]
pub async fn get_timeline(entity: String, id: i64, before: Option<Cursor>) -> Result<Page, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::timeline_page(&state.store, &user, &entity, id, before).await
    })
    .await
}

#[server(endpoint = "add_comment", input = Json)]
pub async fn add_comment(entity: String, id: i64, text: String) -> Result<TimelineEvent, AppError> {
    crate::server::serve(move |state, user| async move {
        crate::server::service::add_comment(&state.store, &user, &entity, id, &text).await
    })
    .await
}
