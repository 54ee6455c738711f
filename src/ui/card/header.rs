//! Title, entity type and responsible person.

use super::CardCtx;
use crate::domain::timeline::format_time;
use crate::text;
use leptos::prelude::*;

#[component]
pub fn CardHeader() -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    let h = ctx.header;
    view! {
        <header class="card-header">
            <div>
                <span class="entity-label">{move || text::entity_singular(h.with(|h| h.entity))}</span>
                <h1 class="card-title">{move || h.with(|h| h.title.clone())}</h1>
            </div>
            <dl class="card-meta">
                {ctx.pipeline.with_value(|p| p.as_ref().map(|p| p.name.clone())).map(|name| view! {
                    <div><dt>{text::PIPELINE}</dt><dd>{name}</dd></div>
                })}
                <div>
                    <dt>{text::RESPONSIBLE}</dt>
                    <dd class="responsible">{move || h.with(|h| h.responsible.as_ref().map(|r| r.name.clone()).unwrap_or_default())}</dd>
                </div>
                <div><dt>{text::CREATED}</dt><dd>{move || format_time(h.with(|h| h.created_at))}</dd></div>
            </dl>
        </header>
    }
}
