//! The browser glue: the only UI module that names web-sys APIs beyond events. On the server
//! these are no-ops (they are only called from event handlers and effects anyway).

#[cfg(feature = "hydrate")]
mod imp {
    use leptos::wasm_bindgen::JsCast;

    fn document() -> Option<web_sys::Document> {
        web_sys::window()?.document()
    }

    /// Scrolls the first element matching `selector` into view and focuses its first input.
    pub fn reveal(selector: &str) {
        let Some(el) = document().and_then(|d| d.query_selector(selector).ok().flatten()) else { return };
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_behavior(web_sys::ScrollBehavior::Smooth);
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
        if let Some(input) = el.query_selector("input, select, textarea").ok().flatten() {
            if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        }
    }

    pub fn focus(selector: &str) {
        if let Some(el) = document().and_then(|d| d.query_selector(selector).ok().flatten()) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    }

    /// A full page load of the sign-in page (the session is gone).
    pub fn go_to_login() {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href("/login");
        }
    }

    pub async fn sleep(ms: u32) {
        gloo_timers::future::TimeoutFuture::new(ms).await;
    }

    /// Marks the page as hydrated (for people measuring, and for tests that wait for it).
    pub fn mark_hydrated() {
        if let Some(w) = web_sys::window() {
            if let Some(p) = w.performance() {
                let _ = p.mark("hydrated");
            }
        }
        if let Some(body) = document().and_then(|d| d.body()) {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod imp {
    pub fn reveal(_selector: &str) {}
    pub fn focus(_selector: &str) {}
    pub fn go_to_login() {}
    pub async fn sleep(_ms: u32) {}
    pub fn mark_hydrated() {}
}

pub use imp::*;
