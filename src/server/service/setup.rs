//! The first administrator of an installation without demo data: made on the command line
//! (`crm-card create-admin`) or on the one-time setup page (`/setup?token=…`, offered while no
//! user exists, with a token the server prints when it starts). docs/OPERATIONS.md.

use super::access::checked_account;
use crate::error::AppError;
use crate::server::auth::{hash_password, new_token, token_hash};
use crate::server::store::{now_ms, users, Store};
use crate::text;

fn admin<'a>(name: &'a str, email: &'a str, password_hash: &'a str) -> users::NewUser<'a> {
    users::NewUser { email, name, password_hash, department_id: None, is_admin: true }
}

/// An administrator made on the command line; `name` defaults to the email's local part.
/// Refused when the email is taken.
pub async fn create_admin(store: &Store, name: Option<&str>, email: &str, password: &str) -> Result<i64, AppError> {
    let name = name.map(str::to_string).unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_string());
    let (name, email) = checked_account(&name, email, password, true)?;
    let hash = hash_password(password)?;
    let mut conn = store.pool.acquire().await?;
    if users::email_taken(&mut conn, &email, None).await? {
        return Err(AppError::Validation { message: text::err_email_taken().into(), fields: vec![] });
    }
    let id = users::create_user(&mut conn, admin(&name, &email, &hash), now_ms()).await?;
    users::close_setup(&mut conn).await?;
    Ok(id)
}

/// While no user exists: a new setup token (the one before stops working), to print at start.
pub async fn offer_setup(store: &Store) -> Result<Option<String>, AppError> {
    let token = new_token();
    let mut conn = store.pool.acquire().await?;
    Ok(users::offer_setup(&mut conn, &token_hash(&token), now_ms()).await?.then_some(token))
}

/// Whether the setup page may be shown with this token.
pub async fn setup_open(store: &Store, token: &str) -> Result<bool, AppError> {
    let mut conn = store.pool.acquire().await?;
    Ok(users::setup_open(&mut conn, &token_hash(token)).await?)
}

/// The setup page's form: the first administrator, once. The token is checked before the
/// password is hashed (anyone can send the form), and hashing waits its turn with sign-ins.
pub async fn setup(store: &Store, token: &str, name: &str, email: &str, password: &str) -> Result<i64, AppError> {
    let closed = || AppError::BadRequest { message: text::err_setup_closed().into() };
    if !setup_open(store, token).await? {
        return Err(closed());
    }
    let (name, email) = checked_account(name, email, password, true)?;
    let hash = crate::server::auth::hash_password_bounded(password).await?;
    let mut conn = store.pool.acquire().await?;
    users::claim_setup(&mut conn, &token_hash(token), admin(&name, &email, &hash), now_ms()).await?.ok_or_else(closed)
}
