//! One layout event stream per browser, shared by all its tabs (docs/ARCHITECTURE.md, "Live
//! card layouts").
//!
//! A browser keeps at most six HTTP/1.1 connections to a server, and an event stream holds one
//! for as long as it is open: with a stream per card, the seventh open card could not even load.
//! So the tabs elect one leader with the Web Locks API (the lock passes to another tab when the
//! leader closes); the leader opens one stream (`/events/layouts?watch=…`) for the kinds of card
//! every tab watches, which they tell it over a `BroadcastChannel`, and passes each event on.
//! Where either API is missing, each tab opens its own stream, as before.

#[cfg(feature = "hydrate")]
mod imp {
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use serde::{Deserialize, Serialize};
    use std::cell::RefCell;
    use std::collections::{BTreeMap, BTreeSet};
    use std::rc::Rc;

    const CHANNEL: &str = "crm-card-events";
    const LOCK: &str = "crm-card-events-leader";
    /// The most kinds of card one stream follows (the server's limit).
    const MAX_WATCHED: usize = 32;
    /// How long the leader waits before opening again a stream the server ended (signed out,
    /// a deployment, a proxy's error).
    const RETRY_MS: u32 = 10_000;

    /// What the tabs say to each other.
    #[derive(Serialize, Deserialize)]
    #[serde(tag = "t", rename_all = "snake_case")]
    enum Message {
        /// A tab has become the leader: every other tab tells it what it watches.
        Hello,
        /// All the watch keys of one tab, as they are now.
        Watch { tab: String, keys: Vec<String> },
        /// A tab is closing.
        Bye { tab: String },
        /// The card view of a watched kind changed (from the leader).
        Event { key: String },
    }

    type Callback = Rc<dyn Fn()>;
    type Listener = Closure<dyn Fn(web_sys::MessageEvent)>;

    /// The leader's stream: its URL, the source and its listener (kept alive with it).
    struct Stream {
        url: String,
        source: web_sys::EventSource,
        _listener: Listener,
        _on_error: Closure<dyn Fn()>,
    }

    struct Hub {
        tab: String,
        channel: Option<web_sys::BroadcastChannel>,
        /// This tab's watches: handle, key, what to call.
        watches: Vec<(u32, String, Callback)>,
        next: u32,
        leader: bool,
        /// The leader's record of the other tabs' keys.
        others: BTreeMap<String, BTreeSet<String>>,
        stream: Option<Stream>,
    }

    thread_local! {
        static HUB: RefCell<Option<Hub>> = const { RefCell::new(None) };
    }

    fn with_hub<R>(f: impl FnOnce(&mut Hub) -> R) -> Option<R> {
        HUB.with(|h| h.borrow_mut().as_mut().map(f))
    }

    fn post(channel: &Option<web_sys::BroadcastChannel>, message: &Message) {
        if let (Some(c), Ok(text)) = (channel, serde_json::to_string(message)) {
            let _ = c.post_message(&JsValue::from_str(&text));
        }
    }

    impl Hub {
        fn own_keys(&self) -> Vec<String> {
            let keys: BTreeSet<&String> = self.watches.iter().map(|(_, k, _)| k).collect();
            keys.into_iter().cloned().collect()
        }

        /// After this tab's watches changed: the leader reopens its stream, another tab tells
        /// the leader.
        fn changed(&mut self) {
            if self.leader {
                self.reopen();
            } else {
                post(&self.channel, &Message::Watch { tab: self.tab.clone(), keys: self.own_keys() });
            }
        }

        /// The leader's stream follows every key any tab watches.
        fn reopen(&mut self) {
            let mut all: BTreeSet<String> = self.own_keys().into_iter().collect();
            all.extend(self.others.values().flatten().cloned());
            let keys: Vec<String> = all.into_iter().take(MAX_WATCHED).collect();
            let url = format!("/events/layouts?watch={}", keys.join(","));
            // EventSource reconnects by itself after a network error, but not after an error
            // answer: a closed stream is opened again.
            let open = |s: &Stream| s.url == url && s.source.ready_state() != web_sys::EventSource::CLOSED;
            if !keys.is_empty() && self.stream.as_ref().is_some_and(open) {
                return;
            }
            if let Some(old) = self.stream.take() {
                old.source.close();
            }
            if keys.is_empty() {
                return;
            }
            let Ok(source) = web_sys::EventSource::new(&url) else { return };
            let listener = Listener::new(|e: web_sys::MessageEvent| {
                let Some(key) = e.data().as_string() else { return };
                let channel = with_hub(|h| h.channel.clone()).flatten();
                post(&channel, &Message::Event { key: key.clone() });
                deliver(&key);
            });
            let _ = source.add_event_listener_with_callback("layout", listener.as_ref().unchecked_ref());
            let on_error = Closure::<dyn Fn()>::new(|| {
                let closed = with_hub(|h| {
                    h.stream.as_ref().is_some_and(|s| s.source.ready_state() == web_sys::EventSource::CLOSED)
                });
                if closed == Some(true) {
                    gloo_timers::callback::Timeout::new(RETRY_MS, || {
                        with_hub(|h| {
                            if h.leader {
                                h.reopen();
                            }
                        });
                    })
                    .forget();
                }
            });
            let _ = source.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
            self.stream = Some(Stream { url, source, _listener: listener, _on_error: on_error });
        }
    }

    /// Calls this tab's callbacks for `key` (outside the hub's borrow: they may watch anew).
    fn deliver(key: &str) {
        let callbacks: Vec<Callback> =
            with_hub(|h| h.watches.iter().filter(|(_, k, _)| k == key).map(|(_, _, c)| c.clone()).collect())
                .unwrap_or_default();
        for callback in callbacks {
            callback();
        }
    }

    fn on_message(text: &str) {
        let Ok(message) = serde_json::from_str::<Message>(text) else { return };
        match message {
            Message::Hello => {
                with_hub(|h| {
                    if !h.leader {
                        post(&h.channel, &Message::Watch { tab: h.tab.clone(), keys: h.own_keys() });
                    }
                });
            }
            Message::Watch { tab, keys } => {
                with_hub(|h| {
                    if h.leader {
                        h.others.insert(tab, keys.into_iter().collect());
                        h.reopen();
                    }
                });
            }
            Message::Bye { tab } => {
                with_hub(|h| {
                    if h.leader && h.others.remove(&tab).is_some() {
                        h.reopen();
                    }
                });
            }
            Message::Event { key } => {
                if with_hub(|h| !h.leader).unwrap_or(false) {
                    deliver(&key);
                }
            }
        }
    }

    /// This tab holds the lock now: it leads until it closes.
    fn become_leader() {
        with_hub(|h| {
            h.leader = true;
            post(&h.channel, &Message::Hello);
            h.reopen();
        });
    }

    /// Asks for the leader's lock; `false` where the browser has no Web Locks.
    fn request_leadership() -> bool {
        let Some(window) = web_sys::window() else { return false };
        let locks =
            js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("locks")).unwrap_or(JsValue::UNDEFINED);
        let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request")).unwrap_or(JsValue::UNDEFINED);
        let Some(request) = request.dyn_ref::<js_sys::Function>() else { return false };
        // Granted: lead, and hold the lock (a promise never settled) until the tab closes.
        let granted = Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(|_lock: JsValue| {
            become_leader();
            js_sys::Promise::new(&mut |_, _| {})
        });
        let asked = request.call2(&locks, &JsValue::from_str(LOCK), granted.as_ref().unchecked_ref());
        granted.forget();
        let Ok(promise) = asked.map(js_sys::Promise::from) else { return false };
        // Refused (a sandboxed frame, a browser setting): this tab keeps its own stream.
        let refused = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {
            with_hub(|h| {
                if !h.leader {
                    h.leader = true;
                    h.reopen();
                }
            });
        });
        let _ = promise.catch(&refused);
        refused.forget();
        true
    }

    fn start() {
        let tab = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok();
        if let Some(c) = &channel {
            let on_message = Listener::new(|e: web_sys::MessageEvent| {
                if let Some(text) = e.data().as_string() {
                    on_message(&text);
                }
            });
            c.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            on_message.forget();
            if let Some(window) = web_sys::window() {
                let bye = Closure::<dyn Fn()>::new(|| {
                    with_hub(|h| post(&h.channel, &Message::Bye { tab: h.tab.clone() }));
                });
                let _ = window.add_event_listener_with_callback("pagehide", bye.as_ref().unchecked_ref());
                bye.forget();
                // Back from the back/forward cache, after its `Bye`: tell the leader again.
                let back = Closure::<dyn Fn()>::new(|| {
                    with_hub(|h| h.changed());
                });
                let _ = window.add_event_listener_with_callback("pageshow", back.as_ref().unchecked_ref());
                back.forget();
            }
        }
        let has_channel = channel.is_some();
        HUB.with(|h| {
            *h.borrow_mut() = Some(Hub {
                tab,
                channel,
                watches: Vec::new(),
                next: 1,
                leader: false,
                others: BTreeMap::new(),
                stream: None,
            })
        });
        if !(has_channel && request_leadership()) {
            // No way to share: this tab keeps its own stream.
            with_hub(|h| h.leader = true);
        }
    }

    /// Calls `on_change` each time the card view of `key` (`deal`, `deal:3`, `lead:repeat`)
    /// changes. Answers a handle for [`unwatch`].
    pub fn watch_layout(key: &str, on_change: impl Fn() + 'static) -> u32 {
        if HUB.with(|h| h.borrow().is_none()) {
            start();
        }
        with_hub(|h| {
            let id = h.next;
            h.next = h.next.checked_add(1).unwrap_or(1);
            h.watches.push((id, key.to_string(), Rc::new(on_change)));
            h.changed();
            id
        })
        .unwrap_or(0)
    }

    pub fn unwatch(id: u32) {
        with_hub(|h| {
            let before = h.watches.len();
            h.watches.retain(|(i, _, _)| *i != id);
            if h.watches.len() != before {
                h.changed();
            }
        });
    }
}

#[cfg(not(feature = "hydrate"))]
mod imp {
    pub fn watch_layout(_key: &str, _on_change: impl Fn() + 'static) -> u32 {
        0
    }
    pub fn unwatch(_id: u32) {}
}

pub use imp::*;
