//! The list of an entity type's items: search, stage filter, pages, "New". An open list follows
//! others' changes: new, changed and deleted items and renamed or recoloured stages show within
//! a poll (5 s).

use super::entity_param;
use crate::api::items::{delete_items, get_list_token, list_items};
use crate::api::types::ListPage as Page;
use crate::domain::timeline::format_time;
use crate::text;
use crate::ui::browser;
use crate::ui::common::{handle_error, AppFrame, ErrorPanel, Loaded};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ListPage() -> impl IntoView {
    let entity = entity_param();
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        (
            params.read().get("entity").unwrap_or_default(),
            q.get("q").filter(|s| !s.is_empty()),
            q.get("stage").and_then(|s| s.parse::<i64>().ok()),
            q.get("before").and_then(|s| s.parse::<i64>().ok()),
        )
    };
    let page = Resource::new(key, |(e, q, stage, before)| list_items(e, q, stage, before));
    let refresh = Callback::new(move |()| page.refetch());
    view! {
        <AppFrame active=entity>
            // A transition: a refresh keeps the rows on screen until the new ones are there.
            <Transition fallback=|| view! { <p class="loading">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(p) => Loaded(view! { <ListView page=p refresh/> }).into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </AppFrame>
    }
}

/// What an open list asks about: its type, search and stage filter, and the token it was read at.
struct Watched {
    entity: String,
    seen: String,
    search: Option<String>,
    stage: Option<i64>,
}

/// How often an open list asks whether it changed.
const POLL_MS: u32 = 5_000;

/// Follows others' changes: every few seconds asks for the list's change token and, when it
/// differs and the user is not choosing rows to delete, reads the list again (the new list
/// follows on). Stops when the list leaves the page.
fn follow(watched: Watched, refresh: Callback<()>, busy: impl Fn() -> bool + 'static) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let shown = std::sync::Arc::new(AtomicBool::new(true));
    let on_page = shown.clone();
    on_cleanup(move || shown.store(false, Ordering::Relaxed));
    let Watched { entity, seen, search, stage } = watched;
    spawn_local(async move {
        loop {
            browser::sleep(POLL_MS).await;
            if !on_page.load(Ordering::Relaxed) {
                return;
            }
            let Ok(token) = get_list_token(entity.clone(), search.clone(), stage).await else { continue };
            if token != seen && !busy() && on_page.load(Ordering::Relaxed) {
                refresh.run(());
                return;
            }
        }
    });
}

#[component]
fn ListView(page: Page, refresh: Callback<()>) -> impl IntoView {
    let query = use_query_map();
    let search = query.read_untracked().get("q").unwrap_or_default();
    let stage = query.read_untracked().get("stage").unwrap_or_default();
    let e = page.entity;
    let has_stages = !page.pipelines.is_empty();
    let has_amount = page.rows.iter().any(|r| r.amount.is_some());
    let export_href = {
        let mut href = format!("/crm/{e}/export.csv?q={}", urlencode(&search));
        if !stage.is_empty() {
            href.push_str(&format!("&stage={stage}"));
        }
        href
    };
    let next_href = page.next.map(|before| {
        let mut href = format!("/crm/{e}?before={before}");
        if !search.is_empty() {
            href.push_str(&format!("&q={}", urlencode(&search)));
        }
        if !stage.is_empty() {
            href.push_str(&format!("&stage={stage}"));
        }
        href
    });
    let paged = query.read_untracked().get("before").is_some();
    let stage_options = page
        .pipelines
        .iter()
        .flat_map(|p| {
            let many = page.pipelines.len() > 1;
            p.stages.iter().map(move |s| (s.id, if many { format!("{}: {}", p.name, s.name) } else { s.name.clone() }))
        })
        .collect::<Vec<_>>();
    let empty = page.rows.is_empty();
    let can_delete = page.can_delete;
    let chosen = RwSignal::new(std::collections::BTreeSet::<i64>::new());
    let confirm = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let watched = StoredValue::new(Some(Watched {
        entity: e.slug().to_string(),
        seen: page.token.clone(),
        search: Some(search.clone()).filter(|s| !s.is_empty()),
        stage: stage.parse().ok(),
    }));
    Effect::new(move |first: Option<()>| {
        if let (None, Some(w)) = (first, watched.try_update_value(Option::take).flatten()) {
            let busy = move || {
                chosen.try_with_untracked(|c| !c.is_empty()).unwrap_or(true)
                    || confirm.try_get_untracked().unwrap_or(true)
            };
            follow(w, refresh, busy);
        }
    });
    let delete_chosen = move || {
        let ids: Vec<i64> = chosen.get_untracked().into_iter().collect();
        spawn_local(async move {
            match delete_items(e.slug().to_string(), ids).await {
                Ok(_) => browser::reload(),
                Err(err) => {
                    confirm.set(false);
                    handle_error(&err);
                    problem.set(Some(err.message()));
                }
            }
        });
    };
    view! {
        <Title text=text::page_title(&page.plural)/>
        <div class="list-head">
            <h1>{page.plural.clone()}</h1>
            {has_stages.then(|| view! { <super::board::ViewSwitch entity=e kanban=false/> })}
            {page.can_create.then(|| view! { <a class="button primary" href=format!("/crm/{e}/new")>{text::new()}</a> })}
        </div>
        <Form method="GET" action="" attr:class="filters">
            <input type="search" name="q" value=search.clone() placeholder=text::search_placeholder() aria-label=text::search()/>
            {has_stages.then(|| view! {
                <select name="stage" aria-label=text::col_stage()>
                    <option value="">{text::all_stages()}</option>
                    {stage_options.into_iter().map(|(id, name)| {
                        let selected = stage == id.to_string();
                        view! { <option value=id.to_string() selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            })}
            <button type="submit">{text::filter()}</button>
        </Form>
        {if empty {
            view! { <p class="empty">{text::nothing_found()}</p> }.into_any()
        } else {
            view! {
                <table class="items">
                    <thead>
                        <tr>
                            {can_delete.then(|| view! { <th class="choose"><span class="sr-only">{text::select_item()}</span></th> })}
                            <th>{text::col_name()}</th>
                            {has_stages.then(|| view! { <th>{text::col_stage()}</th> })}
                            {has_amount.then(|| view! { <th class="num">{text::col_amount()}</th> })}
                            <th>{text::col_responsible()}</th>
                            <th>{text::col_updated()}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page.rows.into_iter().map(|r| view! {
                            <tr>
                                {can_delete.then(|| {
                                    let (id, title) = (r.id, r.title.clone());
                                    view! {
                                        <td class="choose">
                                            <input type="checkbox" aria-label=format!("{} {title}", text::select_item())
                                                data-choose=id.to_string()
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    chosen.update(|c| { if on { c.insert(id); } else { c.remove(&id); } });
                                                }/>
                                        </td>
                                    }
                                })}
                                <td>
                                    <a href=format!("/crm/{e}/{}", r.id)>{r.title}</a>
                                    {r.repeat_lead.then(|| view! { " " <span class="tag repeat-lead">{text::repeat_lead()}</span> })}
                                </td>
                                {has_stages.then(|| view! {
                                    <td>{r.stage.map(|s| view! {
                                        <span class="stage-badge" style=crate::ui::common::stage_style(&s.color)>{s.name}</span>
                                    })}</td>
                                })}
                                {has_amount.then(|| view! { <td class="num">{r.amount.unwrap_or_default()}</td> })}
                                <td>{r.responsible.unwrap_or_default()}</td>
                                <td>{format_time(r.updated_at)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        {(can_delete && !empty).then(|| view! {
            <div class="bulk-actions">
                <button type="button" class="danger" disabled=move || chosen.with(|c| c.is_empty())
                    on:click=move |_| confirm.set(true)>
                    {text::delete_selected()}
                </button>
                {move || problem.get().map(|m| view! { <span class="form-error" role="alert">{m}</span> })}
            </div>
        })}
        {move || confirm.get().then(|| view! {
            <div class="modal-backdrop">
                <div class="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-delete-title">
                    <h2 id="confirm-delete-title">{text::confirm_delete_item()}</h2>
                    <p>{move || text::items_chosen(chosen.with(|c| c.len()))}</p>
                    <div class="actions">
                        <button type="button" class="danger" on:click=move |_| delete_chosen()>{text::delete()}</button>
                        <button type="button" on:click=move |_| confirm.set(false)>{text::cancel()}</button>
                    </div>
                </div>
            </div>
        })}
        <nav class="pager">
            {page.can_export.then(|| view! { <a class="export" href=export_href download="">{text::export_csv()}</a> })}
            {paged.then(|| view! { <a href=format!("/crm/{e}")>{text::first_page()}</a> })}
            {next_href.map(|href| view! { <a href=href rel="next">{text::next_page()}</a> })}
        </nav>
    }
}

/// Percent-encodes a query value.
pub(super) fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
