//! Field administration: create, configure and delete custom fields (admins only).

use super::{admin_only, entity_of, known, type_names};
use crate::api::types::{CurrentUser, FieldAdmin};
use crate::domain::field_spec::{settle, FieldSpec, SpecError, CUSTOM_PREFIX, MAX_CUSTOM_FIELDS};
use crate::domain::{Audience, EntityType, FieldDef};
use crate::error::{AppError, FieldError};
use crate::server::store::{catalog, users, Conn, Store};
use crate::text;
use rand::RngCore;

fn spec_error(e: SpecError) -> AppError {
    let message = e.message();
    AppError::Validation {
        message: message.clone(),
        fields: vec![FieldError { code: e.part().code().into(), message }],
    }
}

pub async fn field_settings(store: &Store, user: &CurrentUser, entity: &str) -> Result<FieldAdmin, AppError> {
    let entity = entity_of(entity)?;
    admin_only(user)?;
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    known(&cfg, &mut conn, entity).await?;
    Ok(FieldAdmin {
        entity,
        types: type_names(&*cfg.registry(&mut conn).await?, user),
        fields: cfg.fields(&mut conn, entity).await?.to_vec(),
        pipelines: cfg.pipelines(&mut conn, entity).await?.to_vec(),
        users: users::active_users(&mut conn).await?,
        departments: users::departments(&mut conn).await?,
    })
}

/// The settled field, after checking the stages, users and departments it names exist.
async fn settled(
    conn: &mut Conn,
    entity: EntityType,
    spec: &FieldSpec,
    existing: Option<&FieldDef>,
) -> Result<FieldDef, AppError> {
    let stage_ids: Vec<i64> =
        catalog::pipelines(conn, entity).await?.iter().flat_map(|p| p.stages.iter().map(|s| s.id)).collect();
    let def = settle(spec, existing, &stage_ids).map_err(spec_error)?;
    let registry = crate::server::store::types::registry(conn).await?;
    if registry.get(entity).is_none() {
        return Err(AppError::NotFound);
    }
    if def.settings.item_types.iter().any(|t| registry.get(*t).is_none()) {
        let message = text::err_unknown_link().to_string();
        return Err(AppError::Validation {
            message: message.clone(),
            fields: vec![FieldError { code: "item_types".into(), message }],
        });
    }
    if let Some(Audience { users: user_ids, departments }) = &def.settings.visible_to {
        let known_users = users::existing_user_ids(conn, user_ids).await?;
        let known_departments: Vec<i64> = users::departments(conn).await?.into_iter().map(|d| d.id).collect();
        if known_users.len() != user_ids.len() || departments.iter().any(|d| !known_departments.contains(d)) {
            let message = text::err_unknown_people().to_string();
            return Err(AppError::Validation {
                message: message.clone(),
                fields: vec![FieldError { code: "visible_to".into(), message }],
            });
        }
    }
    Ok(def)
}

/// Creates a custom field; the card then shows it where the admin asked (a layout operation).
pub async fn create_field(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    spec: FieldSpec,
) -> Result<FieldDef, AppError> {
    let entity = entity_of(entity)?;
    admin_only(user)?;
    let mut conn = store.pool.acquire().await?;
    let existing = catalog::fields(&mut conn, entity).await?;
    if existing.iter().filter(|f| !f.system).count() >= MAX_CUSTOM_FIELDS {
        return Err(AppError::BadRequest { message: text::err_too_many_fields().into() });
    }
    let mut def = settled(&mut conn, entity, &spec, None).await?;
    // A random code is never reused, so the History and timeline of a deleted field can
    // never be read as a later field's.
    def.code = format!("{CUSTOM_PREFIX}{:08x}", rand::rngs::OsRng.next_u32());
    catalog::create_field(&mut conn, entity, &def).await?;
    Ok(def)
}

/// Changes a field's label and settings. Type and "multiple" stay as they were (a request that
/// changes them is refused); a system field cannot be restricted.
pub async fn configure_field(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    code: &str,
    spec: FieldSpec,
) -> Result<FieldDef, AppError> {
    let entity = entity_of(entity)?;
    admin_only(user)?;
    let mut conn = store.pool.acquire().await?;
    let before = catalog::field(&mut conn, entity, code).await?.ok_or(AppError::NotFound)?;
    let def = settled(&mut conn, entity, &spec, Some(&before)).await?;
    // Search text holds option labels and leaves restricted fields out: a change of either
    // takes the type's items out of search in the same transaction, until the reindexer has
    // rewritten them.
    // A restricted field always does: `before` was read outside the transaction, and another
    // admin's change in between must not leave its words searchable.
    let outdates = before.settings.options != def.settings.options
        || before.is_restricted() != def.is_restricted()
        || def.is_restricted();
    if !catalog::configure(&mut conn, entity, &def, outdates).await? {
        return Err(AppError::NotFound);
    }
    if outdates {
        super::search::wake_reindexer();
    }
    Ok(def)
}

/// Deletes a custom field with all its values. System fields are refused.
pub async fn delete_field(store: &Store, user: &CurrentUser, entity: &str, code: &str) -> Result<(), AppError> {
    let entity = entity_of(entity)?;
    admin_only(user)?;
    let mut conn = store.pool.acquire().await?;
    let def = catalog::field(&mut conn, entity, code).await?.ok_or(AppError::NotFound)?;
    if def.system {
        return Err(AppError::BadRequest { message: text::err_system_field().into() });
    }
    if catalog::delete_field(&mut conn, entity, code).await? {
        super::search::wake_reindexer();
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
