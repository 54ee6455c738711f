//! Settings → Smart processes (`/settings/types`): every entity type with its id and code;
//! create a smart process, rename a type, change a smart process's options, delete one after
//! typing its name.

use super::access_page::SettingsNav;
use crate::api::entity_types::{create_type, delete_type, get_type_contents, get_types_admin, update_type};
use crate::api::types::{TypeContents, TypesAdmin};
use crate::domain::registry::TypeSpec;
use crate::domain::{EntityType, TypeDef};
use crate::error::AppError;
use crate::text;
use crate::ui::common::app_frame::FrameResource;
use crate::ui::common::{handle_error, AppFrame, ErrorPanel, Loaded};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use std::collections::BTreeMap;

#[component]
pub fn TypesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_types_admin());
    view! {
        <AppFrame active=Signal::derive(|| None::<EntityType>)>
            <Title text=text::page_title(text::smart_processes())/>
            <Suspense fallback=|| view! { <p class="loading">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(a) => Loaded(view! { <TypesView data=a/> }).into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AppFrame>
    }
}

/// The page's state: the registry, which form is open (`Some(None)`: a new smart process), the
/// delete being confirmed, the last message.
#[derive(Clone, Copy)]
struct Page {
    data: RwSignal<TypesAdmin>,
    editing: RwSignal<Option<Option<EntityType>>>,
    deleting: RwSignal<Option<(EntityType, TypeContents)>>,
    notice: RwSignal<Option<String>>,
    errors: RwSignal<BTreeMap<String, String>>,
    /// The frame's menu, reloaded after a change.
    menu: Option<FrameResource>,
}

impl Page {
    /// Runs a change; on success reloads the list (and the main menu) and closes the form, on
    /// failure shows why beside the fields concerned.
    fn run<F>(&self, change: F, done: &'static str)
    where
        F: std::future::Future<Output = Result<(), AppError>> + 'static,
    {
        let me = *self;
        spawn_local(async move {
            match change.await {
                Ok(()) => {
                    if let Ok(fresh) = get_types_admin().await {
                        me.data.set(fresh);
                    }
                    if let Some(menu) = me.menu {
                        menu.refetch();
                    }
                    me.editing.set(None);
                    me.deleting.set(None);
                    me.errors.set(BTreeMap::new());
                    me.notice.set(Some(done.into()));
                }
                Err(e) => {
                    handle_error(&e);
                    if let AppError::Validation { fields, .. } = &e {
                        me.errors.set(fields.iter().map(|f| (f.code.clone(), f.message.clone())).collect());
                    }
                    me.notice.set(Some(e.message()));
                }
            }
        });
    }

    fn open(&self, e: Option<EntityType>) {
        self.notice.set(None);
        self.errors.set(BTreeMap::new());
        self.deleting.set(None);
        self.editing.set(Some(e));
    }

    fn error(&self, code: &'static str) -> impl Fn() -> Option<String> + Copy + 'static {
        let errors = self.errors;
        move || errors.with(|e| e.get(code).cloned())
    }
}

#[component]
fn TypesView(data: TypesAdmin) -> impl IntoView {
    let page = Page {
        data: RwSignal::new(data),
        editing: RwSignal::new(None),
        deleting: RwSignal::new(None),
        notice: RwSignal::new(None),
        errors: RwSignal::new(BTreeMap::new()),
        menu: use_context::<FrameResource>(),
    };
    let ask_delete = move |e: EntityType| {
        page.notice.set(None);
        page.editing.set(None);
        spawn_local(async move {
            match get_type_contents(e.slug().to_string()).await {
                Ok(c) => page.deleting.set(Some((e, c))),
                Err(err) => {
                    handle_error(&err);
                    page.notice.set(Some(err.message()));
                }
            }
        });
    };
    view! {
        <section class="settings-page types">
            <SettingsNav/>
            <h1>{text::smart_processes()}</h1>
            <p class="notice" role="status">{move || page.notice.get()}</p>
            <table class="fields-table entity-types">
                <thead>
                    <tr>
                        <th>{text::type_id()}</th>
                        <th>{text::name()}</th>
                        <th>{text::type_code()}</th>
                        <th>{text::field_kind()}</th>
                        <th><span class="sr-only">{text::actions()}</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || page.data.get().types key=|t| format!("{t:?}") let:t>
                        {
                            let e = t.entity;
                            let kind = if t.system { text::type_system() } else { text::smart_process() };
                            view! {
                                <tr data-type=e.slug().to_string()>
                                    <td>{t.id}</td>
                                    <td><a href=format!("/crm/{e}")>{t.plural.clone()}</a></td>
                                    <td><code>{e.slug().to_string()}</code></td>
                                    <td>{kind}</td>
                                    <td class="row-actions">
                                        <button type="button" class="link" on:click=move |_| page.open(Some(e))>{text::edit()}</button>
                                        {(!t.system).then(|| view! {
                                            <button type="button" class="link danger" on:click=move |_| ask_delete(e)>{text::delete()}</button>
                                        })}
                                    </td>
                                </tr>
                                <Show when=move || page.editing.get() == Some(Some(e))>
                                    <tr><td colspan="5"><TypeForm page existing=Some(t.clone())/></td></tr>
                                </Show>
                                <Show when=move || page.deleting.with(|d| d.as_ref().is_some_and(|d| d.0 == e))>
                                    <tr><td colspan="5"><DeleteType page/></td></tr>
                                </Show>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <Show when=move || page.editing.get() == Some(None) fallback=move || view! {
                <button type="button" class="primary" on:click=move |_| page.open(None)>"+ "{text::new_smart_process()}</button>
            }>
                <TypeForm page existing=None/>
            </Show>
        </section>
    }
}

/// Creates a smart process, or changes a type (a system type: its names only).
#[component]
fn TypeForm(page: Page, existing: Option<TypeDef>) -> impl IntoView {
    let creating = existing.is_none();
    let system = existing.as_ref().is_some_and(|d| d.system);
    let own = existing.as_ref().map(|d| d.entity);
    let start = existing.as_ref().map(TypeSpec::of).unwrap_or(TypeSpec {
        name: String::new(),
        plural: String::new(),
        code: String::new(),
        stages: true,
        several_pipelines: false,
        client_contact: true,
        client_company: true,
        links: vec![],
        in_menu: true,
    });
    let spec = RwSignal::new(start);
    let key = own.map_or_else(|| "new".to_string(), |e| e.slug().to_string());
    let key = StoredValue::new(key);
    let id = move |part: &str| format!("type-{}-{part}", key.get_value());
    let others: Vec<TypeDef> =
        page.data.with_untracked(|d| d.types.iter().filter(|t| Some(t.entity) != own).cloned().collect());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let s = spec.get_untracked();
        match own {
            None => page.run(async move { create_type(s).await.map(|_| ()) }, text::type_created()),
            Some(e) => {
                page.run(async move { update_type(e.slug().to_string(), s).await.map(|_| ()) }, text::saved_ok())
            }
        }
    };
    let text_row =
        move |part: &'static str, label: &'static str, get: fn(&TypeSpec) -> String, set: fn(&mut TypeSpec, String)| {
            let err = page.error(part);
            let input_id = id(part);
            view! {
                <div class="form-row" class:has-error=move || err().is_some()>
                    <label for=input_id.clone()>{label}</label>
                    <input id=input_id type="text" name=part maxlength="60"
                        prop:value=move || spec.with(get)
                        on:input=move |ev| spec.update(|s| set(s, event_target_value(&ev)))/>
                    {move || err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </div>
            }
        };
    let check =
        move |part: &'static str, label: &'static str, get: fn(&TypeSpec) -> bool, set: fn(&mut TypeSpec, bool)| {
            view! {
                <label class="check">
                    <input type="checkbox" name=part prop:checked=move || spec.with(get)
                        on:change=move |ev| spec.update(|s| set(s, event_target_checked(&ev)))/>
                    {label}
                </label>
            }
        };
    let code_err = page.error("code");
    let code_id = id("code");
    view! {
        <form class="field-form type-form" data-type-form=key.get_value() on:submit=submit>
            {text_row("name", text::type_name(), |s| s.name.clone(), |s, v| s.name = v)}
            {text_row("plural", text::type_plural(), |s| s.plural.clone(), |s, v| s.plural = v)}
            <div class="form-row" class:has-error=move || code_err().is_some()>
                <label for=code_id.clone()>{text::type_code()}</label>
                <input id=code_id type="text" name="code" maxlength="30" disabled=!creating
                    prop:value=move || spec.with(|s| s.code.clone())
                    on:input=move |ev| spec.update(|s| s.code = event_target_value(&ev))/>
                <p class="hint">{text::type_code_hint()}</p>
                {move || code_err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            {if system {
                view! { <p class="hint">{text::type_system_hint()}</p> }.into_any()
            } else {
                let stages_err = page.error("stages");
                let client_err = page.error("client");
                let links_err = page.error("links");
                view! {
                    <fieldset class="form-row">
                        <legend>{text::type_stages_legend()}</legend>
                        {check("stages", text::type_stages(), |s| s.stages, |s, v| s.stages = v)}
                        <Show when=move || spec.with(|s| s.stages)>
                            {check("several_pipelines", text::type_several_pipelines(), |s| s.several_pipelines, |s, v| s.several_pipelines = v)}
                        </Show>
                        {move || stages_err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    </fieldset>
                    <fieldset class="form-row">
                        <legend>{text::type_client()}</legend>
                        {check("client_contact", text::type_client_contact(), |s| s.client_contact, |s, v| s.client_contact = v)}
                        {check("client_company", text::type_client_company(), |s| s.client_company, |s, v| s.client_company = v)}
                        {move || client_err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    </fieldset>
                    <fieldset class="form-row">
                        <legend>{text::type_links()}</legend>
                        {others.into_iter().map(|t| {
                            let e = t.entity;
                            view! {
                                <label class="check">
                                    <input type="checkbox" name="links" value=e.slug().to_string()
                                        prop:checked=move || spec.with(|s| s.links.contains(&e))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            spec.update(|s| {
                                                s.links.retain(|l| *l != e);
                                                if on {
                                                    s.links.push(e);
                                                }
                                            });
                                        }/>
                                    {t.plural}
                                </label>
                            }
                        }).collect_view()}
                        {move || links_err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    </fieldset>
                    {check("in_menu", text::type_in_menu(), |s| s.in_menu, |s, v| s.in_menu = v)}
                }.into_any()
            }}
            <div class="actions">
                <button type="submit" class="primary">{if creating { text::create() } else { text::save() }}</button>
                <button type="button" on:click=move |_| page.editing.set(None)>{text::cancel()}</button>
            </div>
        </form>
    }
}

/// The confirmation of a delete: what goes with it, and the name to type.
#[component]
fn DeleteType(page: Page) -> impl IntoView {
    let Some((entity, contents)) = page.deleting.get_untracked() else { return ().into_any() };
    let typed = RwSignal::new(String::new());
    let name = contents.name.clone();
    let matches = move || typed.with(|t| t.trim() == name);
    let err = page.error("confirm");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let confirm = typed.get_untracked();
        page.run(async move { delete_type(entity.slug().to_string(), confirm).await }, text::type_deleted());
    };
    let input_id = format!("delete-{entity}-confirm");
    view! {
        <form class="field-form delete-type" on:submit=submit>
            <p class="warning" role="alert">
                {text::delete_type_warning(&contents.name, contents.items, contents.custom_fields, contents.files)}
            </p>
            {(!contents.linked_from.is_empty()).then(|| view! {
                <p class="field-error">{text::err_type_linked(contents.linked_from.join(", "))}</p>
            })}
            <div class="form-row" class:has-error=move || err().is_some()>
                <label for=input_id.clone()>{text::type_name_to_confirm()}</label>
                <input id=input_id type="text" name="confirm" autocomplete="off"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                {move || err().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            </div>
            <div class="actions">
                <button type="submit" class="danger" disabled=move || !matches()>{text::delete_type()}</button>
                <button type="button" on:click=move |_| page.deleting.set(None)>{text::cancel()}</button>
            </div>
        </form>
    }
    .into_any()
}
