//! Items and their values. Whether a write may happen and what it writes is decided by
//! `domain::item_write::decide`; this module only reads, claims and writes. Every write claims
//! the item row (`UPDATE … version + 1`) before it writes anything else, so concurrent writers
//! of one item queue up on both backends, and the decision learns which fields changed in the
//! versions in between (merge, conflict or refusal). A save
//! whose editor's version is the one just read claims the row only at that version (`save`).
//! A write's statements go to the database as one batch (`batch.rs`): on PostgreSQL a save of
//! plain values is one statement, on SQLite one request inside its transaction.

use super::batch::{id_of, Batch};
use super::timeline::{push_event, EventRow};
use super::{placeholders, Conn};
use crate::domain::item_write::{self, Change, Decision, Read, Rules, Since, Write};
use crate::domain::merge::{Changes, FieldConflict};
use crate::domain::{EntityType, FieldDef, FieldType, Pipeline, Value, Values};
use sqlx::{Connection, Row};
use std::collections::BTreeSet;

/// The stored columns of an item, apart from its field values.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRow {
    pub id: i64,
    pub entity: EntityType,
    pub pipeline_id: Option<i64>,
    pub stage_id: Option<i64>,
    pub title: String,
    pub responsible_id: Option<i64>,
    pub version: i64,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The department of the responsible person (what "department" scopes compare).
    pub responsible_department: Option<i64>,
    /// A lead from a client already known.
    pub repeat_lead: bool,
    /// When it was moved to the recycle bin (only `item_in_full` reads deleted items).
    pub deleted_at: Option<i64>,
}

impl ItemRow {
    pub fn owner(&self) -> crate::domain::access::Owner {
        crate::domain::access::Owner {
            responsible_id: self.responsible_id,
            department_id: self.responsible_department,
            pipeline_id: self.pipeline_id,
        }
    }
}

/// Which items of a list a user's scope reaches, as SQL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Reach {
    #[default]
    All,
    /// The items this user is responsible for.
    Own(i64),
    /// The items of this user and of everybody in this department.
    Department {
        user: i64,
        department: i64,
    },
    Nothing,
    /// Scopes that differ per pipeline: `on` for the items of each listed pipeline, `rest`
    /// for all others (roles limited per pipeline). Neither holds another `ByPipeline`.
    ByPipeline {
        rest: Box<Reach>,
        on: Vec<(i64, Reach)>,
    },
}

impl Reach {
    pub fn of(scope: crate::domain::access::Scope, me: &crate::domain::access::Member) -> Reach {
        use crate::domain::access::Scope;
        match (scope, me.department_id) {
            (Scope::All, _) => Reach::All,
            (Scope::Department, Some(department)) => Reach::Department { user: me.user_id, department },
            (Scope::Department | Scope::Own, _) => Reach::Own(me.user_id),
            (Scope::None, _) => Reach::Nothing,
        }
    }

    /// The reach of a scope that differs per pipeline (`Rights::scopes_by`).
    pub fn by_pipeline(
        (rest, on): (crate::domain::access::Scope, Vec<(i64, crate::domain::access::Scope)>),
        me: &crate::domain::access::Member,
    ) -> Reach {
        if on.is_empty() {
            return Reach::of(rest, me);
        }
        Reach::ByPipeline {
            rest: Box::new(Reach::of(rest, me)),
            on: on.into_iter().map(|(p, s)| (p, Reach::of(s, me))).collect(),
        }
    }

    /// Whether it reaches no item at all.
    pub fn is_nothing(&self) -> bool {
        match self {
            Reach::Nothing => true,
            Reach::ByPipeline { rest, on } => rest.is_nothing() && on.iter().all(|(_, r)| r.is_nothing()),
            _ => false,
        }
    }

    /// A condition on `items i` (numbering its placeholders after `n`) and the values to bind.
    fn condition(&self, n: &mut usize) -> (String, Vec<i64>) {
        match self {
            Reach::All => ("1 = 1".into(), vec![]),
            Reach::Nothing => ("1 = 0".into(), vec![]),
            Reach::Own(user) => {
                *n += 1;
                (format!("i.responsible_id = ${n}"), vec![*user])
            }
            Reach::Department { user, department } => {
                *n += 2;
                let sql = format!(
                    "(i.responsible_id = ${} OR i.responsible_id IN (SELECT id FROM users WHERE department_id = ${n}))",
                    *n - 1
                );
                (sql, vec![*user, *department])
            }
            Reach::ByPipeline { rest, on } => {
                // Pipeline ids are the server's own integers: written into the statement.
                let listed = on.iter().map(|(p, _)| p.to_string()).collect::<Vec<_>>().join(", ");
                let (rest_sql, mut binds) = rest.condition(n);
                let mut sql = format!("((COALESCE(i.pipeline_id, 0) NOT IN ({listed}) AND {rest_sql})");
                for (pipeline, reach) in on {
                    let (cond, more) = reach.condition(n);
                    sql.push_str(&format!(" OR (i.pipeline_id = {pipeline} AND {cond})"));
                    binds.extend(more);
                }
                sql.push(')');
                (sql, binds)
            }
        }
    }

    /// ` AND …` on `items i`, numbering its placeholders after `n`; the values to bind.
    fn sql(&self, n: &mut usize) -> (String, Vec<i64>) {
        match self {
            Reach::All => (String::new(), vec![]),
            _ => {
                let (cond, binds) = self.condition(n);
                (format!(" AND {cond}"), binds)
            }
        }
    }
}

pub fn encode_value(v: &Value) -> sqlx::Result<String> {
    serde_json::to_string(v).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

pub fn decode_value(s: &str) -> sqlx::Result<Value> {
    serde_json::from_str(s).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// Fills the search text of items written before it existed (migration 0003): they are marked
/// out of date and rewritten as [`reindex_stale`] rewrites any. Answers how many there were.
pub async fn index_unsearched(conn: &mut Conn) -> sqlx::Result<usize> {
    let marked = sqlx::query("UPDATE items SET search_gen = -1 WHERE search_text = ''").execute(&mut *conn).await?;
    while reindex_stale(conn, 200).await? == 200 {}
    Ok(marked.rows_affected() as usize)
}

/// Search finds an item only while its search text is of its type's current generation: one
/// written before a field change that made it out of date waits for the reindexer
/// ([`reindex_stale`]).
const SEARCH_CURRENT: &str = "i.search_gen = (SELECT t.search_gen FROM entity_types t WHERE t.code = i.entity_type)";

/// Marks the search text of every item of `entity` out of date, inside the caller's transaction
/// (the field change that makes it so): from its commit, search skips those items until
/// [`reindex_stale`] has rewritten them. Answers the new generation.
pub async fn outdate_search(conn: &mut Conn, entity: EntityType) -> sqlx::Result<i64> {
    sqlx::query("UPDATE entity_types SET search_gen = search_gen + 1 WHERE code = $1 RETURNING search_gen")
        .bind(entity.slug())
        .fetch_one(conn)
        .await?
        .try_get(0)
}

/// Rewrites the search text of at most `limit` items whose generation is behind their type's,
/// with the fields as they are now, in one short transaction (so writers wait for one batch at
/// most). Answers how many it rewrote; 0 when none is left.
pub async fn reindex_stale(conn: &mut Conn, limit: usize) -> sqlx::Result<usize> {
    let mut tx = conn.begin().await?;
    // A write first: SQLite cannot turn a reading transaction into a writing one once another
    // writer went first (it would fail at once instead of waiting its turn).
    sqlx::query("UPDATE items SET search_gen = search_gen WHERE id = -1").execute(&mut *tx).await?;
    let rows = sqlx::query(
        "SELECT i.id, i.title, i.entity_type, t.search_gen, i.version FROM items i JOIN entity_types t ON t.code = i.entity_type
         WHERE i.search_gen < t.search_gen ORDER BY i.id LIMIT $1",
    )
    .bind(limit as i64)
    .fetch_all(&mut *tx)
    .await?;
    let mut fields: std::collections::BTreeMap<String, Vec<FieldDef>> = Default::default();
    for r in &rows {
        let (id, title, entity): (i64, String, String) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
        let (gen, version): (i64, i64) = (r.try_get(3)?, r.try_get(4)?);
        if !fields.contains_key(&entity) {
            let parsed: EntityType = entity.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            fields.insert(entity.clone(), super::catalog::fields(&mut tx, parsed).await?);
        }
        // An item whose values cannot be read is found by its title only, rather than holding
        // up every other (and being picked again and again).
        let text = match values(&mut tx, id).await {
            Ok(v) => item_write::search_text(&title, &fields[&entity], &v),
            Err(e) => {
                tracing::error!(item = id, "search text from the title only: its values cannot be read: {e}");
                crate::i18n::fold(&title)
            }
        };
        // Only the version read: a save in between wrote its own search text.
        sqlx::query("UPDATE items SET search_text = $2, search_gen = $3 WHERE id = $1 AND version = $4")
            .bind(id)
            .bind(text)
            .bind(gen)
            .bind(version)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

const ITEM_COLUMNS: &str = "i.id, i.entity_type, i.pipeline_id, i.stage_id, i.title, i.responsible_id, i.version,
    i.created_by, i.created_at, i.updated_at, u.department_id, i.repeat_lead, i.deleted_at";

fn item_row(r: &sqlx::any::AnyRow) -> sqlx::Result<ItemRow> {
    let entity: String = r.try_get(1)?;
    Ok(ItemRow {
        id: r.try_get(0)?,
        entity: entity.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        pipeline_id: r.try_get(2)?,
        stage_id: r.try_get(3)?,
        title: r.try_get(4)?,
        responsible_id: r.try_get(5)?,
        version: r.try_get(6)?,
        created_by: r.try_get(7)?,
        created_at: r.try_get(8)?,
        updated_at: r.try_get(9)?,
        responsible_department: r.try_get(10)?,
        repeat_lead: r.try_get::<i64, _>(11)? != 0,
        deleted_at: r.try_get(12)?,
    })
}

pub async fn item(conn: &mut Conn, entity: EntityType, id: i64) -> sqlx::Result<Option<ItemRow>> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM items i LEFT JOIN users u ON u.id = i.responsible_id
         WHERE i.id = $1 AND i.entity_type = $2 AND i.deleted_at IS NULL"
    );
    sqlx::query(&sql).bind(id).bind(entity.slug()).fetch_optional(conn).await?.as_ref().map(item_row).transpose()
}

/// An item with everything its card shows of it, read in one query.
pub struct FullItem {
    pub row: ItemRow,
    pub values: Values,
    /// The items its fields link to, found or not: `titles` holds those that exist.
    pub linked_ids: Vec<i64>,
    pub linked: Vec<TitleRow>,
    /// The configuration revision at the time of the read (`store::config`).
    pub config_revision: i64,
}

/// The item, its values, the titles and owners of the items its fields link to, and the
/// configuration revision, in one statement (a row per value and linked item). Also an item in
/// the recycle bin (`row.deleted_at`): the card decides who may see it.
pub async fn item_in_full(conn: &mut Conn, entity: EntityType, id: i64) -> sqlx::Result<Option<FullItem>> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS}, {}, v.field_code, v.value, t.id, t.entity_type, t.title, t.responsible_id, tu.department_id,
            t.deleted_at, t.pipeline_id
         FROM items i LEFT JOIN users u ON u.id = i.responsible_id
         LEFT JOIN field_values v ON v.item_id = i.id
         LEFT JOIN item_links l ON l.from_item = i.id AND l.field_code = v.field_code
         LEFT JOIN items t ON t.id = l.to_item LEFT JOIN users tu ON tu.id = t.responsible_id
         WHERE i.id = $1 AND i.entity_type = $2",
        super::config::REVISION_COLUMN
    );
    let rows = sqlx::query(&sql).bind(id).bind(entity.slug()).fetch_all(conn).await?;
    let Some(first) = rows.first() else { return Ok(None) };
    let mut full = FullItem {
        row: item_row(first)?,
        values: Values::new(),
        linked_ids: vec![],
        linked: vec![],
        config_revision: first.try_get(13)?,
    };
    for r in &rows {
        if let Some(code) = r.try_get::<Option<String>, _>(14)? {
            if !full.values.contains_key(&code) {
                let value = decode_value(&r.try_get::<String, _>(15)?)?;
                for e in value.entries() {
                    if let Value::Item(link) = e {
                        full.linked_ids.push(link.id);
                    }
                }
                full.values.insert(code, value);
            }
        }
        if let Some(target) = r.try_get::<Option<i64>, _>(16)? {
            if !full.linked.iter().any(|t| t.id == target) {
                let e: String = r.try_get(17)?;
                full.linked.push(TitleRow {
                    id: target,
                    entity: e.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                    title: r.try_get(18)?,
                    owner: crate::domain::access::Owner {
                        responsible_id: r.try_get(19)?,
                        department_id: r.try_get(20)?,
                        pipeline_id: r.try_get(22)?,
                    },
                    deleted: r.try_get::<Option<i64>, _>(21)?.is_some(),
                });
            }
        }
    }
    full.linked_ids.sort_unstable();
    full.linked_ids.dedup();
    Ok(Some(full))
}

/// The item, and the configuration revision at the time of the read (`store::config`). An item
/// in the recycle bin only when `deleted_too` (an administrator reading its card).
pub async fn item_at_revision(
    conn: &mut Conn,
    entity: EntityType,
    id: i64,
    deleted_too: bool,
) -> sqlx::Result<Option<(ItemRow, i64)>> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS}, {} FROM items i LEFT JOIN users u ON u.id = i.responsible_id
         WHERE i.id = $1 AND i.entity_type = $2 AND (i.deleted_at IS NULL OR $3 = 1)",
        super::config::REVISION_COLUMN
    );
    match sqlx::query(&sql).bind(id).bind(entity.slug()).bind(i64::from(deleted_too)).fetch_optional(conn).await? {
        Some(r) => Ok(Some((item_row(&r)?, r.try_get(13)?))),
        None => Ok(None),
    }
}

/// What a save needs to know of an item, in one statement: whose it is, its version, stage and
/// values, and the configuration revision.
pub async fn for_save(
    conn: &mut Conn,
    entity: EntityType,
    id: i64,
) -> sqlx::Result<Option<(crate::domain::access::Owner, Seen, i64)>> {
    let sql = format!(
        "SELECT i.responsible_id, u.department_id, i.version, i.stage_id, {}, v.field_code, v.value, i.pipeline_id
         FROM items i LEFT JOIN users u ON u.id = i.responsible_id LEFT JOIN field_values v ON v.item_id = i.id
         WHERE i.id = $1 AND i.entity_type = $2 AND i.deleted_at IS NULL",
        super::config::REVISION_COLUMN
    );
    let rows = sqlx::query(&sql).bind(id).bind(entity.slug()).fetch_all(conn).await?;
    let Some(first) = rows.first() else { return Ok(None) };
    let owner = crate::domain::access::Owner {
        responsible_id: first.try_get(0)?,
        department_id: first.try_get(1)?,
        pipeline_id: first.try_get(7)?,
    };
    let mut seen = Seen { version: first.try_get(2)?, stage_id: first.try_get(3)?, values: Values::new() };
    for r in &rows {
        if let Some(code) = r.try_get::<Option<String>, _>(5)? {
            seen.values.insert(code, decode_value(&r.try_get::<String, _>(6)?)?);
        }
    }
    Ok(Some((owner, seen, first.try_get(4)?)))
}

pub async fn values(conn: &mut Conn, item_id: i64) -> sqlx::Result<Values> {
    sqlx::query("SELECT field_code, value FROM field_values WHERE item_id = $1")
        .bind(item_id)
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| Ok((r.try_get(0)?, decode_value(&r.try_get::<String, _>(1)?)?)))
        .collect()
}

/// The values of several items, by item.
pub async fn values_of(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<std::collections::BTreeMap<i64, Values>> {
    let mut out: std::collections::BTreeMap<i64, Values> = Default::default();
    if ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT item_id, field_code, value FROM field_values WHERE item_id IN ({})",
        placeholders(0, ids.len())
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(id);
    }
    for r in q.fetch_all(conn).await? {
        let value = decode_value(&r.try_get::<String, _>(2)?)?;
        out.entry(r.try_get(0)?).or_default().insert(r.try_get(1)?, value);
    }
    Ok(out)
}

/// Adds the write of one field's value (a removal when `None`) to `batch`.
fn push_value(batch: &mut Batch, item_id: i64, code: &str, value: Option<&Value>) -> sqlx::Result<()> {
    let g = batch.guard();
    let (item, code) = (batch.int(item_id), batch.text(code.to_string()));
    match value {
        // SQLite needs the `WHERE` of an upsert's `SELECT` (here the guard) to parse it.
        Some(v) => {
            let v = batch.text(encode_value(v)?);
            batch.write(format!(
                "INSERT INTO field_values (item_id, field_code, value) SELECT {item}, {code}, {v} WHERE {g}
                 ON CONFLICT (item_id, field_code) DO UPDATE SET value = excluded.value"
            ))
        }
        None => batch.write(format!("DELETE FROM field_values WHERE item_id = {item} AND field_code = {code} AND {g}")),
    }
    Ok(())
}

/// Fields whose values are also kept in tables of their own.
fn has_side_table(fields: &[FieldDef], code: &str) -> bool {
    fields
        .iter()
        .any(|f| f.code == code && matches!(f.field_type, FieldType::CrmItem | FieldType::Booking | FieldType::File))
}

/// Writes what a value means in the tables of its own (links, bookings, files), if its field
/// has any.
async fn write_side_tables(
    conn: &mut Conn,
    item_id: i64,
    def: Option<&FieldDef>,
    code: &str,
    value: Option<&Value>,
) -> sqlx::Result<()> {
    match def.map(|d| d.field_type) {
        Some(FieldType::CrmItem) => write_links(conn, item_id, code, value).await,
        Some(FieldType::Booking) => write_bookings(conn, item_id, code, value).await,
        Some(FieldType::File) => super::files::attach(conn, item_id, code, value).await,
        _ => Ok(()),
    }
}

async fn write_links(conn: &mut Conn, item_id: i64, code: &str, value: Option<&Value>) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM item_links WHERE from_item = $1 AND field_code = $2")
        .bind(item_id)
        .bind(code)
        .execute(&mut *conn)
        .await?;
    for entry in value.map(Value::entries).unwrap_or_default() {
        if let Value::Item(r) = entry {
            sqlx::query(
                "INSERT INTO item_links (from_item, field_code, to_item) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            )
            .bind(item_id)
            .bind(code)
            .bind(r.id)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

async fn write_bookings(conn: &mut Conn, item_id: i64, code: &str, value: Option<&Value>) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM bookings WHERE item_id = $1 AND field_code = $2")
        .bind(item_id)
        .bind(code)
        .execute(&mut *conn)
        .await?;
    for entry in value.map(Value::entries).unwrap_or_default() {
        if let Value::Booking(b) = entry {
            sqlx::query(
                "INSERT INTO bookings (item_id, entity_type, field_code, resource, starts_at, ends_at)
                 SELECT id, entity_type, $2, $3, $4, $5 FROM items WHERE id = $1",
            )
            .bind(item_id)
            .bind(code)
            .bind(&b.resource)
            .bind(&b.start)
            .bind(&b.end)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// Codes of the booking fields in `changes` whose new bookings overlap another item's booking
/// of the same resource. Runs inside the write transaction after the item row is claimed: on
/// SQLite that transaction holds the database's write lock; on PostgreSQL a transaction-scoped
/// advisory lock per resource makes two writers of one resource take turns.
async fn booking_clashes<'v>(
    conn: &mut Conn,
    entity: EntityType,
    item_id: i64,
    fields: &[FieldDef],
    changes: impl Iterator<Item = (&'v String, Option<&'v Value>)>,
) -> sqlx::Result<Vec<String>> {
    let postgres = super::batch::is_postgres(conn);
    let mut clashes = Vec::new();
    for (code, value) in changes {
        if !fields.iter().any(|f| f.code == *code && f.field_type == FieldType::Booking) {
            continue;
        }
        for entry in value.map(Value::entries).unwrap_or_default() {
            let Value::Booking(b) = entry else { continue };
            if postgres {
                sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))")
                    .bind(format!("booking/{}/{code}/{}", entity.slug(), b.resource))
                    .execute(&mut *conn)
                    .await?;
            }
            let taken: i64 = sqlx::query(
                "SELECT COUNT(*) FROM bookings WHERE entity_type = $1 AND field_code = $2 AND resource = $3
                 AND starts_at < $4 AND ends_at > $5 AND item_id <> $6",
            )
            .bind(entity.slug())
            .bind(code)
            .bind(&b.resource)
            .bind(&b.end)
            .bind(&b.start)
            .bind(item_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
            if taken > 0 && !clashes.contains(code) {
                clashes.push(code.clone());
            }
        }
    }
    Ok(clashes)
}

pub struct NewItem<'a> {
    pub entity: EntityType,
    pub fields: &'a [FieldDef],
    pub pipeline: Option<&'a Pipeline>,
    pub values: Values,
    pub user_id: Option<i64>,
    pub now: i64,
    /// A repeat lead (leads only).
    pub repeat_lead: bool,
    /// The type's search generation `fields` belong to (`config::Snapshot::search_gen`).
    pub search_gen: i64,
}

#[derive(Debug, PartialEq)]
pub enum CreateOutcome {
    Created {
        id: i64,
    },
    MissingRequired(Vec<String>),
    /// These booking fields book a resource that is taken at that time.
    Booked(Vec<String>),
}

/// Creates an item as [`item_write::decide`] says: its values, title, search text, first stage
/// and "created" event in one transaction (bookings checked inside it).
pub async fn create(conn: &mut Conn, new: NewItem<'_>) -> sqlx::Result<CreateOutcome> {
    let rules = Rules {
        entity: new.entity,
        fields: new.fields,
        pipelines: new.pipeline.map(std::slice::from_ref).unwrap_or(&[]),
    };
    let change = Change::Create { values: &new.values, pipeline: new.pipeline };
    let w = match item_write::decide(rules, None, change, &Since::Nothing) {
        Decision::Write(w) => w,
        Decision::MissingRequired(missing) => return Ok(CreateOutcome::MissingRequired(missing)),
        other => unreachable_decision(&other)?,
    };
    let mut tx = conn.begin().await?;
    let id: i64 = sqlx::query(
        "INSERT INTO items (entity_type, pipeline_id, stage_id, title, responsible_id, version, created_by, created_at, updated_at, search_text, repeat_lead, search_gen)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7, $8, $9, $10) RETURNING id",
    )
    .bind(new.entity.slug())
    .bind(new.pipeline.map(|p| p.id))
    .bind(w.stage.map(|(_, s)| s.id))
    .bind(&w.title)
    .bind(w.responsible)
    .bind(new.user_id)
    .bind(new.now)
    .bind(&w.search_text)
    .bind((new.repeat_lead && new.entity == EntityType::LEAD) as i64)
    .bind(new.search_gen)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    let clashes =
        booking_clashes(&mut tx, new.entity, id, new.fields, w.values.iter().map(|(c, v)| (c, Some(v)))).await?;
    if !clashes.is_empty() {
        return Ok(CreateOutcome::Booked(clashes));
    }
    let mut batch = Batch::new(&tx);
    for (code, _, v) in &w.changes {
        push_value(&mut batch, id, code, v.as_ref())?;
    }
    push_event(&mut batch, id, &w.event, new.user_id, new.now)?;
    batch.run(&mut tx).await?;
    for (code, _, v) in &w.changes {
        let def = new.fields.iter().find(|f| f.code == *code);
        write_side_tables(&mut tx, id, def, code, v.as_ref()).await?;
    }
    tx.commit().await?;
    Ok(CreateOutcome::Created { id })
}

/// A decision a write path cannot get (a bug, not a user's mistake): logged and failed.
fn unreachable_decision<T>(d: &Decision<'_>) -> sqlx::Result<T> {
    tracing::error!("unexpected write decision: {d:?}");
    Err(sqlx::Error::Protocol("unexpected write decision".into()))
}

/// Bumps the version of the item, which also locks its row until the transaction ends.
/// Returns (new version, stage, pipeline).
async fn claim(
    conn: &mut Conn,
    entity: EntityType,
    id: i64,
    now: i64,
) -> sqlx::Result<Option<(i64, Option<i64>, Option<i64>)>> {
    let row = sqlx::query(
        "UPDATE items SET version = version + 1, updated_at = $3
         WHERE id = $1 AND entity_type = $2 AND deleted_at IS NULL
         RETURNING version, stage_id, pipeline_id",
    )
    .bind(id)
    .bind(entity.slug())
    .bind(now)
    .fetch_optional(conn)
    .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?))).transpose()
}

/// Field codes changed by the versions after `base` (exclusive).
async fn changed_since(conn: &mut Conn, item_id: i64, base: i64) -> sqlx::Result<BTreeSet<String>> {
    sqlx::query("SELECT DISTINCT field_code FROM field_changes WHERE item_id = $1 AND version > $2")
        .bind(item_id)
        .bind(base)
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| r.try_get(0))
        .collect()
}

/// Who changed which version of an item, and when.
#[derive(Clone, Copy)]
struct Stamp {
    item_id: i64,
    version: i64,
    user_id: Option<i64>,
    at: i64,
}

/// Adds the change-log row of one field's change to `batch`.
fn push_change(
    batch: &mut Batch,
    stamp: Stamp,
    code: &str,
    old: Option<&Value>,
    new: Option<&Value>,
) -> sqlx::Result<()> {
    let g = batch.guard();
    let Stamp { item_id, version, user_id, at } = stamp;
    let (item, version, code) = (batch.int(item_id), batch.int(version), batch.text(code.to_string()));
    let (old, new) = (batch.text(old.map(encode_value).transpose()?), batch.text(new.map(encode_value).transpose()?));
    let (user, at) = (batch.int(user_id), batch.int(at));
    batch.write(format!(
        "INSERT INTO field_changes (item_id, version, field_code, old_value, new_value, user_id, at)
         SELECT {item}, {version}, {code}, {old}, {new}, {user}, {at} WHERE {g}"
    ));
    Ok(())
}

pub struct Save<'a> {
    pub entity: EntityType,
    pub id: i64,
    /// The version the editor started from.
    pub base_version: i64,
    pub changes: Changes,
    pub fields: &'a [FieldDef],
    pub pipelines: &'a [Pipeline],
    pub user_id: Option<i64>,
    pub now: i64,
    /// The item as the caller read it just before, if they did (`item_in_full`).
    pub seen: Option<Seen>,
    /// The type's search generation `fields` belong to (`config::Snapshot::search_gen`).
    pub search_gen: i64,
}

/// An item's version, stage and values as one statement read them, so they belong together.
#[derive(Clone, Debug)]
pub struct Seen {
    pub version: i64,
    pub stage_id: Option<i64>,
    pub values: Values,
}

#[derive(Debug, PartialEq)]
pub enum SaveOutcome {
    Saved {
        version: i64,
        values: Values,
        title: String,
        /// Someone else saved in between and their changes were kept.
        merged: bool,
        /// The timeline event written (its author is left for the caller, who knows them).
        event: Option<EventRow>,
    },
    Conflict {
        version: i64,
        conflicts: Vec<FieldConflict>,
    },
    MissingRequired(Vec<String>),
    /// These booking fields book a resource that is taken at that time.
    Booked(Vec<String>),
    NotFound,
}

/// Saves changes made from `base_version`, as [`item_write::decide`] says. When the caller's read
/// (`seen`) is of that version, everything is decided from it and the transaction claims the
/// row only if it is still that version, writing title and search text in the same statement;
/// otherwise (someone wrote in between, or the editor started from an older version) the row is
/// claimed first and the values are read under the lock. Both ways give the same outcome.
pub async fn save(conn: &mut Conn, s: Save<'_>) -> sqlx::Result<SaveOutcome> {
    if let Some(seen) = s.seen.as_ref().filter(|seen| seen.version == s.base_version) {
        if let Some(outcome) = save_seen(conn, &s, seen).await? {
            return Ok(outcome);
        }
    }
    save_locked(conn, s).await
}

fn rules<'a>(s: &Save<'a>) -> Rules<'a> {
    Rules { entity: s.entity, fields: s.fields, pipelines: s.pipelines }
}

/// The save decided from what the caller read; `None` if the item has moved on since.
async fn save_seen(conn: &mut Conn, s: &Save<'_>, seen: &Seen) -> sqlx::Result<Option<SaveOutcome>> {
    let read = Read { version: seen.version, pipeline_id: None, stage_id: seen.stage_id, values: &seen.values };
    let w = match item_write::decide(rules(s), Some(read), Change::Save { changes: &s.changes }, &Since::Nothing) {
        Decision::Write(w) => w,
        Decision::Nothing { values, title, .. } => {
            return Ok(Some(SaveOutcome::Saved { version: seen.version, values, title, merged: false, event: None }))
        }
        Decision::MissingRequired(missing) => return Ok(Some(SaveOutcome::MissingRequired(missing))),
        other => return unreachable_decision(&other),
    };
    // The claim at the version read, the item's columns and every value write go as one batch.
    let mut batch = Batch::new(conn);
    let set = push_item_columns(&mut batch, &w, s.search_gen);
    let (id, entity) = (batch.int(s.id), batch.text(s.entity.slug().to_string()));
    let (base, now) = (batch.int(seen.version), batch.int(s.now));
    batch.claim(format!(
        "UPDATE items SET version = version + 1, updated_at = {now}, {set}
         WHERE id = {id} AND entity_type = {entity} AND version = {base} AND deleted_at IS NULL RETURNING version"
    ));
    let version = seen.version + 1;
    // On PostgreSQL a batch alone is one statement; anything more needs a transaction.
    let written = if batch.is_postgres() && !w.changes.iter().any(|(code, _, _)| has_side_table(s.fields, code)) {
        write_changes(conn, s, batch, version, &w).await?
    } else {
        let mut tx = conn.begin().await?;
        let written = write_changes(&mut tx, s, batch, version, &w).await?;
        if matches!(written, Written::Done(_)) {
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        written
    };
    Ok(match written {
        Written::Done(event) => {
            Some(SaveOutcome::Saved { version, values: w.values, title: w.title, merged: false, event: Some(event) })
        }
        Written::Overtaken => None,
        Written::Booked(clashes) => Some(SaveOutcome::Booked(clashes)),
    })
}

/// Which fields changed after `base` on an item now at `previous` (its version before the claim).
async fn since(conn: &mut Conn, item_id: i64, base: i64, previous: i64) -> sqlx::Result<Since> {
    Ok(match base {
        b if b == previous => Since::Nothing,
        b if b > previous => Since::Unknown,
        _ => Since::Changed(changed_since(conn, item_id, base).await?),
    })
}

/// The save that claims the row first and reads the values under the lock.
async fn save_locked(conn: &mut Conn, s: Save<'_>) -> sqlx::Result<SaveOutcome> {
    let mut tx = conn.begin().await?;
    let Some((version, stage_id, pipeline_id)) = claim(&mut tx, s.entity, s.id, s.now).await? else {
        return Ok(SaveOutcome::NotFound);
    };
    let previous = version - 1;
    let current = values(&mut tx, s.id).await?;
    let since = since(&mut tx, s.id, s.base_version, previous).await?;
    let read = Read { version: previous, pipeline_id, stage_id, values: &current };
    let w = match item_write::decide(rules(&s), Some(read), Change::Save { changes: &s.changes }, &since) {
        Decision::Write(w) => w,
        Decision::Conflict(conflicts) => return Ok(SaveOutcome::Conflict { version: previous, conflicts }),
        Decision::MissingRequired(missing) => return Ok(SaveOutcome::MissingRequired(missing)),
        Decision::Nothing { values, title, merged } => {
            // Nothing changes: leave the version as it was.
            tx.rollback().await?;
            return Ok(SaveOutcome::Saved { version: previous, values, title, merged, event: None });
        }
        other => return unreachable_decision(&other),
    };
    let mut batch = Batch::new(&tx);
    let set = push_item_columns(&mut batch, &w, s.search_gen);
    let id = batch.int(s.id);
    batch.write(format!("UPDATE items SET {set} WHERE id = {id}"));
    let event = match write_changes(&mut tx, &s, batch, version, &w).await? {
        Written::Done(event) => event,
        Written::Booked(clashes) => return Ok(SaveOutcome::Booked(clashes)),
        // Only a batch with a claim can be overtaken; this one has none.
        Written::Overtaken => return Err(sqlx::Error::RowNotFound),
    };
    tx.commit().await?;
    Ok(SaveOutcome::Saved { version, values: w.values, title: w.title, merged: w.merged, event: Some(event) })
}

/// Adds the columns an item keeps from its values (title, responsible, search text and the
/// search generation of the fields it was made with) to `batch`; returns them as the `SET` list
/// of an `UPDATE items`.
fn push_item_columns(batch: &mut Batch, w: &Write<'_>, search_gen: i64) -> String {
    let t = batch.text(w.title.clone());
    let r = batch.int(w.responsible);
    let search = batch.text(w.search_text.clone());
    let g = batch.int(search_gen);
    format!("title = {t}, responsible_id = {r}, search_text = {search}, search_gen = {g}")
}

/// What became of a save's writes.
enum Written {
    Done(EventRow),
    /// The batch's claim found the item at another version: nothing stays written.
    Overtaken,
    /// These booking fields book a resource taken at that time: roll back.
    Booked(Vec<String>),
}

/// Sends `batch` (the claim, or the item's columns) with the changed values as `version`, their
/// change-log rows and the timeline event; then checks bookings and writes the tables of links,
/// bookings and files.
async fn write_changes(
    conn: &mut Conn,
    s: &Save<'_>,
    mut batch: Batch,
    version: i64,
    w: &Write<'_>,
) -> sqlx::Result<Written> {
    let stamp = Stamp { item_id: s.id, version, user_id: s.user_id, at: s.now };
    for (code, old, new) in &w.changes {
        push_value(&mut batch, s.id, code, new.as_ref())?;
        push_change(&mut batch, stamp, code, old.as_ref(), new.as_ref())?;
    }
    push_event(&mut batch, s.id, &w.event, s.user_id, s.now)?;
    let Some(row) = batch.run(conn).await? else { return Ok(Written::Overtaken) };
    let clashes =
        booking_clashes(conn, s.entity, s.id, s.fields, w.changes.iter().map(|(c, _, n)| (c, n.as_ref()))).await?;
    if !clashes.is_empty() {
        return Ok(Written::Booked(clashes));
    }
    for (code, _, new) in &w.changes {
        let def = s.fields.iter().find(|f| f.code == *code);
        write_side_tables(conn, s.id, def, code, new.as_ref()).await?;
    }
    Ok(Written::Done(EventRow { id: id_of(&row)?, at: s.now, author: None, payload: w.event.clone() }))
}

pub struct Move<'a> {
    pub entity: EntityType,
    pub id: i64,
    pub base_version: i64,
    pub stage_id: i64,
    /// To a stage of another pipeline (Change pipeline), not of the item's own.
    pub across: bool,
    pub fields: &'a [FieldDef],
    pub pipelines: &'a [Pipeline],
    pub user_id: Option<i64>,
    pub now: i64,
}

#[derive(Debug, PartialEq)]
pub enum MoveOutcome {
    Moved {
        version: i64,
        /// The timeline event written (its author is left for the caller).
        event: EventRow,
    },
    Unchanged {
        version: i64,
    },
    /// Someone else moved the item meanwhile.
    Conflict {
        version: i64,
        stage_id: Option<i64>,
    },
    MissingRequired(Vec<String>),
    UnknownStage,
    NotFound,
}

/// The field code under which stage moves are logged and merged.
pub use crate::domain::item_write::STAGE_FIELD;

/// Moves an item to another stage of its pipeline (or, `across`, to a stage of another pipeline
/// of its type), as [`item_write::decide`] says, under the item's claim: the stage (and
/// pipeline), its History row and the timeline event in one transaction.
pub async fn move_stage(conn: &mut Conn, m: Move<'_>) -> sqlx::Result<MoveOutcome> {
    let mut tx = conn.begin().await?;
    let Some((version, current_stage, pipeline_id)) = claim(&mut tx, m.entity, m.id, m.now).await? else {
        return Ok(MoveOutcome::NotFound);
    };
    let previous = version - 1;
    let current = values(&mut tx, m.id).await?;
    let since = since(&mut tx, m.id, m.base_version, previous).await?;
    let rules = Rules { entity: m.entity, fields: m.fields, pipelines: m.pipelines };
    let read = Read { version: previous, pipeline_id, stage_id: current_stage, values: &current };
    let change = if m.across {
        Change::ChangePipeline { stage_id: m.stage_id }
    } else {
        Change::MoveStage { stage_id: m.stage_id }
    };
    let w = match item_write::decide(rules, Some(read), change, &since) {
        Decision::Write(w) => w,
        Decision::Nothing { .. } => {
            tx.rollback().await?;
            return Ok(MoveOutcome::Unchanged { version: previous });
        }
        Decision::StageConflict { stage_id } => return Ok(MoveOutcome::Conflict { version: previous, stage_id }),
        Decision::MissingRequired(missing) => return Ok(MoveOutcome::MissingRequired(missing)),
        Decision::UnknownStage => return Ok(MoveOutcome::UnknownStage),
        other => return unreachable_decision(&other),
    };
    let Some((_, target)) = w.stage else { return unreachable_decision(&Decision::Write(w)) };
    let stamp = Stamp { item_id: m.id, version, user_id: m.user_id, at: m.now };
    let mut batch = Batch::new(&tx);
    let landing = m.pipelines.iter().find(|p| p.stage(target.id).is_some()).map(|p| p.id).or(pipeline_id);
    let (id, stage, pipeline) = (batch.int(m.id), batch.int(target.id), batch.int(landing));
    batch.write(format!("UPDATE items SET stage_id = {stage}, pipeline_id = {pipeline} WHERE id = {id}"));
    for (code, old, new) in &w.changes {
        push_change(&mut batch, stamp, code, old.as_ref(), new.as_ref())?;
    }
    push_event(&mut batch, m.id, &w.event, m.user_id, m.now)?;
    let event_id = id_of(&batch.run(&mut tx).await?.ok_or(sqlx::Error::RowNotFound)?)?;
    tx.commit().await?;
    Ok(MoveOutcome::Moved { version, event: EventRow { id: event_id, at: m.now, author: None, payload: w.event } })
}

#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    pub search: Option<String>,
    pub stage_id: Option<i64>,
    /// Items of this pipeline only (a kanban board).
    pub pipeline_id: Option<i64>,
    /// Keyset: items with a smaller id than this (the list is newest first).
    pub before_id: Option<i64>,
    pub limit: usize,
    /// The items the reader's scope reaches.
    pub reach: Reach,
}

pub struct ListRow {
    pub id: i64,
    pub title: String,
    pub stage_id: Option<i64>,
    pub responsible: Option<String>,
    pub amount: Option<Value>,
    pub updated_at: i64,
    pub repeat_lead: bool,
    pub version: i64,
}

fn like_pattern(s: &str) -> String {
    let escaped = crate::i18n::fold(s.trim()).replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// A value bound to a placeholder of [`list_conditions`].
enum Arg {
    Int(i64),
    Text(String),
}

/// The conditions of a list query on `items i` after `i.entity_type = $1 AND i.deleted_at IS
/// NULL` (` AND …`, numbering placeholders after `n`), and the values to bind, in order.
fn list_conditions(q: &ListQuery, n: &mut usize) -> (String, Vec<Arg>) {
    let (mut sql, mut args) = (String::new(), vec![]);
    let mut int = |sql: &mut String, column: &str, op: &str, v: Option<i64>| {
        if let Some(v) = v {
            *n += 1;
            sql.push_str(&format!(" AND {column} {op} ${n}"));
            args.push(Arg::Int(v));
        }
    };
    int(&mut sql, "i.stage_id", "=", q.stage_id);
    int(&mut sql, "i.pipeline_id", "=", q.pipeline_id);
    int(&mut sql, "i.id", "<", q.before_id);
    if let Some(s) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        *n += 1;
        sql.push_str(&format!(" AND i.search_text LIKE ${n} ESCAPE '\\' AND {SEARCH_CURRENT}"));
        args.push(Arg::Text(like_pattern(s)));
    }
    let (reach_sql, reach_binds) = q.reach.sql(n);
    sql.push_str(&reach_sql);
    args.extend(reach_binds.into_iter().map(Arg::Int));
    (sql, args)
}

fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    args: Vec<Arg>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for a in args {
        query = match a {
            Arg::Int(v) => query.bind(v),
            Arg::Text(v) => query.bind(v),
        };
    }
    query
}

/// One page of an entity type's items, newest first; `limit + 1` rows tell whether more follow.
pub async fn list(conn: &mut Conn, entity: EntityType, q: &ListQuery) -> sqlx::Result<Vec<ListRow>> {
    let mut n = 1;
    let (conditions, args) = list_conditions(q, &mut n);
    n += 1;
    let sql = format!(
        "SELECT i.id, i.title, i.stage_id, u.name, v.value, i.updated_at, i.repeat_lead, i.version
         FROM items i
         LEFT JOIN users u ON u.id = i.responsible_id
         LEFT JOIN field_values v ON v.item_id = i.id AND v.field_code = 'amount'
         WHERE i.entity_type = $1 AND i.deleted_at IS NULL{conditions} ORDER BY i.id DESC LIMIT ${n}"
    );
    bind_all(sqlx::query(&sql).bind(entity.slug()), args)
        .bind(q.limit as i64 + 1)
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| {
            Ok(ListRow {
                id: r.try_get(0)?,
                title: r.try_get(1)?,
                stage_id: r.try_get(2)?,
                responsible: r.try_get(3)?,
                amount: r.try_get::<Option<String>, _>(4)?.map(|s| decode_value(&s)).transpose()?,
                repeat_lead: r.try_get::<i64, _>(6)? != 0,
                updated_at: r.try_get(5)?,
                version: r.try_get(7)?,
            })
        })
        .collect()
}

/// What changes whenever an item a list query names (its keyset left aside: every page) is
/// created, written, moved in or out or deleted, or the configuration (a stage renamed): an
/// open board or list polls it and reloads when it differs. A hash, so it tells nothing of the
/// items themselves.
pub async fn list_token(conn: &mut Conn, entity: EntityType, q: &ListQuery) -> sqlx::Result<String> {
    let q = ListQuery { before_id: None, ..q.clone() };
    let mut n = 1;
    let (conditions, args) = list_conditions(&q, &mut n);
    let sql = format!(
        "SELECT COUNT(*), COALESCE(MAX(i.updated_at), 0), CAST(COALESCE(SUM(i.version), 0) AS BIGINT),
                (SELECT revision FROM config_revision)
         FROM items i WHERE i.entity_type = $1 AND i.deleted_at IS NULL{conditions}"
    );
    let r = bind_all(sqlx::query(&sql).bind(entity.slug()), args).fetch_one(conn).await?;
    let parts: (i64, i64, i64, i64) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?);
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut h);
    Ok(format!("{:016x}", h.finish()))
}

/// How many items of a stage a board shows, and their amounts summed per currency (minor units).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageTotal {
    pub count: i64,
    pub sums: std::collections::BTreeMap<String, i64>,
}

/// Per stage, the items a list query names (its stage and keyset left aside) and their amounts
/// summed per currency: one statement however many stages, grouped in the database (the amount
/// is a JSON value: read with each database's JSON functions), so a board of 10,000 items sends
/// back a row per stage and currency, not per item.
pub async fn stage_totals(
    conn: &mut Conn,
    entity: EntityType,
    q: &ListQuery,
) -> sqlx::Result<std::collections::BTreeMap<i64, StageTotal>> {
    let q = ListQuery { stage_id: None, before_id: None, ..q.clone() };
    let mut n = 1;
    let (conditions, args) = list_conditions(&q, &mut n);
    let (currency, minor) = if super::batch::is_postgres(conn) {
        ("(v.value::jsonb -> 'v' ->> 'currency')", "SUM((v.value::jsonb -> 'v' ->> 'minor')::bigint)::bigint")
    } else {
        ("json_extract(v.value, '$.v.currency')", "SUM(json_extract(v.value, '$.v.minor'))")
    };
    let sql = format!(
        "SELECT i.stage_id, {currency}, COUNT(*), {minor} FROM items i
         LEFT JOIN field_values v ON v.item_id = i.id AND v.field_code = 'amount' AND v.value LIKE '{{\"t\":\"money\"%'
         WHERE i.entity_type = $1 AND i.deleted_at IS NULL AND i.stage_id IS NOT NULL{conditions}
         GROUP BY i.stage_id, {currency}"
    );
    let mut out: std::collections::BTreeMap<i64, StageTotal> = Default::default();
    for r in bind_all(sqlx::query(&sql).bind(entity.slug()), args).fetch_all(conn).await? {
        let total = out.entry(r.try_get(0)?).or_default();
        total.count += r.try_get::<i64, _>(2)?;
        if let (Some(currency), Some(sum)) = (r.try_get::<Option<String>, _>(1)?, r.try_get::<Option<i64>, _>(3)?) {
            let entry = total.sums.entry(currency).or_default();
            *entry = entry.saturating_add(sum);
        }
    }
    Ok(out)
}

/// Items of an entity type whose title or values contain `q`, for a CRM-item picker.
pub async fn search_titles(
    conn: &mut Conn,
    entity: EntityType,
    q: &str,
    limit: usize,
    reach: Reach,
) -> sqlx::Result<Vec<(i64, String)>> {
    let mut n = 3;
    let (reach_sql, reach_binds) = reach.sql(&mut n);
    let sql = format!(
        "SELECT i.id, i.title FROM items i
         WHERE i.entity_type = $1 AND i.deleted_at IS NULL AND i.search_text LIKE $2 ESCAPE '\\' AND {SEARCH_CURRENT}{reach_sql}
         ORDER BY i.title, i.id LIMIT $3"
    );
    let mut query = sqlx::query(&sql).bind(entity.slug()).bind(like_pattern(q)).bind(limit as i64);
    for v in reach_binds {
        query = query.bind(v);
    }
    query.fetch_all(conn).await?.into_iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
}

/// Titles of the given items (any entity type): `(id, entity, title)`.
/// An item another one points to: its title and whom it belongs to, for the reader's scope.
pub struct TitleRow {
    pub id: i64,
    pub entity: EntityType,
    pub title: String,
    pub owner: crate::domain::access::Owner,
    /// In the recycle bin: shown as "deleted item", and not to be linked anew.
    pub deleted: bool,
}

/// Titles and owners of the items with these ids, in one query.
pub async fn titles(conn: &mut Conn, ids: &[i64]) -> sqlx::Result<Vec<TitleRow>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let sql = format!(
        "SELECT i.id, i.entity_type, i.title, i.responsible_id, u.department_id, i.deleted_at, i.pipeline_id
         FROM items i LEFT JOIN users u ON u.id = i.responsible_id WHERE i.id IN ({})",
        placeholders(0, ids.len())
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    q.fetch_all(conn)
        .await?
        .into_iter()
        .map(|r| {
            let e: String = r.try_get(1)?;
            Ok(TitleRow {
                id: r.try_get(0)?,
                entity: e.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                title: r.try_get(2)?,
                owner: crate::domain::access::Owner {
                    responsible_id: r.try_get(3)?,
                    department_id: r.try_get(4)?,
                    pipeline_id: r.try_get(6)?,
                },
                deleted: r.try_get::<Option<i64>, _>(5)?.is_some(),
            })
        })
        .collect()
}

pub struct LinkRow {
    pub field_code: String,
    /// The field belongs to the item that refers (outgoing: this item; incoming: the other).
    pub outgoing: bool,
    pub id: i64,
    pub entity: EntityType,
    pub title: String,
    /// Who the other item belongs to, for the reader's scope.
    pub owner: crate::domain::access::Owner,
}

/// Items this one refers to, and items referring to it (newest first, at most `limit` of those).
pub async fn links(conn: &mut Conn, item_id: i64, limit: usize) -> sqlx::Result<Vec<LinkRow>> {
    let decode = |r: sqlx::any::AnyRow, outgoing: bool| -> sqlx::Result<LinkRow> {
        let e: String = r.try_get(2)?;
        Ok(LinkRow {
            field_code: r.try_get(0)?,
            outgoing,
            id: r.try_get(1)?,
            entity: e.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
            title: r.try_get(3)?,
            owner: crate::domain::access::Owner {
                responsible_id: r.try_get(4)?,
                department_id: r.try_get(5)?,
                pipeline_id: r.try_get(6)?,
            },
        })
    };
    let mut out = Vec::new();
    for r in sqlx::query(
        "SELECT l.field_code, i.id, i.entity_type, i.title, i.responsible_id, u.department_id, i.pipeline_id
         FROM item_links l JOIN items i ON i.id = l.to_item LEFT JOIN users u ON u.id = i.responsible_id
         WHERE l.from_item = $1 AND i.deleted_at IS NULL ORDER BY l.field_code, i.id",
    )
    .bind(item_id)
    .fetch_all(&mut *conn)
    .await?
    {
        out.push(decode(r, true)?);
    }
    for r in sqlx::query(
        "SELECT l.field_code, i.id, i.entity_type, i.title, i.responsible_id, u.department_id, i.pipeline_id
         FROM item_links l JOIN items i ON i.id = l.from_item LEFT JOIN users u ON u.id = i.responsible_id
         WHERE l.to_item = $1 AND i.deleted_at IS NULL ORDER BY i.id DESC LIMIT $2",
    )
    .bind(item_id)
    .bind(limit as i64)
    .fetch_all(&mut *conn)
    .await?
    {
        out.push(decode(r, false)?);
    }
    Ok(out)
}

pub struct ChangeRow {
    pub id: i64,
    pub field_code: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
    pub author: Option<String>,
    pub at: i64,
}

/// The field-change log of an item, newest first, keyset by change id.
pub async fn history(
    conn: &mut Conn,
    item_id: i64,
    before_id: Option<i64>,
    limit: usize,
) -> sqlx::Result<Vec<ChangeRow>> {
    sqlx::query(
        "SELECT c.id, c.field_code, c.old_value, c.new_value, u.name, c.at
         FROM field_changes c LEFT JOIN users u ON u.id = c.user_id
         WHERE c.item_id = $1 AND c.id < $2 ORDER BY c.id DESC LIMIT $3",
    )
    .bind(item_id)
    .bind(before_id.unwrap_or(i64::MAX))
    .bind(limit as i64 + 1)
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| {
        Ok(ChangeRow {
            id: r.try_get(0)?,
            field_code: r.try_get(1)?,
            old: r.try_get::<Option<String>, _>(2)?.map(|s| decode_value(&s)).transpose()?,
            new: r.try_get::<Option<String>, _>(3)?.map(|s| decode_value(&s)).transpose()?,
            author: r.try_get(4)?,
            at: r.try_get(5)?,
        })
    })
    .collect()
}
