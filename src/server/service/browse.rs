//! Reading across items: lists, the item picker, relations and the field-change history.

use super::{entity_of, fields_for, item_and_config, known, known_now, may, names_for, reach, readable};
use crate::api::types::{CurrentUser, HistoryPage, HistoryRow, ItemLink, ListPage, ListRow, Relation};
use crate::domain::access::Action;
use crate::domain::timeline::StageRef;
use crate::domain::value::display;
use crate::domain::{EntityType, FieldDef, Value};
use crate::error::AppError;
use crate::server::store::items::{self, ListQuery, STAGE_FIELD};
use crate::server::store::{choices, Store};
use std::collections::BTreeMap;

/// Rows per list page.
pub const LIST_PAGE: usize = 50;
/// Rows per history page.
pub const HISTORY_PAGE: usize = 50;
/// Longest search text accepted.
const MAX_SEARCH: usize = 200;

pub async fn list(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    search: Option<String>,
    stage_id: Option<i64>,
    before: Option<i64>,
) -> Result<ListPage, AppError> {
    let entity = entity_of(entity)?;
    readable(user, entity)?;
    let search = search.map(|s| s.chars().take(MAX_SEARCH).collect::<String>());
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    let def = known(&cfg, &mut conn, entity).await?;
    let pipelines = cfg.pipelines(&mut conn, entity).await?;
    // The amount shows only to those who see that field.
    let fields = fields_for(&cfg, &mut conn, entity, user).await?.visible;
    let amount_def = fields.iter().find(|f| f.code == "amount");
    let query = ListQuery {
        search,
        stage_id,
        pipeline_id: None,
        before_id: before,
        limit: LIST_PAGE,
        reach: reach(user, entity, Action::Read),
    };
    // The token first: a change made while the list is read makes it stale, never the list.
    let token = items::list_token(&mut conn, entity, &query).await?;
    let mut rows = items::list(&mut conn, entity, &query).await?;
    let next = (rows.len() > LIST_PAGE).then(|| {
        rows.truncate(LIST_PAGE);
        rows.last().map(|r| r.id)
    });
    let names = Default::default();
    let rows = rows
        .into_iter()
        .map(|r| ListRow {
            id: r.id,
            title: r.title,
            stage: r.stage_id.and_then(|s| pipelines.iter().find_map(|p| p.stage(s))).map(|s| StageRef {
                id: s.id,
                name: s.name.clone(),
                color: s.color.clone(),
            }),
            responsible: r.responsible,
            amount: r.amount.as_ref().zip(amount_def).map(|(v, def)| display(def, v, &names)),
            updated_at: r.updated_at,
            repeat_lead: r.repeat_lead,
        })
        .collect();
    if before.is_none() && !pipelines.is_empty() {
        choices::remember(&mut conn, user, &choices::mode_key(entity), "list").await?;
    }
    let has = |action| user.rights.scope(entity, action) != crate::domain::access::Scope::None;
    let can_export = has(Action::Export) && has(Action::Read);
    let (name, plural) = def.shown_names();
    Ok(ListPage {
        entity,
        name,
        plural,
        rows,
        next: next.flatten(),
        pipelines: super::pipelines_for(user, entity, Action::Read, &pipelines),
        can_create: has(Action::Create),
        can_export,
        can_delete: has(Action::Delete),
        token,
    })
}

/// The change token of a list ([`items::list_token`]): what its items and the stages they show
/// are now, for an open list.
pub async fn list_token(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    search: Option<String>,
    stage_id: Option<i64>,
) -> Result<String, AppError> {
    let entity = entity_of(entity)?;
    readable(user, entity)?;
    let search = search.map(|s| s.chars().take(MAX_SEARCH).collect::<String>());
    known_now(store, entity).await?;
    let mut conn = store.pool.acquire().await?;
    let query = ListQuery { search, stage_id, reach: reach(user, entity, Action::Read), ..ListQuery::default() };
    Ok(items::list_token(&mut conn, entity, &query).await?)
}

pub async fn search_items(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    query: &str,
) -> Result<Vec<ItemLink>, AppError> {
    let entity = entity_of(entity)?;
    let query: String = query.chars().take(MAX_SEARCH).collect();
    known_now(store, entity).await?;
    let mut conn = store.pool.acquire().await?;
    Ok(items::search_titles(&mut conn, entity, &query, 10, reach(user, entity, Action::Read))
        .await?
        .into_iter()
        .map(|(id, title)| ItemLink { entity, id, title })
        .collect())
}

/// The items this item's fields point at and the items whose fields point here, through
/// fields the user may see.
pub async fn relations(store: &Store, user: &CurrentUser, entity: &str, id: i64) -> Result<Vec<Relation>, AppError> {
    let entity = entity_of(entity)?;
    let mut conn = store.pool.acquire().await?;
    let (_, cfg) = item_and_config(store, &mut conn, user, entity, id, Action::Read).await?;
    let links = items::links(&mut conn, id, 200).await?;
    let mut fields: BTreeMap<EntityType, Vec<FieldDef>> = BTreeMap::new();
    fields.insert(entity, fields_for(&cfg, &mut conn, entity, user).await?.visible);
    for l in links.iter().filter(|l| !l.outgoing) {
        if let std::collections::btree_map::Entry::Vacant(slot) = fields.entry(l.entity) {
            slot.insert(fields_for(&cfg, &mut conn, l.entity, user).await?.visible);
        }
    }
    Ok(links
        .into_iter()
        .filter(|l| may(user, l.entity, Action::Read, &l.owner))
        .filter_map(|l| {
            let owner = if l.outgoing { entity } else { l.entity };
            let def = fields.get(&owner)?.iter().find(|f| f.code == l.field_code)?;
            Some(Relation {
                field_label: def.label.clone(),
                outgoing: l.outgoing,
                item: ItemLink { entity: l.entity, id: l.id, title: l.title },
            })
        })
        .collect())
}

/// A logged value as text: stage moves are logged as the stage's name.
fn shown_change(fields: &[FieldDef], names: &crate::domain::value::Names, code: &str, v: &Value) -> String {
    match (code == STAGE_FIELD, v, fields.iter().find(|f| f.code == code)) {
        (true, Value::Text(name), _) => name.clone(),
        (false, v, Some(def)) => display(def, v, names),
        _ => String::new(),
    }
}

/// The field-change history of an item; changes of fields the user may not see are left out.
pub async fn history(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    id: i64,
    before: Option<i64>,
) -> Result<HistoryPage, AppError> {
    let entity = entity_of(entity)?;
    let mut conn = store.pool.acquire().await?;
    let (_, cfg) = item_and_config(store, &mut conn, user, entity, id, Action::Read).await?;
    let fields = fields_for(&cfg, &mut conn, entity, user).await?.visible;
    let mut rows = items::history(&mut conn, id, before, HISTORY_PAGE).await?;
    let next = (rows.len() > HISTORY_PAGE).then(|| {
        rows.truncate(HISTORY_PAGE);
        rows.last().map(|r| r.id)
    });
    let values: Vec<&Value> = rows.iter().flat_map(|r| r.old.iter().chain(r.new.iter())).collect();
    let names = names_for(&mut conn, user, values.into_iter(), Default::default()).await?;
    let rows = rows
        .into_iter()
        .filter_map(|r| {
            let show = |v: &Option<Value>| {
                v.as_ref().map(|v| shown_change(&fields, &names, &r.field_code, v)).unwrap_or_default()
            };
            let label = if r.field_code == STAGE_FIELD {
                crate::text::col_stage().to_string()
            } else {
                fields.iter().find(|f| f.code == r.field_code)?.label.clone()
            };
            Some(HistoryRow {
                id: r.id,
                field_label: label,
                old: show(&r.old),
                new: show(&r.new),
                author: r.author,
                at: r.at,
            })
        })
        .collect();
    Ok(HistoryPage { rows, next: next.flatten() })
}
