//! Any address that is not a page.

use crate::error::AppError;
use crate::ui::common::ErrorPanel;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! { <ErrorPanel error=AppError::NotFound/> }
}
