//! The card's tabs, as links (`?tab=…`), so they work with and without JavaScript.

use crate::domain::TabCode;
use crate::text;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Tabs(tabs: Vec<TabCode>, active: Memo<TabCode>) -> impl IntoView {
    view! {
        <nav class="tabs" role="tablist">
            {tabs.into_iter().map(|t| view! {
                <A
                    href=format!("?tab={}", t.slug())
                    attr:role="tab"
                    attr:class=move || if active.get() == t { "tab active" } else { "tab" }
                    attr:aria-selected=move || (active.get() == t).to_string()
                >
                    {text::tab(t)}
                </A>
            }).collect_view()}
        </nav>
    }
}
