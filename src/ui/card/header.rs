//! Title, entity type and responsible person.

use super::{CardCtx, NoticeKind};
use crate::api::layouts::get_layout_editor;
use crate::domain::timeline::format_time;
use crate::text;
use crate::ui::common::handle_error;
use leptos::prelude::*;
use leptos::task::spawn_local;

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
                {ctx.can_configure.then(|| view! {
                    <button
                        type="button"
                        class="settings"
                        aria-label=text::CONFIGURE_CARD
                        title=text::CONFIGURE_CARD
                        aria-pressed=move || ctx.configuring.with(Option::is_some).to_string()
                        on:click=move |_| open_settings(ctx)
                    >"⚙"</button>
                })}
            </dl>
        </header>
    }
}

/// Enters settings mode from the layout as the server has it now.
fn open_settings(ctx: CardCtx) {
    if ctx.configuring.get_untracked().is_some() {
        return;
    }
    spawn_local(async move {
        match get_layout_editor(ctx.entity_slug()).await {
            Ok(editor) => {
                ctx.layout.set(editor.layout);
                ctx.configuring.set(Some(editor.version));
            }
            Err(e) => {
                handle_error(&e);
                ctx.say(NoticeKind::Error, e.message());
            }
        }
    });
}
