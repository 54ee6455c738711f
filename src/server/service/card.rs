//! The card of an item, its timeline pages and comments.

use super::{entity_of, event_views, fields_for, item_for, names_for, needs, visible_layout};
use crate::api::types::{CardData, CardLayout, CurrentUser, ItemHeader, PreviewAs, UserRef};
use crate::domain::access::Action;
use crate::domain::timeline::{Cursor, EventPayload, TimelineEvent, TimelinePage, MAX_COMMENT, PAGE_SIZE};
use crate::domain::views::CardKind;
use crate::error::{AppError, FieldError};
use crate::server::store::{catalog, items, now_ms, timeline as events, users, Conn, Store};
use crate::text;

/// The card layout and fields as the user sees them, with the view they are in.
pub async fn card_layout(store: &Store, user: &CurrentUser, kind: CardKind) -> Result<CardLayout, AppError> {
    let entity = kind.entity;
    needs(user, entity, Action::Read)?;
    let mut conn = store.pool.acquire().await?;
    let fields = fields_for(&mut conn, entity, user).await?.visible;
    let (view, layout) = visible_layout(&mut conn, kind, user, &fields).await?;
    Ok(CardLayout { view, layout, fields })
}

pub async fn card(store: &Store, user: &CurrentUser, entity: &str, id: i64) -> Result<CardData, AppError> {
    let entity = entity_of(entity)?;
    let mut conn = store.pool.acquire().await?;
    let row = item_for(&mut conn, user, entity, id, Action::Read).await?;
    let read_only = !super::may(user, entity, Action::Update, &row.owner());
    let mut data = card_as(&mut conn, user, row).await?;
    // An own view is pointless while the common view is forced on everybody.
    data.can_configure = user.is_admin || (user.rights.may_use_my_view() && !data.view.common_forced);
    data.admin = user.is_admin;
    data.read_only = read_only;
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
            };
            (seer, name)
        }
    };
    let row = match who {
        PreviewAs::User(_) => item_for(&mut conn, &seer, entity, id, Action::Read).await.map_err(|e| match e {
            AppError::NotFound => AppError::BadRequest { message: text::preview_cannot_open(&name) },
            other => other,
        })?,
        PreviewAs::Department(_) => super::item_or_404(&mut conn, entity, id).await?,
    };
    let mut data = card_as(&mut conn, &seer, row).await?;
    data.read_only = true;
    data.preview_of = Some(name);
    Ok(data)
}

/// The card of `row` as `user` sees it (the caller has checked they may read it).
async fn card_as(conn: &mut Conn, user: &CurrentUser, row: items::ItemRow) -> Result<CardData, AppError> {
    let entity = row.entity;
    let id = row.id;
    let user_fields = fields_for(conn, entity, user).await?;
    let kind = CardKind::of(entity, row.pipeline_id).with_repeat_lead(row.repeat_lead);
    let (view, layout) = visible_layout(conn, kind, user, &user_fields.visible).await?;
    let values = user_fields.values(items::values(conn, id).await?);
    let fields = user_fields.visible;
    let pipeline = match row.pipeline_id {
        Some(pid) => catalog::pipelines(conn, entity).await?.into_iter().find(|p| p.id == pid),
        None => None,
    };
    let users = users::active_users(conn).await?;
    let timeline = page(conn, user, id, None, &fields, &users).await?;
    let names = names_for(conn, user, values.values(), &users).await?;
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
        users,
        timeline,
        can_configure: false,
        view,
        read_only: false,
        preview_of: None,
        admin: false,
    })
}

async fn page(
    conn: &mut Conn,
    reader: &CurrentUser,
    item_id: i64,
    before: Option<Cursor>,
    fields: &[crate::domain::FieldDef],
    users: &[UserRef],
) -> sqlx::Result<TimelinePage> {
    let mut rows = events::page(conn, item_id, before, PAGE_SIZE).await?;
    let next = (rows.len() > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE);
        rows.last().map(|r| Cursor { at: r.at, id: r.id })
    });
    let events = super::event_views(conn, reader, rows, fields, users).await?;
    Ok(TimelinePage { events, next: next.flatten() })
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
    item_for(&mut conn, user, entity, id, Action::Read).await?;
    let fields = fields_for(&mut conn, entity, user).await?.visible;
    Ok(page(&mut conn, user, id, before, &fields, &[]).await?)
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
        Some(text::ERR_COMMENT_EMPTY.to_string())
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
    item_for(&mut conn, user, entity, id, Action::Read).await?;
    let event_id =
        events::insert_event(&mut conn, id, &EventPayload::Comment { text: comment }, Some(user.id), now_ms()).await?;
    let row = events::event(&mut conn, event_id).await?.ok_or(AppError::Internal)?;
    event_views(&mut conn, user, vec![row], &[], &[]).await?.pop().ok_or(AppError::Internal)
}
