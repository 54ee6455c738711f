//! Card views: which one a user sees (docs/CARD_VIEWS.md), switching among them, a user's own view,
//! the common view's settings and the named views an admin makes.

use super::{admin_only, entity_of, known_fresh, known_now};
use crate::api::types::{CurrentUser, ViewInput, ViewOption, ViewState, ViewsAdmin};
use crate::domain::views::{open_views, resolve, CardKind, NamedView, Situation, ViewRef};
use crate::domain::{EntityType, Layout};
use crate::error::AppError;
use crate::server::store::config::Snapshot;
use crate::server::store::layouts::{self, Author, Record, COMMON};
use crate::server::store::views::{self, Choice};
use crate::server::store::{now_ms, users, Conn, Store};
use crate::text;
use sqlx::Connection;

/// Longest view name.
const MAX_NAME: usize = 100;

/// The view a user sees, with its layout (every field: the caller keeps the visible ones).
pub(super) struct Resolved {
    pub state: ViewState,
    pub layout: Layout,
}

fn name_of(view: ViewRef, named: &[NamedView]) -> String {
    match view {
        ViewRef::Default => text::view_initial().into(),
        ViewRef::Common => text::view_common().into(),
        ViewRef::Personal(_) => text::view_mine().into(),
        ViewRef::Named(id) => named.iter().find(|v| v.id == id).map(|v| v.name.clone()).unwrap_or_default(),
    }
}

/// The view `user` sees on cards of `kind`, and its layout there.
pub(super) async fn resolved(
    cfg: &Snapshot,
    conn: &mut Conn,
    user: &CurrentUser,
    kind: CardKind,
) -> sqlx::Result<Resolved> {
    let entity = kind.entity;
    let (settings, choice) = cfg.situation(conn, user.id, entity).await?;
    let named = cfg.named(conn, entity).await?;
    let situation = Situation {
        user_id: user.id,
        department_id: user.department_id,
        may_have_own: user.rights.may_use_my_view(),
        own_enabled: choice.own_enabled,
        common_published: settings.common_published,
        common_forced: settings.common_forced,
        views: &named,
        chosen: choice.chosen,
    };
    let active = resolve(&situation);
    let (version, layout) = cfg.layout(conn, kind, active).await?;
    let open =
        open_views(&situation).into_iter().map(|view| ViewOption { view, name: name_of(view, &named) }).collect();
    Ok(Resolved {
        state: ViewState {
            active,
            open,
            may_own: situation.may_have_own,
            own_enabled: choice.own_enabled,
            common_published: settings.common_published,
            common_forced: settings.common_forced,
            token: format!("{}/{}@{version}#{}", kind.key(), active.scope(), settings.revision),
        },
        layout: Layout::clone(&layout),
    })
}

/// What open cards watch, for each of several kinds of card: a token that changes whenever the
/// card should look again. On one connection and one configuration snapshot; one query while
/// nothing changed (the configuration revision).
pub async fn view_tokens(store: &Store, user: &CurrentUser, kinds: &[CardKind]) -> Vec<Option<String>> {
    let Ok(mut conn) = store.pool.acquire().await else { return vec![None; kinds.len()] };
    let Ok(cfg) = store.config.fresh(&mut conn).await else { return vec![None; kinds.len()] };
    let mut out = Vec::with_capacity(kinds.len());
    for kind in kinds {
        let token = resolved(&cfg, &mut conn, user, *kind).await.ok().map(|r| r.state.token);
        // Stages renamed, recoloured, added or removed reach open cards with the same event (of
        // the pipelines the user sees: the others are none of theirs).
        let stages =
            cfg.pipelines(&mut conn, kind.entity).await.ok().map(|p| {
                stages_mark(&super::pipelines_for(user, kind.entity, crate::domain::access::Action::Read, &p))
            });
        out.push(token.zip(stages).map(|(t, s)| format!("{t}.{s:x}")));
    }
    out
}

/// A mark that changes with any change of a type's pipelines and stages.
fn stages_mark(pipelines: &[crate::domain::Pipeline]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in pipelines {
        (p.id, &p.name).hash(&mut h);
        for s in &p.stages {
            (s.id, &s.name, &s.color, s.semantics.code()).hash(&mut h);
        }
    }
    h.finish()
}

/// The kind of card a layout watch names, if there is one: its type exists, and so does its
/// pipeline when it names one (an unknown pipeline would only fill the configuration cache).
pub async fn watched_kind(
    store: &Store,
    entity: &str,
    pipeline: Option<i64>,
    repeat_lead: Option<bool>,
) -> Result<CardKind, AppError> {
    let kind = super::card_kind(store, entity, pipeline, repeat_lead).await?;
    if let Some(p) = kind.pipeline {
        let mut conn = store.pool.acquire().await?;
        let cfg = store.config.fresh(&mut conn).await?;
        if !cfg.pipelines(&mut conn, kind.entity).await?.iter().any(|x| x.id == p) {
            return Err(AppError::NotFound);
        }
    }
    Ok(kind)
}

/// Refuses a change of `view`'s layout by `user`: the initial view never changes; the common
/// and named views are for admins; an own view only for its owner, while it is switched on
/// and their roles allow it.
pub(super) async fn may_edit(
    conn: &mut Conn,
    user: &CurrentUser,
    entity: EntityType,
    view: ViewRef,
) -> Result<(), AppError> {
    match view {
        ViewRef::Default => Err(AppError::BadRequest { message: text::err_initial_view().into() }),
        ViewRef::Common => admin_only(user),
        ViewRef::Named(id) => {
            admin_only(user)?;
            if views::named(conn, entity).await?.iter().any(|v| v.id == id) {
                Ok(())
            } else {
                Err(AppError::NotFound)
            }
        }
        ViewRef::Personal(id) => {
            let own = id == user.id
                && user.rights.may_use_my_view()
                && views::choice(conn, user.id, entity).await?.own_enabled;
            if own {
                Ok(())
            } else {
                Err(AppError::Forbidden)
            }
        }
    }
}

fn author(user: &CurrentUser) -> Author {
    Author { user_id: Some(user.id), now: now_ms() }
}

pub async fn views_admin(store: &Store, user: &CurrentUser, entity: &str) -> Result<ViewsAdmin, AppError> {
    admin_only(user)?;
    let entity = known_now(store, entity_of(entity)?).await?.entity;
    let mut conn = store.pool.acquire().await?;
    let settings = views::settings(&mut conn, entity).await?;
    Ok(ViewsAdmin {
        common_published: settings.common_published,
        common_forced: settings.common_forced,
        views: views::named(&mut conn, entity).await?,
        users: users::active_users(&mut conn).await?,
        departments: users::departments(&mut conn).await?,
    })
}

/// "Enable common view" and "Set common view for all users".
pub async fn set_common_view(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    published: bool,
    forced: bool,
) -> Result<(), AppError> {
    admin_only(user)?;
    let entity = known_fresh(store, entity_of(entity)?).await?.entity;
    let mut conn = store.pool.acquire().await?;
    views::set_common(&mut conn, entity, published, forced).await?;
    Ok(())
}

/// "Reset to initial view": the common view becomes the shipped layout again, as a new version
/// (the arrangement it replaces stays in the history and can be rolled back to), on the cards
/// of every pipeline. Answers the entity type's new version.
pub async fn reset_common_view(store: &Store, user: &CurrentUser, entity: &str) -> Result<i64, AppError> {
    admin_only(user)?;
    let entity = known_fresh(store, entity_of(entity)?).await?.entity;
    let mut conn = store.pool.acquire().await?;
    let (_, initial) = layouts::of_view(&mut conn, CardKind::entity(entity), ViewRef::Default).await?;
    let mut tx = conn.begin().await?;
    layouts::lock(&mut tx, CardKind::entity(entity), COMMON).await?;
    let pipelines = layouts::kinds_with(&mut tx, entity, COMMON).await?;
    let version =
        layouts::put(&mut tx, CardKind::entity(entity), COMMON, &initial, &Record::Reset, author(user)).await?;
    for kind in pipelines.into_iter().filter(|k| k.pipeline.is_some()) {
        layouts::put(&mut tx, kind, COMMON, &initial, &Record::Reset, author(user)).await?;
    }
    tx.commit().await?;
    Ok(version)
}

/// Switches the user's own view on (a copy of what they see now) or off.
pub async fn enable_my_view(store: &Store, user: &CurrentUser, entity: &str, on: bool) -> Result<(), AppError> {
    let entity = known_fresh(store, entity_of(entity)?).await?.entity;
    if !user.rights.may_use_my_view() {
        return Err(AppError::Forbidden);
    }
    let mut conn = store.pool.acquire().await?;
    let mine = ViewRef::Personal(user.id);
    if on {
        let cfg = store.config.fresh(&mut conn).await?;
        let seen = resolved(&cfg, &mut conn, user, CardKind::entity(entity)).await?;
        let visible = super::fields_for(&cfg, &mut conn, entity, user).await?.visible;
        // Not even the code of a field hidden from them is copied.
        let as_seen = |mut layout: Layout| {
            layout.retain_fields(|c| visible.iter().any(|f| f.code == c));
            layout
        };
        let mut tx = conn.begin().await?;
        if seen.state.active != mine {
            layouts::copy_view(&mut tx, entity, seen.state.active, mine, &as_seen, author(user)).await?;
        }
        views::set_choice(&mut tx, user.id, entity, Choice { own_enabled: true, chosen: Some(mine) }).await?;
        tx.commit().await?;
    } else {
        views::set_choice(&mut conn, user.id, entity, Choice { own_enabled: false, chosen: None }).await?;
    }
    Ok(())
}

/// Switches the card to another view open to the user.
pub async fn choose_view(store: &Store, user: &CurrentUser, entity: &str, view: ViewRef) -> Result<(), AppError> {
    let entity = known_fresh(store, entity_of(entity)?).await?.entity;
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    let seen = resolved(&cfg, &mut conn, user, CardKind::entity(entity)).await?;
    if !seen.state.open.iter().any(|o| o.view == view) {
        return Err(AppError::BadRequest { message: text::err_view_not_open().into() });
    }
    let choice = Choice { own_enabled: seen.state.own_enabled, chosen: Some(view) };
    views::set_choice(&mut conn, user.id, entity, choice).await?;
    Ok(())
}

/// Creates a named view (a copy of the view the admin is configuring) or renames and
/// reassigns one. Answers its id.
pub async fn save_card_view(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    input: ViewInput,
) -> Result<i64, AppError> {
    admin_only(user)?;
    let entity = known_fresh(store, entity_of(entity)?).await?.entity;
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(AppError::BadRequest { message: text::err_view_name().into() });
    }
    let mut conn = store.pool.acquire().await?;
    let known_users = users::active_users(&mut conn).await?;
    let known_departments = users::departments(&mut conn).await?;
    let mut people = input.users.clone();
    let mut departments = input.departments.clone();
    people.sort_unstable();
    people.dedup();
    departments.sort_unstable();
    departments.dedup();
    if !people.iter().all(|id| known_users.iter().any(|u| u.id == *id))
        || !departments.iter().all(|id| known_departments.iter().any(|d| d.id == *id))
    {
        return Err(AppError::BadRequest { message: text::err_view_members().into() });
    }
    match input.id {
        Some(id) => {
            if views::update(&mut conn, entity, id, name, &people, &departments).await? {
                Ok(id)
            } else {
                Err(AppError::NotFound)
            }
        }
        None => {
            if let ViewRef::Personal(owner) = input.from {
                if owner != user.id {
                    return Err(AppError::Forbidden);
                }
            }
            let mut tx = conn.begin().await?;
            let id = views::create(&mut tx, entity, name, &people, &departments, user.id, now_ms()).await?;
            layouts::copy_view(&mut tx, entity, input.from, ViewRef::Named(id), &|l| l, author(user)).await?;
            tx.commit().await?;
            Ok(id)
        }
    }
}

pub async fn delete_card_view(store: &Store, user: &CurrentUser, entity: &str, id: i64) -> Result<(), AppError> {
    admin_only(user)?;
    let entity = known_fresh(store, entity_of(entity)?).await?.entity;
    let mut conn = store.pool.acquire().await?;
    if views::delete(&mut conn, entity, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
