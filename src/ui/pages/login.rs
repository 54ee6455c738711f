//! Sign in: a plain form that also works without JavaScript.

use crate::api::auth::Login;
use crate::i18n::Lang;
use crate::text;
use crate::ui::browser;
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
    // The browser's time zone goes with the sign-in (empty without JavaScript).
    let time_zone = RwSignal::new(String::new());
    Effect::new(move |_| time_zone.set(browser::time_zone()));
    let here = crate::i18n::lang();
    let languages = Lang::ALL
        .into_iter()
        .map(|l| {
            view! {
                <button type="submit" name="lang" value=l.code() class="link" lang=l.html_lang()
                    aria-current=(l == here).then_some("true")>
                    {l.native_name()}
                </button>
            }
        })
        .collect_view();
    view! {
        <Title text=text::page_title(text::login_title())/>
        <main class="login">
            <h1>{text::product()}</h1>
            <ActionForm action=login attr:class="login-form">
                <h2>{text::login_title()}</h2>
                <label>
                    {text::email()}
                    <input type="email" name="email" required autocomplete="username" autofocus/>
                </label>
                <label>
                    {text::password()}
                    <input type="password" name="password" required autocomplete="current-password"/>
                </label>
                {move || match refused() {
                    Some(message) => Some(view! { <p class="error" role="alert">{message}</p> }.into_any()),
                    None => failed().then(|| view! { <p class="error" role="alert">{text::login_failed()}</p> }.into_any()),
                }}
                <input type="hidden" name="time_zone" prop:value=time_zone/>
                <button type="submit" class="primary" disabled=move || login.pending().get()>{text::sign_in()}</button>
            </ActionForm>
            <form method="post" action="/language" class="language-switch" aria-label=text::language()>
                {languages}
            </form>
        </main>
    }
}
