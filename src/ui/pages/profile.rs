//! `/profile`: a person's language and time zone. Saving reloads the page, which then speaks the
//! chosen language (the browser holds one language's messages, docs/LANGUAGES.md).

use crate::api::auth::{profile, SaveProfile};
use crate::api::types::Profile;
use crate::domain::EntityType;
use crate::i18n::Lang;
use crate::text;
use crate::ui::browser;
use crate::ui::common::{AppFrame, ErrorPanel, Loaded};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| profile());
    view! {
        <AppFrame active=Signal::derive(|| None::<EntityType>)>
            <Title text=text::page_title(text::profile())/>
            <Suspense fallback=|| view! { <p class="loading">{text::loading()}</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => Loaded(view! { <ProfileForm profile=p/> }).into_any(),
                        Err(e) => view! { <ErrorPanel error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </AppFrame>
    }
}

#[component]
fn ProfileForm(profile: Profile) -> impl IntoView {
    let save = ServerAction::<SaveProfile>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            browser::reload();
        }
    });
    let refused = move || save.value().get().and_then(Result::err).map(|e| e.message());
    let languages = std::iter::once((String::new(), text::language_browser().to_string(), None))
        .chain(Lang::ALL.into_iter().map(|l| (l.code().to_string(), l.native_name().to_string(), Some(l.html_lang()))))
        .map(|(code, name, lang)| {
            let selected = code == profile.language;
            view! { <option value=code selected=selected lang=lang>{name}</option> }
        })
        .collect_view();
    let zones = profile
        .time_zones
        .iter()
        .map(|z| view! { <option value=z.clone() selected=*z == profile.time_zone>{z.replace('_', " ")}</option> })
        .collect_view();
    view! {
        <section class="profile">
            <h1>{text::profile()}</h1>
            <ActionForm action=save attr:class="profile-form">
                <label>
                    {text::language()}
                    <select name="language" data-testid="profile-language">{languages}</select>
                </label>
                <label>
                    {text::time_zone()}
                    <select name="time_zone" data-testid="profile-time-zone">{zones}</select>
                </label>
                {move || refused().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                <button type="submit" class="primary" disabled=move || save.pending().get()>{text::save()}</button>
            </ActionForm>
        </section>
    }
}
