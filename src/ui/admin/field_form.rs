//! The dialog that creates a custom field or configures a field: type and "multiple" (only when
//! creating), label, options, default currency, required (always or at chosen stages of each
//! pipeline) and restricted visibility (custom fields only). The server checks everything again.

use crate::api::fields::{configure_field, create_field};
use crate::api::types::FieldAdmin;
use crate::domain::field_spec::FieldSpec;
use crate::domain::value::CURRENCIES;
use crate::domain::{FieldDef, FieldSettings, FieldType, ListOption};
use crate::error::AppError;
use crate::text;
use crate::ui::common::handle_error;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

/// Toggles `id` in a list held by a signal.
fn toggle<T: PartialEq + Copy + Send + Sync + 'static>(list: RwSignal<Vec<T>>, id: T, on: bool) {
    list.update(|l| {
        l.retain(|x| *x != id);
        if on {
            l.push(id);
        }
    });
}

/// Checkboxes of users or departments who may see a restricted field.
#[component]
fn Audience(
    title: &'static str,
    /// For tests and styles: `data-audience-{kind}` holds each choice's name.
    kind: &'static str,
    choices: Vec<crate::api::types::UserRef>,
    chosen: RwSignal<Vec<i64>>,
) -> impl IntoView {
    view! {
        <div class="audience">
            <span class="pipeline-name">{title}": "</span>
            {choices.into_iter().map(|c| {
                let id = c.id;
                view! {
                    <label class="check">
                        <input type="checkbox" data-audience=kind data-name=c.name.clone()
                            prop:checked=move || chosen.with(|l| l.contains(&id))
                            on:change=move |ev| toggle(chosen, id, event_target_checked(&ev))/>
                        {c.name}
                    </label>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
pub fn FieldForm(
    admin: StoredValue<FieldAdmin>,
    /// The field to configure; `None` creates a custom field.
    existing: Option<FieldDef>,
    on_done: Callback<FieldDef>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let creating = existing.is_none();
    let start = existing.clone().map(|d| FieldSpec::of(&d)).unwrap_or(FieldSpec {
        label: String::new(),
        field_type: FieldType::String,
        multiple: false,
        settings: FieldSettings::default(),
    });
    let system = existing.as_ref().is_some_and(|d| d.system);
    let code = existing.as_ref().map(|d| d.code.clone()).unwrap_or_default();
    let key = if creating { "new-field".to_string() } else { format!("field-{code}") };
    let (type_id, label_id, currency_id) = (format!("{key}-type"), format!("{key}-label"), format!("{key}-currency"));
    let label = RwSignal::new(start.label.clone());
    let field_type = RwSignal::new(start.field_type);
    let multiple = RwSignal::new(start.multiple);
    let multiline = RwSignal::new(start.settings.multiline);
    let options = RwSignal::new(start.settings.options.clone());
    let item_types = RwSignal::new(start.settings.item_types.clone());
    let currency = RwSignal::new(start.settings.default_currency.clone().unwrap_or_else(|| CURRENCIES[0].into()));
    let always = RwSignal::new(start.settings.required.always);
    let stages = RwSignal::new(start.settings.required.stages.clone());
    let restricted = RwSignal::new(start.settings.visible_to.is_some());
    let audience = start.settings.visible_to.clone().unwrap_or_default();
    let users = RwSignal::new(audience.users);
    let departments = RwSignal::new(audience.departments);
    let errors = RwSignal::new(BTreeMap::<String, String>::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let entity = admin.with_value(|a| a.entity);

    let spec = move || {
        let t = field_type.get_untracked();
        FieldSpec {
            label: label.get_untracked(),
            field_type: t,
            multiple: multiple.get_untracked() && t.can_be_multiple(),
            settings: FieldSettings {
                options: if t.has_options() { options.get_untracked() } else { vec![] },
                multiline: multiline.get_untracked(),
                item_types: item_types.get_untracked(),
                default_currency: (t == FieldType::Money).then(|| currency.get_untracked()),
                required: crate::domain::RequiredRule {
                    always: always.get_untracked(),
                    stages: stages.get_untracked(),
                },
                visible_to: restricted.get_untracked().then(|| crate::domain::Audience {
                    users: users.get_untracked(),
                    departments: departments.get_untracked(),
                }),
            },
        }
    };
    let code_for_submit = code.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let spec = spec();
        let code = code_for_submit.clone();
        spawn_local(async move {
            let result = if creating {
                create_field(entity.slug().to_string(), spec).await
            } else {
                configure_field(entity.slug().to_string(), code, spec).await
            };
            busy.set(false);
            match result {
                Ok(def) => on_done.run(def),
                Err(e) => {
                    handle_error(&e);
                    if let AppError::Validation { fields, .. } = &e {
                        errors.set(fields.iter().map(|f| (f.code.clone(), f.message.clone())).collect());
                    }
                    message.set(Some(e.message()));
                }
            }
        });
    };
    let error_of = move |part: &'static str| {
        move || errors.with(|e| e.get(part).cloned()).map(|m| view! { <p class="field-error" role="alert">{m}</p> })
    };
    let t_now = move || field_type.get();
    let (pipelines, all_users, all_departments) =
        admin.with_value(|a| (a.pipelines.clone(), a.users.clone(), a.departments.clone()));
    let show_stages = pipelines.len() > 1;
    let title = if creating { text::create_field().to_string() } else { text::configure_field(&start.label) };
    view! {
        <form class="field-form" data-field-form=key on:submit=submit>
            <h3>{title}</h3>
            {move || message.get().map(|m| view! { <p class="form-message" role="alert">{m}</p> })}
            <div class="form-row">
                <label for=type_id.clone()>{text::field_type()}</label>
                {if creating {
                    view! {
                        <select id=type_id.clone() on:change=move |ev| {
                            if let Some(t) = FieldType::from_code(&event_target_value(&ev)) {
                                field_type.set(t);
                                if t.has_options() && options.with_untracked(Vec::is_empty) {
                                    options.set(vec![ListOption { id: String::new(), label: String::new() }]);
                                }
                            }
                        }>
                            {FieldType::ALL.into_iter().map(|t| view! {
                                <option value=t.code() selected=move || field_type.get() == t>{text::field_type_name(t)}</option>
                            }).collect_view()}
                        </select>
                    }.into_any()
                } else {
                    view! { <span id=type_id.clone()>{text::field_type_name(start.field_type)}</span> }.into_any()
                }}
                {error_of("field_type")}
            </div>
            <div class="form-row">
                <label for=label_id.clone()>{text::field_label()}</label>
                <input id=label_id type="text" maxlength="100" prop:value=move || label.get()
                    on:input=move |ev| label.set(event_target_value(&ev))/>
                {error_of("label")}
            </div>
            {creating.then(|| view! {
                <Show when=move || t_now().can_be_multiple()>
                    <label class="check">
                        <input type="checkbox" name="multiple" prop:checked=move || multiple.get()
                            on:change=move |ev| multiple.set(event_target_checked(&ev))/>
                        {text::field_multiple()}
                    </label>
                </Show>
                <Show when=move || t_now() == FieldType::String>
                    <label class="check">
                        <input type="checkbox" prop:checked=move || multiline.get()
                            on:change=move |ev| multiline.set(event_target_checked(&ev))/>
                        {text::field_multiline()}
                    </label>
                </Show>
                <Show when=move || t_now() == FieldType::CrmItem>
                    <fieldset class="form-row">
                        <legend>{text::field_item_types()}</legend>
                        {admin.with_value(|a| a.types.0.clone()).into_iter().map(|t| {
                            let e = t.entity;
                            view! {
                                <label class="check">
                                    <input type="checkbox" prop:checked=move || item_types.with(|l| l.contains(&e))
                                        on:change=move |ev| toggle(item_types, e, event_target_checked(&ev))/>
                                    {t.plural}
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                </Show>
            })}
            <Show when=move || t_now().has_options()>
                <fieldset class="form-row options">
                    <legend>{move || if t_now() == FieldType::Booking { text::field_resources() } else { text::field_options() }}</legend>
                    <For each=move || 0..options.with(Vec::len) key=|i| *i let:i>
                        <div class="entry">
                            <input type="text" maxlength="100" aria-label=move || format!("{} {}", text::field_option(), i + 1)
                                prop:value=move || options.with(|o| o.get(i).map(|o| o.label.clone()).unwrap_or_default())
                                on:input=move |ev| options.update(|o| if let Some(slot) = o.get_mut(i) { slot.label = event_target_value(&ev) })/>
                            <button type="button" class="link remove" aria-label=text::remove()
                                on:click=move |_| options.update(|o| if i < o.len() { o.remove(i); })>"×"</button>
                        </div>
                    </For>
                    <button type="button" class="link add" on:click=move |_| options.update(|o| o.push(ListOption { id: String::new(), label: String::new() }))>
                        {text::add_option()}
                    </button>
                    {error_of("options")}
                </fieldset>
            </Show>
            <Show when=move || t_now() == FieldType::Money>
                <div class="form-row">
                    <label for=currency_id.clone()>{text::default_currency()}</label>
                    <select id=currency_id.clone() prop:value=move || currency.get() on:change=move |ev| currency.set(event_target_value(&ev))>
                        {CURRENCIES.into_iter().map(|c| view! { <option value=c selected=move || currency.get() == c>{c}</option> }).collect_view()}
                    </select>
                    {error_of("default_currency")}
                </div>
            </Show>
            <fieldset class="form-row required-rule">
                <legend>{text::required_legend()}</legend>
                <label class="check">
                    <input type="checkbox" name="required-always" prop:checked=move || always.get()
                        on:change=move |ev| always.set(event_target_checked(&ev))/>
                    {text::required_always()}
                </label>
                {(!pipelines.is_empty()).then(|| view! { <p class="hint">{text::required_at_stages()}</p> })}
                {pipelines.into_iter().map(|p| view! {
                    <div class="stage-choice">
                        {show_stages.then(|| view! { <span class="pipeline-name">{p.name.clone()}": "</span> })}
                        {p.stages.into_iter().map(|s| {
                            let id = s.id;
                            view! {
                                <label class="check">
                                    <input type="checkbox" data-required-stage=s.name.clone() prop:checked=move || stages.with(|l| l.contains(&id))
                                        on:change=move |ev| toggle(stages, id, event_target_checked(&ev))/>
                                    {s.name}
                                </label>
                            }
                        }).collect_view()}
                    </div>
                }).collect_view()}
                {error_of("required")}
            </fieldset>
            {(!system).then(|| view! {
                <fieldset class="form-row visibility">
                    <legend>{text::visibility()}</legend>
                    <label class="check">
                        <input type="checkbox" name="restricted" prop:checked=move || restricted.get()
                            on:change=move |ev| restricted.set(event_target_checked(&ev))/>
                        {text::restrict_visibility()}
                    </label>
                    <Show when=move || restricted.get()>
                        <p class="hint">{text::visibility_hint()}</p>
                        <Audience title=text::users() kind="user" choices=all_users.clone() chosen=users/>
                        <Audience title=text::departments() kind="department" choices=all_departments.clone() chosen=departments/>
                    </Show>
                    {error_of("visible_to")}
                </fieldset>
            })}
            <div class="actions">
                <button type="submit" class="primary" disabled=move || busy.get()>{if creating { text::create() } else { text::save() }}</button>
                <button type="button" on:click=move |_| on_cancel.run(())>{text::cancel()}</button>
            </div>
        </form>
    }
}
