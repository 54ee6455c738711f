//! Writes from the card: saving fields, moving the stage, creating an item.

use super::{
    entity_of, event_views, fields_for, item_and_config, known, member, names_for, needs, type_names, visible_layout,
    Known, UserFields,
};
use crate::api::types::{CurrentUser, NewItemForm, Saved, StageMoved, UserRef};
use crate::domain::access::{reaches, Action, Owner, Scope};
use crate::domain::merge::Changes;
use crate::domain::timeline::TimelineEvent;
use crate::domain::value::Names;
use crate::domain::value::{parse, ValueError};
use crate::domain::{EntityType, FieldDef, FieldInput, ItemRef, Pipeline, Value, Values};
use crate::error::{AppError, ConflictField, FieldError};
use crate::server::store::items::{self, CreateOutcome, Move, MoveOutcome, NewItem, Save, SaveOutcome, STAGE_FIELD};
use crate::server::store::timeline::EventRow;
use crate::server::store::{files, now_ms, users, Conn, Store};
use crate::text;
use std::collections::BTreeMap;

/// The timeline event a write just made, as the writer reads it.
async fn written_event(
    conn: &mut Conn,
    user: &CurrentUser,
    event: Option<EventRow>,
    fields: &[FieldDef],
    known: Known<'_>,
) -> sqlx::Result<Option<TimelineEvent>> {
    let Some(event) = event else { return Ok(None) };
    let row = EventRow { author: Some(user.name.clone()), ..event };
    Ok(event_views(conn, user, vec![row], fields, known).await?.pop())
}

/// The item's values now as the user may see them, with the names they point to.
async fn values_with_names(
    conn: &mut Conn,
    user: &CurrentUser,
    id: i64,
    fields: &UserFields,
    known: Known<'_>,
) -> sqlx::Result<(Values, Names)> {
    let values = fields.values(items::values(conn, id).await?);
    let names = names_for(conn, user, values.values(), known).await?;
    Ok((values, names))
}

/// Where parsed inputs go: which item (none yet for a new one) of which type, written by whom.
struct Target<'a> {
    entity: crate::domain::EntityType,
    item_id: Option<i64>,
    user: &'a CurrentUser,
    /// The item's values as just read (none for a new item).
    held: Option<&'a Values>,
}

/// Most fields one request may change.
const MAX_FIELDS_PER_SAVE: usize = 300;

/// Parses every input against its field and checks that users and items it names exist.
/// All problems are reported at once, each beside its field.
async fn parse_inputs(
    conn: &mut Conn,
    target: Target<'_>,
    fields: &[FieldDef],
    inputs: BTreeMap<String, FieldInput>,
) -> Result<Changes, AppError> {
    if inputs.len() > MAX_FIELDS_PER_SAVE {
        return Err(AppError::bad_request());
    }
    let mut changes = Changes::new();
    let mut errors = Vec::new();
    for (code, input) in inputs {
        let Some(def) = fields.iter().find(|f| f.code == code) else {
            errors.push(FieldError { code, message: text::err_unknown_field().into() });
            continue;
        };
        match parse(def, &input) {
            Ok(v) => {
                changes.insert(code, v);
            }
            Err(e) => errors.push(FieldError { code, message: e.message() }),
        }
    }
    let (mut user_ids, mut item_refs) = (Vec::new(), Vec::new());
    for (code, v) in changes.iter().filter_map(|(c, v)| v.as_ref().map(|v| (c, v))) {
        for e in v.entries() {
            match e {
                Value::User(id) => user_ids.push((code.clone(), *id)),
                Value::Item(r) => item_refs.push((code.clone(), *r)),
                _ => {}
            }
        }
    }
    let ids: Vec<i64> = user_ids.iter().map(|(_, id)| *id).collect();
    let found_users = users::existing_user_ids(conn, &ids).await?;
    let found_items = reachable_refs(conn, &target, &item_refs).await?;
    let unknown = user_ids
        .iter()
        .filter(|(_, id)| !found_users.contains(id))
        .map(|(c, _)| c)
        .chain(item_refs.iter().filter(|r| !found_items.contains(r)).map(|(c, _)| c));
    for code in unknown {
        if !errors.iter().any(|e| e.code == *code) {
            errors.push(FieldError { code: code.clone(), message: ValueError::UnknownReference.message() });
        }
    }
    for code in resolve_files(conn, &target, fields, &mut changes).await? {
        errors.push(FieldError { code, message: ValueError::UnknownFile.message() });
    }
    if errors.is_empty() {
        Ok(changes)
    } else {
        Err(AppError::validation(errors))
    }
}

/// Which of the items that inputs point to the writer may point to: those that exist with the
/// entity type named and that they may read, plus those the field already held (a link someone
/// else made stays when they edit the rest of a multiple field). Any other is refused as
/// unknown, so an unreadable item's existence is not revealed either.
async fn reachable_refs(
    conn: &mut Conn,
    target: &Target<'_>,
    refs: &[(String, ItemRef)],
) -> sqlx::Result<Vec<(String, ItemRef)>> {
    let ids: Vec<i64> = refs.iter().map(|(_, r)| r.id).collect();
    let rows = items::titles(conn, &ids).await?;
    let readable = |r: &ItemRef| {
        rows.iter().any(|t| {
            t.id == r.id
                && t.entity == r.entity
                && !t.deleted
                && super::may(target.user, t.entity, Action::Read, &t.owner)
        })
    };
    let mut out: Vec<(String, ItemRef)> = refs.iter().filter(|(_, r)| readable(r)).cloned().collect();
    if let (Some(held), true) = (target.held, out.len() < refs.len()) {
        // Only while the item is there: a link to one deleted for good is refused like any
        // unknown item (its id may be another item's one day).
        let exists = |r: &ItemRef| rows.iter().any(|t| t.id == r.id && t.entity == r.entity);
        let kept = |code: &str, r: &ItemRef| {
            exists(r) && held.get(code).is_some_and(|v| v.entries().contains(&Value::Item(*r)))
        };
        out.extend(refs.iter().filter(|(c, r)| !readable(r) && kept(c, r)).cloned());
    }
    Ok(out)
}

/// Fills in the name and size of the files that file values name, from the files the user may
/// use there; answers the codes of fields naming a file they may not.
async fn resolve_files(
    conn: &mut Conn,
    target: &Target<'_>,
    fields: &[FieldDef],
    changes: &mut Changes,
) -> sqlx::Result<Vec<String>> {
    let mut refused = Vec::new();
    for def in fields.iter().filter(|f| f.field_type == crate::domain::FieldType::File) {
        let Some(Some(value)) = changes.get_mut(&def.code) else { continue };
        let ids: Vec<i64> = value
            .entries()
            .iter()
            .filter_map(|v| match v {
                Value::File(f) => Some(f.id),
                _ => None,
            })
            .collect();
        let found = files::usable(conn, target.entity, target.item_id, &def.code, target.user.id, &ids).await?;
        let fill = |v: &mut Value| {
            if let Value::File(f) = v {
                match found.iter().find(|g| g.id == f.id) {
                    Some(g) => {
                        *f = g.clone();
                        true
                    }
                    None => false,
                }
            } else {
                true
            }
        };
        let all_found = match value {
            Value::Many(entries) => entries.iter_mut().all(fill),
            single => fill(single),
        };
        if !all_found {
            refused.push(def.code.clone());
        }
    }
    Ok(refused)
}

fn booked(codes: Vec<String>) -> AppError {
    AppError::validation(
        codes.into_iter().map(|code| FieldError { code, message: ValueError::AlreadyBooked.message() }).collect(),
    )
}

fn missing_required(fields: &[FieldDef], codes: Vec<String>) -> AppError {
    let labels: Vec<&str> =
        codes.iter().filter_map(|c| fields.iter().find(|f| f.code == *c)).map(|f| f.label.as_str()).collect();
    AppError::Validation {
        message: format!("{} {}", text::err_required_fields(), labels.join(", ")),
        fields: codes.into_iter().map(|code| FieldError { code, message: text::err_required().into() }).collect(),
    }
}

/// The item a save starts from: its owner, version, stage and values with the configuration
/// revision, or nothing for an unknown id. Reading it needs nobody's rights, so the server
/// function reads it beside the sign-in check (`server::serve_reading`); [`save_fields`] decides
/// whether the user may write it.
pub struct SaveBase {
    entity: EntityType,
    id: i64,
    found: Option<(Owner, items::Seen, i64)>,
}

/// Reads a [`SaveBase`].
pub async fn read_save_base(conn: &mut Conn, entity: &str, id: i64) -> Result<SaveBase, AppError> {
    let entity = entity_of(entity)?;
    let found = items::for_save(conn, entity, id).await?;
    Ok(SaveBase { entity, id, found })
}

/// Saves `inputs` over the item read in `base`; the save decides from that read unless someone
/// wrote in between (then it claims the row and reads again under the lock).
pub async fn save_fields(
    store: &Store,
    conn: &mut Conn,
    user: &CurrentUser,
    base: SaveBase,
    version: i64,
    inputs: BTreeMap<String, FieldInput>,
) -> Result<Saved, AppError> {
    if inputs.is_empty() {
        return Err(AppError::bad_request());
    }
    let SaveBase { entity, id, found } = base;
    let (owner, seen, revision) = found.ok_or(AppError::NotFound)?;
    super::check_reach(user, entity, owner, Action::Update)?;
    let cfg = store.config.at(revision);
    let user_fields = fields_for(&cfg, &mut *conn, entity, user).await?;
    let fields = &user_fields.visible;
    let pipelines = cfg.pipelines(&mut *conn, entity).await?;
    let changes =
        parse_inputs(&mut *conn, Target { entity, item_id: Some(id), user, held: Some(&seen.values) }, fields, inputs)
            .await?;
    let search_gen = cfg.search_gen(&mut *conn, entity).await?;
    let outcome = items::save(
        &mut *conn,
        Save {
            entity,
            id,
            base_version: version,
            changes,
            fields: &user_fields.rules,
            pipelines: &pipelines,
            user_id: Some(user.id),
            now: now_ms(),
            seen: Some(seen),
            search_gen,
        },
    )
    .await?;
    match outcome {
        SaveOutcome::Saved { version, values, title, merged, event } => {
            let values = user_fields.values(values);
            let users = cfg.active_users(&mut *conn).await?;
            let known = Known { users: &users, ..Known::default() };
            let names = names_for(&mut *conn, user, values.values(), known).await?;
            let responsible = match values.get("responsible") {
                Some(Value::User(uid)) => {
                    Some(UserRef { id: *uid, name: names.users.get(uid).cloned().unwrap_or_default() })
                }
                _ => None,
            };
            let event = written_event(&mut *conn, user, event, fields, known).await?;
            Ok(Saved { version, title, values, names, responsible, merged, event })
        }
        SaveOutcome::Conflict { version, conflicts } => {
            let names =
                names_for(&mut *conn, user, conflicts.iter().filter_map(|c| c.current.as_ref()), Known::default())
                    .await?;
            let fields = conflicts
                .into_iter()
                .map(|c| {
                    let shown = fields
                        .iter()
                        .find(|f| f.code == c.code)
                        .map(|def| crate::api::types::shown(def, c.current.as_ref(), &names))
                        .unwrap_or_default();
                    ConflictField { code: c.code, current: c.current, shown }
                })
                .collect();
            Err(AppError::Conflict { version, fields })
        }
        SaveOutcome::MissingRequired(codes) => Err(missing_required(fields, codes)),
        SaveOutcome::Booked(codes) => Err(booked(codes)),
        SaveOutcome::NotFound => Err(AppError::NotFound),
    }
}

/// The pipelines of a type with their stages, for whoever may change its items (Change
/// pipeline on a card).
pub async fn type_pipelines(store: &Store, user: &CurrentUser, entity: &str) -> Result<Vec<Pipeline>, AppError> {
    let entity = entity_of(entity)?;
    if user.rights.scope(entity, Action::Update) == crate::domain::access::Scope::None {
        return Err(AppError::NotFound);
    }
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    super::known(&cfg, &mut conn, entity).await?;
    Ok(super::pipelines_for(user, entity, Action::Update, &cfg.pipelines(&mut conn, entity).await?))
}

/// Moves an item to `stage_id` of its pipeline, or (`across`) to a stage of another pipeline of
/// its type: Change pipeline.
pub async fn move_stage(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    id: i64,
    version: i64,
    stage_id: i64,
    across: bool,
) -> Result<StageMoved, AppError> {
    let entity = entity_of(entity)?;
    let mut conn = store.pool.acquire().await?;
    let (row, cfg) = item_and_config(store, &mut conn, user, entity, id, Action::Update).await?;
    let user_fields = fields_for(&cfg, &mut conn, entity, user).await?;
    let fields = &user_fields.visible;
    let pipelines = cfg.pipelines(&mut conn, entity).await?;
    // Into another pipeline only where the user may read and change the item once there.
    if let Some(landing) = pipelines.iter().find(|p| p.stage(stage_id).is_some()) {
        let there = Owner { pipeline_id: Some(landing.id), ..row.owner() };
        if !(super::may(user, entity, Action::Read, &there) && super::may(user, entity, Action::Update, &there)) {
            return Err(AppError::Forbidden);
        }
    }
    let outcome = items::move_stage(
        &mut conn,
        Move {
            entity,
            id,
            base_version: version,
            stage_id,
            across,
            fields: &user_fields.rules,
            pipelines: &pipelines,
            user_id: Some(user.id),
            now: now_ms(),
        },
    )
    .await?;
    let (version, event) = match outcome {
        MoveOutcome::Moved { version, event } => (version, Some(event)),
        MoveOutcome::Unchanged { version } => (version, None),
        MoveOutcome::Conflict { version, stage_id } => {
            let stage = stage_id.and_then(|s| pipelines.iter().find_map(|p| p.stage(s)));
            return Err(AppError::Conflict {
                version,
                fields: vec![ConflictField {
                    code: STAGE_FIELD.into(),
                    current: stage.map(|s| Value::Text(s.name.clone())),
                    shown: stage.map(|s| s.name.clone()).unwrap_or_default(),
                }],
            });
        }
        MoveOutcome::MissingRequired(codes) => return Err(missing_required(fields, codes)),
        MoveOutcome::UnknownStage => return Err(AppError::BadRequest { message: text::err_unknown_stage().into() }),
        MoveOutcome::NotFound => return Err(AppError::NotFound),
    };
    let users = cfg.active_users(&mut conn).await?;
    let known = Known { users: &users, ..Known::default() };
    let event = written_event(&mut conn, user, event, fields, known).await?;
    let (values, names) = values_with_names(&mut conn, user, id, &user_fields, known).await?;
    Ok(StageMoved { version, stage_id, event, values, names })
}

/// The form of a new item; `from` ("deal:12") is the item it is created from: when the type
/// links to that item's type and the user may read it, the link field starts filled.
pub async fn new_item_form(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    from: Option<&str>,
) -> Result<NewItemForm, AppError> {
    let entity = entity_of(entity)?;
    needs(user, entity, Action::Create)?;
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    let def = known(&cfg, &mut conn, entity).await?;
    let fields = fields_for(&cfg, &mut conn, entity, user).await?.visible;
    let kind = crate::domain::views::CardKind::entity(entity);
    let (_, layout) = visible_layout(&cfg, &mut conn, kind, user, &fields).await?;
    let mut values = Values::new();
    let mut titles = BTreeMap::new();
    let origin = from.and_then(|f| f.split_once(':')).and_then(|(e, id)| Some((e.parse().ok()?, id.parse().ok()?)));
    if let Some((from_entity, from_id)) = origin {
        let code = crate::domain::TypeDef::link_field(from_entity);
        if def.options.links.contains(&from_entity) && fields.iter().any(|f| f.code == code) {
            let found = items::titles(&mut conn, &[from_id]).await?;
            let readable = found
                .iter()
                .find(|t| t.entity == from_entity && !t.deleted && super::may(user, t.entity, Action::Read, &t.owner));
            if let Some(t) = readable {
                values.insert(code, Value::Item(ItemRef { entity: from_entity, id: from_id }));
                titles.insert(from_id, t.title.clone());
            }
        }
    }
    Ok(NewItemForm {
        values,
        titles,
        entity,
        name: def.name.clone(),
        repeat_items: def.has_repeat_items(),
        types: type_names(&*cfg.registry(&mut conn).await?, user),
        fields,
        layout,
        pipelines: super::pipelines_for(user, entity, Action::Create, &cfg.pipelines(&mut conn, entity).await?),
        users: cfg.active_users(&mut conn).await?.to_vec(),
        me: user.id,
    })
}

pub async fn create_item(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    pipeline_id: Option<i64>,
    inputs: BTreeMap<String, FieldInput>,
    repeat_lead: bool,
) -> Result<i64, AppError> {
    let entity = entity_of(entity)?;
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    let def = known(&cfg, &mut conn, entity).await?;
    let user_fields = fields_for(&cfg, &mut conn, entity, user).await?;
    let search_gen = cfg.search_gen(&mut conn, entity).await?;
    let fields = &user_fields.visible;
    let pipelines = cfg.pipelines(&mut conn, entity).await?;
    // Without a choice: the default pipeline, else the first the user may create in.
    let creates_in = |p: &&Pipeline| user.rights.scope_in(entity, Some(p.id), Action::Create) != Scope::None;
    let pipeline: Option<&Pipeline> = match pipeline_id {
        Some(pid) => Some(pipelines.iter().find(|p| p.id == pid).ok_or_else(AppError::bad_request)?),
        None => pipelines.iter().filter(creates_in).min_by_key(|p| !p.is_default).or(pipelines.first()),
    };
    let changes = parse_inputs(&mut conn, Target { entity, item_id: None, user, held: None }, fields, inputs).await?;
    let mut values: Values = changes.into_iter().filter_map(|(c, v)| v.map(|v| (c, v))).collect();
    values.entry("responsible".into()).or_insert(Value::User(user.id));
    // The create scope decides whose items one may make: one's own, one's department's, any.
    let responsible = match values.get("responsible") {
        Some(Value::User(id)) => Some(*id),
        _ => None,
    };
    let department_id = match responsible {
        Some(id) => users::department_of(&mut conn, id).await?,
        None => None,
    };
    let owner = Owner { responsible_id: responsible, department_id, pipeline_id: pipeline.map(|p| p.id) };
    if !reaches(user.rights.scope_in(entity, owner.pipeline_id, Action::Create), &member(user), &owner) {
        return Err(AppError::Forbidden);
    }
    let outcome = items::create(
        &mut conn,
        NewItem {
            entity,
            fields: &user_fields.rules,
            pipeline,
            values,
            user_id: Some(user.id),
            now: now_ms(),
            repeat_lead: repeat_lead && def.has_repeat_items(),
            search_gen,
        },
    )
    .await?;
    match outcome {
        CreateOutcome::Created { id } => Ok(id),
        CreateOutcome::MissingRequired(codes) => Err(missing_required(fields, codes)),
        CreateOutcome::Booked(codes) => Err(booked(codes)),
    }
}
