//! CRM Card: one crate built twice by cargo-leptos, as the server (feature `ssr`) and as the
//! WebAssembly bundle that hydrates it in the browser (feature `hydrate`). This is the only file
//! that gates whole modules by feature.

// Every build erases components to `AnyView` (the Makefile's RUSTFLAGS); built without that
// (server and WebAssembly alike, docs/PERFORMANCE.md), the deepest views nest past rustc's
// default query depth.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod text;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

/// The server's allocator. Rendering a page allocates many small strings and nodes; mimalloc
/// serves them much faster than the system allocator (docs/PERFORMANCE.md, P1).
#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate(messages: String) {
    console_error_panic_hook::set_once();
    // The page's language and time zone, and the messages the loader fetched
    // (`app::Hydration`); without them the page stays as the server rendered it rather than
    // hydrate with no words.
    if !ui::browser::load_page_locale(&messages) {
        leptos::logging::error!("the page carries no locale; not hydrating");
        return;
    }
    ui::browser::guard_history();
    leptos::mount::hydrate_body(app::App);
    ui::browser::mark_hydrated();
}
