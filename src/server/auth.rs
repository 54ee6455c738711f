//! Passwords (argon2), sessions (random token in an HttpOnly cookie, its SHA-256 in the
//! database, so any app server can check it) and the signed-in user of a request.

use super::state::AppState;
use super::store::{now_ms, users, Conn};
use crate::api::types::CurrentUser;
use crate::error::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use http::header::{COOKIE, SET_COOKIE};
use http::{HeaderMap, HeaderValue};
use leptos::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "crm_session";
/// The session cookie's name with `secure_cookies` on: browsers accept a `__Host-` cookie only
/// from a secure origin, for the whole site and never set by a sub-domain, so a neighbour site
/// cannot plant a session of its choosing.
pub const SECURE_SESSION_COOKIE: &str = "__Host-crm_session";

/// The session cookie's name under this configuration.
pub fn session_cookie(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| {
        tracing::error!("hashing a password failed: {e}");
        AppError::Internal
    })
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash of a password nobody has, checked when the email is unknown so that a wrong email
/// takes as long to refuse as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password").unwrap_or_default())
}

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The user whose live session the request's cookie names (the request moves the session's
/// idle limit on).
pub async fn user_from_headers(state: &AppState, headers: &HeaderMap) -> sqlx::Result<Option<CurrentUser>> {
    session_of(state, headers, true).await
}

/// [`user_from_headers`] for a page's background poll (an open card's event stream): it does
/// not keep an unattended browser's session alive past its idle time.
pub async fn user_from_headers_quietly(state: &AppState, headers: &HeaderMap) -> sqlx::Result<Option<CurrentUser>> {
    session_of(state, headers, false).await
}

async fn session_of(state: &AppState, headers: &HeaderMap, touch: bool) -> sqlx::Result<Option<CurrentUser>> {
    let secure = state.config.secure_cookies;
    if cookie_value(headers, session_cookie(secure)).is_none() {
        return Ok(None);
    }
    let mut conn = state.store.pool.acquire().await?;
    user_from_headers_on(&mut conn, headers, secure, state.config.idle_ms(), touch).await
}

/// [`user_from_headers`] on a connection the caller holds.
async fn user_from_headers_on(
    conn: &mut Conn,
    headers: &HeaderMap,
    secure: bool,
    idle_ms: i64,
    touch: bool,
) -> sqlx::Result<Option<CurrentUser>> {
    let Some(token) = cookie_value(headers, session_cookie(secure)) else {
        return Ok(None);
    };
    users::session_user(conn, &token_hash(token), now_ms(), idle_ms, touch).await
}

/// The app state of the request being served.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}

/// The user a page request's session named, found once by the page guard
/// (`http::require_session_for_pages`) for every server function the render calls.
#[derive(Clone, Debug)]
pub struct PageUser(pub CurrentUser);

/// Every server function starts here: the app state and the signed-in user, or `Unauthenticated`.
pub async fn require_user() -> Result<(AppState, CurrentUser), AppError> {
    let state = app_state()?;
    let parts = request_parts()?;
    if let Some(PageUser(user)) = parts.extensions.get::<PageUser>() {
        return Ok((state, user.clone()));
    }
    match user_from_headers(&state, &parts.headers).await? {
        Some(user) => Ok((state, user)),
        None => Err(AppError::Unauthenticated),
    }
}

/// [`require_user`] with the session looked up on a connection the caller holds and goes on
/// using (`server::serve_reading`).
pub async fn require_user_on(conn: &mut Conn) -> Result<CurrentUser, AppError> {
    let parts = request_parts()?;
    if let Some(PageUser(user)) = parts.extensions.get::<PageUser>() {
        return Ok(user.clone());
    }
    let config = app_state()?.config;
    user_from_headers_on(conn, &parts.headers, config.secure_cookies, config.idle_ms(), true)
        .await?
        .ok_or(AppError::Unauthenticated)
}

fn request_parts() -> Result<http::request::Parts, AppError> {
    use_context::<http::request::Parts>().ok_or(AppError::Unauthenticated)
}

fn set_cookie(state: &AppState, value: &str, max_age_secs: i64) {
    let secure = state.config.secure_cookies;
    let name = session_cookie(secure);
    let flag = if secure { "; Secure" } else { "" };
    let cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{flag}");
    if let (Some(res), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&cookie)) {
        res.append_header(SET_COOKIE, v);
    }
}

/// Password checks running at once. Hashing is made slow on purpose (argon2); a flood of
/// sign-ins may use half the cores, never all of them, so signed-in people's pages keep being
/// served (docs/PERFORMANCE.md, P11). Others wait their turn without holding a connection.
fn hashing() -> &'static tokio::sync::Semaphore {
    static HASHING: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    HASHING.get_or_init(|| {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        tokio::sync::Semaphore::new((cores / 2).max(1))
    })
}

/// Runs argon2 off the async threads, a bounded number at once.
async fn check_password(hash: String, password: String) -> bool {
    let Ok(_permit) = hashing().acquire().await else { return false };
    tokio::task::spawn_blocking(move || verify_password(&hash, &password)).await.unwrap_or(false)
}

/// [`hash_password`] off the async threads, beside the password checks' bound.
pub async fn hash_password_bounded(password: &str) -> Result<String, AppError> {
    let _permit = hashing().acquire().await.map_err(|_| AppError::Internal)?;
    let password = password.to_string();
    tokio::task::spawn_blocking(move || hash_password(&password)).await.map_err(|_| AppError::Internal)?
}

/// The client's address, for throttling: the socket's peer, or with `trust_forwarded_for` the
/// last `X-Forwarded-For` entry (the one the reverse proxy in front added). An IPv6 address
/// counts by its /64 network, which one machine usually has whole. `None` when unknown.
pub fn client_address_of(
    headers: &HeaderMap,
    extensions: &http::Extensions,
    config: &super::config::Config,
) -> Option<String> {
    let mut ip: Option<std::net::IpAddr> = None;
    if config.trust_forwarded_for {
        let forwarded = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).next_back();
        ip = forwarded.and_then(|v| v.rsplit(',').next()).and_then(|v| v.trim().parse().ok());
    }
    let ip = ip.or_else(|| extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip()))?;
    Some(crate::domain::throttle::address_key(ip))
}

fn client_address(state: &AppState) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    client_address_of(&parts.headers, &parts.extensions, &state.config)
}

/// Client addresses this process found blocked, and until when: a flood from one address is
/// then refused before its request reaches the sign-in function or the database
/// (`http::refuse_blocked_addresses`). Blocks only grow while they last, so a remembered one
/// is never too long.
fn blocked_addresses() -> &'static std::sync::Mutex<std::collections::HashMap<String, i64>> {
    static BLOCKED: std::sync::OnceLock<std::sync::Mutex<std::collections::HashMap<String, i64>>> =
        std::sync::OnceLock::new();
    BLOCKED.get_or_init(Default::default)
}

fn remember_blocked(address: &str, until: i64) {
    let mut blocked = blocked_addresses().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if blocked.len() > 10_000 {
        let now = now_ms();
        blocked.retain(|_, until| *until > now);
    }
    let entry = blocked.entry(address.to_string()).or_insert(until);
    *entry = (*entry).max(until);
}

/// Milliseconds the client address `address` must still wait, as this process knows.
pub fn address_wait(address: &str, now: i64) -> Option<i64> {
    let blocked = blocked_addresses().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    blocked.get(address).filter(|until| **until > now).map(|until| until - now)
}

/// Signs in: checks the password unless the account or the client address is throttled
/// (`domain::throttle`), then starts a session. A wrong email or password goes back to the
/// sign-in page with a message (with or without JavaScript); a throttled one is refused with
/// `TooManyAttempts` (429 with `Retry-After`).
///
/// Each attempt is counted as a failure before its password is checked, so requests sent all
/// at once cannot pass the check together: those beyond the allowance are refused without
/// hashing. A right password then takes its attempt back.
pub async fn login(email: &str, password: &str, time_zone: &str) -> Result<(), AppError> {
    use super::store::sign_in;
    use crate::domain::throttle::{self, Key};
    let state = app_state()?;
    if email.len() > 254 || password.len() > 1024 {
        leptos_axum::redirect("/login?error=1");
        return Ok(());
    }
    let mut keys = vec![(Key::Account, sign_in::key(Key::Account, email))];
    if let Some(address) = client_address(&state) {
        keys.push((Key::Address, sign_in::key(Key::Address, &address)));
    }
    let now = now_ms();
    // The counters and the credentials in one visit; the connection goes back before hashing.
    let (creds, wait, over) = {
        let mut conn = state.store.pool.acquire().await?;
        let names: Vec<String> = keys.iter().map(|(_, k)| k.clone()).collect();
        let counters = sign_in::counters(&mut conn, &names).await?;
        let mut refused = None;
        for ((kind, key), counter) in keys.iter().zip(&counters) {
            if let Some(wait) = throttle::wait(counter, now) {
                if *kind == Key::Address {
                    remember_blocked(key, counter.blocked_until);
                }
                refused = refused.max(Some(wait));
            }
        }
        if let Some(wait) = refused {
            return Err(too_many_attempts(wait));
        }
        let (mut wait, mut over) = (None, false);
        for (kind, key) in &keys {
            let counter = sign_in::record_failure(&mut conn, *kind, key, now).await?;
            wait = wait.max(throttle::wait(&counter, now));
            over |= counter.failures > kind.allowance();
            if *kind == Key::Address && counter.blocked_until > now {
                remember_blocked(key, counter.blocked_until);
            }
        }
        (users::credentials(&mut conn, email).await?, wait, over)
    };
    if let (true, Some(wait)) = (over, wait) {
        return Err(too_many_attempts(wait));
    }
    let (hash, user_id) = match &creds {
        Some(c) if c.active => (c.password_hash.clone(), Some(c.id)),
        _ => (decoy_hash().to_string(), None),
    };
    let ok = check_password(hash, password.to_string()).await;
    let Some(user_id) = user_id.filter(|_| ok) else {
        if let Some(wait) = wait {
            return Err(too_many_attempts(wait));
        }
        leptos_axum::redirect("/login?error=1");
        return Ok(());
    };
    let mut conn = state.store.pool.acquire().await?;
    for (kind, key) in &keys {
        sign_in::forgive(&mut conn, *kind, key).await?;
    }
    // The browser's time zone becomes theirs unless they chose one; their chosen language
    // becomes this browser's.
    if crate::i18n::tz::is_known(time_zone) {
        users::default_time_zone(&mut conn, user_id, time_zone).await?;
    }
    if let Some(lang) = users::language_of(&mut conn, user_id).await?.as_deref().and_then(crate::i18n::Lang::from_code)
    {
        set_lang_cookie(&state, Some(lang));
    }
    start_session(&state, &mut conn, user_id).await
}

/// Keeps `lang` as this browser's language (`http::LANG_COOKIE`); `None` forgets it.
pub fn set_lang_cookie(state: &AppState, lang: Option<crate::i18n::Lang>) {
    let cookie = super::http::lang_cookie(lang, state.config.secure_cookies);
    if let (Some(res), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&cookie)) {
        res.append_header(SET_COOKIE, v);
    }
}

/// Starts a session for `user_id` (its cookie on the answer) and goes to the deals.
pub async fn start_session(state: &AppState, conn: &mut Conn, user_id: i64) -> Result<(), AppError> {
    let token = new_token();
    let now = now_ms();
    let max_age = state.config.session_days.max(1) * 24 * 3600;
    users::delete_expired_sessions(conn, now, state.config.idle_ms()).await?;
    users::create_session(conn, &token_hash(&token), user_id, now, now + max_age * 1000).await?;
    set_cookie(state, &token, max_age);
    leptos_axum::redirect("/crm/deal");
    Ok(())
}

/// The refusal of a throttled sign-in, with `Retry-After` on the answer.
fn too_many_attempts(wait_ms: i64) -> AppError {
    let retry_after = crate::domain::throttle::retry_after_secs(wait_ms);
    if let (Some(res), Ok(v)) =
        (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(&retry_after.to_string()))
    {
        res.insert_header(http::header::RETRY_AFTER, v);
    }
    tracing::warn!(retry_after, "refused a throttled sign-in");
    AppError::TooManyAttempts { retry_after }
}

/// The hash of the session token the current request came with, if any.
pub fn current_session() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let secure = app_state().ok()?.config.secure_cookies;
    cookie_value(&parts.headers, session_cookie(secure)).map(token_hash)
}

pub async fn logout_everywhere() -> Result<(), AppError> {
    let (state, user) = require_user().await?;
    let mut conn = state.store.pool.acquire().await?;
    users::end_sessions(&mut conn, user.id).await?;
    set_cookie(&state, "", 0);
    leptos_axum::redirect("/login");
    Ok(())
}

pub async fn logout() -> Result<(), AppError> {
    let state = app_state()?;
    if let Some(parts) = use_context::<http::request::Parts>() {
        if let Some(token) = cookie_value(&parts.headers, session_cookie(state.config.secure_cookies)) {
            let mut conn = state.store.pool.acquire().await?;
            users::delete_session(&mut conn, &token_hash(token)).await?;
        }
    }
    set_cookie(&state, "", 0);
    leptos_axum::redirect("/login");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("correct horse").unwrap_or_default();
        assert!(hash.starts_with("$argon2"));
        assert!(verify_password(&hash, "correct horse"));
        assert!(!verify_password(&hash, "Correct horse"));
        assert!(!verify_password("not a hash", "correct horse"));
    }

    #[test]
    fn tokens_are_unique_and_stored_only_as_hashes() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.insert(COOKIE, HeaderValue::from_static("theme=dark; crm_session=abc; x=1"));
        assert_eq!(cookie_value(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie_value(&h, "missing"), None);
    }
}
