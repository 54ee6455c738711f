//! The timeline on the right of the card: add a comment, read events newest first, load more.

pub mod comment_box;
pub mod event;

use crate::api::timeline::get_timeline;
use crate::text;
use crate::ui::card::{CardCtx, NoticeKind};
use crate::ui::common::handle_error;
use comment_box::CommentBox;
use event::EventView;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Timeline() -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    let loading = RwSignal::new(false);
    let load_more = move |_| {
        let Some(before) = ctx.next.get_untracked() else { return };
        loading.set(true);
        spawn_local(async move {
            let result = get_timeline(ctx.entity_slug(), ctx.id(), Some(before)).await;
            loading.set(false);
            match result {
                Ok(page) => {
                    ctx.events.update(|list| {
                        for e in page.events {
                            if !list.iter().any(|x| x.id == e.id) {
                                list.push(e);
                            }
                        }
                    });
                    ctx.next.set(page.next);
                }
                Err(e) => {
                    handle_error(&e);
                    ctx.say(NoticeKind::Error, e.message());
                }
            }
        });
    };
    view! {
        <aside class="timeline" aria-label=text::timeline()>
            {(!ctx.preview).then(|| view! { <CommentBox/> })}
            <Show when=move || ctx.events.with(|e| e.is_empty())>
                <p class="empty">{text::timeline_empty()}</p>
            </Show>
            <ol class="events">
                <For each=move || ctx.events.get() key=|e| e.id let:event>
                    <EventView event/>
                </For>
            </ol>
            <Show when=move || ctx.next.with(|n| n.is_some())>
                <button type="button" class="load-more" disabled=move || loading.get() on:click=load_more>
                    {text::load_more()}
                </button>
            </Show>
        </aside>
    }
}
