//! Settings → Smart processes: the registry of entity types as administrators change it.

use super::admin_only;
use crate::api::types::{CurrentUser, TypeContents, TypesAdmin};
use crate::domain::registry::{settle, TypeError, TypeSpec};
use crate::domain::{EntityType, TypeDef};
use crate::error::{AppError, FieldError};
use crate::server::store::types::{self, Deleted};
use crate::server::store::{now_ms, Store};
use crate::text;

fn type_error(e: TypeError) -> AppError {
    let message = e.message();
    AppError::Validation {
        message: message.clone(),
        fields: vec![FieldError { code: e.part().code().into(), message }],
    }
}

pub async fn types_admin(store: &Store, user: &CurrentUser) -> Result<TypesAdmin, AppError> {
    admin_only(user)?;
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    // System types still under their installed names show in the admin's language.
    let types = cfg
        .registry(&mut conn)
        .await?
        .types
        .iter()
        .map(|t| {
            let (name, plural) = t.shown_names();
            TypeDef { name, plural, ..t.clone() }
        })
        .collect();
    Ok(TypesAdmin { types })
}

/// Creates a smart process from `spec`; it gets the next id from 128 up.
pub async fn create_type(store: &Store, user: &CurrentUser, spec: TypeSpec) -> Result<TypeDef, AppError> {
    admin_only(user)?;
    let mut conn = store.pool.acquire().await?;
    let decided =
        types::create_with(&mut conn, now_ms(), |registry, id| settle(&spec, None, registry, &Default::default(), id))
            .await?;
    let def = decided.map_err(type_error)?;
    // This server's menu shows it from the next page on.
    store.config.fresh(&mut conn).await?;
    Ok(def)
}

/// Renames a type, or changes a smart process's options (not its code). What would lose data is
/// refused: see `domain::registry::settle`.
pub async fn update_type(store: &Store, user: &CurrentUser, entity: &str, spec: TypeSpec) -> Result<TypeDef, AppError> {
    admin_only(user)?;
    let entity: EntityType = entity.parse().map_err(|_| AppError::NotFound)?;
    let mut conn = store.pool.acquire().await?;
    let decided = types::update_with(&mut conn, entity, now_ms(), |before, registry, usage| {
        settle(&spec, Some(before), registry, usage, before.id)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    let def = decided.map_err(type_error)?;
    store.config.fresh(&mut conn).await?;
    Ok(def)
}

/// What deleting a smart process would take with it, for the confirmation.
pub async fn type_contents(store: &Store, user: &CurrentUser, entity: &str) -> Result<TypeContents, AppError> {
    admin_only(user)?;
    let entity: EntityType = entity.parse().map_err(|_| AppError::NotFound)?;
    let mut conn = store.pool.acquire().await?;
    let registry = types::registry(&mut conn).await?;
    let def = registry.get(entity).ok_or(AppError::NotFound)?;
    let c = types::contents(&mut conn, entity).await?;
    Ok(TypeContents {
        name: def.name.clone(),
        items: c.items,
        custom_fields: c.custom_fields,
        files: c.files,
        linked_from: registry
            .linking_to(entity)
            .map(|t| t.name.clone())
            .chain(types::fields_pointing_to(&mut conn, entity, &registry).await?)
            .collect(),
    })
}

/// Deletes a smart process with everything in it, once its name was typed to confirm.
pub async fn delete_type(store: &Store, user: &CurrentUser, entity: &str, confirm: &str) -> Result<(), AppError> {
    admin_only(user)?;
    let entity: EntityType = entity.parse().map_err(|_| AppError::NotFound)?;
    let mut conn = store.pool.acquire().await?;
    let def = types::registry(&mut conn).await?.get(entity).cloned().ok_or(AppError::NotFound)?;
    if def.system {
        return Err(AppError::BadRequest { message: text::err_system_type().into() });
    }
    if confirm.trim() != def.name {
        let message = text::err_type_confirm().to_string();
        return Err(AppError::Validation {
            message: message.clone(),
            fields: vec![FieldError { code: "confirm".into(), message }],
        });
    }
    match types::delete(&mut conn, entity).await? {
        Deleted::Deleted => {
            store.config.fresh(&mut conn).await?;
            Ok(())
        }
        Deleted::NotFound => Err(AppError::NotFound),
        Deleted::System => Err(AppError::BadRequest { message: text::err_system_type().into() }),
        Deleted::LinkedFrom(names) => Err(AppError::BadRequest { message: text::err_type_linked(names.join(", ")) }),
    }
}
