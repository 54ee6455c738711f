//! `/crm/{entity}/new`: the form of a new item; saving opens its card.

use super::entity_param;
use crate::api::items::{create_item, get_new_item_form};
use crate::api::types::NewItemForm;
use crate::domain::FieldDef;
use crate::error::AppError;
use crate::text;
use crate::ui::browser;
use crate::ui::card::field_input::{EditForm, FieldEditor};
use crate::ui::common::{handle_error, AppFrame, ErrorPanel, Loaded};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

#[component]
pub fn NewItemPage() -> impl IntoView {
    let entity = entity_param();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || (params.read().get("entity").unwrap_or_default(), query.read().get("from")),
        |(entity, from)| get_new_item_form(entity, from),
    );
    view! {
        <AppFrame active=entity>
            <Suspense fallback=|| view! { <p class="loading">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(form) => Loaded(view! { <NewItem data=form/> }).into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AppFrame>
    }
}

#[component]
fn NewItem(data: NewItemForm) -> impl IntoView {
    let NewItemForm { entity, name, repeat_items, types, values, titles, fields, layout, pipelines, users, me } = data;
    // Item pickers name entity types from it.
    provide_context(types);
    let form = EditForm::new("new", entity.slug(), users);
    let mut start_values = values;
    start_values.insert("responsible".into(), crate::domain::Value::User(me));
    form.titles.set(titles);
    form.start(fields.iter(), &start_values);
    let pipeline = RwSignal::new(pipelines.iter().find(|p| p.is_default).or(pipelines.first()).map(|p| p.id));
    let repeat_lead = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let fields = StoredValue::new(fields);
    let navigate = use_navigate();
    let submit = move || {
        let values = form.all();
        if !fields.with_value(|f| form.check(f, &values)) {
            browser::reveal(".has-error");
            return;
        }
        saving.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = create_item(
                entity.slug().to_string(),
                pipeline.get_untracked(),
                values,
                repeat_lead.get_untracked().then_some(true),
            )
            .await;
            saving.set(false);
            match result {
                Ok(id) => navigate(&format!("/crm/{entity}/{id}"), Default::default()),
                Err(AppError::Validation { message, fields: errs }) => {
                    form.errors.set(errs.into_iter().map(|e| (e.code, e.message)).collect());
                    form.message.set(Some(message));
                    browser::reveal(".has-error");
                }
                Err(e) => {
                    handle_error(&e);
                    form.message.set(Some(e.message()));
                }
            }
        });
    };
    let section_fields = move |codes: &[String]| -> Vec<FieldDef> {
        fields.with_value(|f| codes.iter().filter_map(|c| f.iter().find(|d| d.code == *c).cloned()).collect())
    };
    view! {
        <Title text=text::page_title(&format!("{} {}", text::new_item_title(), name))/>
        <h1>{format!("{} {}", text::new_item_title(), name.to_lowercase())}</h1>
        <form class="new-item" novalidate on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            {(pipelines.len() > 1).then(|| view! {
                <label class="pipeline-choice">
                    {text::pipeline()}
                    <select name="pipeline" on:change=move |ev| pipeline.set(event_target_value(&ev).parse().ok())>
                        {pipelines.iter().map(|p| view! { <option value=p.id.to_string()>{p.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
            })}
            {repeat_items.then(|| view! {
                <label class="repeat-lead-choice">
                    <input type="checkbox" name="repeat_lead" on:change=move |ev| repeat_lead.set(event_target_checked(&ev))/>
                    {text::repeat_lead_choice()}
                </label>
            })}
            <div class="sections">
                {layout.sections.into_iter().map(|s| view! {
                    <section class="card-section" data-section=s.id.clone()>
                        <header class="section-head"><h2>{s.title.clone()}</h2></header>
                        {section_fields(&s.fields).into_iter().map(|def| view! { <FieldEditor def form/> }).collect_view()}
                    </section>
                }).collect_view()}
            </div>
            {move || form.message.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="submit" class="primary" disabled=move || saving.get()>{text::create()}</button>
                <a class="button" href=format!("/crm/{entity}")>{text::cancel()}</a>
            </div>
        </form>
    }
}
