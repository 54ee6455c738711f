//! The HTML shell and the routes.

use crate::text;
use crate::ui::admin::access_page::AccessPage;
use crate::ui::admin::fields_page::FieldsPage;
use crate::ui::admin::pipelines_page::PipelinesPage;
use crate::ui::admin::types_page::TypesPage;
use crate::ui::pages::board::BoardPage;
use crate::ui::pages::{
    card_page::CardPage, list::ListPage, login::LoginPage, new_item::NewItemPage, not_found::NotFound,
    profile::ProfilePage, recycle_bin::RecycleBinPage, setup::SetupPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// Loads the browser half of the app and hydrates the page, once the HTML is parsed. Unlike
/// Leptos's `HydrationScripts`, it does not ask for the JS and WASM with preload hints in the
/// head: the server's HTML is the whole card, and a 2 MB download arriving with the page held
/// back its first paint by about a third under a 4× CPU throttle (LCP, docs/PERFORMANCE.md P7).
///
/// The page's language's messages are fetched beside the WebAssembly, from an address that never
/// changes its content (`i18n::table_url`), so a browser downloads them once.
#[component]
fn Hydration(options: LeptosOptions) -> impl IntoView {
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    #[cfg(feature = "ssr")]
    let messages = crate::i18n::table_url(crate::i18n::lang());
    #[cfg(not(feature = "ssr"))]
    let messages = "";
    let load = format!(
        "const t = fetch('{messages}').then((r) => r.ok ? r.text() : Promise.reject(r.status)); \
         import('{pkg}.js').then((m) => m.default({{ module_or_path: '{pkg}.wasm' }}).then(() => t).then((t) => m.hydrate(t)));"
    );
    // A `<script>`'s text is written as is (no HTML escaping), and it is made only of the
    // server's own settings.
    view! { <script type="module" nonce=leptos::nonce::use_nonce()>{load}</script> }
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::http::set_page_csp();
    // The request's language and time zone, for every part of the render; the browser gets the
    // same in the page (data, not script) and reads it before it hydrates, with the language's
    // messages its loader fetches (`Hydration`).
    let locale = crate::i18n::current();
    #[cfg(feature = "ssr")]
    provide_context(locale.clone());
    #[cfg(feature = "ssr")]
    let page_locale = crate::i18n::page_locale_json(&locale);
    #[cfg(not(feature = "ssr"))]
    let page_locale = String::new();
    view! {
        <!DOCTYPE html>
        <html lang=locale.lang.html_lang()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <script type="application/json" id="crm-locale">{page_locale}</script>
                <AutoReload options=options.clone()/>
                <Hydration options=options.clone()/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(crate::ui::common::app_frame::LastFrame(StoredValue::new(None)));
    view! {
        <Stylesheet id="leptos" href="/pkg/crm-card.css"/>
        <Title text=text::product()/>
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage/>
                <Route path=path!("/setup") view=SetupPage ssr=SsrMode::Async/>
                <Route path=path!("/crm/:entity") view=ListPage ssr=SsrMode::Async/>
                <Route path=path!("/crm/:entity/new") view=NewItemPage ssr=SsrMode::Async/>
                <Route path=path!("/crm/:entity/kanban") view=BoardPage ssr=SsrMode::Async/>
                <Route path=path!("/crm/:entity/:id") view=CardPage ssr=SsrMode::Async/>
                <Route path=path!("/crm/:entity/:id/preview/:who") view=CardPage ssr=SsrMode::Async/>
                <Route path=path!("/settings/fields/:entity") view=FieldsPage ssr=SsrMode::Async/>
                <Route path=path!("/settings/pipelines/:entity") view=PipelinesPage ssr=SsrMode::Async/>
                <Route path=path!("/settings/access") view=AccessPage ssr=SsrMode::Async/>
                <Route path=path!("/settings/types") view=TypesPage ssr=SsrMode::Async/>
                <Route path=path!("/settings/recycle-bin") view=RecycleBinPage ssr=SsrMode::Async/>
                <Route path=path!("/profile") view=ProfilePage ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}
