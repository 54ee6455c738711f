//! The History tab: every field change with old and new value, who and when.

use super::CardCtx;
use crate::api::items::history;
use crate::api::types::HistoryRow;
use crate::domain::timeline::format_time;
use crate::text;
use crate::ui::common::{handle_error, ErrorPanel};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn HistoryTab() -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    // Reload when the item changes (a save on the General tab, then back here).
    let first = Resource::new(
        move || (ctx.entity_slug(), ctx.id(), ctx.header.with(|h| h.version)),
        |(e, id, _)| history(e, id, None),
    );
    let more: RwSignal<Vec<HistoryRow>> = RwSignal::new(vec![]);
    let next: RwSignal<Option<i64>> = RwSignal::new(None);
    let load_more = move |_| {
        let Some(before) = next.get_untracked() else { return };
        spawn_local(async move {
            match history(ctx.entity_slug(), ctx.id(), Some(before)).await {
                Ok(page) => {
                    more.update(|m| m.extend(page.rows));
                    next.set(page.next);
                }
                Err(e) => {
                    handle_error(&e);
                    ctx.say(super::NoticeKind::Error, e.message());
                }
            }
        });
    };
    let row = |r: HistoryRow| {
        view! {
            <tr>
                <td>{format_time(r.at)}</td>
                <td>{r.field_label}</td>
                <td class="old">{r.old}</td>
                <td class="new">{r.new}</td>
                <td>{r.author.unwrap_or_else(|| text::system_author().to_string())}</td>
            </tr>
        }
    };
    view! {
        <div class="history">
            <Suspense fallback=|| view! { <p class="loading">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    match first.await {
                        Ok(page) if page.rows.is_empty() => view! { <p class="empty">{text::no_history()}</p> }.into_any(),
                        Ok(page) => {
                            next.set(page.next);
                            more.set(vec![]);
                            view! {
                                <table class="items history-table">
                                    <thead>
                                        <tr>
                                            <th>{text::history_when()}</th>
                                            <th>{text::history_field()}</th>
                                            <th>{text::history_old()}</th>
                                            <th>{text::history_new()}</th>
                                            <th>{text::history_who()}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {page.rows.into_iter().map(row).collect_view()}
                                        {move || more.get().into_iter().map(row).collect_view()}
                                    </tbody>
                                </table>
                                <Show when=move || next.get().is_some()>
                                    <button type="button" class="load-more" on:click=load_more>{text::load_more()}</button>
                                </Show>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}
