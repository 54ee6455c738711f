//! Sign in: a plain form that also works without JavaScript.

use crate::api::auth::Login;
use crate::text;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let failed = move || query.read().get("error").is_some();
    // A refusal the server answered to this page's own request (too many attempts).
    let refused = move || login.value().get().and_then(Result::err).map(|e| e.message());
    view! {
        <Title text=text::page_title(text::LOGIN_TITLE)/>
        <main class="login">
            <h1>{text::PRODUCT}</h1>
            <ActionForm action=login attr:class="login-form">
                <h2>{text::LOGIN_TITLE}</h2>
                <label>
                    {text::EMAIL}
                    <input type="email" name="email" required autocomplete="username" autofocus/>
                </label>
                <label>
                    {text::PASSWORD}
                    <input type="password" name="password" required autocomplete="current-password"/>
                </label>
                {move || match refused() {
                    Some(message) => Some(view! { <p class="error" role="alert">{message}</p> }.into_any()),
                    None => failed().then(|| view! { <p class="error" role="alert">{text::LOGIN_FAILED}</p> }.into_any()),
                }}
                <button type="submit" class="primary" disabled=move || login.pending().get()>{text::SIGN_IN}</button>
            </ActionForm>
        </main>
    }
}
