//! CSV export of a list: the items the user's export scope (and read scope) reach, with the
//! columns of the fields they may see — never a restricted field hidden from them.

use super::{entity_of, fields_for, known, member, names_for};
use crate::api::types::CurrentUser;
use crate::domain::value::display;
use crate::error::AppError;
use crate::server::store::items::{self, ListQuery, Reach};
use crate::server::store::Store;
use crate::text;

/// Most rows one export holds.
pub const MAX_ROWS: usize = 10_000;
/// Rows read per query.
const BATCH: usize = 500;

/// A cell as CSV: quoted when it must be, and a leading `= + - @` (also after white space, which
/// spreadsheets skip) or tab/CR defused with an apostrophe so that a spreadsheet never runs it
/// as a formula.
pub fn cell(raw: &str) -> String {
    let formula = raw.trim_start().starts_with(['=', '+', '-', '@']) || raw.starts_with(['\t', '\r']);
    let defused = if formula { format!("'{raw}") } else { raw.to_string() };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

fn line(cells: impl IntoIterator<Item = String>) -> String {
    let mut out = cells.into_iter().map(|c| cell(&c)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

/// The file name and the CSV text.
pub async fn export_csv(
    store: &Store,
    user: &CurrentUser,
    entity: &str,
    search: Option<String>,
    stage_id: Option<i64>,
) -> Result<(String, String), AppError> {
    let entity = entity_of(entity)?;
    // What one may export and read, pipeline by pipeline.
    let reach = Reach::by_pipeline(user.rights.scopes_by(entity, |r| r.export.min(r.read)), &member(user));
    if reach.is_nothing() {
        return Err(AppError::Forbidden);
    }
    let mut conn = store.pool.acquire().await?;
    let cfg = store.config.fresh(&mut conn).await?;
    known(&cfg, &mut conn, entity).await?;
    let fields = fields_for(&cfg, &mut conn, entity, user).await?.visible;
    let pipelines = cfg.pipelines(&mut conn, entity).await?;
    let mut out = String::from("\u{feff}");
    let mut header = vec![text::col_name().to_string()];
    if !pipelines.is_empty() {
        header.push(text::col_stage().to_string());
    }
    header.extend(fields.iter().map(|f| f.label.clone()));
    out.push_str(&line(header));
    let mut before = None;
    let mut written = 0;
    while written < MAX_ROWS {
        let query = ListQuery {
            search: search.clone(),
            stage_id,
            pipeline_id: None,
            before_id: before,
            limit: BATCH,
            reach: reach.clone(),
        };
        let mut rows = items::list(&mut conn, entity, &query).await?;
        let more = rows.len() > BATCH;
        rows.truncate(BATCH.min(MAX_ROWS - written));
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let values = items::values_of(&mut conn, &ids).await?;
        let names = names_for(&mut conn, user, values.values().flat_map(|v| v.values()), Default::default()).await?;
        for r in &rows {
            let mut cells = vec![r.title.clone()];
            if !pipelines.is_empty() {
                let stage = r.stage_id.and_then(|s| pipelines.iter().find_map(|p| p.stage(s)));
                cells.push(stage.map(|s| s.name.clone()).unwrap_or_default());
            }
            let item = values.get(&r.id);
            cells.extend(
                fields
                    .iter()
                    .map(|f| item.and_then(|v| v.get(&f.code)).map(|v| display(f, v, &names)).unwrap_or_default()),
            );
            out.push_str(&line(cells));
        }
        written += rows.len();
        before = rows.last().map(|r| r.id);
        if !more || before.is_none() {
            break;
        }
    }
    Ok((format!("{}.csv", entity.slug()), out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_when_needed_and_formulas_defused() {
        assert_eq!(cell("Acme"), "Acme");
        assert_eq!(cell("  =HYPERLINK(1)"), "'  =HYPERLINK(1)", "after leading spaces too");
        assert_eq!(cell("\u{a0}@SUM(A1)"), "'\u{a0}@SUM(A1)", "after a non-breaking space too");
        assert_eq!(cell("a = b"), "a = b");
        assert_eq!(cell("Acme, Inc."), "\"Acme, Inc.\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("line 1\nline 2"), "\"line 1\nline 2\"");
        assert_eq!(cell("=HYPERLINK(\"http://evil\")"), "\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assert_eq!(cell("-12.50 USD"), "'-12.50 USD");
        assert_eq!(cell("+1 555 0100"), "'+1 555 0100");
    }
}
