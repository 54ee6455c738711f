//! CRM settings → Custom fields: every field of an entity type with its type, whether it is a
//! system or custom field, its required rule and visibility; create, configure and delete.

use super::field_form::FieldForm;
use crate::api::fields::{delete_field, get_field_settings};
use crate::api::types::FieldAdmin;
use crate::domain::{EntityType, FieldDef};
use crate::text;
use crate::ui::common::{handle_error, AppFrame, ErrorPanel, Loaded};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn FieldsPage() -> impl IntoView {
    let params = use_params_map();
    let admin = Resource::new(move || params.read().get("entity").unwrap_or_default(), get_field_settings);
    view! {
        <AppFrame active=Signal::derive(|| None::<EntityType>)>
            <Title text=text::page_title(text::custom_fields())/>
            <Suspense fallback=|| view! { <p class="loading">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    match admin.await {
                        Ok(a) => Loaded(view! { <FieldsView admin=a/> }).into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AppFrame>
    }
}

/// The required rule in words: "Always", the stage names, or nothing.
fn required_text(admin: &FieldAdmin, def: &FieldDef) -> String {
    let rule = &def.settings.required;
    if rule.always {
        return text::required_always().into();
    }
    let names: Vec<String> = admin
        .pipelines
        .iter()
        .flat_map(|p| p.stages.iter().filter(|s| rule.stages.contains(&s.id)).map(move |s| (p, s)))
        .map(|(p, s)| if admin.pipelines.len() > 1 { format!("{}: {}", p.name, s.name) } else { s.name.clone() })
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!("{} {}", text::required_at(), names.join(", "))
    }
}

/// Who sees the field, in words.
fn visibility_text(admin: &FieldAdmin, def: &FieldDef) -> String {
    let Some(a) = &def.settings.visible_to else { return text::everyone().into() };
    let mut names: Vec<String> =
        admin.users.iter().filter(|u| a.users.contains(&u.id)).map(|u| u.name.clone()).collect();
    names.extend(admin.departments.iter().filter(|d| a.departments.contains(&d.id)).map(|d| d.name.clone()));
    if names.is_empty() {
        text::admins_only().into()
    } else {
        names.join(", ")
    }
}

#[component]
fn FieldsView(admin: FieldAdmin) -> impl IntoView {
    let entity = admin.entity;
    let fields = RwSignal::new(admin.fields.clone());
    let admin = StoredValue::new(admin);
    // The row whose form is open: Some("") creates a field.
    let open = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let done = Callback::new(move |def: FieldDef| {
        fields.update(|list| match list.iter_mut().find(|f| f.code == def.code) {
            Some(slot) => *slot = def.clone(),
            None => list.push(def.clone()),
        });
        admin.update_value(|a| a.fields = fields.get_untracked());
        notice.set(Some(text::field_saved(&def.label)));
        open.set(None);
    });
    let cancel = Callback::new(move |_| open.set(None));
    let confirm_delete = move |code: String| {
        spawn_local(async move {
            match delete_field(entity.slug().to_string(), code.clone()).await {
                Ok(()) => {
                    let label = fields.with_untracked(|l| l.iter().find(|f| f.code == code).map(|f| f.label.clone()));
                    fields.update(|l| l.retain(|f| f.code != code));
                    admin.update_value(|a| a.fields.retain(|f| f.code != code));
                    notice.set(Some(text::field_deleted(label.unwrap_or_default())));
                }
                Err(e) => {
                    handle_error(&e);
                    notice.set(Some(e.message()));
                }
            }
            deleting.set(None);
        });
    };
    view! {
        <section class="settings-page">
            <super::access_page::SettingsNav/>
            <h1>{text::custom_fields()}</h1>
            <nav class="entity-tabs" aria-label=text::custom_fields()>
                {admin.with_value(|a| a.types.0.clone()).into_iter().map(|t| {
                    let e = t.entity;
                    view! {
                        <a href=format!("/settings/fields/{e}") class:active=e == entity aria-current=(e == entity).then_some("page")>
                            {t.plural}
                        </a>
                    }
                }).collect_view()}
            </nav>
            <p class="notice" role="status">{move || notice.get()}</p>
            <table class="fields-table">
                <thead>
                    <tr>
                        <th>{text::field_label()}</th>
                        <th>{text::field_type()}</th>
                        <th>{text::field_kind()}</th>
                        <th>{text::required_legend()}</th>
                        <th>{text::visibility()}</th>
                        <th><span class="sr-only">{text::actions()}</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || fields.get() key=|f| format!("{f:?}") let:def>
                        {
                            let code = StoredValue::new(def.code.clone());
                            let configure = def.clone();
                            let kind = if def.system { text::system_field() } else { text::custom_field() };
                            let type_text = if def.multiple {
                                format!("{} ({})", text::field_type_name(def.field_type), text::multiple_short())
                            } else {
                                text::field_type_name(def.field_type).to_string()
                            };
                            let required = admin.with_value(|a| required_text(a, &def));
                            let visibility = admin.with_value(|a| visibility_text(a, &def));
                            let label = def.label.clone();
                            view! {
                                <tr data-field-row=def.code.clone()>
                                    <td>{def.label.clone()}</td>
                                    <td>{type_text}</td>
                                    <td>{kind}</td>
                                    <td>{required}</td>
                                    <td>{visibility}</td>
                                    <td class="row-actions">
                                        <button type="button" class="link" on:click=move |_| open.set(Some(code.get_value()))>{text::configure()}</button>
                                        {(!def.system).then(|| view! {
                                            <button type="button" class="link danger" on:click=move |_| deleting.set(Some(code.get_value()))>{text::delete()}</button>
                                        })}
                                    </td>
                                </tr>
                                <Show when=move || deleting.get().as_deref() == Some(code.get_value().as_str())>
                                    <tr class="confirm-row"><td colspan="6">
                                        <div class="confirm-delete" role="alert">
                                            <p>{text::delete_field_warning(&label)}</p>
                                            <button type="button" class="primary danger" on:click=move |_| confirm_delete(code.get_value())>{text::delete_field()}</button>
                                            <button type="button" on:click=move |_| deleting.set(None)>{text::cancel()}</button>
                                        </div>
                                    </td></tr>
                                </Show>
                                <Show when=move || open.get().as_deref() == Some(code.get_value().as_str())>
                                    <tr class="form-row-holder"><td colspan="6">
                                        <FieldForm admin existing=Some(configure.clone()) on_done=done on_cancel=cancel/>
                                    </td></tr>
                                </Show>
                            }
                        }
                    </For>
                </tbody>
            </table>
            {move || if open.get().as_deref() == Some("") {
                view! { <FieldForm admin existing=None on_done=done on_cancel=cancel/> }.into_any()
            } else {
                view! { <button type="button" class="primary" on:click=move |_| open.set(Some(String::new()))>"+ "{text::create_field()}</button> }.into_any()
            }}
        </section>
    }
}

/// The address of the page, for links to it.
pub fn href(entity: EntityType) -> String {
    format!("/settings/fields/{entity}")
}
