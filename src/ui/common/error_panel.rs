//! How a failed load is shown.

use crate::error::AppError;
use crate::ui::browser;
use leptos::prelude::*;

/// Reacts to errors every screen treats alike: a lost session goes to the sign-in page.
pub fn handle_error(e: &AppError) {
    if *e == AppError::Unauthenticated {
        browser::go_to_login();
    }
}

#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    // A page showing an error answers with its status too (a malformed id in the address is
    // "not found" like an unknown one, though no server function was asked).
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::from_u16(error.status()).unwrap_or(http::StatusCode::NOT_FOUND));
    }
    handle_error(&error);
    let not_found = error == AppError::NotFound;
    view! {
        <section class="error-panel" role="alert">
            <h1>{if not_found { crate::text::err_page_not_found().to_string() } else { error.message() }}</h1>
            {not_found.then(|| view! { <p>{crate::text::err_not_found()}</p> })}
            <p><a href="/crm/deal">{crate::text::system_type_names(crate::domain::EntityType::DEAL).map(|n| n.1)}</a></p>
        </section>
    }
}
