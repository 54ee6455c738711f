//! The card of an item, its timeline pages and comments.

use super::{
    check_reach, entity_of, event_view, event_views, fields_for, item_for, names_for, needs, payload_values,
    visible_layout, Known,
};
use crate::api::types::{CardData, CardLayout, CurrentUser, ItemHeader, PreviewAs, UserRef};
use crate::domain::access::Action;
use crate::domain::timeline::{Cursor, EventPayload, TimelineEvent, TimelinePage, MAX_COMMENT, PAGE_SIZE};
use crate::domain::views::CardKind;
use crate::error::{AppError, FieldError};
use crate::server::store::config::Snapshot;
use crate::server::store::items::FullItem;
use crate::server::store::{items, now_ms, timeline as events, users, Conn, Store};
use crate::text;

/// The card layout and fields as the user sees them, with the view they are in.
pub async fn card_layout(store: &Store, user: &CurrentUser, kind: CardKind) -> Result<CardLayout, AppError> {
    let entity = kind.entity;
    needs(user, entity, Action::Read)?;
    super::sees_kind(user, kind)?;
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    let fields = fields_for(&cfg, &mut conn, entity, user).await?.visible;
    let (view, layout) = visible_layout(&cfg, &mut conn, kind, user, &fields).await?;
    let pipelines = super::pipelines_for(user, entity, Action::Read, &cfg.pipelines(&mut conn, entity).await?);
    Ok(CardLayout { view, layout, fields, pipelines })
}

pub async fn card(store: &Store, user: &CurrentUser, entity: &str, id: i64) -> Result<CardData, AppError> {
    let entity = entity_of(entity)?;
    let mut conn = store.pool.acquire().await?;
    let full = item_in_full(&mut conn, entity, id).await?;
    // An item in the recycle bin is gone for everybody but administrators.
    if full.row.deleted_at.is_some() && !user.is_admin {
        return Err(AppError::NotFound);
    }
    check_reach(user, entity, full.row.owner(), Action::Read)?;
    let deleted_at = full.row.deleted_at;
    let read_only = deleted_at.is_some() || !super::may(user, entity, Action::Update, &full.row.owner());
    let can_delete = deleted_at.is_none() && super::may(user, entity, Action::Delete, &full.row.owner());
    let cfg = store.config.at(full.config_revision);
    let mut data = card_as(&cfg, &mut conn, user, full).await?;
    // An own view is pointless while the common view is forced on everybody.
    data.can_configure = user.is_admin || (user.rights.may_use_my_view() && !data.view.common_forced);
    data.admin = user.is_admin;
    data.read_only = read_only;
    data.can_delete = can_delete;
    data.deleted_at = deleted_at;
    if deleted_at.is_some() {
        data.can_configure = false;
    }
    Ok(data)
}

/// The card as `who` (a user, or any member of a department) sees it: their view, only the
/// fields they may see, read-only. For admins, without signing in as them.
pub async fn preview_card(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    id: i64,
    who: PreviewAs,
) -> Result<CardData, AppError> {
    let entity = entity_of(entity)?;
    super::admin_only(user)?;
    let mut conn = store.pool.acquire().await?;
    let (seer, name) = match who {
        PreviewAs::User(uid) => {
            let seer = users::user_with_rights(&mut conn, uid).await?.ok_or(AppError::NotFound)?;
            let name = seer.name.clone();
            (seer, name)
        }
        PreviewAs::Department(did) => {
            let departments = users::departments(&mut conn).await?;
            let name = departments.into_iter().find(|d| d.id == did).ok_or(AppError::NotFound)?.name;
            // Anyone of the department: no one's own view, no one's roles.
            let seer = CurrentUser {
                id: 0,
                name: name.clone(),
                email: String::new(),
                is_admin: false,
                department_id: Some(did),
                rights: Default::default(),
                language: None,
                time_zone: None,
                choices: Default::default(),
            };
            (seer, name)
        }
    };
    let full = item_in_full(&mut conn, entity, id).await?;
    if full.row.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    if let PreviewAs::User(_) = who {
        check_reach(&seer, entity, full.row.owner(), Action::Read).map_err(|e| match e {
            AppError::NotFound => AppError::BadRequest { message: text::preview_cannot_open(&name) },
            other => other,
        })?;
    }
    let cfg = store.config.at(full.config_revision);
    let mut data = card_as(&cfg, &mut conn, &seer, full).await?;
    data.read_only = true;
    data.preview_of = Some(name);
    Ok(data)
}

/// The item with its values and links, or "not found" (also for an id of another entity type).
async fn item_in_full(conn: &mut Conn, entity: crate::domain::EntityType, id: i64) -> Result<FullItem, AppError> {
    items::item_in_full(conn, entity, id).await?.ok_or(AppError::NotFound)
}

/// The card of an item as `user` sees it (the caller has checked they may read it): besides
/// the item's own query, the first timeline page, and names only of what neither knows.
async fn card_as(cfg: &Snapshot, conn: &mut Conn, user: &CurrentUser, full: FullItem) -> Result<CardData, AppError> {
    let FullItem { row, values, linked_ids, linked, .. } = full;
    let entity = row.entity;
    let registry = cfg.registry(conn).await?;
    let def = registry.get(entity).cloned().ok_or(AppError::NotFound)?;
    let user_fields = fields_for(cfg, conn, entity, user).await?;
    let kind = CardKind::of(&def, row.pipeline_id).with_repeat_lead(row.repeat_lead);
    let (view, layout) = visible_layout(cfg, conn, kind, user, &user_fields.visible).await?;
    let values = user_fields.values(values);
    let fields = user_fields.visible;
    let pipeline = match row.pipeline_id {
        Some(pid) => cfg.pipelines(conn, entity).await?.iter().find(|p| p.id == pid).cloned(),
        None => None,
    };
    let users = cfg.active_users(conn).await?;
    let (rows, next) = page_rows(conn, row.id, None).await?;
    // Names for the values and the events in one go; only changes of fields the user sees.
    let shown_changes = rows.iter().flat_map(|r| payload_values(&r.payload, &fields));
    let known = Known { users: &users, item_ids: &linked_ids, items: &linked, hidden_stages: &[] };
    let names = names_for(conn, user, values.values().chain(shown_changes), known).await?;
    let hidden = super::hidden_stages(cfg, conn, user, entity).await?;
    let events = rows.into_iter().filter_map(|r| event_view(r, &fields, &names, &hidden)).collect();
    let responsible = row
        .responsible_id
        .map(|rid| UserRef { id: rid, name: names.users.get(&rid).cloned().unwrap_or_else(|| format!("#{rid}")) });
    Ok(CardData {
        header: ItemHeader {
            id: row.id,
            entity,
            title: row.title,
            version: row.version,
            pipeline_id: row.pipeline_id,
            stage_id: row.stage_id,
            responsible,
            created_at: row.created_at,
            updated_at: row.updated_at,
            repeat_lead: row.repeat_lead,
        },
        fields,
        layout,
        values,
        names,
        pipeline,
        several_pipelines: def.cards_per_pipeline(),
        users: users.to_vec(),
        timeline: TimelinePage { events, next },
        can_configure: false,
        view,
        read_only: false,
        preview_of: None,
        admin: false,
        types: super::type_names(&registry, user),
        create_here: registry
            .linking_to(entity)
            .filter(|t| user.rights.scope(t.entity, Action::Create) != crate::domain::access::Scope::None)
            .map(crate::api::types::TypeName::of)
            .collect(),
        can_delete: false,
        deleted_at: None,
    })
}

/// A page of events before `before` (the newest first), and the cursor of the next page.
async fn page_rows(
    conn: &mut Conn,
    item_id: i64,
    before: Option<Cursor>,
) -> sqlx::Result<(Vec<events::EventRow>, Option<Cursor>)> {
    let mut rows = events::page(conn, item_id, before, PAGE_SIZE).await?;
    let next = (rows.len() > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE);
        rows.last().map(|r| Cursor { at: r.at, id: r.id })
    });
    Ok((rows, next.flatten()))
}

pub async fn timeline_page(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    id: i64,
    before: Option<Cursor>,
) -> Result<TimelinePage, AppError> {
    let entity = entity_of(entity)?;
    let mut conn = store.pool.acquire().await?;
    let (_, cfg) = super::item_and_config(store, &mut conn, user, entity, id, Action::Read).await?;
    let fields = fields_for(&cfg, &mut conn, entity, user).await?.visible;
    let (rows, next) = page_rows(&mut conn, id, before).await?;
    let users = cfg.active_users(&mut conn).await?;
    let hidden = super::hidden_stages(&cfg, &mut conn, user, entity).await?;
    let known = Known { users: &users, hidden_stages: &hidden, ..Known::default() };
    let events = event_views(&mut conn, user, rows, &fields, known).await?;
    Ok(TimelinePage { events, next })
}

pub async fn add_comment(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    id: i64,
    text_in: &str,
) -> Result<TimelineEvent, AppError> {
    let entity = entity_of(entity)?;
    let comment: String = text_in.trim().chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect();
    let problem = if comment.is_empty() {
        Some(text::err_comment_empty().to_string())
    } else if comment.chars().count() > MAX_COMMENT {
        Some(text::err_too_long(MAX_COMMENT))
    } else {
        None
    };
    if let Some(message) = problem {
        return Err(AppError::Validation {
            message: message.clone(),
            fields: vec![FieldError { code: "comment".into(), message }],
        });
    }
    let mut conn = store.pool.acquire().await?;
    // A comment changes the item's timeline: the update right (an unreadable item stays "not
    // found").
    item_for(&mut conn, user, entity, id, Action::Update).await?;
    let (payload, at) = (EventPayload::Comment { text: comment }, now_ms());
    let event_id = events::insert_event(&mut conn, id, &payload, Some(user.id), at).await?;
    let row = events::EventRow { id: event_id, at, author: Some(user.name.clone()), payload };
    event_views(&mut conn, user, vec![row], &[], Known::default()).await?.pop().ok_or(AppError::Internal)
}
