//! The card's tabs, as links (`?tab=…`), so they work with and without JavaScript.

use crate::domain::TabCode;
use crate::text;
use leptos::prelude::*;

#[component]
pub fn Tabs(tabs: Memo<Vec<TabCode>>, active: Memo<TabCode>) -> impl IntoView {
    view! {
        <nav class="tabs" role="tablist">
            {move || tabs.get().into_iter().map(|t| view! {
                <a
                    href=format!("?tab={}", t.slug())
                    role="tab"
                    class=move || if active.get() == t { "tab active" } else { "tab" }
                    aria-selected=move || (active.get() == t).to_string()
                >
                    {text::tab(t)}
                </a>
            }).collect_view()}
        </nav>
    }
}
