//! CRM settings → Access: users, departments and roles (administrators only).

use super::admin_only;
use crate::api::types::{AccessAdmin, CurrentUser, DepartmentInput, UserInput};
use crate::domain::access::{parent_allowed, Rights};
use crate::domain::field_spec::MAX_LABEL;
use crate::error::{AppError, FieldError};
use crate::server::auth::hash_password_bounded;
use crate::server::store::{access, now_ms, users, Conn, Store};
use crate::text;

/// Shortest password accepted.
pub const MIN_PASSWORD: usize = 8;

fn invalid(code: &str, message: impl Into<String>) -> AppError {
    let message = message.into();
    AppError::Validation { message: message.clone(), fields: vec![FieldError { code: code.into(), message }] }
}

fn clean_name(raw: &str, code: &str) -> Result<String, AppError> {
    let name: String = raw.trim().chars().filter(|c| !c.is_control()).collect();
    match name.chars().count() {
        0 => Err(invalid(code, text::err_name_empty())),
        n if n > MAX_LABEL => Err(invalid(code, text::err_too_long(MAX_LABEL))),
        _ => Ok(name),
    }
}

/// A user's name and email as stored (trimmed, the email lower-cased), after checking them and
/// the password (`password_needed`: a new user; otherwise an empty one keeps the old).
pub fn checked_account(
    name: &str,
    email: &str,
    password: &str,
    password_needed: bool,
) -> Result<(String, String), AppError> {
    let name = clean_name(name, "name")?;
    let email = email.trim().to_lowercase();
    let email_ok = email.len() <= 254
        && email.split_once('@').is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.starts_with('.'))
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if !email_ok {
        return Err(invalid("email", text::err_not_email()));
    }
    if (password_needed || !password.is_empty()) && password.chars().count() < MIN_PASSWORD {
        return Err(invalid("password", text::err_password_short(MIN_PASSWORD)));
    }
    if password.len() > 1024 {
        return Err(invalid("password", text::err_too_long(1024)));
    }
    Ok((name, email))
}

pub async fn access_settings(store: &Store, user: &CurrentUser) -> Result<AccessAdmin, AppError> {
    admin_only(user)?;
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    let types = super::type_names(&*cfg.registry(&mut conn).await?, user);
    let mut pipelines = std::collections::BTreeMap::new();
    for t in &types.0 {
        let of_type = cfg.pipelines(&mut conn, t.entity).await?;
        if of_type.len() > 1 {
            pipelines.insert(t.entity, of_type.iter().map(|p| (p.id, p.name.clone())).collect());
        }
    }
    Ok(AccessAdmin {
        types,
        pipelines,
        users: users::all_users(&mut conn).await?,
        departments: users::department_rows(&mut conn).await?,
        roles: access::roles(&mut conn)
            .await?
            .into_iter()
            .map(|r| access::Role { name: access::shown_role(&r.name), ..r })
            .collect(),
        me: user.id,
    })
}

async fn check_references(conn: &mut Conn, department: Option<i64>, roles: &[i64]) -> Result<(), AppError> {
    if let Some(d) = department {
        if !users::department_rows(conn).await?.iter().any(|x| x.id == d) {
            return Err(invalid("department_id", text::err_unknown_reference()));
        }
    }
    let known: Vec<i64> = access::roles(conn).await?.into_iter().map(|r| r.id).collect();
    if roles.iter().any(|r| !known.contains(r)) {
        return Err(invalid("roles", text::err_unknown_reference()));
    }
    Ok(())
}

/// Creates (`id` None) or changes a user. Answers the user's id.
pub async fn save_user(store: &Store, me: &CurrentUser, id: Option<i64>, input: UserInput) -> Result<i64, AppError> {
    admin_only(me)?;
    let password = input.password.as_str();
    let (name, email) = checked_account(&input.name, &input.email, password, id.is_none())?;
    if id == Some(me.id) && !input.active {
        return Err(invalid("active", text::err_deactivate_self()));
    }
    let mut roles = input.roles.clone();
    roles.sort_unstable();
    roles.dedup();
    let mut conn = store.pool.acquire().await?;
    check_references(&mut conn, input.department_id, &roles).await?;
    if users::email_taken(&mut conn, &email, id).await? {
        return Err(invalid("email", text::err_email_taken()));
    }
    let hash = if password.is_empty() { None } else { Some(hash_password_bounded(password).await?) };
    use sqlx::Connection;
    let mut tx = conn.begin().await?;
    let id = match id {
        Some(id) => {
            if !users::update_user(&mut tx, id, &name, &email, input.department_id, input.active).await? {
                return Err(AppError::NotFound);
            }
            if let Some(h) = &hash {
                // A changed password ends the user's other sessions (a leaked one too).
                let keep = if id == me.id { crate::server::auth::current_session() } else { None };
                users::set_password(&mut tx, id, h, keep.as_deref()).await?;
                // A reset password lets its owner sign in at once, however many failures before.
                let key = crate::server::store::sign_in::key(crate::domain::throttle::Key::Account, &email);
                crate::server::store::sign_in::clear(&mut tx, &key).await?;
            }
            id
        }
        None => {
            let new = users::NewUser {
                email: &email,
                name: &name,
                password_hash: hash.as_deref().unwrap_or_default(),
                department_id: input.department_id,
                is_admin: false,
            };
            let id = users::create_user(&mut tx, new, now_ms()).await?;
            if !input.active {
                users::update_user(&mut tx, id, &name, &email, input.department_id, false).await?;
            }
            id
        }
    };
    access::set_roles(&mut tx, id, &roles).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn save_department(
    store: &Store,
    me: &CurrentUser,
    id: Option<i64>,
    input: DepartmentInput,
) -> Result<i64, AppError> {
    admin_only(me)?;
    let name = clean_name(&input.name, "name")?;
    let mut conn = store.pool.acquire().await?;
    let departments = users::department_rows(&mut conn).await?;
    if id.is_some_and(|id| !departments.iter().any(|d| d.id == id)) {
        return Err(AppError::NotFound);
    }
    if input.parent_id.is_some_and(|p| !departments.iter().any(|d| d.id == p)) {
        return Err(invalid("parent_id", text::err_unknown_reference()));
    }
    let tree: Vec<(i64, Option<i64>)> = departments.iter().map(|d| (d.id, d.parent_id)).collect();
    if !parent_allowed(&tree, id.unwrap_or(0), input.parent_id) {
        return Err(invalid("parent_id", text::err_department_loop()));
    }
    if let Some(head) = input.head_id {
        if users::existing_user_ids(&mut conn, &[head]).await?.is_empty() {
            return Err(invalid("head_id", text::err_unknown_reference()));
        }
    }
    Ok(users::save_department(&mut conn, id, &name, input.parent_id, input.head_id).await?)
}

pub async fn delete_department(store: &Store, me: &CurrentUser, id: i64) -> Result<(), AppError> {
    admin_only(me)?;
    let mut conn = store.pool.acquire().await?;
    if !users::department_rows(&mut conn).await?.iter().any(|d| d.id == id) {
        return Err(AppError::NotFound);
    }
    if users::delete_department(&mut conn, id).await? {
        Ok(())
    } else {
        Err(AppError::BadRequest { message: text::err_department_not_empty().into() })
    }
}

pub async fn save_role(
    store: &Store,
    me: &CurrentUser,
    id: Option<i64>,
    name: String,
    mut rights: Rights,
) -> Result<i64, AppError> {
    admin_only(me)?;
    let name = clean_name(&name, "name")?;
    let mut conn = store.pool.acquire().await?;
    // Rights on a type that does not exist (any more) would pass to a later type of that code.
    let cfg = store.config.fresh(&mut conn).await?;
    let registry = cfg.registry(&mut conn).await?;
    rights.entities.retain(|e, _| registry.get(*e).is_some());
    // Likewise a pipeline that is gone: its id must not limit a later one.
    let mut pipelines_now = std::collections::BTreeMap::new();
    for e in rights.pipelines.keys().copied().filter(|e| registry.get(*e).is_some()).collect::<Vec<_>>() {
        let ids: Vec<i64> = cfg.pipelines(&mut conn, e).await?.iter().map(|p| p.id).collect();
        pipelines_now.insert(e, ids);
    }
    rights.pipelines.retain(|e, ps| {
        ps.retain(|p, _| pipelines_now.get(e).is_some_and(|ids| ids.contains(p)));
        !ps.is_empty()
    });
    if access::name_taken(&mut conn, &name, id).await? {
        return Err(invalid("name", text::err_role_taken()));
    }
    match id {
        Some(id) => {
            if access::update_role(&mut conn, id, &name, &rights).await? {
                Ok(id)
            } else {
                Err(AppError::NotFound)
            }
        }
        None => Ok(access::create_role(&mut conn, &name, &rights).await?),
    }
}

pub async fn delete_role(store: &Store, me: &CurrentUser, id: i64) -> Result<(), AppError> {
    admin_only(me)?;
    let mut conn = store.pool.acquire().await?;
    if access::delete_role(&mut conn, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
