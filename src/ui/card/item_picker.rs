//! Choosing a CRM item for a binding field: type to search, pick from the matches.

use super::field_input::EditForm;
use crate::api::items::search_items;
use crate::api::types::{ItemLink, TypeNames};
use crate::domain::{EntityType, FieldDef, FieldInput};
use crate::text;
use crate::ui::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn parse_ref(input: &FieldInput) -> Option<(EntityType, i64)> {
    match input {
        FieldInput::Text(s) => {
            let (e, id) = s.split_once(':')?;
            Some((e.parse().ok()?, id.parse().ok()?))
        }
        _ => None,
    }
}

#[component]
pub fn ItemPicker(
    def: FieldDef,
    value: Signal<FieldInput>,
    set: Callback<FieldInput>,
    form: EditForm,
    id: String,
) -> impl IntoView {
    let names = StoredValue::new(use_context::<TypeNames>().unwrap_or_default());
    let types = if def.settings.item_types.is_empty() {
        names.with_value(TypeNames::entities)
    } else {
        def.settings.item_types.clone()
    };
    let query = RwSignal::new(String::new());
    let results: RwSignal<Vec<ItemLink>> = RwSignal::new(vec![]);
    let searching = RwSignal::new(0_u32);
    let current = move || value.with(parse_ref);
    let current_title = move || {
        current().map(|(e, id)| {
            form.titles
                .with(|t| t.get(&id).cloned())
                .unwrap_or_else(|| format!("{} #{id}", names.with_value(|n| n.name(e))))
        })
    };
    let types = StoredValue::new(types);
    let search = move |q: String| {
        query.set(q.clone());
        let ticket = searching.get_untracked().wrapping_add(1);
        searching.set(ticket);
        if q.trim().is_empty() {
            results.set(vec![]);
            return;
        }
        spawn_local(async move {
            browser::sleep(250).await;
            if searching.get_untracked() != ticket {
                return;
            }
            let mut found = Vec::new();
            for e in types.get_value() {
                if let Ok(mut r) = search_items(e.slug().to_string(), q.clone()).await {
                    found.append(&mut r);
                }
            }
            if searching.get_untracked() == ticket {
                results.set(found);
            }
        });
    };
    let list_id = format!("{id}-results");
    view! {
        <div class="item-picker">
            {move || current_title().map(|t| view! {
                <span class="chip">
                    {t}
                    <button type="button" class="link" aria-label=text::remove() on:click=move |_| set.run(FieldInput::Text(String::new()))>"×"</button>
                </span>
            })}
            <input
                id=id
                type="search"
                autocomplete="off"
                placeholder=text::item_search_placeholder()
                aria-controls=list_id.clone()
                prop:value=move || query.get()
                on:input=move |ev| search(event_target_value(&ev))
            />
            <ul class="picker-results" id=list_id role="listbox">
                <For each=move || results.get() key=|r| r.id let:r>
                    {
                        let link = r.clone();
                        view! {
                            <li role="option">
                                <button type="button" class="link" on:click=move |_| {
                                    form.titles.update(|t| { t.insert(link.id, link.title.clone()); });
                                    set.run(FieldInput::Text(format!("{}:{}", link.entity, link.id)));
                                    results.set(vec![]);
                                    query.set(String::new());
                                }>
                                    {r.title.clone()}
                                    <small>{names.with_value(|n| n.name(r.entity))}</small>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </div>
    }
}
