//! What the server functions do, as plain functions of (store, user, arguments): they check
//! input, call the domain rules and the store, and turn outcomes into wire types or `AppError`.

pub mod access;
mod board;
mod browse;
mod card;
mod edit;
pub mod export;
mod fields;
pub mod files;
mod layouts;
mod pipelines;
pub mod profile;
mod recycle;
pub mod search;
pub mod setup;
mod types;
mod views;

pub use board::{board, board_column, board_token, remember_finals, BOARD_PAGE};
pub use browse::{history, list, list_token, relations, search_items};
pub use card::{add_comment, card, card_layout, preview_card, timeline_page};
pub use edit::{create_item, move_stage, new_item_form, read_save_base, save_fields, type_pipelines, SaveBase};
pub use fields::{configure_field, create_field, delete_field, field_settings};
pub use layouts::{layout_editor, layout_history, read_layout_base, rollback_layout, save_layout, LayoutBase};
pub use pipelines::{edit_pipelines, pipelines_admin};
pub use recycle::{delete_items, purge_items, recycle_bin, restore_items, spawn_purge};
pub use types::{create_type, delete_type, type_contents, types_admin, update_type};
pub use views::{
    choose_view, delete_card_view, enable_my_view, reset_common_view, save_card_view, set_common_view, view_tokens,
    views_admin, watched_kind,
};

use super::store::config::Snapshot;
use super::store::{items, timeline::EventRow, users, Conn, Store};
use crate::api::types::{CurrentUser, TypeName, TypeNames, UserRef};
use crate::domain::access::{reaches, Action, Member, Owner};
use crate::domain::field::{fields_for_writer, visible_fields};
use crate::domain::timeline::{ChangeView, EventBody, EventPayload, TimelineEvent};
use crate::domain::value::{display, Names};
use crate::domain::views::CardKind;
use crate::domain::{EntityType, FieldDef, Pipeline, TypeDef, Value, Values, Viewer};
use crate::error::AppError;
use crate::text;

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!("database error: {e}");
        AppError::Internal
    }
}

/// An entity type named in a URL or request, by the form of its code; a malformed one is "not
/// found". Whether the type exists is [`known`]'s answer: every service asks it too.
fn entity_of(slug: &str) -> Result<EntityType, AppError> {
    slug.parse().map_err(|_| AppError::NotFound)
}

/// The registry entry of `entity` in the configuration `cfg`; a type that does not exist (any
/// more) is "not found".
async fn known(cfg: &Snapshot, conn: &mut Conn, entity: EntityType) -> Result<TypeDef, AppError> {
    cfg.registry(conn).await?.get(entity).cloned().ok_or(AppError::NotFound)
}

/// [`known`] without a statement (nor a connection) when this process's newest configuration
/// knows the type; a type it does not know (created on another server a moment ago) is looked
/// up afresh.
async fn known_now(store: &Store, entity: EntityType) -> Result<TypeDef, AppError> {
    if let Some(def) = store.config.current().loaded_registry().and_then(|r| r.get(entity).cloned()) {
        return Ok(def);
    }
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    known(&cfg, &mut conn, entity).await
}

/// [`known`] in the configuration the database has now (one statement): for writes, which must
/// not add rows for a type deleted a moment ago through another server.
async fn known_fresh(store: &Store, entity: EntityType) -> Result<TypeDef, AppError> {
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    known(&cfg, &mut conn, entity).await
}

/// The cards of an entity type named in a request: of one pipeline (types with several), of
/// repeat leads.
pub async fn card_kind(
    store: &Store,
    entity: &str,
    pipeline: Option<i64>,
    repeat_lead: Option<bool>,
) -> Result<CardKind, AppError> {
    let def = known_now(store, entity_of(entity)?).await?;
    Ok(CardKind::of(&def, pipeline).with_repeat_lead(repeat_lead.unwrap_or(false)))
}

/// CRM settings (layouts, fields) are for administrators.
fn admin_only(user: &CurrentUser) -> Result<(), AppError> {
    if user.is_admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub fn viewer(user: &CurrentUser) -> Viewer {
    Viewer { user_id: user.id, department_id: user.department_id, is_admin: user.is_admin }
}

/// An entity type's fields as one user meets them.
pub struct UserFields {
    /// The fields the user may see: the only ones whose labels and values reach them.
    pub visible: Vec<FieldDef>,
    /// Every field, with the rules of a write by this user (fields hidden from them are not
    /// required of them): what the store checks and indexes with.
    pub rules: Vec<FieldDef>,
}

impl UserFields {
    /// Only the values of fields the user may see.
    pub fn values(&self, values: Values) -> Values {
        values.into_iter().filter(|(code, _)| self.visible.iter().any(|f| f.code == *code)).collect()
    }
}

async fn fields_for(
    cfg: &Snapshot,
    conn: &mut Conn,
    entity: EntityType,
    user: &CurrentUser,
) -> sqlx::Result<UserFields> {
    let all = cfg.fields(conn, entity).await?;
    let viewer = viewer(user);
    Ok(UserFields { visible: visible_fields(&all, &viewer), rules: fields_for_writer(&all, &viewer) })
}

/// The frame of a signed-in page. The menu comes from the newest configuration this process
/// has seen (no statement once loaded): a type created a moment ago on another server shows from
/// that process's next request that reads the configuration revision. The types the user last
/// looked at as a board (their menu links open it) come with the session.
pub async fn frame(store: &Store, user: &CurrentUser) -> Result<crate::api::types::Frame, AppError> {
    let cfg = store.config.current();
    let registry = match cfg.loaded_registry() {
        Some(r) => r,
        None => {
            let mut conn = store.pool.acquire().await?;
            store.config.fresh(&mut conn).await?.registry(&mut conn).await?
        }
    };
    let mut types = type_names(&registry, user);
    types.0.retain(|t| t.in_menu);
    let boards = types
        .0
        .iter()
        .map(|t| t.entity)
        .filter(|e| user.choices.get(&super::store::choices::mode_key(*e)).is_some_and(|m| m == "kanban"))
        .collect();
    Ok(crate::api::types::Frame { name: user.name.clone(), is_admin: user.is_admin, types, boards })
}

/// The names of the entity types a user may read (every type, for admins): what their pages
/// may mention and link to.
pub fn type_names(registry: &crate::domain::Registry, user: &CurrentUser) -> TypeNames {
    TypeNames(
        registry
            .types
            .iter()
            .filter(|t| user.rights.scope(t.entity, Action::Read) != crate::domain::access::Scope::None)
            .map(TypeName::of)
            .collect(),
    )
}

pub fn member(user: &CurrentUser) -> Member {
    Member { user_id: user.id, department_id: user.department_id }
}

/// The items of `entity` the user's scope for `action` reaches, pipeline by pipeline, for list
/// queries.
fn reach(user: &CurrentUser, entity: EntityType, action: Action) -> items::Reach {
    items::Reach::by_pipeline(user.rights.scopes_by(entity, |r| r.get(action)), &member(user))
}

/// The pipelines of `entity` on which the user's scope for `action` reaches some item: what
/// their pipeline switchers, stage filters and pickers offer.
fn pipelines_for(user: &CurrentUser, entity: EntityType, action: Action, all: &[Pipeline]) -> Vec<Pipeline> {
    let reaches_some = |p: &&Pipeline| {
        user.rights.sees_pipeline(entity, p.id)
            && user.rights.scope_in(entity, Some(p.id), action) != crate::domain::access::Scope::None
    };
    all.iter().filter(reaches_some).cloned().collect()
}

/// The card of a pipeline the user does not see is not there for them: its layouts, views and
/// their history are "not found" as its items are.
pub fn sees_kind(user: &CurrentUser, kind: CardKind) -> Result<(), AppError> {
    match kind.pipeline {
        Some(p) if !user.rights.sees_pipeline(kind.entity, p) => Err(AppError::NotFound),
        _ => Ok(()),
    }
}

/// A type one may not read is not there for them at all (nor in their menu): "not found".
fn readable(user: &CurrentUser, entity: EntityType) -> Result<(), AppError> {
    if user.rights.scope(entity, Action::Read) == crate::domain::access::Scope::None {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Refuses a user whose scope for `action` on `entity` reaches no item at all.
fn needs(user: &CurrentUser, entity: EntityType, action: Action) -> Result<(), AppError> {
    if user.rights.scope(entity, action) == crate::domain::access::Scope::None {
        Err(AppError::Forbidden)
    } else {
        Ok(())
    }
}

/// The card view the user sees, its layout holding only the fields in `visible`.
async fn visible_layout(
    cfg: &Snapshot,
    conn: &mut Conn,
    kind: CardKind,
    user: &CurrentUser,
    visible: &[FieldDef],
) -> sqlx::Result<(crate::api::types::ViewState, crate::domain::Layout)> {
    let views::Resolved { state, mut layout } = views::resolved(cfg, conn, user, kind).await?;
    layout.retain_fields(|c| visible.iter().any(|f| f.code == c));
    Ok((state, layout))
}

/// Whether the user's scope for `action` on `entity` (in the item's pipeline) reaches an item
/// owned by `owner`.
fn may(user: &CurrentUser, entity: EntityType, action: Action, owner: &Owner) -> bool {
    reaches(user.rights.scope_in(entity, owner.pipeline_id, action), &member(user), owner)
}

/// The item, when the user's scope for `action` reaches it. An item they may not read is "not
/// found" (its existence is not revealed); one they may read but not change is "forbidden".
async fn item_for(
    conn: &mut Conn,
    user: &CurrentUser,
    entity: EntityType,
    id: i64,
    action: Action,
) -> Result<items::ItemRow, AppError> {
    let row = item_or_404(conn, entity, id).await?;
    check_reach(user, entity, row.owner(), action)?;
    Ok(row)
}

/// `item_for`, and the configuration snapshot as of the same query.
async fn item_and_config(
    store: &Store,
    conn: &mut Conn,
    user: &CurrentUser,
    entity: EntityType,
    id: i64,
    action: Action,
) -> Result<(items::ItemRow, std::sync::Arc<Snapshot>), AppError> {
    // Administrators read the card of an item in the recycle bin (its timeline, History,
    // Relations); nobody changes it there.
    let deleted_too = user.is_admin && action == Action::Read;
    let (row, revision) = items::item_at_revision(conn, entity, id, deleted_too).await?.ok_or(AppError::NotFound)?;
    check_reach(user, entity, row.owner(), action)?;
    let cfg = store.config.at(revision);
    known(&cfg, conn, entity).await?;
    Ok((row, cfg))
}

/// Refuses `action` on an item of `owner` unless the user's scope reaches it (see `item_for`).
fn check_reach(user: &CurrentUser, entity: EntityType, owner: Owner, action: Action) -> Result<(), AppError> {
    if !may(user, entity, Action::Read, &owner) {
        return Err(AppError::NotFound);
    }
    if action != Action::Read && !may(user, entity, action, &owner) {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// The item's row, or "not found" (also for an id of another entity type).
async fn item_or_404(conn: &mut Conn, entity: EntityType, id: i64) -> Result<items::ItemRow, AppError> {
    items::item(conn, entity, id).await?.ok_or(AppError::NotFound)
}

fn collect_refs<'a>(values: impl Iterator<Item = &'a Value>, users: &mut Vec<i64>, items: &mut Vec<i64>) {
    for v in values {
        for e in v.entries() {
            match e {
                Value::User(id) => users.push(*id),
                Value::Item(r) => items.push(r.id),
                _ => {}
            }
        }
    }
}

/// The values an event shows: those of changes to the given fields (the ones the reader sees).
fn payload_values<'a>(p: &'a EventPayload, fields: &[FieldDef]) -> Vec<&'a Value> {
    match p {
        EventPayload::FieldChanged { changes } => changes
            .iter()
            .filter(|c| fields.iter().any(|f| f.code == c.code))
            .flat_map(|c| c.old.iter().chain(c.new.iter()))
            .collect(),
        _ => vec![],
    }
}

/// What a caller already knows of the users and items that values point to; `names_for` asks
/// the database only for the rest.
#[derive(Clone, Copy, Default)]
struct Known<'a> {
    users: &'a [UserRef],
    /// Items already looked up, found or not; `items` holds those found.
    item_ids: &'a [i64],
    items: &'a [items::TitleRow],
    /// Stages of pipelines the reader does not see: a stage change names them as hidden.
    hidden_stages: &'a [i64],
}

/// The stages of `entity`'s pipelines the user does not see (none for most users).
async fn hidden_stages(
    cfg: &Snapshot,
    conn: &mut Conn,
    user: &CurrentUser,
    entity: EntityType,
) -> sqlx::Result<Vec<i64>> {
    if user.rights.admin || !user.rights.pipelines.contains_key(&entity) {
        return Ok(vec![]);
    }
    let pipelines = cfg.pipelines(conn, entity).await?;
    let hidden = pipelines.iter().filter(|p| !user.rights.sees_pipeline(entity, p.id));
    Ok(hidden.flat_map(|p| p.stages.iter().map(|s| s.id)).collect())
}

/// Names of the users and items that `values` point to: from what is `known`, and the rest in
/// at most two queries whatever their number. An item the reader may not read shows as hidden,
/// whatever its title.
async fn names_for<'a>(
    conn: &mut Conn,
    reader: &CurrentUser,
    values: impl Iterator<Item = &'a Value>,
    known: Known<'_>,
) -> sqlx::Result<Names> {
    let (mut user_ids, mut item_ids) = (vec![], vec![]);
    collect_refs(values, &mut user_ids, &mut item_ids);
    user_ids.sort_unstable();
    user_ids.dedup();
    item_ids.sort_unstable();
    item_ids.dedup();
    let mut names = Names::default();
    for u in known.users.iter().filter(|u| user_ids.binary_search(&u.id).is_ok()) {
        names.users.insert(u.id, u.name.clone());
    }
    let missing: Vec<i64> = user_ids.into_iter().filter(|id| !names.users.contains_key(id)).collect();
    for u in users::user_names(conn, &missing).await? {
        names.users.insert(u.id, u.name);
    }
    let (looked_up, missing): (Vec<i64>, Vec<i64>) = item_ids.into_iter().partition(|id| known.item_ids.contains(id));
    let known_titles = known.items.iter().filter(|t| looked_up.contains(&t.id));
    for t in known_titles.chain(items::titles(conn, &missing).await?.iter()) {
        // Whether an item one may not read was deleted is not theirs to know either.
        let title = if !may(reader, t.entity, Action::Read, &t.owner) {
            text::item_hidden().into()
        } else if t.deleted {
            text::item_deleted().into()
        } else {
            t.title.clone()
        };
        names.items.insert(t.id, title);
    }
    Ok(names)
}

/// A stored event as the viewer reads it: field changes get labels and shown values; changes of
/// fields the viewer cannot see (or that no longer exist) are left out, and an event left with
/// none is dropped.
fn event_view(row: EventRow, fields: &[FieldDef], names: &Names, hidden_stages: &[i64]) -> Option<TimelineEvent> {
    let body = match row.payload {
        EventPayload::Created { title } => EventBody::Created { title },
        EventPayload::Comment { text } => EventBody::Comment { text },
        EventPayload::StageChanged { mut from, mut to, mut pipeline } => {
            // A move out of (or into) a pipeline the reader does not see names neither it nor
            // its stage.
            let hide = |s: &mut crate::domain::timeline::StageRef, pipeline: Option<&mut String>| {
                if hidden_stages.contains(&s.id) {
                    s.name = text::stage_hidden().into();
                    s.color = crate::domain::color::HIDDEN.into();
                    if let Some(p) = pipeline {
                        *p = text::pipeline_hidden().into();
                    }
                }
            };
            if let Some(f) = from.as_mut() {
                hide(f, pipeline.as_mut().map(|p| &mut p.from));
            }
            hide(&mut to, pipeline.as_mut().map(|p| &mut p.to));
            EventBody::StageChanged { from, to, pipeline }
        }
        EventPayload::FieldChanged { changes } => {
            let changes: Vec<ChangeView> = changes
                .into_iter()
                .filter_map(|c| {
                    let def = fields.iter().find(|f| f.code == c.code)?;
                    let show = |v: Option<Value>| v.map(|v| display(def, &v, names)).unwrap_or_default();
                    Some(ChangeView { label: def.label.clone(), old: show(c.old), new: show(c.new) })
                })
                .collect();
            if changes.is_empty() {
                return None;
            }
            EventBody::FieldChanged { changes }
        }
    };
    Some(TimelineEvent { id: row.id, at: row.at, author: row.author, body })
}

/// Events as the viewer reads them, with the names their values point to.
async fn event_views(
    conn: &mut Conn,
    reader: &CurrentUser,
    rows: Vec<EventRow>,
    fields: &[FieldDef],
    known: Known<'_>,
) -> sqlx::Result<Vec<TimelineEvent>> {
    let names = names_for(conn, reader, rows.iter().flat_map(|r| payload_values(&r.payload, fields)), known).await?;
    Ok(rows.into_iter().filter_map(|r| event_view(r, fields, &names, known.hidden_stages)).collect())
}
