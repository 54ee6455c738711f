//! The one-time setup page: the first administrator of an installation without demo data,
//! with the token the server printed at start. A plain form that also works without JavaScript.

use crate::api::auth::{setup_open, Setup};
use crate::text;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SetupPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let open = Resource::new(token, |token| async move { setup_open(token).await.unwrap_or(false) });
    let setup = ServerAction::<Setup>::new();
    let refused = move || setup.value().get().and_then(Result::err).map(|e| e.message());
    view! {
        <Title text=text::page_title(text::setup_title())/>
        <main class="login">
            <h1>{text::product()}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    if open.await {
                        view! {
                            <ActionForm action=setup attr:class="login-form">
                                <h2>{text::setup_title()}</h2>
                                <p>{text::setup_intro()}</p>
                                <input type="hidden" name="token" value=token/>
                                <label>
                                    {text::your_name()}
                                    <input type="text" name="name" required autocomplete="name" autofocus/>
                                </label>
                                <label>
                                    {text::email()}
                                    <input type="email" name="email" required autocomplete="username"/>
                                </label>
                                <label>
                                    {text::password()}
                                    <input type="password" name="password" required minlength="8" autocomplete="new-password"/>
                                </label>
                                {move || refused().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                                <button type="submit" class="primary" disabled=move || setup.pending().get()>
                                    {text::create_admin()}
                                </button>
                            </ActionForm>
                        }
                            .into_any()
                    } else {
                        view! {
                            <div class="login-form">
                                <h2>{text::setup_title()}</h2>
                                <p role="alert">{text::setup_needs_token()}</p>
                            </div>
                        }
                            .into_any()
                    }
                })}
            </Suspense>
        </main>
    }
}
