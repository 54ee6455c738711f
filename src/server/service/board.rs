//! The kanban board (`/crm/{type}/kanban`): one pipeline's stages as columns, each with the
//! count and amounts of the items the reader reaches and its newest cards, a page at a time.
//! Statements per board: the change token and the totals (one each), a page per column, the
//! clients' names (two) — none grows with the number of items.

use super::{entity_of, fields_for, known, names_for, reach, readable, Known};
use crate::api::types::{Board, BoardCard, BoardColumn, CurrentUser};
use crate::domain::access::{Action, Scope};
use crate::domain::value::display;
use crate::domain::{FieldDef, Pipeline, Value};
use crate::error::AppError;
use crate::server::store::items::{self, ListQuery, ListRow};
use crate::server::store::{choices, Conn, Store};

/// Cards per column page.
pub const BOARD_PAGE: usize = 20;
/// Longest search kept.
const MAX_SEARCH: usize = 200;

fn clean(search: Option<String>) -> Option<String> {
    search.map(|s| s.trim().chars().take(MAX_SEARCH).collect::<String>()).filter(|s| !s.is_empty())
}

/// The board of `pipeline` (the default one when `None` or unknown).
pub async fn board(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    pipeline: Option<i64>,
    search: Option<String>,
) -> Result<Board, AppError> {
    let entity = entity_of(entity)?;
    readable(user, entity)?;
    let search = clean(search);
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    let def = known(&cfg, &mut conn, entity).await?;
    let pipelines = super::pipelines_for(user, entity, Action::Read, &cfg.pipelines(&mut conn, entity).await?);
    let chosen = pipeline
        .and_then(|id| pipelines.iter().find(|p| p.id == id))
        .or_else(|| pipelines.iter().find(|p| p.is_default))
        .or(pipelines.first())
        .cloned()
        .ok_or(AppError::NotFound)?;
    let fields = fields_for(&cfg, &mut conn, entity, user).await?.visible;
    let query = ListQuery {
        search: search.clone(),
        pipeline_id: Some(chosen.id),
        limit: BOARD_PAGE,
        reach: reach(user, entity, Action::Read),
        ..ListQuery::default()
    };
    // The token first: a change made while the board is read makes it stale, never the board.
    // Of the whole pipeline (as the poll asks), whatever the search.
    let token = items::list_token(&mut conn, entity, &ListQuery { search: None, ..query.clone() }).await?;
    let totals = items::stage_totals(&mut conn, entity, &query).await?;
    let mut pages = Vec::with_capacity(chosen.stages.len());
    for s in &chosen.stages {
        let mut rows = items::list(&mut conn, entity, &ListQuery { stage_id: Some(s.id), ..query.clone() }).await?;
        let next = page_end(&mut rows);
        pages.push((s.id, rows, next));
    }
    let all_rows: Vec<&ListRow> = pages.iter().flat_map(|(_, rows, _)| rows.iter()).collect();
    let cards = cards(&mut conn, user, &fields, &all_rows).await?;
    let mut cards = cards.into_iter();
    let columns = pages
        .iter()
        .map(|(stage_id, rows, next)| {
            let total = totals.get(stage_id).cloned().unwrap_or_default();
            BoardColumn {
                stage_id: *stage_id,
                count: total.count,
                sums: sums(&fields, &total.sums),
                cards: cards.by_ref().take(rows.len()).collect(),
                next: *next,
            }
        })
        .collect();
    choices::remember(&mut conn, user, &choices::mode_key(entity), "kanban").await?;
    let finals = user.choices.get(&choices::finals_key(entity)).cloned();
    let chosen_id = chosen.id;
    let has = |action| user.rights.scope_in(entity, Some(chosen_id), action) != Scope::None;
    Ok(Board {
        entity,
        plural: def.shown_names().1,
        pipelines: pipelines.iter().map(|p| (p.id, p.name.clone())).collect(),
        pipeline: chosen,
        columns,
        search,
        token,
        finals_as_columns: finals.as_deref() == Some("columns"),
        can_create: has(Action::Create),
        can_move: has(Action::Update),
    })
}

/// The next page of one column: cards older than `before`.
pub async fn board_column(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    stage_id: i64,
    search: Option<String>,
    before: Option<i64>,
) -> Result<BoardColumn, AppError> {
    let entity = entity_of(entity)?;
    readable(user, entity)?;
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    known(&cfg, &mut conn, entity).await?;
    let pipelines = super::pipelines_for(user, entity, Action::Read, &cfg.pipelines(&mut conn, entity).await?);
    let pipeline: &Pipeline = pipelines.iter().find(|p| p.stage(stage_id).is_some()).ok_or(AppError::NotFound)?;
    let fields = fields_for(&cfg, &mut conn, entity, user).await?.visible;
    let query = ListQuery {
        search: clean(search),
        stage_id: Some(stage_id),
        pipeline_id: Some(pipeline.id),
        before_id: before,
        limit: BOARD_PAGE,
        reach: reach(user, entity, Action::Read),
    };
    let mut rows = items::list(&mut conn, entity, &query).await?;
    let next = page_end(&mut rows);
    let refs: Vec<&ListRow> = rows.iter().collect();
    let cards = cards(&mut conn, user, &fields, &refs).await?;
    Ok(BoardColumn { stage_id, count: 0, sums: vec![], cards, next })
}

/// Cuts a page of `BOARD_PAGE + 1` rows to size; where the next page starts.
fn page_end(rows: &mut Vec<ListRow>) -> Option<i64> {
    if rows.len() > BOARD_PAGE {
        rows.truncate(BOARD_PAGE);
        rows.last().map(|r| r.id)
    } else {
        None
    }
}

/// The amounts per currency as the reader writes money.
fn sums(fields: &[FieldDef], sums: &std::collections::BTreeMap<String, i64>) -> Vec<String> {
    let Some(def) = fields.iter().find(|f| f.code == "amount") else { return vec![] };
    sums.iter()
        .map(|(currency, minor)| {
            display(def, &Value::Money { minor: *minor, currency: currency.clone() }, &Default::default())
        })
        .collect()
}

/// Board cards of list rows: the amount where the reader sees that field, the client (company,
/// else contact) by the title the reader may read.
async fn cards(
    conn: &mut Conn,
    user: &CurrentUser,
    fields: &[FieldDef],
    rows: &[&ListRow],
) -> Result<Vec<BoardCard>, AppError> {
    let amount = fields.iter().find(|f| f.code == "amount");
    let client_fields: Vec<&str> =
        ["company", "contact"].into_iter().filter(|c| fields.iter().any(|f| f.code == *c)).collect();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let values = if client_fields.is_empty() || ids.is_empty() {
        Default::default()
    } else {
        items::values_of(conn, &ids).await?
    };
    let client_of = |id: i64| -> Option<Value> {
        let v = values.get(&id)?;
        client_fields
            .iter()
            .find_map(|c| v.get(*c).filter(|v| !v.is_empty()).and_then(|v| v.entries().first().cloned()))
    };
    let clients: Vec<Option<Value>> = ids.iter().map(|id| client_of(*id)).collect();
    let names = names_for(conn, user, clients.iter().flatten(), Known::default()).await?;
    Ok(rows
        .iter()
        .zip(clients)
        .map(|(r, client)| BoardCard {
            id: r.id,
            title: r.title.clone(),
            version: r.version,
            amount: r.amount.as_ref().zip(amount).map(|(v, def)| display(def, v, &Default::default())),
            client: client.and_then(|v| match v {
                Value::Item(i) => names.items.get(&i.id).cloned(),
                _ => None,
            }),
            responsible: r.responsible.clone(),
            updated_at: r.updated_at,
        })
        .collect())
}

/// Remembers for the user how their boards of `entity` show final stages.
pub async fn remember_finals(store: &Store, user: &CurrentUser, entity: &str, columns: bool) -> Result<(), AppError> {
    let entity = entity_of(entity)?;
    readable(user, entity)?;
    let mut conn = store.pool.acquire().await?;
    let value = if columns { "columns" } else { "zones" };
    Ok(choices::remember(&mut conn, user, &choices::finals_key(entity), value).await?)
}

/// The change token of a pipeline's items ([`items::list_token`]), for an open board.
pub async fn board_token(store: &Store, user: &CurrentUser, entity: &str, pipeline: i64) -> Result<String, AppError> {
    let entity = entity_of(entity)?;
    readable(user, entity)?;
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    known(&cfg, &mut conn, entity).await?;
    if !user.rights.sees_pipeline(entity, pipeline) {
        return Err(AppError::NotFound);
    }
    let query =
        ListQuery { pipeline_id: Some(pipeline), reach: reach(user, entity, Action::Read), ..ListQuery::default() };
    Ok(items::list_token(&mut conn, entity, &query).await?)
}
