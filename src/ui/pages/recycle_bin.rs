//! `/settings/recycle-bin`: deleted items — everybody's for administrators, one's own for everybody
//! else — with Restore and Delete permanently.

use crate::api::items::{purge_items, recycle_bin, restore_items};
use crate::api::types::RecycleBin;
use crate::domain::timeline::format_time;
use crate::domain::EntityType;
use crate::error::AppError;
use crate::text;
use crate::ui::common::{handle_error, AppFrame, ErrorPanel, Loaded};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use std::collections::BTreeSet;

#[component]
pub fn RecycleBinPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| recycle_bin());
    view! {
        <AppFrame active=Signal::derive(|| None::<EntityType>)>
            <Title text=text::page_title(text::recycle_bin())/>
            <Suspense fallback=|| view! { <p class="loading">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(bin) => Loaded(view! { <BinView bin/> }).into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AppFrame>
    }
}

#[component]
fn BinView(bin: RecycleBin) -> impl IntoView {
    let everybody = bin.everybody;
    let hint = text::bin_hint(everybody, bin.days);
    let items = RwSignal::new(bin.items);
    let chosen = RwSignal::new(BTreeSet::<i64>::new());
    let notice = RwSignal::new(None::<String>);
    let confirm_purge = RwSignal::new(false);
    // Restores or purges the chosen items; the bin is read again afterwards.
    let act = move |purge: bool| {
        let ids: Vec<i64> = chosen.get_untracked().into_iter().collect();
        spawn_local(async move {
            let done: Result<u64, AppError> = if purge { purge_items(ids).await } else { restore_items(ids).await };
            confirm_purge.set(false);
            match done {
                Ok(_) => {
                    if let Ok(fresh) = recycle_bin().await {
                        items.set(fresh.items);
                    }
                    chosen.set(BTreeSet::new());
                    notice.set(Some(text::saved_ok().into()));
                }
                Err(e) => {
                    handle_error(&e);
                    notice.set(Some(e.message()));
                }
            }
        });
    };
    let none_chosen = move || chosen.with(BTreeSet::is_empty);
    view! {
        <section class="settings-page recycle-bin">
            <h1>{text::recycle_bin()}</h1>
            <p class="hint">{hint}</p>
            <p class="notice" role="status">{move || notice.get()}</p>
            <Show when=move || !items.with(Vec::is_empty) fallback=|| view! { <p class="empty">{text::bin_empty()}</p> }>
                <table class="items bin">
                    <thead>
                        <tr>
                            <th class="choose"><span class="sr-only">{text::select_item()}</span></th>
                            <th>{text::col_name()}</th>
                            <th>{text::col_type()}</th>
                            <th>{text::col_deleted_by()}</th>
                            <th>{text::col_deleted_at()}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || items.get() key=|i| i.id let:i>
                            {
                                let id = i.id;
                                view! {
                                    <tr data-bin-item=id.to_string()>
                                        <td class="choose">
                                            <input type="checkbox" aria-label=format!("{} {}", text::select_item(), i.title)
                                                prop:checked=move || chosen.with(|c| c.contains(&id))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    chosen.update(|c| { if on { c.insert(id); } else { c.remove(&id); } });
                                                }/>
                                        </td>
                                        // Administrators open the card (read-only, with Restore).
                                        <td>{if everybody {
                                            view! { <a href=format!("/crm/{}/{id}", i.entity)>{i.title.clone()}</a> }.into_any()
                                        } else {
                                            i.title.clone().into_any()
                                        }}</td>
                                        <td>{i.type_name.clone()}</td>
                                        <td>{i.deleted_by.clone().unwrap_or_default()}</td>
                                        <td>{format_time(i.deleted_at)}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
                <div class="bulk-actions">
                    <button type="button" class="primary" disabled=none_chosen on:click=move |_| act(false)>{text::restore()}</button>
                    <button type="button" class="danger" disabled=none_chosen on:click=move |_| confirm_purge.set(true)>
                        {text::delete_permanently()}
                    </button>
                </div>
            </Show>
            {move || confirm_purge.get().then(|| view! {
                <div class="modal-backdrop">
                    <div class="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-purge-title">
                        <h2 id="confirm-purge-title">{text::confirm_purge()}</h2>
                        <p>{move || text::items_chosen(chosen.with(|c| c.len()))}</p>
                        <div class="actions">
                            <button type="button" class="danger" on:click=move |_| act(true)>{text::delete_permanently()}</button>
                            <button type="button" on:click=move |_| confirm_purge.set(false)>{text::cancel()}</button>
                        </div>
                    </div>
                </div>
            })}
        </section>
    }
}
