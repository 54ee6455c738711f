//! The frame around every signed-in page: product name, the main menu of entity types, the
//! user, sign out.

use crate::api::auth::{page_frame, Logout};
use crate::domain::EntityType;
use crate::text;
use leptos::prelude::*;

#[component]
pub fn AppFrame(#[prop(into)] active: Signal<Option<EntityType>>, children: Children) -> impl IntoView {
    let data = Resource::new(|| (), |_| page_frame());
    let logout = ServerAction::<Logout>::new();
    // Settings → Smart processes reloads the menu after a change.
    provide_context(data);
    view! {
        <div class="frame">
            <header class="topbar">
                <a class="brand" href="/crm/deal">{text::PRODUCT}</a>
                <Suspense>
                    {move || Suspend::new(async move {
                        data.await.ok().map(|f| {
                            let menu = f
                                .types
                                .0
                                .into_iter()
                                .map(|t| {
                                    let e = t.entity;
                                    // A plain link: the router takes over every same-site link's
                                    // click anyway, and leptos_router's `<A>` builds a memo and
                                    // works out the current path for each link on every page.
                                    let here = move || active.get() == Some(e);
                                    view! {
                                        <a
                                            href=format!("/crm/{e}")
                                            class:active=here
                                            aria-current=move || here().then_some("page")
                                        >
                                            {t.plural}
                                        </a>
                                    }
                                })
                                .collect_view();
                            view! { <nav class="entities" aria-label="CRM">{menu}</nav> }
                        })
                    })}
                </Suspense>
                <div class="user">
                    <Suspense>
                        {move || Suspend::new(async move {
                            data.await.ok().map(|f| view! {
                                {f.is_admin.then(|| view! { <a class="settings-link" href="/settings/fields/deal">{text::SETTINGS}</a> })}
                                <span class="user-name">{f.name}</span>
                            })
                        })}
                    </Suspense>
                    <ActionForm action=logout attr:class="inline">
                        <button type="submit" class="link">{text::SIGN_OUT}</button>
                    </ActionForm>
                </div>
            </header>
            <main class="content">{children()}</main>
        </div>
    }
}
