//! A person's own settings: language and time zone (docs/LANGUAGES.md).

use crate::api::types::{CurrentUser, Profile};
use crate::error::AppError;
use crate::i18n::{tz, Lang};
use crate::server::state::AppState;
use crate::server::store::users;
use crate::text;

pub fn profile(user: &CurrentUser) -> Profile {
    Profile {
        language: user.language.clone().unwrap_or_default(),
        time_zone: user.time_zone.clone().unwrap_or_else(|| "UTC".into()),
        time_zones: tz::choices(),
    }
}

/// Stores the person's language (`""`: their browser's) and time zone, and makes the language
/// this browser's at once.
pub async fn save(state: &AppState, user: &CurrentUser, language: &str, time_zone: &str) -> Result<(), AppError> {
    let lang = match language.trim() {
        "" => None,
        code => Some(
            Lang::from_code(code)
                .filter(|l| l.code() == code)
                .ok_or_else(|| AppError::BadRequest { message: text::err_unknown_language().into() })?,
        ),
    };
    if !tz::is_known(time_zone) {
        return Err(AppError::BadRequest { message: text::err_unknown_time_zone().into() });
    }
    let mut conn = state.store.pool.acquire().await?;
    users::set_locale(&mut conn, user.id, lang.map(Lang::code), time_zone).await?;
    crate::server::auth::set_lang_cookie(state, lang);
    Ok(())
}
