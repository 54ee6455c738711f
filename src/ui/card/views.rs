//! Card views on the card: the switcher among the views open to the viewer, the offer to switch
//! on one's own view, and in settings mode the views panel (which view is configured; for
//! admins the common view's settings, named views and "Preview as").

use super::header::edit_view;
use super::settings::Editor;
use super::{CardCtx, NoticeKind};
use crate::api::types::{PreviewAs, ViewInput, ViewsAdmin};
use crate::api::views::{
    choose_view, delete_card_view, enable_my_view, get_views_admin, reset_common_view, save_card_view, set_common_view,
};
use crate::domain::views::{NamedView, ViewRef};
use crate::error::AppError;
use crate::text;
use crate::ui::common::handle_error;
use leptos::prelude::*;
use leptos::task::spawn_local;

impl CardCtx {
    fn fail(&self, e: AppError) {
        handle_error(&e);
        self.say(NoticeKind::Error, e.message());
    }
}

/// "View: …" in the card header; a list to switch when more than one view is open.
#[component]
pub fn ViewSwitcher() -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    let choose = move |scope: String| {
        let Some(view) = ViewRef::from_scope(&scope) else { return };
        spawn_local(async move {
            match choose_view(ctx.entity_slug(), view).await {
                Ok(()) => ctx.reload_layout(),
                Err(e) => ctx.fail(e),
            }
        });
    };
    view! {
        <dl class="view-switch"><div>
            <dt>{text::view()}</dt>
            <dd>
                {move || {
                    let state = ctx.view.get();
                    if state.open.len() > 1 && !ctx.preview {
                        let active = state.active.scope();
                        view! {
                            <select
                                aria-label=text::view()
                                // A switch waits for an open edit (`show_layout`): none while one is open.
                                disabled=move || ctx.configuring.with(Option::is_some) || ctx.editing()
                                on:change=move |ev| choose(event_target_value(&ev))
                            >
                                {state.open.into_iter().map(|o| {
                                    let scope = o.view.scope();
                                    let selected = scope == active;
                                    view! { <option value=scope selected=selected>{o.name}</option> }
                                }).collect_view()}
                            </select>
                        }.into_any()
                    } else {
                        view! { <span class="view-name">{state.active_name()}</span> }.into_any()
                    }
                }}
            </dd>
        </div></dl>
    }
}

/// ⚙ for someone who may have a view of their own but has none switched on.
#[component]
pub fn OwnViewOffer() -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    let allowed = ctx.view.with_untracked(|v| v.may_own);
    let enable = move |_| {
        spawn_local(async move {
            if let Err(e) = enable_my_view(ctx.entity_slug(), true).await {
                return ctx.fail(e);
            }
            match crate::api::layouts::get_card_layout(ctx.entity_slug(), ctx.pipeline_id(), ctx.repeat_lead()).await {
                Ok(fresh) => {
                    let own = fresh.view.active;
                    ctx.show_layout(fresh);
                    edit_view(ctx, own);
                }
                Err(e) => ctx.fail(e),
            }
        });
    };
    view! {
        <section class="card-section own-view-offer">
            {if allowed {
                view! {
                    <p class="hint">{text::my_view_hint()}</p>
                    <button type="button" class="primary" on:click=enable>{text::enable_my_view()}</button>
                }.into_any()
            } else {
                view! { <p class="hint">{text::err_forbidden()}</p> }.into_any()
            }}
            <button type="button" on:click=move |_| ctx.offer_own.set(false)>{text::cancel()}</button>
        </section>
    }
}

/// What the views panel is showing besides its bar.
#[derive(Clone, Debug, PartialEq)]
enum Form {
    None,
    /// Creating a view (`None`) or renaming and reassigning one.
    View(Option<NamedView>),
    ConfirmReset,
    ConfirmDelete(i64),
}

/// The top of settings mode: which view is being configured, and what can be done with views.
#[component]
pub fn ViewsPanel(ed: Editor) -> impl IntoView {
    let ctx = ed.ctx;
    let editing = ctx.editing.get_untracked();
    let pipeline_note = if ctx.repeat_lead().is_some() {
        Some(text::layout_of_repeat_leads().to_string())
    } else if ctx.header.with_untracked(|h| h.entity) == crate::domain::EntityType::DEAL {
        ctx.pipeline.with_untracked(|p| p.as_ref().map(|p| text::layout_of_pipeline(&p.name)))
    } else {
        None
    }
    .map(|note| view! { <p class="hint pipeline-note">{note}</p> });
    if !ctx.admin {
        let back = move |_| {
            spawn_local(async move {
                ed.flush().await;
                match enable_my_view(ctx.entity_slug(), false).await {
                    Ok(()) => ctx.reload_layout(),
                    Err(e) => ctx.fail(e),
                }
            });
        };
        return view! {
            <div class="views-panel">
                <span>{text::configuring_view()}": "<strong class="editing-view">{text::view_mine()}</strong></span>
                <button type="button" class="link" on:click=back>{text::disable_my_view()}</button>
                {pipeline_note}
            </div>
        }
        .into_any();
    }
    // Loaded with settings mode (`edit_view`); read again after a change made here.
    let data = ctx.views_admin;
    let form = RwSignal::new(Form::None);
    let load = move || {
        spawn_local(async move {
            match get_views_admin(ctx.entity_slug()).await {
                Ok(d) => data.set(Some(d)),
                Err(e) => ctx.fail(e),
            }
        });
    };
    let switch_to = move |view: ViewRef| {
        spawn_local(async move {
            ed.flush().await;
            edit_view(ctx, view);
        });
    };
    let set_common = move |published: bool, forced: bool| {
        spawn_local(async move {
            match set_common_view(ctx.entity_slug(), published, forced).await {
                Ok(()) => load(),
                Err(e) => ctx.fail(e),
            }
        });
    };
    let reset = move |_| {
        spawn_local(async move {
            ed.flush().await;
            match reset_common_view(ctx.entity_slug()).await {
                Ok(_) => {
                    form.set(Form::None);
                    if editing == ViewRef::Common {
                        edit_view(ctx, ViewRef::Common);
                    }
                }
                Err(e) => ctx.fail(e),
            }
        });
    };
    let delete = move |id: i64| {
        spawn_local(async move {
            match delete_card_view(ctx.entity_slug(), id).await {
                Ok(()) => switch_to(ViewRef::Common),
                Err(e) => ctx.fail(e),
            }
        });
    };
    let navigate = leptos_router::hooks::use_navigate();
    let preview = move |who: String| {
        let Some(who) = PreviewAs::from_slug(&who) else { return };
        let path = format!("/crm/{}/{}/preview/{}", ctx.entity_slug(), ctx.id(), who.slug());
        let navigate = navigate.clone();
        spawn_local(async move {
            ed.flush().await;
            navigate(&path, Default::default());
        });
    };
    let own_enabled = ctx.view.with_untracked(|v| v.own_enabled);
    view! {
        <div class="views-panel">
            {pipeline_note}
            {move || data.get().map(|d| {
                let current = editing.scope();
                let editing_named = match editing {
                    ViewRef::Named(id) => d.views.iter().find(|v| v.id == id).cloned(),
                    _ => None,
                };
                let named_for_form = editing_named.clone();
                let published = d.common_published;
                let forced = d.common_forced;
                view! {
                    <div class="views-bar">
                        <label>
                            {text::configuring_view()}" "
                            <select class="editing-view" on:change=move |ev| {
                                if let Some(v) = ViewRef::from_scope(&event_target_value(&ev)) {
                                    switch_to(v);
                                }
                            }>
                                <option value="common" selected=current == "common">{text::view_common()}</option>
                                {d.views.iter().map(|v| {
                                    let scope = ViewRef::Named(v.id).scope();
                                    let selected = scope == current;
                                    view! { <option value=scope selected=selected>{v.name.clone()}</option> }
                                }).collect_view()}
                                {(own_enabled || matches!(editing, ViewRef::Personal(_))).then(|| {
                                    let own = ctx.view.with_untracked(|v| v.open.iter().map(|o| o.view).find(|v| matches!(v, ViewRef::Personal(_))));
                                    let scope = match editing {
                                        ViewRef::Personal(_) => editing.scope(),
                                        _ => own.map(ViewRef::scope).unwrap_or_default(),
                                    };
                                    (!scope.is_empty()).then(|| view! { <option value=scope.clone() selected=scope == current>{text::view_mine()}</option> })
                                })}
                            </select>
                        </label>
                        <button type="button" class="link" on:click=move |_| form.set(Form::View(None))>"+ "{text::create_view()}</button>
                        {editing_named.map(|v| {
                            let id = v.id;
                            view! {
                                <button type="button" class="link" on:click=move |_| form.set(Form::View(named_for_form.clone()))>{text::edit_view()}</button>
                                <button type="button" class="link danger" on:click=move |_| form.set(Form::ConfirmDelete(id))>{text::delete_view()}</button>
                            }
                        })}
                    </div>
                    <div class="views-bar">
                        <label>
                            <input type="checkbox" class="common-published" prop:checked=published
                                on:change=move |ev| set_common(event_target_checked(&ev), forced)/>
                            {text::enable_common_view()}
                        </label>
                        <label>
                            <input type="checkbox" class="common-forced" prop:checked=forced disabled=!published
                                on:change=move |ev| set_common(published, event_target_checked(&ev))/>
                            {text::force_common_view()}
                        </label>
                        <button type="button" class="link" on:click=move |_| form.set(Form::ConfirmReset)>{text::reset_common_view()}</button>
                        <label>
                            {text::preview_as()}" "
                            <select class="preview-as" on:change={
                                let preview = preview.clone();
                                move |ev| preview(event_target_value(&ev))
                            }>
                                <option value="" selected=true>{text::preview_choose()}</option>
                                <optgroup label=text::view_users()>
                                    {d.users.iter().map(|u| view! { <option value=PreviewAs::User(u.id).slug()>{u.name.clone()}</option> }).collect_view()}
                                </optgroup>
                                <optgroup label=text::view_departments()>
                                    {d.departments.iter().map(|u| view! { <option value=PreviewAs::Department(u.id).slug()>{u.name.clone()}</option> }).collect_view()}
                                </optgroup>
                            </select>
                        </label>
                    </div>
                }
            })}
            {move || match form.get() {
                Form::None => ().into_any(),
                Form::ConfirmReset => view! {
                    <div class="confirm" role="alertdialog">
                        <p>{text::confirm_reset_view()}</p>
                        <button type="button" class="danger" on:click=reset>{text::reset_common_view()}</button>
                        <button type="button" on:click=move |_| form.set(Form::None)>{text::cancel()}</button>
                    </div>
                }.into_any(),
                Form::ConfirmDelete(id) => view! {
                    <div class="confirm" role="alertdialog">
                        <p>{text::confirm_delete_view()}</p>
                        <button type="button" class="danger" on:click=move |_| delete(id)>{text::delete_view()}</button>
                        <button type="button" on:click=move |_| form.set(Form::None)>{text::cancel()}</button>
                    </div>
                }.into_any(),
                Form::View(existing) => match data.get() {
                    Some(d) => view! {
                        <ViewForm data=d existing from=editing on_done=Callback::new(move |id: Option<i64>| {
                            form.set(Form::None);
                            match id {
                                Some(id) => switch_to(ViewRef::Named(id)),
                                None => load(),
                            }
                        })/>
                    }.into_any(),
                    None => ().into_any(),
                },
            }}
        </div>
    }
    .into_any()
}

/// Name, users and departments of a named view. `on_done` gets the id of a view just created
/// (to configure it next), `None` after a change or cancel.
#[component]
fn ViewForm(
    data: ViewsAdmin,
    existing: Option<NamedView>,
    from: ViewRef,
    on_done: Callback<Option<i64>>,
) -> impl IntoView {
    let ctx = expect_context::<CardCtx>();
    let id = existing.as_ref().map(|v| v.id);
    let name = RwSignal::new(existing.as_ref().map(|v| v.name.clone()).unwrap_or_default());
    let users = RwSignal::new(existing.as_ref().map(|v| v.users.clone()).unwrap_or_default());
    let departments = RwSignal::new(existing.as_ref().map(|v| v.departments.clone()).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let save = move || {
        let input = ViewInput {
            id,
            name: name.get_untracked(),
            users: users.get_untracked(),
            departments: departments.get_untracked(),
            from,
        };
        spawn_local(async move {
            match save_card_view(ctx.entity_slug(), input).await {
                Ok(saved) => on_done.run(if id.is_none() { Some(saved) } else { None }),
                Err(e) => {
                    handle_error(&e);
                    error.set(Some(e.message()));
                }
            }
        });
    };
    view! {
        <form class="view-form" on:submit=move |ev| {
            ev.prevent_default();
            save();
        }>
            <label>
                {text::view_name()}
                <input type="text" name="view-name" maxlength="100" required prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
            </label>
            <Members legend=text::view_users() choices=data.users chosen=users/>
            <Members legend=text::view_departments() choices=data.departments chosen=departments/>
            {move || error.get().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="submit" class="primary">{text::save()}</button>
                <button type="button" on:click=move |_| on_done.run(None)>{text::cancel()}</button>
            </div>
        </form>
    }
}

/// Checkboxes choosing some of `choices` (users or departments) into `chosen`.
#[component]
fn Members(
    legend: &'static str,
    choices: Vec<crate::api::types::UserRef>,
    chosen: RwSignal<Vec<i64>>,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {choices.into_iter().map(|c| {
                let id = c.id;
                view! {
                    <label class="check">
                        <input type="checkbox" data-member=id prop:checked=move || chosen.with(|l| l.contains(&id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|l| {
                                    l.retain(|x| *x != id);
                                    if on {
                                        l.push(id);
                                    }
                                });
                            }/>
                        {c.name}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}
