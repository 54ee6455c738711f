//! The frame around every signed-in page: product name, entity types, the user, sign out.

use crate::api::auth::{me, Logout};
use crate::domain::EntityType;
use crate::text;
use leptos::prelude::*;

#[component]
pub fn AppFrame(#[prop(into)] active: Signal<Option<EntityType>>, children: Children) -> impl IntoView {
    let user = Resource::new(|| (), |_| me());
    let logout = ServerAction::<Logout>::new();
    view! {
        <div class="frame">
            <header class="topbar">
                <a class="brand" href="/crm/deal">{text::PRODUCT}</a>
                <nav class="entities" aria-label="CRM">
                    {EntityType::ALL
                        .into_iter()
                        .map(|e| {
                            let href = format!("/crm/{e}");
                            // A plain link: the router takes over every same-site link's click
                            // anyway, and leptos_router's `<A>` builds a memo and works out the
                            // current path for each of these eight on every page.
                            let here = move || active.get() == Some(e);
                            view! {
                                <a
                                    href=href
                                    class:active=here
                                    aria-current=move || here().then_some("page")
                                >
                                    {text::entity_plural(e)}
                                </a>
                            }
                        })
                        .collect_view()}
                </nav>
                <div class="user">
                    <Suspense>
                        {move || Suspend::new(async move {
                            user.await.ok().map(|u| view! {
                                {u.is_admin.then(|| view! { <a class="settings-link" href="/settings/fields/deal">{text::SETTINGS}</a> })}
                                <span class="user-name">{u.name}</span>
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
