//! One component per route.

pub mod board;
pub mod card_page;
pub mod list;
pub mod login;
pub mod new_item;
pub mod not_found;
pub mod profile;
pub mod recycle_bin;
pub mod setup;

use crate::domain::EntityType;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The entity type named in the URL (`/crm/{entity}/…`), if it is one.
pub fn entity_param() -> Memo<Option<EntityType>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("entity").and_then(|s| s.parse().ok()))
}
