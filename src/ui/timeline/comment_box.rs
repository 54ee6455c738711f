//! Writing a comment: Ctrl+Enter (or Cmd+Enter) or the button sends it.

use crate::api::timeline::add_comment;
use crate::error::AppError;
use crate::text;
use crate::ui::card::CardCtx;
use crate::ui::common::handle_error;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CommentBox() -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    let draft = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let send = move || {
        let body = draft.get_untracked();
        if body.trim().is_empty() {
            error.set(Some(text::err_comment_empty().into()));
            return;
        }
        if sending.get_untracked() {
            return;
        }
        sending.set(true);
        spawn_local(async move {
            let result = add_comment(ctx.entity_slug(), ctx.id(), body).await;
            sending.set(false);
            match result {
                Ok(event) => {
                    ctx.prepend_event(Some(event));
                    draft.set(String::new());
                    error.set(None);
                }
                // The text stays in the box, so nothing typed is lost.
                Err(AppError::Validation { message, .. }) => error.set(Some(message)),
                Err(e) => {
                    handle_error(&e);
                    error.set(Some(e.message()));
                }
            }
        });
    };
    view! {
        <form class="comment-box" on:submit=move |ev| {
            ev.prevent_default();
            send();
        }>
            <textarea
                name="comment"
                rows="3"
                aria-label=text::event_comment()
                placeholder=text::comment_placeholder()
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        ev.prevent_default();
                        send();
                    }
                }
            ></textarea>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <button type="submit" class="primary" disabled=move || sending.get()>{text::send()}</button>
        </form>
    }
}
