//! The frame around every signed-in page: product name, the main menu of entity types, the
//! user, sign out.

use crate::api::auth::{page_frame, Logout, LogoutEverywhere};
use crate::api::types::Frame;
use crate::domain::EntityType;
use crate::error::AppError;
use crate::text;
use leptos::prelude::*;

/// The frame's data as the page before this one got it: shown while a page moved to in the
/// browser asks for its own, so the menu does not blink on every navigation. (Provided by `App`.)
#[derive(Clone, Copy)]
pub struct LastFrame(pub StoredValue<Option<Frame>>);

/// The frame's data of the page shown (Settings → Smart processes reloads it after a change).
pub type FrameResource = Resource<Result<Frame, AppError>>;

fn menu(f: Frame, active: Signal<Option<EntityType>>) -> impl IntoView {
    let boards = f.boards;
    let links = f
        .types
        .0
        .into_iter()
        .map(|t| {
            let e = t.entity;
            // The list or the board, whichever the user last looked at.
            let href = if boards.contains(&e) { format!("/crm/{e}/kanban") } else { format!("/crm/{e}") };
            // A plain link: the router takes over every same-site link's click anyway, and
            // leptos_router's `<A>` builds a memo and works out the current path for each
            // link on every page.
            let here = move || active.get() == Some(e);
            view! {
                <a href=href class:active=here aria-current=move || here().then_some("page")>
                    {t.plural}
                </a>
            }
        })
        .collect_view();
    view! { <nav class="entities" aria-label="CRM">{links}</nav> }
}

fn user_box(f: Frame) -> impl IntoView {
    view! {
        {f.is_admin.then(|| view! { <a class="settings-link" href="/settings/fields/deal">{text::settings()}</a> })}
        <a class="settings-link" href="/settings/recycle-bin">{text::recycle_bin()}</a>
        <a class="user-name" href="/profile" title=text::profile()>{f.name}</a>
    }
}

#[component]
pub fn AppFrame(#[prop(into)] active: Signal<Option<EntityType>>, children: Children) -> impl IntoView {
    let data: FrameResource = Resource::new(|| (), |_| page_frame());
    provide_context(data);
    let last = use_context::<LastFrame>();
    let previous = move || last.and_then(|l| l.0.get_value());
    let logout = ServerAction::<Logout>::new();
    let everywhere = ServerAction::<LogoutEverywhere>::new();
    view! {
        <div class="frame">
            <header class="topbar">
                <a class="brand" href="/crm/deal">{text::product()}</a>
                <Suspense fallback=move || previous().map(|f| menu(f, active))>
                    {move || Suspend::new(async move {
                        data.await.ok().map(|f| {
                            if let Some(l) = last {
                                l.0.set_value(Some(f.clone()));
                            }
                            menu(f, active)
                        })
                    })}
                </Suspense>
                <div class="user">
                    <Suspense fallback=move || previous().map(user_box)>
                        {move || Suspend::new(async move { data.await.ok().map(user_box) })}
                    </Suspense>
                    <ActionForm action=logout attr:class="inline">
                        <button type="submit" class="link">{text::sign_out()}</button>
                    </ActionForm>
                    <ActionForm action=everywhere attr:class="inline">
                        <button type="submit" class="link" title=text::sign_out_everywhere_hint()>{text::sign_out_everywhere()}</button>
                    </ActionForm>
                </div>
            </header>
            <main class="content">{children()}</main>
        </div>
    }
}
