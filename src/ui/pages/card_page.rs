//! `/crm/{entity}/{id}`: the card of one item; `/crm/{entity}/{id}/preview/{who}`: the same
//! card as another user or a department sees it (admins; read-only).

use super::entity_param;
use crate::api::items::get_card;
use crate::api::types::PreviewAs;
use crate::api::views::preview_card;
use crate::error::AppError;
use crate::text;
use crate::ui::card::Card;
use crate::ui::common::{AppFrame, ErrorPanel, Loaded};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CardPage() -> impl IntoView {
    let entity = entity_param();
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (p.get("entity").unwrap_or_default(), p.get("id").and_then(|s| s.parse::<i64>().ok()), p.get("who"))
    };
    let card = Resource::new(key, |(e, id, who)| async move {
        let Some(id) = id else { return Err(AppError::NotFound) };
        match who {
            None => get_card(e, id).await,
            Some(who) => match PreviewAs::from_slug(&who) {
                Some(who) => preview_card(e, id, who).await,
                None => Err(AppError::NotFound),
            },
        }
    });
    view! {
        <AppFrame active=entity>
            <Suspense fallback=|| view! { <p class="loading">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    match card.await {
                        Ok(data) => Loaded(view! { <Card data/> }).into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AppFrame>
    }
}
