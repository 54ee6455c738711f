//! Any address that is not a page.

use crate::error::AppError;
use crate::ui::common::ErrorPanel;
use leptos::prelude::*;

/// The error panel sets the 404 status of the page.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPanel error=AppError::NotFound/> }
}
