//! The server side of `make bench` (bench/run.sh drives it; docs/PERFORMANCE.md explains the
//! figures). One binary, four modes, all on the database `DATABASE_URL` names:
//!
//!     bench seed                 demo data plus the bench items (prints their ids as KEY=VALUE)
//!     bench serve <addr>         the real router plus the baseline handlers, for wrk (P1, P4, P11)
//!     bench queries              SQL statements per card and board load, rows written per write
//!                                (P3, P4, P12)
//!     bench timeline             page 1 vs page 1000 of the 1M-event timeline, keyset and OFFSET (P5)
//!
//! The baseline handlers do what the card route and the save function do with no framework
//! around them: the same session lookup and the same service calls (so the same queries), then
//! the visible text written with `write!` (P1), or one plain UPDATE (P4).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench tool: a failed step should stop it there

use axum::body::Body;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use crm_card::domain::timeline::{Cursor, EventBody, EventPayload};
use crm_card::domain::value::display;
use crm_card::domain::EntityType;
use crm_card::server::{auth, config::Config, demo, http::router, service, state::AppState, store};
use crm_card::text;
use http::{Request, StatusCode};
use leptos::prelude::LeptosOptions;
use serde_json::{json, Value as Json};
use sqlx::Row;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tower::ServiceExt;

/// Titles by which the modes find the bench items again.
const SMALL: &str = "Bench card: 40 fields, 50 events";
const BIG: &str = "Bench card: 200 fields, 100k events";
const TIMELINE: &str = "Bench timeline: 1M events";
const SMART: &str = "Bench smart process card: 40 fields, 50 events";
/// The smart process the bench makes (stages, a client), the same size as the bench deal.
const SMART_TYPE: &str = "bench-delivery";
/// The pipeline of the P12 board: 8 stages, `BOARD_ITEMS` deals.
const BOARD: &str = "Bench board";
const BOARD_ITEMS: i64 = 10_000;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL names the bench database");
    match args.first().map(String::as_str) {
        Some("seed") => seed(&url).await,
        Some("serve") => serve(&url, args.get(1).expect("an address to listen on")).await,
        Some("queries") => queries(&url).await,
        Some("timeline") => timeline(&url).await,
        _ => eprintln!("usage: bench seed | serve <addr> | queries | timeline"),
    }
}

async fn state(url: &str) -> AppState {
    let store = store::Store::connect(url).await.expect("the bench database");
    demo::prepare(&store, true, crm_card::i18n::Lang::En, store::now_ms()).await.expect("demo data");
    let leptos_options = LeptosOptions::builder()
        .output_name("crm-card")
        .site_root(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
        .build();
    AppState { leptos_options, store, config: Arc::new(Config { public_hosts: "bench".into(), ..Config::default() }) }
}

/// Calls server functions of a router in this process, as one signed-in user.
struct Client {
    router: Router,
    cookie: String,
}

impl Client {
    async fn sign_in(router: &Router, email: &str, password: &str) -> Client {
        let req = Request::post("/api/login")
            .header("host", "bench")
            .header("origin", "http://bench")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!("email={}&password={password}", email.replace('@', "%40"))))
            .unwrap();
        let res = router.clone().oneshot(req).await.unwrap();
        let cookie = res.headers().get("set-cookie").and_then(|v| v.to_str().ok()).expect("signed in");
        Client { router: router.clone(), cookie: cookie.split(';').next().unwrap().to_string() }
    }

    async fn send(&self, req: http::request::Builder, body: String) -> (StatusCode, String) {
        let req = req.header("host", "bench").header("origin", "http://bench").header("cookie", &self.cookie);
        let res = self.router.clone().oneshot(req.body(Body::from(body)).unwrap()).await.unwrap();
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    async fn call(&self, name: &str, body: Json) -> Json {
        let req = Request::post(format!("/api/{name}")).header("content-type", "application/json");
        let (status, text) = self.send(req, body.to_string()).await;
        assert_eq!(status, StatusCode::OK, "{name}: {text}");
        serde_json::from_str(&text).unwrap()
    }

    async fn page(&self, path: &str) -> (StatusCode, String) {
        self.send(Request::get(path), String::new()).await
    }
}

/// The id of the bench item with this title.
async fn find(state: &AppState, title: &str) -> i64 {
    let mut conn = state.store.pool.acquire().await.unwrap();
    sqlx::query("SELECT id FROM items WHERE title = $1").bind(title).fetch_one(&mut *conn).await.unwrap().get(0)
}

/// Demo data, then: a deal card of 40 fields in 6 sections with 50 events, a company card of
/// 200 fields in 10 sections with 100,000 events, and a contact with 1,000,000 events.
async fn seed(url: &str) {
    let state = state(url).await;
    let started = Instant::now();
    let app = router(state.clone());
    let admin = Client::sign_in(&app, "admin@example.com", "admin").await;
    let small = bench_card(&admin, "deal", SMALL, 40, 6).await;
    let smart = smart_process_card(&admin).await;
    let big = bench_card(&admin, "company", BIG, 200, 10).await;
    let made = admin
        .call(
            "create_item",
            json!({"entity": "contact", "pipeline_id": null, "values": {"first_name": {"t": "text", "v": TIMELINE}}}),
        )
        .await;
    let long = made.as_i64().unwrap();
    {
        let mut conn = state.store.pool.acquire().await.unwrap();
        sqlx::query("UPDATE items SET title = $1 WHERE id = $2")
            .bind(TIMELINE)
            .bind(long)
            .execute(&mut *conn)
            .await
            .unwrap();
    }
    let (board, board_stage) = board_pipeline(&state, &admin).await;
    add_events(&state, small, 50).await;
    add_events(&state, smart, 50).await;
    add_events(&state, big, 100_000).await;
    add_events(&state, long, 1_000_000).await;
    let mut conn = state.store.pool.acquire().await.unwrap();
    let _ = sqlx::query("ANALYZE").execute(&mut *conn).await;
    let small_demo: i64 =
        sqlx::query("SELECT MIN(id) FROM items WHERE entity_type = 'lead'").fetch_one(&mut *conn).await.unwrap().get(0);
    drop(conn);
    let editor = admin.call("layout_editor", json!({"entity": "deal", "view": {"kind": "common"}})).await;
    let section = |n: usize| editor["layout"]["sections"][n]["id"].as_str().unwrap().to_string();
    eprintln!("bench data ready in {:.1} s", started.elapsed().as_secs_f64());
    println!("SMALL_DEAL={small}\nBIG_COMPANY={big}\nTIMELINE_CONTACT={long}\nDEMO_LEAD={small_demo}");
    println!("SMART_TYPE={SMART_TYPE}\nSMART_ITEM={smart}");
    println!("SECTION_A={}\nSECTION_B={}", section(0), section(1));
    println!("BOARD_PIPELINE={board}\nBOARD_STAGE={board_stage}");
}

/// P12: a pipeline of deals with 8 stages (6 in progress, won, lost) holding `BOARD_ITEMS`
/// deals spread over the stages, each with an amount, written by the database itself. Answers
/// the pipeline and its first stage.
async fn board_pipeline(state: &AppState, admin: &Client) -> (i64, i64) {
    let made =
        admin.call("edit_pipelines", json!({"entity": "deal", "edit": {"op": "create_pipeline", "name": BOARD}})).await;
    let pipeline =
        made["pipelines"].as_array().unwrap().iter().find(|p| p["name"] == BOARD).unwrap()["id"].as_i64().unwrap();
    for name in ["Qualified", "Offer", "Negotiation", "Contract"] {
        let add = json!({"op": "add_stage", "pipeline": pipeline, "name": name, "color": "#47e4c2", "semantics": "in_progress"});
        admin.call("edit_pipelines", json!({"entity": "deal", "edit": add})).await;
    }
    let mut conn = state.store.pool.acquire().await.unwrap();
    let stages: Vec<i64> = sqlx::query("SELECT id FROM stages WHERE pipeline_id = $1 ORDER BY sort")
        .bind(pipeline)
        .fetch_all(&mut *conn)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(stages.len(), 8, "the bench board has 8 stages");
    let now = store::now_ms();
    // Stage n of 8 gets the items whose number leaves n after division by 8.
    let stage_of = stages.iter().enumerate().map(|(n, id)| format!("WHEN {n} THEN {id}")).collect::<Vec<_>>().join(" ");
    sqlx::query(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
         INSERT INTO items (entity_type, pipeline_id, stage_id, title, responsible_id, version, created_by, created_at,
                            updated_at, search_text, repeat_lead, search_gen)
         SELECT 'deal', $2, CASE i % 8 {stage_of} END, 'Board deal ' || CAST(i AS TEXT),
                (SELECT id FROM users WHERE email = 'anna@example.com'), 1, NULL, $3, $3,
                'board deal ' || CAST(i AS TEXT), 0, (SELECT search_gen FROM entity_types WHERE code = 'deal')
         FROM n"
    ))
    .bind(BOARD_ITEMS)
    .bind(pipeline)
    .bind(now)
    .execute(&mut *conn)
    .await
    .expect("board deals");
    // Each has its title as a value too (the card and the write decision read it there).
    sqlx::query(
        "INSERT INTO field_values (item_id, field_code, value)
         SELECT id, 'title', '{\"t\":\"text\",\"v\":\"' || title || '\"}' FROM items WHERE pipeline_id = $1",
    )
    .bind(pipeline)
    .execute(&mut *conn)
    .await
    .expect("board titles");
    sqlx::query(
        "INSERT INTO field_values (item_id, field_code, value)
         SELECT id, 'amount', '{\"t\":\"money\",\"v\":{\"minor\":' || CAST(id % 100000 AS TEXT) || ',\"currency\":\"USD\"}}'
         FROM items WHERE pipeline_id = $1",
    )
    .bind(pipeline)
    .execute(&mut *conn)
    .await
    .expect("board amounts");
    (pipeline, stages[0])
}

/// A smart process with stages and a client, staff (the Employee role) given every right on it,
/// and a card of it as large as the bench deal's: 40 fields in 6 sections.
async fn smart_process_card(admin: &Client) -> i64 {
    let spec = json!({"name": "Bench delivery", "plural": "Bench deliveries", "code": SMART_TYPE, "stages": true,
        "several_pipelines": false, "client_contact": true, "client_company": true, "links": [], "in_menu": true});
    admin.call("create_type", json!({ "spec": spec })).await;
    let access = admin.call("access_settings", json!({})).await;
    let employee = access["roles"].as_array().unwrap().iter().find(|r| r["name"] == "Employee").unwrap().clone();
    let mut rights = employee["rights"].clone();
    let all = json!({"read": "all", "create": "all", "update": "all", "delete": "all", "export": "all"});
    rights["entities"][SMART_TYPE] = all;
    admin.call("save_role", json!({"id": employee["id"], "name": "Employee", "rights": rights})).await;
    bench_card(admin, SMART_TYPE, SMART, 40, 6).await
}

/// Makes `entity` have `fields` fields in `sections` sections (custom string fields added to
/// the built-in ones), and an item with a value in every one of them.
async fn bench_card(admin: &Client, entity: &str, title: &str, fields: usize, sections: usize) -> i64 {
    let editor = admin.call("layout_editor", json!({"entity": entity, "view": {"kind": "common"}})).await;
    let builtin = editor["fields"].as_array().unwrap().len();
    let mut codes = Vec::new();
    for n in builtin..fields {
        let spec =
            json!({"label": format!("Bench field {n}"), "field_type": "string", "multiple": false, "settings": {}});
        let def = admin.call("create_field", json!({"entity": entity, "spec": spec})).await;
        codes.push(def["code"].as_str().unwrap().to_string());
    }
    let editor = admin.call("layout_editor", json!({"entity": entity, "view": {"kind": "common"}})).await;
    let mut ids: Vec<String> = editor["layout"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    let mut ops = Vec::new();
    while ids.len() < sections {
        let id = format!("bench{}", ids.len());
        ops.push(json!({"op": "create_section", "id": id, "title": format!("Bench section {}", ids.len()), "after": ids.last()}));
        ids.push(id);
    }
    for (n, code) in codes.iter().enumerate() {
        ops.push(json!({"op": "show_field", "code": code, "section": ids[n % ids.len()], "after": null}));
    }
    let body = json!({"entity": entity, "view": {"kind": "common"}, "version": editor["version"], "ops": ops});
    admin.call("save_layout", body).await;
    let title_field = entity.parse::<crm_card::domain::EntityType>().unwrap().title_fields()[0];
    let made = admin
        .call(
            "create_item",
            json!({"entity": entity, "pipeline_id": null, "values": {title_field: {"t": "text", "v": title}}}),
        )
        .await;
    let id = made.as_i64().unwrap();
    let card = admin.call("card", json!({"entity": entity, "id": id})).await;
    let changes: serde_json::Map<String, Json> = codes
        .iter()
        .enumerate()
        .map(|(n, c)| (c.clone(), json!({"t": "text", "v": format!("Value {n} of {title}")})))
        .collect();
    admin
        .call(
            "save_fields",
            json!({"entity": entity, "id": id, "version": card["header"]["version"], "changes": changes}),
        )
        .await;
    id
}

/// `n` comments on an item, written by the database itself (one statement).
async fn add_events(state: &AppState, item: i64, n: i64) {
    let sample = serde_json::to_string(&EventPayload::Comment { text: "@@".into() }).unwrap();
    let (head, tail) = sample.split_once("@@").unwrap();
    let mut conn = state.store.pool.acquire().await.unwrap();
    let start = store::now_ms() - n * 60_000;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
         INSERT INTO timeline_events (item_id, kind, at, user_id, payload)
         SELECT $1, 'comment', $3 + CAST(i AS BIGINT) * 60000, NULL, $4 || 'Bench event ' || CAST(i AS TEXT) || $5 FROM n",
    )
    .bind(item)
    .bind(n)
    .bind(start)
    .bind(head)
    .bind(tail)
    .execute(&mut *conn)
    .await
    .expect("bench events");
}

/// The real application plus the baselines, pinned by the caller (`taskset`) to one core.
async fn serve(url: &str, addr: &str) {
    let state = state(url).await;
    // wrk names the address as its host; P11's flood from many addresses says them in
    // X-Forwarded-For, as a proxy in front would.
    let config = Config { public_hosts: format!("bench,{addr}"), trust_forwarded_for: true, ..Config::default() };
    let state = AppState { config: Arc::new(config), ..state };
    let app = router(state.clone()).merge(
        Router::new()
            .route("/baseline/crm/{entity}/{id}", get(baseline_card))
            .route("/baseline/save", post(baseline_save))
            .with_state(state),
    );
    let listener = tokio::net::TcpListener::bind(addr).await.expect("the bench address");
    eprintln!("bench server on {addr}");
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>()).await.unwrap();
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The frame's visible text around a page: product, entity types, the user, sign out.
fn frame_open(html: &mut String, title: &str, user: &str) {
    let _ = write!(
        html,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><header><a href=\"/crm/deal\">{}</a><nav>",
        text::product()
    );
    for t in crm_card::domain::registry::system_types() {
        let _ = write!(html, "<a href=\"/crm/{}\">{}</a>", t.entity, escape(&t.plural));
    }
    let _ = write!(html, "</nav><span>{}</span><button>{}</button></header><main>", escape(user), text::sign_out());
}

/// P1 baseline: the card's data as the card route loads it, its visible text written by hand.
/// An unknown item gets the frame and the error message, as the app's page does ("frame only").
async fn baseline_card(
    State(state): State<AppState>,
    Path((entity, id)): Path<(String, i64)>,
    headers: http::HeaderMap,
) -> Response {
    let Ok(Some(user)) = auth::user_from_headers(&state, &headers).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let mut html = String::with_capacity(32 * 1024);
    let card = match service::card(&state.store, &user, &entity, id).await {
        Ok(card) => card,
        Err(_) => {
            frame_open(&mut html, text::product(), &user.name);
            let _ = write!(
                html,
                "<h1>{}</h1><p>{}</p><p><a href=\"/crm/deal\">{}</a></p></main></body></html>",
                text::err_page_not_found(),
                text::err_not_found(),
                text::system_type_names(EntityType::DEAL).map_or("", |n| n.1)
            );
            return (StatusCode::NOT_FOUND, Html(html)).into_response();
        }
    };
    let title = escape(&card.header.title);
    frame_open(&mut html, &title, &user.name);
    let _ = write!(html, "<h1>{title}</h1>");
    if let Some(p) = &card.pipeline {
        html.push_str("<ol class=\"stages\">");
        for s in &p.stages {
            let _ = write!(html, "<li>{}</li>", escape(&s.name));
        }
        html.push_str("</ol>");
    }
    for section in &card.layout.sections {
        let _ = write!(html, "<section><h2>{}</h2><dl>", escape(&section.title));
        for code in &section.fields {
            if let Some(def) = card.fields.iter().find(|f| &f.code == code) {
                let value = card.values.get(code).map(|v| display(def, v, &card.names)).unwrap_or_default();
                let _ = write!(html, "<dt>{}</dt><dd>{}</dd>", escape(&def.label), escape(&value));
            }
        }
        html.push_str("</dl></section>");
    }
    html.push_str("<ol class=\"timeline\">");
    for e in &card.timeline.events {
        let text = match &e.body {
            EventBody::Created { title } => title.clone(),
            EventBody::Comment { text } => text.clone(),
            EventBody::StageChanged { to, .. } => to.name.clone(),
            EventBody::FieldChanged { changes } => {
                changes.iter().map(|c| format!("{}: {} → {}", c.label, c.old, c.new)).collect::<Vec<_>>().join("; ")
            }
        };
        let _ = write!(
            html,
            "<li><b>{}</b> <time>{}</time> {}</li>",
            escape(e.author.as_deref().unwrap_or("")),
            e.at,
            escape(&text)
        );
    }
    html.push_str("</ol></main></body></html>");
    Html(html).into_response()
}

/// P4 baseline: the same field of the same item set by one plain UPDATE, after the same
/// session lookup.
async fn baseline_save(State(state): State<AppState>, headers: http::HeaderMap, body: String) -> Response {
    let Ok(Some(_user)) = auth::user_from_headers(&state, &headers).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let Ok(input) = serde_json::from_str::<Json>(&body) else { return StatusCode::BAD_REQUEST.into_response() };
    let (Some(id), Some(value)) = (input["id"].as_i64(), input["value"].as_str()) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let Ok(mut conn) = state.store.pool.acquire().await else { return StatusCode::SERVICE_UNAVAILABLE.into_response() };
    let stored = serde_json::to_string(&crm_card::domain::Value::Text(value.to_string())).unwrap_or_default();
    match sqlx::query("UPDATE field_values SET value = $1 WHERE item_id = $2 AND field_code = 'comment'")
        .bind(stored)
        .bind(id)
        .execute(&mut *conn)
        .await
    {
        Ok(r) => axum::Json(json!({"rows": r.rows_affected()})).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// SQL statements sqlx ran, and rows they changed, counted from its `sqlx::query` log events.
static STATEMENTS: AtomicU64 = AtomicU64::new(0);
static ROWS_AFFECTED: AtomicU64 = AtomicU64::new(0);
static WRITES_UNCOUNTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// "n rows written", or why the count is unknown.
fn rows_written(rows: u64) -> String {
    if WRITES_UNCOUNTED.swap(false, Ordering::SeqCst) {
        "rows written not counted (PostgreSQL reports a WITH statement's last clause only; SQLite counts the same writes)".into()
    } else {
        format!("{rows} rows written")
    }
}

struct CountStatements;

/// The statement and the rows it changed, from one log event.
#[derive(Default)]
struct Statement {
    sql: String,
    rows_affected: u64,
    rows_returned: u64,
}

impl tracing::field::Visit for Statement {
    fn record_u64(&mut self, field: &tracing::field::Field, value: u64) {
        match field.name() {
            "rows_affected" => self.rows_affected = value,
            "rows_returned" => self.rows_returned = value,
            _ => {}
        }
    }
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        // sqlx sends a summary, and the whole statement only when the summary shortened it.
        let text = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if (field.name() == "db.statement" || field.name() == "summary") && !text.is_empty() {
            self.sql = text;
        }
    }
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.record_str(field, format!("{value:?}").trim_matches('"'));
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for CountStatements {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            let mut statement = Statement::default();
            event.record(&mut statement);
            STATEMENTS.fetch_add(1, Ordering::SeqCst);
            // PostgreSQL reports a SELECT's rows as affected too: count only writes. A write
            // with RETURNING may report its rows as returned only (SQLite).
            let verb = statement.sql.trim_start().get(..6).unwrap_or_default().to_ascii_uppercase();
            if matches!(verb.as_str(), "INSERT" | "UPDATE" | "DELETE") {
                ROWS_AFFECTED.fetch_add(statement.rows_affected.max(statement.rows_returned), Ordering::SeqCst);
            } else if verb.starts_with("WITH") {
                // A batch of writes on PostgreSQL: it reports the rows of its last clause only.
                WRITES_UNCOUNTED.store(true, Ordering::SeqCst);
            }
            if std::env::var_os("BENCH_SQL").is_some() {
                eprintln!("    sql: {}", statement.sql.chars().take(160).collect::<String>());
            }
        }
    }
}

/// Statements run and rows changed while `work` runs.
async fn counted<T>(work: impl std::future::Future<Output = T>) -> (T, u64, u64) {
    let (s0, r0) = (STATEMENTS.load(Ordering::SeqCst), ROWS_AFFECTED.load(Ordering::SeqCst));
    let out = work.await;
    (out, STATEMENTS.load(Ordering::SeqCst) - s0, ROWS_AFFECTED.load(Ordering::SeqCst) - r0)
}

/// P3 and the rows half of P4.
async fn queries(url: &str) {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::Layer;
    let filter = tracing_subscriber::filter::Targets::new().with_target("sqlx::query", tracing::Level::TRACE);
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(CountStatements.with_filter(filter)))
        .expect("one subscriber");
    let state = state(url).await;
    let app = router(state.clone());
    let anna = Client::sign_in(&app, "anna@example.com", "demo").await;
    let admin = Client::sign_in(&app, "admin@example.com", "admin").await;
    let small = find(&state, SMALL).await;
    let big = find(&state, BIG).await;
    let smart = find(&state, SMART).await;
    let mut conn = state.store.pool.acquire().await.unwrap();
    let lead: i64 =
        sqlx::query("SELECT MIN(id) FROM items WHERE entity_type = 'lead'").fetch_one(&mut *conn).await.unwrap().get(0);
    let count = |id: i64| {
        let state = state.clone();
        async move {
            let mut conn = state.store.pool.acquire().await.unwrap();
            let fields: i64 = sqlx::query("SELECT COUNT(*) FROM field_values WHERE item_id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await
                .unwrap()
                .get(0);
            let events: i64 = sqlx::query("SELECT COUNT(*) FROM timeline_events WHERE item_id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await
                .unwrap()
                .get(0);
            (fields, events)
        }
    };
    drop(conn);
    println!("P3 SQL statements per card load (counted from sqlx's statement log)");
    // The first page of an entity type loads the configuration the process keeps in memory
    // (`store::config`); every later one, until the configuration changes, reads only the card.
    println!(
        "{:<26} {:>7} {:>8} {:>17} {:>11} {:>13}",
        "card", "values", "events", "first page (GET)", "page (GET)", "card() call"
    );
    for (name, entity, id, who) in [
        ("demo lead", "lead", lead, &anna),
        ("40 fields, 50 events", "deal", small, &anna),
        ("smart process, 40 f, 50 ev", SMART_TYPE, smart, &anna),
        ("200 fields, 100k events", "company", big, &anna),
    ] {
        let (fields, events) = count(id).await;
        let path = format!("/crm/{entity}/{id}");
        let ((status, _), first, _) = counted(who.page(&path)).await;
        assert_eq!(status, StatusCode::OK);
        let ((status, _), page, _) = counted(who.page(&path)).await;
        assert_eq!(status, StatusCode::OK);
        let (_, call, _) = counted(who.call("card", json!({"entity": entity, "id": id}))).await;
        println!("{name:<26} {fields:>7} {events:>8} {first:>17} {page:>11} {call:>13}");
    }
    // P12: statements per board load, a pipeline of the demo's few deals against one of 10,000.
    let board_id: i64 = {
        let mut conn = state.store.pool.acquire().await.unwrap();
        sqlx::query("SELECT id FROM pipelines WHERE name = $1").bind(BOARD).fetch_one(&mut *conn).await.unwrap().get(0)
    };
    let demo_board = anna.call("board", json!({"entity": "deal", "pipeline": null, "search": null})).await;
    let demo_items: i64 = demo_board["columns"].as_array().unwrap().iter().map(|c| c["count"].as_i64().unwrap()).sum();
    println!("P12 SQL statements per board load (8 stages on the bench board)");
    println!("{:<26} {:>7} {:>17} {:>11} {:>13}", "board", "items", "first page (GET)", "page (GET)", "board() call");
    for (name, pipeline, items) in
        [("demo Sales pipeline", None, demo_items), ("bench board", Some(board_id), BOARD_ITEMS)]
    {
        let path = match pipeline {
            Some(id) => format!("/crm/deal/kanban?pipeline={id}"),
            None => "/crm/deal/kanban".to_string(),
        };
        let ((status, _), first, _) = counted(anna.page(&path)).await;
        assert_eq!(status, StatusCode::OK);
        let ((status, _), page, _) = counted(anna.page(&path)).await;
        assert_eq!(status, StatusCode::OK);
        let (_, call, _) =
            counted(anna.call("board", json!({"entity": "deal", "pipeline": pipeline, "search": null}))).await;
        println!("{name:<26} {items:>7} {first:>17} {page:>11} {call:>13}");
    }
    // P4 rows: one field saved, one layout operation applied.
    let card = anna.call("card", json!({"entity": "deal", "id": small})).await;
    let save = json!({"entity": "deal", "id": small, "version": card["header"]["version"], "changes": {"comment": {"t": "text", "v": format!("counted at {}", std::process::id())}}});
    let (_, statements, rows) = counted(anna.call("save_fields", save)).await;
    println!("P4 save one field: {statements} statements, {}", rows_written(rows));
    let editor = admin.call("layout_editor", json!({"entity": "deal", "view": {"kind": "common"}})).await;
    let section = editor["layout"]["sections"][0]["id"].clone();
    let op = json!({"entity": "deal", "view": {"kind": "common"}, "version": editor["version"], "ops": [{"op": "move_field", "code": "comment", "section": section, "after": null}]});
    let (_, statements, rows) = counted(admin.call("save_layout", op)).await;
    println!("P4 one layout operation: {statements} statements, {}", rows_written(rows));
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// P5: page 1 and page 1000 (20 events a page) of a 1M-event timeline, by keyset (the app's
/// query) and by OFFSET, interleaved; and the plan the keyset query gets.
async fn timeline(url: &str) {
    let state = state(url).await;
    let item = find(&state, TIMELINE).await;
    let mut conn = state.store.pool.acquire().await.unwrap();
    let total: i64 = sqlx::query("SELECT COUNT(*) FROM timeline_events WHERE item_id = $1")
        .bind(item)
        .fetch_one(&mut *conn)
        .await
        .unwrap()
        .get(0);
    let row = sqlx::query(
        "SELECT at, id FROM timeline_events WHERE item_id = $1 ORDER BY at DESC, id DESC LIMIT 1 OFFSET 19979",
    )
    .bind(item)
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    let cursor = Cursor { at: row.get(0), id: row.get(1) };
    const OFFSET_SQL: &str =
        "SELECT e.id, e.at, u.name, e.payload FROM timeline_events e LEFT JOIN users u ON u.id = e.user_id
         WHERE e.item_id = $1 ORDER BY e.at DESC, e.id DESC LIMIT 21 OFFSET $2";
    let runs = 200;
    let mut times: [Vec<f64>; 4] = Default::default();
    for _ in 0..runs {
        for (k, t) in times.iter_mut().enumerate() {
            let started = Instant::now();
            let n = match k {
                0 => store::timeline::page(&mut conn, item, None, 20).await.unwrap().len(),
                1 => store::timeline::page(&mut conn, item, Some(cursor), 20).await.unwrap().len(),
                _ => {
                    let offset: i64 = if k == 2 { 0 } else { 19_980 };
                    sqlx::query(OFFSET_SQL).bind(item).bind(offset).fetch_all(&mut *conn).await.unwrap().len()
                }
            };
            t.push(started.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(n, 21, "a full page and one more");
        }
    }
    println!("P5 timeline of {total} events, 20 a page, {runs} interleaved runs each (ms)");
    println!(
        "{:<10} {:>9} {:>9} {:>9} {:>9} {:>12}",
        "query", "p1 p50", "p1 p99", "p1000 p50", "p1000 p99", "p99 ratio"
    );
    for (name, a, b) in [("keyset", 0, 1), ("OFFSET", 2, 3)] {
        let (mut x, mut y) = (times[a].clone(), times[b].clone());
        x.sort_by(f64::total_cmp);
        y.sort_by(f64::total_cmp);
        let (x99, y99) = (percentile(&x, 0.99), percentile(&y, 0.99));
        println!(
            "{name:<10} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>11.2}x",
            percentile(&x, 0.5),
            x99,
            percentile(&y, 0.5),
            y99,
            y99 / x99
        );
    }
    let keyset = "SELECT e.id, e.at, u.name, e.payload FROM timeline_events e LEFT JOIN users u ON u.id = e.user_id
         WHERE e.item_id = $1 AND e.at <= $2 AND (e.at < $2 OR (e.at = $2 AND e.id < $3))
         ORDER BY e.at DESC, e.id DESC LIMIT 21";
    let sqlite = url.starts_with("sqlite");
    let explain = if sqlite { format!("EXPLAIN QUERY PLAN {keyset}") } else { format!("EXPLAIN {keyset}") };
    println!("P5 plan of the keyset query ({}):", if sqlite { "SQLite" } else { "PostgreSQL" });
    let plan = sqlx::query(&explain).bind(item).bind(cursor.at).bind(cursor.id).fetch_all(&mut *conn).await.unwrap();
    if plan.is_empty() {
        println!("    (no plan rows)");
    }
    for r in plan {
        let line: String = if sqlite { r.try_get(3).unwrap_or_default() } else { r.try_get(0).unwrap_or_default() };
        println!("    {line}");
    }
}
