//! The browser glue: with `shared_events`, the only UI modules that name web-sys APIs beyond
//! events. On the server these are no-ops (they are only called from event handlers and
//! effects anyway).

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
        opts.set_behavior(if prefers_reduced_motion() {
            web_sys::ScrollBehavior::Instant
        } else {
            web_sys::ScrollBehavior::Smooth
        });
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
        go_to("/login");
    }

    /// A full page load of `href` (the page shown changed on the server, as after a delete).
    pub fn go_to(href: &str) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href(href);
        }
    }

    /// The page loaded again from the server.
    pub fn reload() {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    }

    pub async fn sleep(ms: u32) {
        gloo_timers::future::TimeoutFuture::new(ms).await;
    }

    /// The layout drop target under the pointer: a field row (`data-drop-field`) or, failing
    /// that, a section (`data-drop-section`), and whether the pointer is in its upper half.
    pub fn drop_point(x: i32, y: i32) -> Option<super::DropPoint> {
        let el = document()?.element_from_point(x as f32, y as f32)?;
        let (hit, field) = match el.closest("[data-drop-field]").ok().flatten() {
            Some(f) => (f.clone(), f.get_attribute("data-drop-field")),
            None => (el.closest("[data-drop-section]").ok().flatten()?, None),
        };
        let section = hit.closest("[data-drop-section]").ok().flatten()?.get_attribute("data-drop-section")?;
        let rect = hit.get_bounding_client_rect();
        Some(super::DropPoint { section, field, upper: f64::from(y) < rect.top() + rect.height() / 2.0 })
    }

    /// The element under the pointer carrying `attr` (itself or an ancestor): its value, and
    /// whether the pointer is in its upper half.
    pub fn drop_on(x: i32, y: i32, attr: &str) -> Option<(String, bool)> {
        let el = document()?.element_from_point(x as f32, y as f32)?;
        let hit = el.closest(&format!("[{attr}]")).ok().flatten()?;
        let rect = hit.get_bounding_client_rect();
        Some((hit.get_attribute(attr)?, f64::from(y) < rect.top() + rect.height() / 2.0))
    }

    /// Uploads the file chosen in the `<input type=file>` that fired `ev` for a file field of
    /// `entity`. `None` when no file was chosen.
    pub async fn upload_chosen_file(
        ev: &leptos::ev::Event,
        entity: &str,
    ) -> Option<Result<crate::domain::FileRef, crate::error::AppError>> {
        use crate::error::AppError;
        let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
        let file = input.files()?.get(0)?;
        input.set_value("");
        Some(send_file(&file, entity).await.unwrap_or(Err(AppError::Network)))
    }

    async fn send_file(
        file: &web_sys::File,
        entity: &str,
    ) -> Option<Result<crate::domain::FileRef, crate::error::AppError>> {
        use crate::error::AppError;
        let headers = web_sys::Headers::new().ok()?;
        headers.set("x-file-name", &String::from(js_sys::encode_uri_component(&file.name()))).ok()?;
        let kind = file.type_();
        headers.set("content-type", if kind.is_empty() { "application/octet-stream" } else { &kind }).ok()?;
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_credentials(web_sys::RequestCredentials::SameOrigin);
        init.set_body(file);
        let url = format!("/files/{entity}");
        let promise = web_sys::window()?.fetch_with_str_and_init(&url, &init);
        let res: web_sys::Response = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
        let body = wasm_bindgen_futures::JsFuture::from(res.text().ok()?).await.ok()?.as_string().unwrap_or_default();
        Some(if res.ok() {
            serde_json::from_str(&body).map_err(|_| AppError::Internal)
        } else if res.status() == 413 {
            Err(AppError::BadRequest { message: crate::text::err_file_too_large().into() })
        } else {
            Err(serde_json::from_str(&body).unwrap_or(AppError::Internal))
        })
    }

    pub fn window_height() -> i32 {
        web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64()).unwrap_or(0.0) as i32
    }

    /// Whether the person asked their system for less motion (`prefers-reduced-motion`).
    pub fn prefers_reduced_motion() -> bool {
        web_sys::window()
            .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
            .is_some_and(|m| m.matches())
    }

    pub fn scroll_by(dy: i32) {
        if let Some(w) = web_sys::window() {
            w.scroll_by_with_x_and_y(0.0, f64::from(dy));
        }
    }

    thread_local! {
        static NEXT_HANDLE: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
    }

    /// A handle for a watch or a guard, never 0 (which means none was set up).
    fn next_handle() -> u32 {
        NEXT_HANDLE.with(|n| {
            let id = n.get();
            n.set(id.checked_add(1).unwrap_or(1));
            id
        })
    }

    /// One [`guard_leaving`]: its handle, its listeners (kept alive until [`unguard`]) and its
    /// answer to Back and Forward (true: stay).
    type Guard = (u32, [(&'static str, bool, Listener); 2], std::rc::Rc<dyn Fn() -> bool>);
    type Listener = leptos::wasm_bindgen::closure::Closure<dyn Fn(web_sys::Event)>;

    thread_local! {
        static GUARDS: std::cell::RefCell<Vec<Guard>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// While `unsaved()` holds, leaving the page asks first: closing or reloading it asks the
    /// browser's own question, and a link to another page of the app (which the router would
    /// follow without unloading anything) or the browser's Back and Forward ask `question`.
    /// Links within the page (`?tab=…`), to a new window or with a modifier key are let through.
    /// `here()` is the router's URL of the page (path and query). Answers a handle for [`unguard`].
    pub fn guard_leaving(
        question: &'static str,
        unsaved: impl Fn() -> bool + 'static,
        here: impl Fn() -> Option<String> + 'static,
    ) -> u32 {
        let Some(window) = web_sys::window() else { return 0 };
        let unsaved = std::rc::Rc::new(unsaved);
        let on_unload = {
            let unsaved = unsaved.clone();
            Listener::new(move |ev: web_sys::Event| {
                if unsaved() {
                    ev.prevent_default();
                    if let Some(ev) = ev.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                        ev.set_return_value("unsaved");
                    }
                }
            })
        };
        let on_click = {
            let unsaved = unsaved.clone();
            Listener::new(move |ev: web_sys::Event| {
                if leaves_page(&ev) && unsaved() && !confirmed(question) {
                    ev.prevent_default();
                    ev.stop_immediate_propagation();
                }
            })
        };
        // Back and Forward have already changed the address when `popstate` comes, and the
        // router has not followed it yet: staying puts this page's address back (as a new
        // history entry: the one the browser went back from cannot be told apart from others).
        let stay_on_history = std::rc::Rc::new(move || {
            let Some(window) = web_sys::window() else { return false };
            let Some(here) = here() else { return false };
            let to = window.location().pathname().unwrap_or_default();
            let same_page = here.split('?').next() == Some(to.as_str());
            let stay = !same_page && unsaved() && !confirmed(question);
            if stay {
                if let Ok(history) = window.history() {
                    let _ = history.push_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(&here));
                }
            }
            stay
        });
        // Capturing on the window runs before the router's own click listener there.
        let listeners = [("beforeunload", false, on_unload), ("click", true, on_click)];
        for (event, capture, listener) in &listeners {
            let _ =
                window.add_event_listener_with_callback_and_bool(event, listener.as_ref().unchecked_ref(), *capture);
        }
        let id = next_handle();
        GUARDS.with(|g| g.borrow_mut().push((id, listeners, stay_on_history)));
        id
    }

    /// Lets the guards of [`guard_leaving`] answer Back and Forward. Called once, before the app
    /// is mounted: listeners on the window run in the order they were added (capturing or not),
    /// and this one must run before the router's, which it stops when the answer is to stay.
    pub fn guard_history() {
        let Some(window) = web_sys::window() else { return };
        let on_history = Listener::new(|ev: web_sys::Event| {
            let guards: Vec<_> = GUARDS.with(|g| g.borrow().iter().map(|(_, _, stay)| stay.clone()).collect());
            if guards.iter().any(|stay| stay()) {
                ev.stop_immediate_propagation();
            }
        });
        let _ = window.add_event_listener_with_callback("popstate", on_history.as_ref().unchecked_ref());
        // For the page's whole life, like the router's own listener.
        on_history.forget();
    }

    /// Asks `question`; true when the answer is to go on.
    fn confirmed(question: &str) -> bool {
        web_sys::window().is_none_or(|w| w.confirm_with_message(question).unwrap_or(true))
    }

    /// Whether the click `ev` follows a link to another page in this window.
    fn leaves_page(ev: &web_sys::Event) -> bool {
        let Some(click) = ev.dyn_ref::<web_sys::MouseEvent>() else { return false };
        if ev.default_prevented()
            || click.button() != 0
            || click.meta_key()
            || click.ctrl_key()
            || click.shift_key()
            || click.alt_key()
        {
            return false;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return false;
        };
        let here = web_sys::window().map(|w| w.location());
        let same_page = here.is_some_and(|l| {
            l.origin().is_ok_and(|o| o == link.origin()) && l.pathname().is_ok_and(|p| p == link.pathname())
        });
        let new_window = !matches!(link.target().as_str(), "" | "_self");
        !same_page && !new_window && !link.has_attribute("download")
    }

    pub fn unguard(id: u32) {
        let Some(window) = web_sys::window() else { return };
        GUARDS.with(|g| {
            g.borrow_mut().retain(|(i, listeners, _)| {
                if *i == id {
                    for (event, capture, listener) in listeners {
                        let _ = window.remove_event_listener_with_callback_and_bool(
                            event,
                            listener.as_ref().unchecked_ref(),
                            *capture,
                        );
                    }
                }
                *i != id
            })
        });
    }

    /// A `performance.mark` named `name` (for people measuring, and for tests that wait for it).
    pub fn mark(name: &str) {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(name);
        }
    }

    /// Reads the language, time zone and offsets the server put in the page
    /// (`i18n::page_locale_json`), with the language's messages the loader fetched.
    pub fn load_page_locale(messages: &str) -> bool {
        let json = document().and_then(|d| d.get_element_by_id("crm-locale")).and_then(|e| e.text_content());
        json.is_some_and(|j| crate::i18n::load_page_locale(&j, messages))
    }

    /// The browser's time zone (`Europe/Rome`), empty if it does not say.
    pub fn time_zone() -> String {
        let options =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
        js_sys::Reflect::get(&options, &"timeZone".into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
    }

    /// Marks the page as hydrated (for people measuring, and for tests that wait for it).
    pub fn mark_hydrated() {
        mark("hydrated");
        if let Some(body) = document().and_then(|d| d.body()) {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod imp {
    pub fn drop_point(_x: i32, _y: i32) -> Option<super::DropPoint> {
        None
    }
    pub fn reveal(_selector: &str) {}
    pub fn focus(_selector: &str) {}
    pub fn go_to_login() {}
    pub fn go_to(_href: &str) {}
    pub fn reload() {}
    pub async fn sleep(_ms: u32) {}
    pub fn mark(_name: &str) {}
    pub fn mark_hydrated() {}
    pub fn load_page_locale(_messages: &str) -> bool {
        true
    }
    pub fn time_zone() -> String {
        String::new()
    }
    pub fn window_height() -> i32 {
        0
    }
    pub fn guard_leaving(
        _question: &'static str,
        _unsaved: impl Fn() -> bool + 'static,
        _here: impl Fn() -> Option<String> + 'static,
    ) -> u32 {
        0
    }
    pub fn unguard(_id: u32) {}
    pub fn scroll_by(_dy: i32) {}
    pub fn drop_on(_x: i32, _y: i32, _attr: &str) -> Option<(String, bool)> {
        None
    }
    pub fn prefers_reduced_motion() -> bool {
        false
    }
    pub async fn upload_chosen_file(
        _ev: &leptos::ev::Event,
        _entity: &str,
    ) -> Option<Result<crate::domain::FileRef, crate::error::AppError>> {
        None
    }
}

pub use imp::*;

/// Runs `f` once, the next time the browser is idle.
pub fn when_idle(f: impl FnOnce() + 'static) {
    let f = std::cell::Cell::new(Some(f));
    leptos::prelude::request_idle_callback(move || {
        if let Some(f) = f.take() {
            f()
        }
    });
}

/// Where a dragged field or section would land.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DropPoint {
    pub section: String,
    /// The field row under the pointer, if any.
    pub field: Option<String>,
    pub upper: bool,
}
