//! CRM settings → Access: users (name, email, password, department, roles, active),
//! departments (name, parent, head) and roles (per entity type a scope for each action, "allow
//! my card view", administrator, and the pipelines it sees where a type has several). The server
//! checks every change again.

use crate::api::access::{delete_department, delete_role, get_access_settings, save_department, save_role, save_user};
use crate::api::types::{AccessAdmin, DepartmentInput, DepartmentRow, UserInput, UserRow};
use crate::domain::access::{Action, EntityRights, Rights, Role, Scope};
use crate::domain::EntityType;
use crate::error::AppError;
use crate::text;
use crate::ui::common::{handle_error, AppFrame, ErrorPanel, Loaded};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

/// The links between the pages of CRM settings.
#[component]
pub fn SettingsNav() -> impl IntoView {
    view! {
        <nav class="settings-nav" aria-label=text::settings()>
            <a href="/settings/fields/deal">{text::custom_fields()}</a>
            <a href="/settings/pipelines/deal">{text::pipelines_and_stages()}</a>
            <a href="/settings/access">{text::access()}</a>
            <a href="/settings/types">{text::smart_processes()}</a>
            <a href="/settings/recycle-bin">{text::recycle_bin()}</a>
        </nav>
    }
}

#[component]
pub fn AccessPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_access_settings());
    view! {
        <AppFrame active=Signal::derive(|| None::<EntityType>)>
            <Title text=text::page_title(text::access())/>
            <Suspense fallback=|| view! { <p class="loading">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(a) => Loaded(view! { <AccessView data=a/> }).into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AppFrame>
    }
}

/// What is being edited: `None` inside means a new one.
#[derive(Clone, Debug, PartialEq)]
enum Editing {
    User(Option<i64>),
    Department(Option<i64>),
    Role(Option<i64>),
}

#[derive(Clone, Copy)]
struct Page {
    data: RwSignal<AccessAdmin>,
    editing: RwSignal<Option<Editing>>,
    notice: RwSignal<Option<String>>,
}

impl Page {
    /// Runs a change; on success reloads everything and closes the form, on failure shows why.
    fn run<F>(&self, change: F)
    where
        F: std::future::Future<Output = Result<(), AppError>> + 'static,
    {
        let me = *self;
        spawn_local(async move {
            match change.await {
                Ok(()) => {
                    if let Ok(fresh) = get_access_settings().await {
                        me.data.set(fresh);
                    }
                    me.editing.set(None);
                    me.notice.set(Some(text::saved_ok().into()));
                }
                Err(e) => {
                    handle_error(&e);
                    me.notice.set(Some(e.message()));
                }
            }
        });
    }

    /// Opens the form of `e` (one form at a time).
    fn open(&self, e: Editing) {
        self.notice.set(None);
        self.editing.set(Some(e));
    }

    fn is_open(&self, e: Editing) -> bool {
        self.editing.with(|x| x.as_ref() == Some(&e))
    }

    fn department_name(&self, id: Option<i64>) -> String {
        id.and_then(|id| self.data.with(|d| d.departments.iter().find(|x| x.id == id).map(|x| x.name.clone())))
            .unwrap_or_else(|| text::none().into())
    }
}

#[component]
fn AccessView(data: AccessAdmin) -> impl IntoView {
    let page = Page { data: RwSignal::new(data), editing: RwSignal::new(None), notice: RwSignal::new(None) };
    view! {
        <section class="settings-page access">
            <SettingsNav/>
            <h1>{text::access()}</h1>
            <p class="notice" role="status">{move || page.notice.get()}</p>
            <UsersTable page/>
            <DepartmentsTable page/>
            <RolesTable page/>
        </section>
    }
}

/// Users, each with its form to edit, and a new one.
#[component]
fn UsersTable(page: Page) -> impl IntoView {
    // A view of its own (`into_any`): the page as one view type is too deep for rustc when
    // components are not erased (a build without `--cfg erase_components`).
    view! {
        <>
            <h2>{text::users()}</h2>
            <table class="fields-table users">
                <thead><tr><th>{text::name()}</th><th>{text::email()}</th><th>{text::department()}</th><th>{text::roles()}</th><th>{text::active()}</th><th></th></tr></thead>
                <tbody>
                    <For each=move || page.data.get().users key=|u| format!("{u:?}") let:u>
                        {
                            let id = u.id;
                            let roles = page.data.with(|d| {
                                d.roles.iter().filter(|r| u.roles.contains(&r.id)).map(|r| r.name.clone()).collect::<Vec<_>>().join(", ")
                            });
                            view! {
                                <tr data-user=u.email.clone()>
                                    <td>{u.name.clone()}</td>
                                    <td>{u.email.clone()}</td>
                                    <td>{page.department_name(u.department_id)}</td>
                                    <td>{roles}</td>
                                    <td>{if u.active { text::active() } else { text::inactive() }}</td>
                                    <td class="row-actions"><button type="button" class="link" on:click=move |_| page.open(Editing::User(Some(id)))>{text::edit()}</button></td>
                                </tr>
                                <Show when=move || page.is_open(Editing::User(Some(id)))>
                                    <tr><td colspan="6"><UserForm page user=Some(u.clone())/></td></tr>
                                </Show>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <Show when=move || page.is_open(Editing::User(None)) fallback=move || view! {
                <button type="button" class="primary" on:click=move |_| page.open(Editing::User(None))>"+ "{text::new_user()}</button>
            }>
                <UserForm page user=None/>
            </Show>
        </>
    }
    .into_any()
}

/// Departments, each with its form to edit, and a new one.
#[component]
fn DepartmentsTable(page: Page) -> impl IntoView {
    // A view of its own (`into_any`): the page as one view type is too deep for rustc when
    // components are not erased (a build without `--cfg erase_components`).
    view! {
        <>
            <h2>{text::departments()}</h2>
            <table class="fields-table departments">
                <thead><tr><th>{text::name()}</th><th>{text::parent_department()}</th><th>{text::head()}</th><th></th></tr></thead>
                <tbody>
                    <For each=move || page.data.get().departments key=|d| format!("{d:?}") let:d>
                        {
                            let id = d.id;
                            let head = d.head_id.and_then(|h| page.data.with(|x| x.users.iter().find(|u| u.id == h).map(|u| u.name.clone())));
                            view! {
                                <tr data-department=d.name.clone()>
                                    <td>{d.name.clone()}</td>
                                    <td>{page.department_name(d.parent_id)}</td>
                                    <td>{head.unwrap_or_else(|| text::none().into())}</td>
                                    <td class="row-actions">
                                        <button type="button" class="link" on:click=move |_| page.open(Editing::Department(Some(id)))>{text::edit()}</button>
                                        <button type="button" class="link danger" on:click=move |_| page.run(delete_department(id))>{text::delete()}</button>
                                    </td>
                                </tr>
                                <Show when=move || page.is_open(Editing::Department(Some(id)))>
                                    <tr><td colspan="4"><DepartmentForm page department=Some(d.clone())/></td></tr>
                                </Show>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <Show when=move || page.is_open(Editing::Department(None)) fallback=move || view! {
                <button type="button" class="primary" on:click=move |_| page.open(Editing::Department(None))>"+ "{text::new_department()}</button>
            }>
                <DepartmentForm page department=None/>
            </Show>
        </>
    }
    .into_any()
}

/// Roles, each with its form to edit, and a new one.
#[component]
fn RolesTable(page: Page) -> impl IntoView {
    // A view of its own (`into_any`): the page as one view type is too deep for rustc when
    // components are not erased (a build without `--cfg erase_components`).
    view! {
        <>
            <h2>{text::roles()}</h2>
            <table class="fields-table roles">
                <thead><tr><th>{text::name()}</th><th></th></tr></thead>
                <tbody>
                    <For each=move || page.data.get().roles key=|r| format!("{r:?}") let:r>
                        {
                            let id = r.id;
                            view! {
                                <tr data-role=r.name.clone()>
                                    <td>{r.name.clone()}</td>
                                    <td class="row-actions">
                                        <button type="button" class="link" on:click=move |_| page.open(Editing::Role(Some(id)))>{text::edit()}</button>
                                        <button type="button" class="link danger" on:click=move |_| page.run(delete_role(id))>{text::delete()}</button>
                                    </td>
                                </tr>
                                <Show when=move || page.is_open(Editing::Role(Some(id)))>
                                    <tr><td colspan="2"><RoleForm page role=Some(r.clone())/></td></tr>
                                </Show>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <Show when=move || page.is_open(Editing::Role(None)) fallback=move || view! {
                <button type="button" class="primary" on:click=move |_| page.open(Editing::Role(None))>"+ "{text::new_role()}</button>
            }>
                <RoleForm page role=None/>
            </Show>
        </>
    }
    .into_any()
}

/// A select of departments (with "none").
#[component]
fn DepartmentChoice(id: String, label: &'static str, page: Page, value: RwSignal<Option<i64>>) -> impl IntoView {
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id on:change=move |ev| value.set(event_target_value(&ev).parse().ok())>
            <option value="" selected=move || value.get().is_none()>{text::none()}</option>
            {move || page.data.get().departments.into_iter().map(|d: DepartmentRow| {
                let did = d.id;
                view! { <option value=did.to_string() selected=move || value.get() == Some(did)>{d.name}</option> }
            }).collect_view()}
        </select>
    }
}

#[component]
fn UserForm(page: Page, user: Option<UserRow>) -> impl IntoView {
    let id = user.as_ref().map(|u| u.id);
    let key = id.map(|i| i.to_string()).unwrap_or_else(|| "new".into());
    let name = RwSignal::new(user.as_ref().map(|u| u.name.clone()).unwrap_or_default());
    let email = RwSignal::new(user.as_ref().map(|u| u.email.clone()).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let department = RwSignal::new(user.as_ref().and_then(|u| u.department_id));
    let roles = RwSignal::new(user.as_ref().map(|u| u.roles.clone()).unwrap_or_default());
    let active = RwSignal::new(user.as_ref().is_none_or(|u| u.active));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = UserInput {
            name: name.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
            department_id: department.get_untracked(),
            roles: roles.get_untracked(),
            active: active.get_untracked(),
        };
        page.run(async move { save_user(id, input).await.map(|_| ()) });
    };
    let field = |suffix: &str| format!("user-{key}-{suffix}");
    view! {
        <form class="field-form" data-user-form=key.clone() on:submit=submit>
            <div class="form-row">
                <label for=field("name")>{text::name()}</label>
                <input id=field("name") type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="form-row">
                <label for=field("email")>{text::email()}</label>
                <input id=field("email") type="email" prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev))/>
            </div>
            <div class="form-row">
                <label for=field("password")>{if id.is_some() { text::password_keep() } else { text::password() }}</label>
                <input id=field("password") type="password" autocomplete="new-password" prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <div class="form-row">
                <DepartmentChoice id=field("department") label=text::department() page value=department/>
            </div>
            <fieldset class="form-row">
                <legend>{text::roles()}</legend>
                {move || page.data.get().roles.into_iter().map(|r: Role| {
                    let rid = r.id;
                    view! {
                        <label class="check">
                            <input type="checkbox" data-role-choice=r.name.clone() prop:checked=move || roles.with(|l| l.contains(&rid))
                                on:change=move |ev| roles.update(|l| {
                                    l.retain(|x| *x != rid);
                                    if event_target_checked(&ev) { l.push(rid); }
                                })/>
                            {r.name}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <label class="check">
                <input type="checkbox" prop:checked=move || active.get() on:change=move |ev| active.set(event_target_checked(&ev))/>
                {text::active()}
            </label>
            <FormActions page/>
        </form>
    }
}

#[component]
fn DepartmentForm(page: Page, department: Option<DepartmentRow>) -> impl IntoView {
    let id = department.as_ref().map(|d| d.id);
    let key = id.map(|i| i.to_string()).unwrap_or_else(|| "new".into());
    let name = RwSignal::new(department.as_ref().map(|d| d.name.clone()).unwrap_or_default());
    let parent = RwSignal::new(department.as_ref().and_then(|d| d.parent_id));
    let head = RwSignal::new(department.as_ref().and_then(|d| d.head_id));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = DepartmentInput {
            name: name.get_untracked(),
            parent_id: parent.get_untracked(),
            head_id: head.get_untracked(),
        };
        page.run(async move { save_department(id, input).await.map(|_| ()) });
    };
    let name_id = format!("department-{key}-name");
    let head_id = format!("department-{key}-head");
    view! {
        <form class="field-form" data-department-form=key.clone() on:submit=submit>
            <div class="form-row">
                <label for=name_id.clone()>{text::name()}</label>
                <input id=name_id type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="form-row">
                <DepartmentChoice id=format!("department-{key}-parent") label=text::parent_department() page value=parent/>
            </div>
            <div class="form-row">
                <label for=head_id.clone()>{text::head()}</label>
                <select id=head_id on:change=move |ev| head.set(event_target_value(&ev).parse().ok())>
                    <option value="" selected=move || head.get().is_none()>{text::none()}</option>
                    {move || page.data.get().users.into_iter().map(|u| {
                        let uid = u.id;
                        view! { <option value=uid.to_string() selected=move || head.get() == Some(uid)>{u.name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <FormActions page/>
        </form>
    }
}

#[component]
fn RoleForm(page: Page, role: Option<Role>) -> impl IntoView {
    let id = role.as_ref().map(|r| r.id);
    let key = id.map(|i| i.to_string()).unwrap_or_else(|| "new".into());
    let name = RwSignal::new(role.as_ref().map(|r| r.name.clone()).unwrap_or_default());
    let rights = RwSignal::new(role.map(|r| r.rights).unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (n, r) = (name.get_untracked(), rights.get_untracked());
        page.run(async move { save_role(id, n, r).await.map(|_| ()) });
    };
    let name_id = format!("role-{key}-name");
    view! {
        <form class="field-form" data-role-form=key.clone() on:submit=submit>
            <div class="form-row">
                <label for=name_id.clone()>{text::name()}</label>
                <input id=name_id type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <table class="rights">
                <thead><tr><th></th>{Action::ALL.into_iter().map(|a| view! { <th>{text::action(a)}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {page.data.with_untracked(|d| d.types.0.clone()).into_iter().map(|t| { let e = t.entity; let plural = t.plural; view! {
                        <tr>
                            <th>{plural.clone()}</th>
                            {Action::ALL.into_iter().map(|a| {
                                let current = move || rights.with(|r| r.entities.get(&e).map(|x| x.get(a)).unwrap_or_default());
                                view! {
                                    <td>
                                        <select aria-label=format!("{} {}", plural, text::action(a)) data-right=format!("{}-{}", e.slug(), text::action(a).to_lowercase())
                                            on:change=move |ev| {
                                                let scope = Scope::from_code(&event_target_value(&ev)).unwrap_or_default();
                                                rights.update(|r| r.entities.entry(e).or_default().set(a, scope));
                                            }>
                                            {Scope::ALL.into_iter().map(|s| view! {
                                                <option value=s.code() selected=move || current() == s>{text::scope(s)}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                        <PipelineRights page entity=e rights/>
                    }}).collect_view()}
                </tbody>
            </table>
            <label class="check">
                <input type="checkbox" prop:checked=move || rights.with(|r| r.my_view)
                    on:change=move |ev| rights.update(|r| r.my_view = event_target_checked(&ev))/>
                {text::allow_my_view()}
            </label>
            <label class="check">
                <input type="checkbox" prop:checked=move || rights.with(|r| r.admin)
                    on:change=move |ev| rights.update(|r| r.admin = event_target_checked(&ev))/>
                {text::admin_flag()}
            </label>
            <FormActions page/>
        </form>
    }
}

/// Below a type's row in the role form, where the type has several pipelines: a box per
/// pipeline, ticked while the role sees it. Unticking keeps the role from that pipeline
/// altogether (no scope there); the server enforces it on every path.
#[component]
fn PipelineRights(page: Page, entity: EntityType, rights: RwSignal<Rights>) -> impl IntoView {
    let pipelines = page.data.with_untracked(|d| d.pipelines.get(&entity).cloned()).unwrap_or_default();
    (!pipelines.is_empty()).then(|| {
        view! {
            <tr class="pipeline-rights">
                <td colspan="6">
                    <span class="hint">{text::role_pipelines()}</span>
                    {pipelines.into_iter().map(|(id, name)| {
                        let hidden = move || rights.with(|r| r.pipelines.get(&entity).and_then(|ps| ps.get(&id)).is_some_and(|p| p.read == Scope::None));
                        view! {
                            <label class="check">
                                <input type="checkbox" data-pipeline-right=format!("{}-{id}", entity.slug())
                                    prop:checked=move || !hidden()
                                    on:change=move |ev| {
                                        let sees = event_target_checked(&ev);
                                        rights.update(|r| {
                                            let of_type = r.pipelines.entry(entity).or_default();
                                            if sees { of_type.remove(&id); } else { of_type.insert(id, EntityRights::default()); }
                                            if of_type.is_empty() { r.pipelines.remove(&entity); }
                                        });
                                    }/>
                                {name}
                            </label>
                        }
                    }).collect_view()}
                </td>
            </tr>
        }
    })
}

#[component]
fn FormActions(page: Page) -> impl IntoView {
    view! {
        <div class="actions">
            <button type="submit" class="primary">{text::save()}</button>
            <button type="button" on:click=move |_| page.editing.set(None)>{text::cancel()}</button>
        </div>
    }
}
