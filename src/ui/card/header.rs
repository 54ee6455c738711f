//! Title, entity type and responsible person.

use super::{CardCtx, NoticeKind};
use crate::api::items::{delete_items, restore_items};
use crate::api::layouts::get_layout_editor;
use crate::api::types::TypeNames;
use crate::api::views::get_views_admin;
use crate::domain::timeline::format_time;
use crate::domain::views::ViewRef;
use crate::text;
use crate::ui::common::handle_error;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CardHeader() -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    let types = StoredValue::new(expect_context::<TypeNames>());
    let h = ctx.header;
    let confirm_delete = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let delete = move || {
        deleting.set(true);
        spawn_local(async move {
            let entity = ctx.entity_slug();
            match delete_items(entity.clone(), vec![ctx.id()]).await {
                Ok(_) => crate::ui::browser::go_to(&format!("/crm/{entity}")),
                Err(e) => {
                    deleting.set(false);
                    confirm_delete.set(false);
                    handle_error(&e);
                    ctx.say(NoticeKind::Error, e.message());
                }
            }
        });
    };
    let restore = move |_| {
        spawn_local(async move {
            match restore_items(vec![ctx.id()]).await {
                Ok(_) => crate::ui::browser::reload(),
                Err(e) => {
                    handle_error(&e);
                    ctx.say(NoticeKind::Error, e.message());
                }
            }
        });
    };
    view! {
        {ctx.deleted_at.map(|at| view! {
            <p class="in-bin" role="status">
                {text::in_recycle_bin(format_time(at))}
                " "
                <button type="button" class="primary" on:click=restore>{text::restore()}</button>
            </p>
        })}
        <header class="card-header">
            <div>
                <span class="entity-label">
                    {move || if h.with(|h| h.repeat_lead) { text::repeat_lead().to_string() } else { types.with_value(|t| t.name(h.with(|h| h.entity))) }}
                </span>
                <h1 class="card-title">{move || h.with(|h| h.title.clone())}</h1>
            </div>
            <div class="card-meta">
                <dl class="card-facts">
                {move || ctx.pipeline.with(|p| p.as_ref().map(|p| p.name.clone())).map(|name| view! {
                    <div><dt>{text::pipeline()}</dt><dd>{name}</dd></div>
                })}
                <div>
                    <dt>{text::responsible()}</dt>
                    <dd class="responsible">{move || h.with(|h| h.responsible.as_ref().map(|r| r.name.clone()).unwrap_or_default())}</dd>
                </div>
                <div><dt>{text::created()}</dt><dd>{move || format_time(h.with(|h| h.created_at))}</dd></div>
                </dl>
                <super::views::ViewSwitcher/>
                {ctx.can_delete.then(|| view! {
                    <button type="button" class="link danger delete-item" on:click=move |_| confirm_delete.set(true)>
                        {text::delete()}
                    </button>
                })}
                {ctx.can_configure.then(|| view! {
                    <button
                        type="button"
                        class="settings"
                        aria-label=text::configure_card()
                        title=text::configure_card()
                        aria-pressed=move || ctx.configuring.with(Option::is_some).to_string()
                        on:click=move |_| open_settings(ctx)
                    >"⚙"</button>
                })}
            </div>
        </header>
        {move || confirm_delete.get().then(|| view! {
            <div class="modal-backdrop">
                <div class="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-delete-title">
                    <h2 id="confirm-delete-title">{text::confirm_delete_item()}</h2>
                    <p>{move || h.with(|h| h.title.clone())}</p>
                    <div class="actions">
                        <button type="button" class="danger" disabled=move || deleting.get() on:click=move |_| delete()>
                            {text::delete()}
                        </button>
                        <button type="button" on:click=move |_| confirm_delete.set(false)>{text::cancel()}</button>
                    </div>
                </div>
            </div>
        })}
    }
}

/// ⚙: an admin configures the view they see (the common view while they see the initial one);
/// anybody else their own view, or is offered to switch one on.
fn open_settings(ctx: CardCtx) {
    if ctx.configuring.get_untracked().is_some() {
        return;
    }
    // Settings mode takes the sections' place: an open form would go, with what was typed.
    if untrack(|| ctx.editing()) {
        ctx.say(NoticeKind::Info, text::save_edit_first());
        crate::ui::browser::reveal("form.section-form");
        return;
    }
    let view = ctx.view.get_untracked();
    let target = if ctx.admin {
        match view.active {
            ViewRef::Default => ViewRef::Common,
            v => v,
        }
    } else if let Some(own) = view.open.iter().map(|o| o.view).find(|v| matches!(v, ViewRef::Personal(_))) {
        own
    } else {
        ctx.offer_own.set(true);
        return;
    };
    edit_view(ctx, target);
}

/// Enters settings mode for `view`, from its layout as the server has it now. For an admin the
/// views panel's data comes in the same moment (both requests at once), so settings mode
/// appears whole: nothing arrives later above the sections and moves what is about to be
/// clicked.
pub fn edit_view(ctx: CardCtx, view: ViewRef) {
    spawn_local(async move {
        let editor = get_layout_editor(ctx.entity_slug(), ctx.pipeline_id(), ctx.repeat_lead(), view);
        let views = async {
            if ctx.admin {
                get_views_admin(ctx.entity_slug()).await.map(Some)
            } else {
                Ok(None)
            }
        };
        match futures::future::join(editor, views).await {
            (Ok(editor), Ok(views)) => {
                ctx.offer_own.set(false);
                ctx.views_admin.set(views);
                ctx.layout.set(editor.layout);
                ctx.editing.set(editor.view);
                ctx.configuring.set(Some(editor.version));
            }
            (Err(e), _) | (_, Err(e)) => {
                handle_error(&e);
                ctx.say(NoticeKind::Error, e.message());
            }
        }
    });
}
