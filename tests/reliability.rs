//! Reliability and security, through the real server functions (router, no socket):
//! R1 concurrent writers lose nothing, R2 racing layout editors revert nothing and R5 nobody
//! reaches another's items, layouts or views by their ids (SQLite and PostgreSQL); R6 extra
//! JSON keys change nothing; R8 cross-origin requests are refused and R9 malformed payloads
//! never get a 5xx, both over every server function the app registers. Results are summarised
//! in docs/RELIABILITY.md.

#![allow(clippy::unwrap_used)] // a failed step should stop the test right there

mod support;

use axum::body::Body;
use axum::Router;
use crm_card::domain::layout_ops::{apply, LayoutOp};
use crm_card::domain::views::CardKind;
use crm_card::domain::{EntityType, Layout};
use crm_card::server::demo::Rng;
use crm_card::server::store::{layouts, users};
use crm_card::server::{config::Config, demo, http::router, state::AppState, store};
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use serde_json::{json, Value as Json};
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use support::TestDb;
use tower::ServiceExt;

const ORIGIN: &str = "http://crm.test";

/// Every server function that changes something, with a well-formed body. Signing in starts a
/// session, so it is here too: a sign-in from another site's page is refused as well.
const MUTATING: [(&str, &str); 34] = [
    ("login", "email=anna%40example.com&password=demo"),
    ("setup", "token=not-the-token&name=X&email=x%40example.com&password=long+enough"),
    (
        "save_user",
        r#"{"id":null,"user":{"name":"X","email":"x@example.com","password":"long enough","department_id":null,"roles":[],"active":true}}"#,
    ),
    ("save_department", r#"{"id":null,"department":{"name":"X","parent_id":null,"head_id":null}}"#),
    ("delete_department", r#"{"id":999}"#),
    ("save_role", r#"{"id":null,"name":"X","rights":{}}"#),
    ("delete_role", r#"{"id":999}"#),
    ("create_field", r#"{"entity":"deal","spec":{"label":"X","field_type":"string","multiple":false,"settings":{}}}"#),
    (
        "configure_field",
        r#"{"entity":"deal","code":"title","spec":{"label":"X","field_type":"string","multiple":false,"settings":{}}}"#,
    ),
    ("delete_field", r#"{"entity":"deal","code":"uf_none"}"#),
    (
        "save_layout",
        r#"{"entity":"deal","view":{"kind":"common"},"version":1,"ops":[{"op":"hide_field","code":"title"}]}"#,
    ),
    ("rollback_layout", r#"{"entity":"deal","view":{"kind":"common"},"version":1}"#),
    ("choose_view", r#"{"entity":"deal","view":{"kind":"common"}}"#),
    ("enable_my_view", r#"{"entity":"deal","on":true}"#),
    ("set_common_view", r#"{"entity":"deal","published":true,"forced":true}"#),
    ("reset_common_view", r#"{"entity":"deal"}"#),
    (
        "save_card_view",
        r#"{"entity":"deal","view":{"id":null,"name":"X","users":[],"departments":[],"from":{"kind":"common"}}}"#,
    ),
    ("delete_card_view", r#"{"entity":"deal","id":999}"#),
    ("save_fields", r#"{"entity":"deal","id":1,"version":1,"changes":{"title":{"t":"text","v":"x"}}}"#),
    ("move_stage", r#"{"entity":"deal","id":1,"version":1,"stage_id":2}"#),
    ("change_pipeline", r#"{"entity":"deal","id":1,"version":1,"stage_id":9}"#),
    ("edit_pipelines", r#"{"entity":"deal","edit":{"op":"create_pipeline","name":"X"}}"#),
    ("board_finals", r#"{"entity":"deal","columns":true}"#),
    ("create_item", r#"{"entity":"deal","pipeline_id":null,"values":{"title":{"t":"text","v":"x"}}}"#),
    ("add_comment", r#"{"entity":"deal","id":1,"text":"x"}"#),
    (
        "create_type",
        r#"{"spec":{"name":"Delivery","plural":"Deliveries","code":"delivery","stages":true,"several_pipelines":false,"client_contact":true,"client_company":false,"links":[],"in_menu":true}}"#,
    ),
    (
        "update_type",
        r#"{"entity":"deal","spec":{"name":"Delivery","plural":"Deliveries","code":"delivery","stages":true,"several_pipelines":false,"client_contact":true,"client_company":false,"links":[],"in_menu":true}}"#,
    ),
    ("delete_type", r#"{"entity":"delivery","confirm":"Delivery"}"#),
    ("delete_items", r#"{"entity":"deal","ids":[1]}"#),
    ("restore_items", r#"{"ids":[1]}"#),
    ("purge_items", r#"{"ids":[1]}"#),
    ("save_profile", r#"{"language":"ru","time_zone":"Europe/Moscow"}"#),
    ("logout_everywhere", ""),
    ("logout", ""),
];

/// A smart process as Settings → Smart processes sends it.
const DELIVERY: &str = r#"{"name":"Delivery","plural":"Deliveries","code":"delivery","stages":true,"several_pipelines":false,"client_contact":true,"client_company":false,"links":[],"in_menu":true}"#;

/// Every server function that only reads, with a well-formed body.
const READING: [(&str, &str); 27] = [
    ("me", "{}"),
    ("profile", "{}"),
    ("setup_open", r#"{"token":"not-the-token"}"#),
    ("card_layout", r#"{"entity":"deal"}"#),
    ("access_settings", "{}"),
    ("field_settings", r#"{"entity":"deal"}"#),
    ("layout_editor", r#"{"entity":"deal","view":{"kind":"common"}}"#),
    ("layout_history", r#"{"entity":"deal","view":{"kind":"common"}}"#),
    ("views_admin", r#"{"entity":"deal"}"#),
    ("preview_card", r#"{"entity":"deal","id":1,"who":{"kind":"user","id":1}}"#),
    ("card", r#"{"entity":"deal","id":1}"#),
    ("list_items", r#"{"entity":"deal","search":null,"stage_id":null,"before":null}"#),
    ("search_items", r#"{"entity":"company","query":"a"}"#),
    ("relations", r#"{"entity":"deal","id":1}"#),
    ("history", r#"{"entity":"deal","id":1,"before":null}"#),
    ("timeline", r#"{"entity":"deal","id":1,"before":null}"#),
    ("new_item_form", r#"{"entity":"deal"}"#),
    ("frame", "{}"),
    ("types_admin", "{}"),
    ("recycle_bin", "{}"),
    ("type_contents", r#"{"entity":"deal"}"#),
    ("pipelines_admin", r#"{"entity":"deal"}"#),
    ("type_pipelines", r#"{"entity":"deal"}"#),
    ("board", r#"{"entity":"deal","pipeline":null,"search":null}"#),
    ("board_column", r#"{"entity":"deal","stage_id":1,"search":null,"before":null}"#),
    ("board_token", r#"{"entity":"deal","pipeline":1}"#),
    ("list_token", r#"{"entity":"deal","search":null,"stage_id":null}"#),
];

struct App {
    router: Router,
    db: TestDb,
}

async fn app(db: TestDb) -> App {
    demo::seed_if_empty(&db.store, store::now_ms()).await.expect("demo data");
    let leptos_options = LeptosOptions::builder().output_name("crm-card").site_root("target/site").build();
    let router = router(AppState {
        leptos_options,
        store: db.store.clone(),
        config: Arc::new(Config { public_hosts: "crm.test".into(), ..Config::default() }),
    });
    App { router, db }
}

impl App {
    async fn sign_in(&self, email: &str, password: &str) -> String {
        let req = Request::post("/api/login")
            .header("host", "crm.test")
            .header("origin", ORIGIN)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(format!("email={}&password={password}", email.replace('@', "%40"))))
            .unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let cookie = res.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default();
        cookie.split(';').next().unwrap_or_default().to_string()
    }

    async fn raw(&self, cookie: &str, name: &str, body: Body, origin: Option<&str>) -> (StatusCode, Json) {
        let mut req = Request::post(format!("/api/{name}"))
            .header("host", "crm.test")
            .header("cookie", cookie)
            .header("content-type", "application/json")
            .body(body)
            .unwrap();
        if let Some(o) = origin {
            req.headers_mut().insert("origin", o.parse().unwrap());
        }
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or(Json::Null))
    }

    async fn call(&self, cookie: &str, name: &str, body: &Json) -> (StatusCode, Json) {
        self.raw(cookie, name, Body::from(body.to_string()), Some(ORIGIN)).await
    }
}

/// R1. 16 clients (one user signed in twice) write to 8 deals, 12 writes each. Each write
/// carries the version its client just read, and others write in between. Afterwards every
/// field holds its last acknowledged write, no refused value is stored anywhere, and no two
/// acknowledged writes of a deal share a version.
async fn concurrent_writers_lose_nothing(db: TestDb) {
    let app = Arc::new(app(db).await);
    let logins = [
        ("anna@example.com", "demo"),
        ("anna@example.com", "demo"),
        ("marco@example.com", "demo"),
        ("julia@example.com", "demo"),
    ];
    let mut cookies = Vec::new();
    for i in 0..16 {
        let (email, password) = logins[i % logins.len()];
        cookies.push(app.sign_in(email, password).await);
    }
    assert!(cookies.iter().all(|c| c.starts_with("crm_session=")));
    assert_ne!(cookies[0], cookies[1], "one user, two sessions");
    let mut deals = Vec::new();
    for d in 0..8 {
        let body = json!({"entity": "deal", "pipeline_id": null, "values": {"title": {"t": "text", "v": format!("R1 deal {d}")}}});
        let (status, id) = app.call(&cookies[0], "create_item", &body).await;
        assert_eq!(status, StatusCode::OK);
        deals.push(id.as_i64().unwrap());
    }
    // Clients write two fields of the same deals: a write of one field from a stale version
    // merges with others' writes of the other field, and conflicts with theirs of the same.
    let mut tasks = Vec::new();
    for (c, cookie) in cookies.iter().cloned().enumerate() {
        let app = app.clone();
        let deals = deals.clone();
        tasks.push(tokio::spawn(async move {
            let mut acked: Vec<(i64, String, i64, String)> = Vec::new(); // (deal, field, version, value)
            let mut refused: Vec<String> = Vec::new();
            for round in 0..12 {
                let deal = deals[(c * 3 + round) % deals.len()];
                let (status, card) = app.call(&cookie, "card", &json!({"entity": "deal", "id": deal})).await;
                assert_eq!(status, StatusCode::OK);
                let version = card["header"]["version"].as_i64().unwrap();
                let (field, value) = if (round + c) % 2 == 0 {
                    ("title".to_string(), format!("R1 title c{c} r{round}"))
                } else {
                    ("comment".to_string(), format!("R1 comment by c{c} r{round}"))
                };
                // Let others write in between the read and the write.
                tokio::task::yield_now().await;
                let body = json!({"entity": "deal", "id": deal, "version": version, "changes": {field.clone(): {"t": "text", "v": value.clone()}}});
                let (status, res) = app.call(&cookie, "save_fields", &body).await;
                match status {
                    StatusCode::OK => acked.push((deal, field, res["version"].as_i64().unwrap(), value)),
                    StatusCode::CONFLICT => {
                        assert_eq!(res["fields"][0]["code"], field.as_str(), "a conflict names the contested field");
                        refused.push(value);
                    }
                    other => panic!("client {c} round {round}: unexpected {other} {res}"),
                }
            }
            (acked, refused)
        }));
    }
    let mut acked = Vec::new();
    let mut refused = Vec::new();
    for t in tasks {
        let (a, r) = t.await.unwrap();
        acked.extend(a);
        refused.extend(r);
    }
    println!(
        "R1 on {}: {} writes acknowledged, {} refused as same-field conflicts",
        app.db.url.split(':').next().unwrap_or(""),
        acked.len(),
        refused.len()
    );
    assert!(acked.len() >= 16, "most writes succeed: {} acked, {} refused", acked.len(), refused.len());
    // The last acknowledged write of every (deal, field) is what the deal holds.
    let mut last: BTreeMap<(i64, String), (i64, String)> = BTreeMap::new();
    for (deal, field, version, value) in &acked {
        let e = last.entry((*deal, field.clone())).or_insert((*version, value.clone()));
        if *version > e.0 {
            *e = (*version, value.clone());
        }
    }
    for ((deal, field), (_, value)) in &last {
        let (_, card) = app.call(&cookies[0], "card", &json!({"entity": "deal", "id": deal})).await;
        assert_eq!(
            card["values"][field]["v"].as_str(),
            Some(value.as_str()),
            "deal {deal} field {field}: the last acknowledged write"
        );
    }
    // No refused value was stored, on any deal, nor logged in any history.
    for deal in &deals {
        let (_, card) = app.call(&cookies[0], "card", &json!({"entity": "deal", "id": deal})).await;
        let (_, history) =
            app.call(&cookies[0], "history", &json!({"entity": "deal", "id": deal, "before": null})).await;
        let mut stored: Vec<&str> =
            ["title", "comment"].iter().filter_map(|f| card["values"][f]["v"].as_str()).collect();
        stored.extend(history["rows"].as_array().unwrap().iter().filter_map(|r| r["new"].as_str()));
        for r in &refused {
            assert!(!stored.contains(&r.as_str()), "refused write {r} is stored on deal {deal}");
        }
    }
    // Every acknowledged version is unique per deal: writes were serialised.
    let mut versions: Vec<(i64, i64)> = acked.iter().map(|(d, _, v, _)| (*d, *v)).collect();
    let n = versions.len();
    versions.sort();
    versions.dedup();
    assert_eq!(versions.len(), n, "two acknowledged writes got the same version");
    Arc::try_unwrap(app).ok().map(|a| a.db).unwrap().cleanup().await;
}

#[tokio::test]
async fn r1_concurrent_writers_lose_nothing_on_sqlite() {
    concurrent_writers_lose_nothing(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn r1_concurrent_writers_lose_nothing_on_postgres() {
    concurrent_writers_lose_nothing(TestDb::postgres().await).await;
}

/// R6. Extra keys in a request (id, version, responsible, created_by, role, admin) are ignored;
/// system columns cannot be written as fields.
#[tokio::test]
async fn r6_extra_json_keys_change_nothing() {
    let app = app(TestDb::sqlite().await).await;
    let cookie = app.sign_in("julia@example.com", "demo").await;
    let (_, page) = app
        .call(&cookie, "list_items", &json!({"entity": "deal", "search": null, "stage_id": null, "before": null}))
        .await;
    let id = page["rows"][0]["id"].as_i64().unwrap();
    let (_, before) = app.call(&cookie, "card", &json!({"entity": "deal", "id": id})).await;
    let version = before["header"]["version"].as_i64().unwrap();
    let body = json!({
        "entity": "deal", "id": id, "version": version,
        "changes": {"probability": {"t": "text", "v": "12"}},
        "created_by": 1, "responsible": 1, "role": "admin", "admin": true, "is_admin": 1, "created_at": 0,
    });
    let (status, saved) = app.call(&cookie, "save_fields", &body).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let (_, after) = app.call(&cookie, "card", &json!({"entity": "deal", "id": id})).await;
    assert_eq!(after["header"]["responsible"], before["header"]["responsible"]);
    assert_eq!(after["header"]["created_at"], before["header"]["created_at"]);
    assert_eq!(after["values"]["probability"]["v"], 12);
    for column in ["id", "version", "created_by", "created_at", "stage_id", "entity_type"] {
        let body =
            json!({"entity": "deal", "id": id, "version": version + 1, "changes": {column: {"t": "text", "v": "1"}}});
        let (status, err) = app.call(&cookie, "save_fields", &body).await;
        assert_eq!(
            (status, err["fields"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(column)),
            "{column}"
        );
    }
    // Julia is not an admin, and nothing a request says makes her one.
    let (_, me) = app.call(&cookie, "me", &json!({})).await;
    assert_eq!(me["is_admin"], false);
    app.db.cleanup().await;
}

/// R8. With a valid session cookie, a POST from another origin (or none) to any mutating
/// server function is refused and changes nothing; GET is not served at all.
#[tokio::test]
async fn r8_cross_site_requests_are_refused_by_every_mutating_function() {
    let app = app(TestDb::sqlite().await).await;
    let cookie = app.sign_in("anna@example.com", "demo").await;
    let (_, page) = app
        .call(&cookie, "list_items", &json!({"entity": "deal", "search": null, "stage_id": null, "before": null}))
        .await;
    let id = page["rows"][0]["id"].as_i64().unwrap();
    let (_, before) = app.call(&cookie, "card", &json!({"entity": "deal", "id": id})).await;
    for (name, body) in MUTATING {
        let body = body.replace("\"id\":1,", &format!("\"id\":{id},"));
        for origin in [Some("http://evil.example"), Some("null"), Some("http://crm.test.evil.example"), None] {
            let (status, err) = app.raw(&cookie, name, Body::from(body.clone()), origin).await;
            assert_eq!(
                (status, err["error"].as_str()),
                (StatusCode::FORBIDDEN, Some("forbidden")),
                "{name} from {origin:?}"
            );
        }
        let get = Request::get(format!("/api/{name}"))
            .header("host", "crm.test")
            .header("cookie", &cookie)
            .body(Body::empty())
            .unwrap();
        let status = app.router.clone().oneshot(get).await.unwrap().status();
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "GET {name}");
    }
    let (status, after) = app.call(&cookie, "card", &json!({"entity": "deal", "id": id})).await;
    assert_eq!(status, StatusCode::OK, "the session survived: logout was refused too");
    assert_eq!(after["header"], before["header"]);
    assert_eq!(after["timeline"], before["timeline"]);
    app.db.cleanup().await;
}

/// R8 and R9 reach every server function: one added to the app without a place in `MUTATING` or
/// `READING` fails here, instead of going untested for cross-site requests and malformed input.
#[test]
fn every_server_function_is_listed_for_r8_and_r9() {
    assert_covers_every_server_function(
        MUTATING.iter().chain(READING.iter()).map(|(name, _)| *name),
        "MUTATING / READING",
    );
}

/// Fails unless `listed` names every server function the app registers, and nothing else.
fn assert_covers_every_server_function<'a>(listed: impl Iterator<Item = &'a str>, what: &str) {
    let listed: BTreeSet<String> = listed.map(|name| format!("/api/{name}")).collect();
    let registered: BTreeSet<String> = server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
    assert!(registered.len() > 30, "the server functions are registered: {registered:?}");
    assert_eq!(
        registered.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "server functions missing from {what}"
    );
    assert_eq!(listed.difference(&registered).collect::<Vec<_>>(), Vec::<&String>::new(), "listed in {what} but gone");
}

/// A mangled version of a well-formed JSON body.
fn mangle(rng: &mut Rng, body: &str) -> Vec<u8> {
    let parsed: Json = serde_json::from_str(body).unwrap_or(Json::Null);
    let weird = [
        json!(null),
        json!(true),
        json!(-1),
        json!(i64::MAX),
        json!(1e308),
        json!("🙂\u{0}\u{202e}"),
        json!([]),
        json!({}),
        json!({"t": "unknown_kind", "v": 1}),
        json!("x".repeat(200_000)),
        json!([[[[[[[[1]]]]]]]]),
    ];
    match rng.below(7) {
        // A field replaced by a value of the wrong type.
        0 | 1 => {
            let mut v = parsed;
            if let Some(obj) = v.as_object_mut() {
                let keys: Vec<String> = obj.keys().cloned().collect();
                if !keys.is_empty() {
                    let k = &keys[rng.below(keys.len())];
                    obj.insert(k.clone(), weird[rng.below(weird.len())].clone());
                }
            }
            v.to_string().into_bytes()
        }
        // A field left out.
        2 => {
            let mut v = parsed;
            if let Some(obj) = v.as_object_mut() {
                let keys: Vec<String> = obj.keys().cloned().collect();
                if !keys.is_empty() {
                    obj.remove(&keys[rng.below(keys.len())]);
                }
            }
            v.to_string().into_bytes()
        }
        // Cut short.
        3 => body.as_bytes()[..rng.below(body.len().max(1))].to_vec(),
        // Deeply nested.
        4 => format!("{}{}", "[".repeat(5_000), "]".repeat(5_000)).into_bytes(),
        // Invalid UTF-8 inside a string.
        5 => {
            let mut b = body.as_bytes().to_vec();
            let at = rng.below(b.len().max(1));
            b.splice(at..at, [0xff, 0xfe, 0xc3]);
            b
        }
        // Unknown enum values and entity types.
        _ => body.replace("deal", "spaceship").replace("\"text\"", "\"blob\"").into_bytes(),
    }
}

/// R9. Every server function fed generated malformed payloads: never a 5xx, never a panic.
#[tokio::test]
async fn r9_malformed_payloads_never_get_a_server_error() {
    let app = app(TestDb::sqlite().await).await;
    let cookie = app.sign_in("anna@example.com", "demo").await;
    let mut rng = Rng(0x5eed_cafe_f00d_0001);
    let mut by_status: BTreeMap<u16, usize> = BTreeMap::new();
    let functions: Vec<(&str, &str)> =
        READING.iter().chain(MUTATING.iter().filter(|(n, _)| !n.starts_with("logout"))).copied().collect();
    for (name, body) in &functions {
        for _ in 0..40 {
            let payload = mangle(&mut rng, body);
            let (status, err) = app.raw(&cookie, name, Body::from(payload.clone()), Some(ORIGIN)).await;
            *by_status.entry(status.as_u16()).or_default() += 1;
            assert!(
                status.as_u16() < 500,
                "{name}: {status} for {:?}",
                String::from_utf8_lossy(&payload[..payload.len().min(120)])
            );
            if !status.is_success() {
                assert!(err["error"].is_string(), "{name}: an error answer is an AppError: {err}");
            }
        }
    }
    println!("R9 statuses over {} requests: {by_status:?}", functions.len() * 40);
    app.db.cleanup().await;
}

/// An operation that applies to `layout` (as the editor read it), picked at random.
fn random_op(rng: &mut Rng, layout: &Layout, fields: &[String], client: usize, n: usize) -> LayoutOp {
    let sections: Vec<&str> = layout.sections.iter().map(|s| s.id.as_str()).collect();
    let shown: Vec<String> = layout.field_codes().map(String::from).collect();
    let hidden: Vec<&String> = fields.iter().filter(|f| !shown.contains(f)).collect();
    let pick_section = |rng: &mut Rng| sections[rng.below(sections.len())].to_string();
    let after_in = |rng: &mut Rng, section: &str| {
        let s = layout.sections.iter().find(|s| s.id == section)?;
        let i = rng.below(s.fields.len() + 1);
        i.checked_sub(1).map(|j| s.fields[j].clone())
    };
    loop {
        match rng.below(9) {
            0..=2 if !shown.is_empty() => {
                let code = shown[rng.below(shown.len())].clone();
                let section = pick_section(rng);
                let after = after_in(rng, &section).filter(|a| *a != code);
                return LayoutOp::MoveField { code, section, after };
            }
            3 if !shown.is_empty() => return LayoutOp::HideField { code: shown[rng.below(shown.len())].clone() },
            4 if !hidden.is_empty() => {
                let section = pick_section(rng);
                let after = after_in(rng, &section);
                return LayoutOp::ShowField { code: hidden[rng.below(hidden.len())].clone(), section, after };
            }
            5 => {
                let after = Some(pick_section(rng));
                return LayoutOp::CreateSection {
                    id: format!("c{client}n{n}"),
                    title: format!("By {client} #{n}"),
                    after,
                };
            }
            6 => return LayoutOp::RenameSection { id: pick_section(rng), title: format!("Renamed by {client} #{n}") },
            7 if sections.len() > 2 => return LayoutOp::DeleteSection { id: pick_section(rng) },
            8 => {
                let id = pick_section(rng);
                let others: Vec<&&str> = sections.iter().filter(|s| **s != id).collect();
                let i = rng.below(others.len() + 1);
                return LayoutOp::MoveSection { id, after: i.checked_sub(1).map(|j| others[j].to_string()) };
            }
            _ => {}
        }
    }
}

/// R2. Two admins race layout operations from the versions they read. Every answer says which
/// operations applied; afterwards the stored versions replayed from the first one, applying
/// exactly the recorded operations in order, give every stored layout and the final one (no
/// silent revert), and the recorded operations are exactly the acknowledged ones.
async fn layout_races_revert_nothing(db: TestDb) {
    let app = Arc::new(app(db).await);
    {
        let mut conn = app.db.store.pool.acquire().await.unwrap();
        let hash = crm_card::server::auth::hash_password("second").unwrap();
        let u = users::NewUser {
            email: "admin2@example.com",
            name: "Second Admin",
            password_hash: &hash,
            department_id: None,
            is_admin: true,
        };
        users::create_user(&mut conn, u, 0).await.unwrap();
    }
    let cookies = [app.sign_in("admin@example.com", "admin").await, app.sign_in("admin2@example.com", "second").await];
    let (_, editor) =
        app.call(&cookies[0], "layout_editor", &json!({"entity": "contact", "view": {"kind": "common"}})).await;
    let fields: Vec<String> =
        editor["fields"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect();
    let mut tasks = Vec::new();
    for (client, cookie) in cookies.iter().cloned().enumerate() {
        let (app, fields) = (app.clone(), fields.clone());
        tasks.push(tokio::spawn(async move {
            let mut rng = Rng(0xC0FFEE + client as u64);
            let (mut acked, mut refused) = (Vec::new(), 0);
            for n in 0..30 {
                let (_, editor) =
                    app.call(&cookie, "layout_editor", &json!({"entity": "contact", "view": {"kind": "common"}})).await;
                let layout: Layout = serde_json::from_value(editor["layout"].clone()).unwrap();
                let ops: Vec<LayoutOp> =
                    (0..1 + rng.below(2)).map(|k| random_op(&mut rng, &layout, &fields, client, n * 2 + k)).collect();
                // The other admin often saves in between: give them the chance.
                tokio::task::yield_now().await;
                let body =
                    json!({"entity": "contact", "view": {"kind": "common"}, "version": editor["version"], "ops": ops});
                let (status, saved) = app.call(&cookie, "save_layout", &body).await;
                assert_eq!(status, StatusCode::OK, "{saved}");
                let conflicts: Vec<LayoutOp> = saved["conflicts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| serde_json::from_value(c["op"].clone()).unwrap())
                    .collect();
                refused += conflicts.len();
                acked.extend(ops.into_iter().filter(|op| !conflicts.contains(op)));
            }
            (acked, refused)
        }));
    }
    let mut acked = Vec::new();
    let mut refused = 0;
    for t in tasks {
        let (a, r) = t.await.unwrap();
        acked.extend(a);
        refused += r;
    }
    let mut conn = app.db.store.pool.acquire().await.unwrap();
    let mut versions =
        layouts::history(&mut conn, CardKind::entity(EntityType::CONTACT), layouts::COMMON, 1000).await.unwrap();
    versions.reverse();
    assert!(matches!(versions[0].record, layouts::Record::Initial));
    let known = |c: &str| fields.iter().any(|f| f == c);
    let mut replayed = versions[0].layout.clone();
    let mut recorded = Vec::new();
    for v in &versions[1..] {
        let layouts::Record::Ops { ops } = &v.record else { panic!("only operations were saved") };
        for op in ops {
            apply(&mut replayed, op, &known)
                .unwrap_or_else(|c| panic!("version {}: {op:?} no longer applies: {c:?}", v.version));
        }
        assert_eq!(replayed, v.layout, "version {} is not its operations applied to the one before", v.version);
        recorded.extend(ops.iter().cloned());
    }
    let (_, now) =
        app.call(&cookies[1], "layout_editor", &json!({"entity": "contact", "view": {"kind": "common"}})).await;
    assert_eq!(serde_json::to_value(&replayed).unwrap(), now["layout"], "the final layout");
    let key = |ops: &[LayoutOp]| {
        let mut keys: Vec<String> = ops.iter().map(|o| serde_json::to_string(o).unwrap()).collect();
        keys.sort();
        keys
    };
    assert_eq!(key(&recorded), key(&acked), "recorded operations are exactly the acknowledged ones");
    assert!(acked.len() > 40, "the race made progress: {} acknowledged, {refused} refused", acked.len());
    println!(
        "R2: {} versions, {} operations acknowledged, {refused} refused as conflicts",
        versions.len(),
        acked.len()
    );
    drop(conn);
    Arc::try_unwrap(app).ok().map(|a| a.db).unwrap().cleanup().await;
}

#[tokio::test]
async fn r2_layout_races_revert_nothing_on_sqlite() {
    layout_races_revert_nothing(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn r2_layout_races_revert_nothing_on_postgres() {
    layout_races_revert_nothing(TestDb::postgres().await).await;
}

/// What a refused replay must leave alone: every table's rows as text, in one string per table
/// (sessions aside: signing in makes one).
async fn fingerprint(db: &TestDb) -> BTreeMap<&'static str, String> {
    const TABLES: [(&str, &str); 22] = [
        ("entity_types", "SELECT id, code, name, plural, options FROM entity_types ORDER BY id"),
        ("departments", "SELECT id, name, parent_id, head_id FROM departments ORDER BY id"),
        ("users", "SELECT id, name, email, password_hash, department_id, active FROM users ORDER BY id"),
        ("pipelines", "SELECT id, name FROM pipelines ORDER BY id"),
        ("stages", "SELECT id, name, sort FROM stages ORDER BY id"),
        ("fields", "SELECT entity_type, code, label, settings FROM fields ORDER BY entity_type, code"),
        ("layouts", "SELECT entity_type, scope, version, body FROM layouts ORDER BY entity_type, scope"),
        ("items", "SELECT id, title, version, stage_id, responsible_id FROM items ORDER BY id"),
        ("field_values", "SELECT item_id, field_code, value FROM field_values ORDER BY item_id, field_code"),
        ("item_links", "SELECT from_item, field_code, to_item FROM item_links ORDER BY from_item, field_code, to_item"),
        ("field_changes", "SELECT COUNT(*), MAX(id) FROM field_changes"),
        ("timeline_events", "SELECT COUNT(*), MAX(id) FROM timeline_events"),
        ("layout_versions", "SELECT COUNT(*), MAX(version) FROM layout_versions"),
        ("files", "SELECT id, name, item_id, field_code FROM files ORDER BY id"),
        ("bookings", "SELECT COUNT(*) FROM bookings"),
        ("roles", "SELECT id, name, rights FROM roles ORDER BY id"),
        ("user_roles", "SELECT user_id, role_id FROM user_roles ORDER BY user_id, role_id"),
        ("view_settings", "SELECT layout_key, common_published, common_forced, revision FROM view_settings ORDER BY 1"),
        ("card_views", "SELECT id, layout_key, name FROM card_views ORDER BY id"),
        ("card_view_users", "SELECT view_id, user_id FROM card_view_users ORDER BY 1, 2"),
        ("card_view_departments", "SELECT view_id, department_id FROM card_view_departments ORDER BY 1, 2"),
        ("view_choices", "SELECT user_id, layout_key, own_enabled, chosen FROM view_choices ORDER BY 1, 2"),
    ];
    let mut conn = db.store.pool.acquire().await.unwrap();
    let mut out = BTreeMap::new();
    for (table, sql) in TABLES {
        // Every column read as text, whatever its type, so one reader fits every table.
        let cols = sql.split(" FROM ").next().unwrap().trim_start_matches("SELECT ");
        let as_text: Vec<String> = cols.split(", ").map(|c| format!("CAST({c} AS TEXT)")).collect();
        let sql = sql.replacen(cols, &as_text.join(", "), 1);
        let rows = sqlx::query(&sql).fetch_all(&mut *conn).await.unwrap_or_else(|e| panic!("{table}: {e}"));
        let text: Vec<String> = rows
            .iter()
            .map(|r| {
                (0..r.len()).map(|i| r.get::<Option<String>, _>(i).unwrap_or_default()).collect::<Vec<_>>().join("|")
            })
            .collect();
        out.insert(table, text.join("\n"));
    }
    out
}

/// The server functions R5 does not replay, and why: none of them takes the id of an item,
/// layout, view, user, department or role.
const TAKE_NO_IDS_OF_OTHERS: [(&str, &str); 10] = [
    ("login", "an e-mail address and a password"),
    ("setup", "a setup token and the first administrator's name, e-mail address and password"),
    ("setup_open", "a setup token"),
    ("logout", "ends the caller's own session"),
    ("logout_everywhere", "ends the caller's own sessions"),
    ("me", "answers who the caller is"),
    ("profile", "answers the caller's own language and time zone"),
    ("save_profile", "sets the caller's own language and time zone"),
    ("frame", "answers the caller's name and the types they may read"),
    ("enable_my_view", "switches the caller's own view on or off for an entity type"),
];

/// R5. A user whose role reaches only their own deals replays every server function (and the
/// download and export addresses) with ids that belong to someone else: another user's deal,
/// comment, file, own view, a named view not theirs, users, departments and roles. Everything is
/// refused as "not found" or "forbidden", no response carries the other user's text, and not a
/// row changes.
async fn idor_is_refused(db: TestDb) {
    let app = app(db).await;
    let admin = app.sign_in("admin@example.com", "admin").await;
    let anna = app.sign_in("anna@example.com", "demo").await;
    // Anna's deal, with a comment, a company and a pending upload of hers; her own view.
    let secret = "Anna's secret deal R5QX";
    let (status, made) = app
        .call(
            &anna,
            "create_item",
            &json!({"entity": "deal", "pipeline_id": null, "values": {"title": {"t": "text", "v": secret}}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{made}");
    let deal = made.as_i64().or_else(|| made["id"].as_i64()).expect("the new deal's id");
    let (_, card) = app.call(&anna, "card", &json!({"entity": "deal", "id": deal})).await;
    let version = card["header"]["version"].as_i64().unwrap();
    let (status, _) =
        app.call(&anna, "add_comment", &json!({"entity": "deal", "id": deal, "text": "secret comment R5QX"})).await;
    assert_eq!(status, StatusCode::OK);
    let (_, companies) = app
        .call(&anna, "list_items", &json!({"entity": "company", "search": null, "stage_id": null, "before": null}))
        .await;
    let company = companies["rows"][0]["id"].as_i64().unwrap();
    let upload = Request::post("/files/deal")
        .header("host", "crm.test")
        .header("origin", ORIGIN)
        .header("cookie", &anna)
        .header("x-file-name", "plan.txt")
        .header("content-type", "text/plain")
        .body(Body::from("secret file R5QX"))
        .unwrap();
    let res = app.router.clone().oneshot(upload).await.unwrap();
    let file: Json = serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes()).unwrap();
    let file = file["id"].as_i64().expect("Anna's upload");
    let (status, _) = app.call(&anna, "enable_my_view", &json!({"entity": "deal", "on": true})).await;
    assert_eq!(status, StatusCode::OK);
    // A deal of Anna's she moved to the recycle bin.
    let (_, binned) = app
        .call(
            &anna,
            "create_item",
            &json!({"entity": "deal", "pipeline_id": null, "values": {"title": {"t": "text", "v": "Anna's binned R5QX"}}}),
        )
        .await;
    let binned = binned.as_i64().expect("Anna's second deal");
    let (status, _) = app.call(&anna, "delete_items", &json!({"entity": "deal", "ids": [binned]})).await;
    assert_eq!(status, StatusCode::OK);
    // The admin: a named view for Anna, a role reaching only one's own deals, and Ida with it.
    let (_, access) = app.call(&admin, "access_settings", &json!({})).await;
    let user_id = |email: &str| {
        access["users"].as_array().unwrap().iter().find(|u| u["email"] == email).unwrap()["id"].as_i64().unwrap()
    };
    let anna_id = user_id("anna@example.com");
    let department = access["departments"][0]["id"].as_i64().unwrap();
    let employee =
        access["roles"].as_array().unwrap().iter().find(|r| r["name"] == "Employee").unwrap()["id"].as_i64().unwrap();
    let view = json!({"entity": "deal", "view": {"id": null, "name": "Sales R5", "users": [anna_id], "departments": [], "from": {"kind": "common"}}});
    let (status, named) = app.call(&admin, "save_card_view", &view).await;
    assert_eq!(status, StatusCode::OK, "{named}");
    let named = named.as_i64().expect("the view's id");
    let rights = json!({"entities": {"deal": {"read": "own", "create": "own", "update": "own", "delete": "own", "export": "own"}}, "my_view": true, "admin": false});
    let (_, role) = app.call(&admin, "save_role", &json!({"id": null, "name": "Own deals", "rights": rights})).await;
    let ida = json!({"id": null, "user": {"name": "Ida Own", "email": "ida@example.com", "password": "only my own", "department_id": null, "roles": [role], "active": true}});
    let (status, _) = app.call(&admin, "save_user", &ida).await;
    assert_eq!(status, StatusCode::OK);
    let ida = app.sign_in("ida@example.com", "only my own").await;
    // Ida's own deal, to aim links from.
    let (_, mine) = app
        .call(
            &ida,
            "create_item",
            &json!({"entity": "deal", "pipeline_id": null, "values": {"title": {"t": "text", "v": "Ida's"}}}),
        )
        .await;
    let mine = mine.as_i64().or_else(|| mine["id"].as_i64()).expect("Ida's deal");
    let (_, my_card) = app.call(&ida, "card", &json!({"entity": "deal", "id": mine})).await;
    let my_version = my_card["header"]["version"].as_i64().unwrap();

    let before = fingerprint(&app.db).await;
    let personal = json!({"kind": "personal", "id": anna_id});
    let named_ref = json!({"kind": "named", "id": named});
    let title = |v: &str| json!({"title": {"t": "text", "v": v}});
    let hers = |code: &str, v: String| json!({code: {"t": "text", "v": v}});
    let calls: Vec<(&str, Json, &[u16])> = vec![
        ("card", json!({"entity": "deal", "id": deal}), &[404]),
        ("timeline", json!({"entity": "deal", "id": deal, "before": null}), &[404]),
        ("history", json!({"entity": "deal", "id": deal, "before": null}), &[404]),
        ("relations", json!({"entity": "deal", "id": deal}), &[404]),
        ("card", json!({"entity": "company", "id": company}), &[404]),
        (
            "save_fields",
            json!({"entity": "deal", "id": deal, "version": version + 1, "changes": title("Ida was here")}),
            &[404],
        ),
        (
            "move_stage",
            json!({"entity": "deal", "id": deal, "version": version + 1, "stage_id": card["header"]["stage_id"]}),
            &[404],
        ),
        ("add_comment", json!({"entity": "deal", "id": deal, "text": "Ida was here"}), &[404]),
        (
            "change_pipeline",
            json!({"entity": "deal", "id": deal, "version": version + 1, "stage_id": card["header"]["stage_id"]}),
            &[404],
        ),
        // The board of the pipeline Anna's deal is in, its column, its change token.
        ("board", json!({"entity": "deal", "pipeline": card["header"]["pipeline_id"], "search": null}), &[200]),
        (
            "board_column",
            json!({"entity": "deal", "stage_id": card["header"]["stage_id"], "search": null, "before": null}),
            &[200],
        ),
        ("board_token", json!({"entity": "deal", "pipeline": card["header"]["pipeline_id"]}), &[200]),
        ("board_finals", json!({"entity": "deal", "columns": true}), &[200]),
        ("list_token", json!({"entity": "deal", "search": null, "stage_id": null}), &[200]),
        ("type_pipelines", json!({"entity": "deal"}), &[200]),
        ("pipelines_admin", json!({"entity": "deal"}), &[403]),
        (
            "edit_pipelines",
            json!({"entity": "deal", "edit": {"op": "delete_stage", "stage": card["header"]["stage_id"], "move_to": null}}),
            &[403],
        ),
        // Links from her own deal to items she cannot read, and her deal given to Anna's file.
        (
            "save_fields",
            json!({"entity": "deal", "id": mine, "version": my_version, "changes": hers("company", format!("company:{company}"))}),
            &[422],
        ),
        ("preview_card", json!({"entity": "deal", "id": deal, "who": {"kind": "user", "id": anna_id}}), &[403]),
        ("card_layout", json!({"entity": "deal"}), &[200]),
        ("layout_editor", json!({"entity": "deal", "view": personal}), &[403]),
        ("layout_history", json!({"entity": "deal", "view": personal}), &[403]),
        (
            "save_layout",
            json!({"entity": "deal", "view": personal, "version": 1, "ops": [{"op": "hide_field", "code": "title"}]}),
            &[403],
        ),
        ("rollback_layout", json!({"entity": "deal", "view": personal, "version": 1}), &[403]),
        ("layout_editor", json!({"entity": "deal", "view": named_ref}), &[403]),
        (
            "save_layout",
            json!({"entity": "deal", "view": named_ref, "version": 1, "ops": [{"op": "hide_field", "code": "title"}]}),
            &[403],
        ),
        ("rollback_layout", json!({"entity": "deal", "view": named_ref, "version": 1}), &[403]),
        ("choose_view", json!({"entity": "deal", "view": named_ref}), &[400, 403]),
        ("choose_view", json!({"entity": "deal", "view": personal}), &[400, 403]),
        ("views_admin", json!({"entity": "deal"}), &[403]),
        (
            "save_card_view",
            json!({"entity": "deal", "view": {"id": named, "name": "Mine now", "users": [], "departments": [], "from": {"kind": "common"}}}),
            &[403],
        ),
        ("delete_card_view", json!({"entity": "deal", "id": named}), &[403]),
        ("set_common_view", json!({"entity": "deal", "published": true, "forced": true}), &[403]),
        ("reset_common_view", json!({"entity": "deal"}), &[403]),
        ("access_settings", json!({}), &[403]),
        (
            "save_user",
            json!({"id": anna_id, "user": {"name": "Anna", "email": "anna@example.com", "password": "taken over", "department_id": null, "roles": [role], "active": true}}),
            &[403],
        ),
        (
            "save_department",
            json!({"id": department, "department": {"name": "Mine", "parent_id": null, "head_id": null}}),
            &[403],
        ),
        ("delete_department", json!({"id": department}), &[403]),
        ("save_role", json!({"id": employee, "name": "Employee", "rights": {"entities": {}}}), &[403]),
        ("delete_role", json!({"id": employee}), &[403]),
        ("field_settings", json!({"entity": "deal"}), &[403]),
        (
            "create_field",
            json!({"entity": "deal", "spec": {"label": "X", "field_type": "string", "multiple": false, "settings": {}}}),
            &[403],
        ),
        (
            "configure_field",
            json!({"entity": "deal", "code": "title", "spec": {"label": "X", "field_type": "string", "multiple": false, "settings": {}}}),
            &[403],
        ),
        ("delete_field", json!({"entity": "deal", "code": "comment"}), &[403]),
        // A new deal "from" Anna's deal: its title shows only to who may read it.
        ("new_item_form", json!({"entity": "deal", "from": format!("deal:{deal}")}), &[200]),
        ("delete_items", json!({"entity": "deal", "ids": [deal]}), &[404]),
        ("delete_items", json!({"entity": "deal", "ids": [mine, deal]}), &[404]),
        ("restore_items", json!({"ids": [binned]}), &[404]),
        ("purge_items", json!({"ids": [binned]}), &[404]),
        ("recycle_bin", json!({}), &[200]),
        ("card", json!({"entity": "deal", "id": binned}), &[404]),
        ("types_admin", json!({}), &[403]),
        ("type_contents", json!({"entity": "deal"}), &[403]),
        ("create_type", json!({"spec": serde_json::from_str::<Json>(DELIVERY).unwrap()}), &[403]),
        ("update_type", json!({"entity": "deal", "spec": serde_json::from_str::<Json>(DELIVERY).unwrap()}), &[403]),
        ("delete_type", json!({"entity": "deal", "confirm": "Deal"}), &[403]),
        // A new deal of her own, linked from the start to a company she cannot read.
        (
            "create_item",
            json!({"entity": "deal", "pipeline_id": null, "values": {"title": {"t": "text", "v": "Ida's second"}, "company": {"t": "text", "v": format!("company:{company}")}}}),
            &[422],
        ),
    ];
    // Every server function is replayed above or checked below, or takes no id at all: one
    // added to the app fails here until it gets its replay or its reason.
    assert_covers_every_server_function(
        calls
            .iter()
            .map(|(name, _, _)| *name)
            .chain(["list_items", "search_items"])
            .chain(TAKE_NO_IDS_OF_OTHERS.iter().map(|(name, _why)| *name)),
        "R5's replays",
    );
    for (name, body, expected) in &calls {
        let (status, answer) = app.call(&ida, name, body).await;
        assert!(expected.contains(&status.as_u16()), "{name} {body}: {status} {answer}");
        assert!(!answer.to_string().contains("R5QX"), "{name} leaked: {answer}");
    }
    // Lists, search, the picker, export and the download show nothing of Anna's.
    let (_, list) = app
        .call(&ida, "list_items", &json!({"entity": "deal", "search": "R5QX", "stage_id": null, "before": null}))
        .await;
    assert_eq!(list["rows"].as_array().map(Vec::len), Some(0), "{list}");
    let (status, found) = app.call(&ida, "search_items", &json!({"entity": "deal", "query": "R5QX"})).await;
    assert!(status == StatusCode::OK && found.as_array().is_some_and(Vec::is_empty), "{status} {found}");
    for (path, expected) in [(format!("/files/{file}"), 404), ("/crm/deal/export.csv".to_string(), 200)] {
        let get = Request::get(&path).header("host", "crm.test").header("cookie", &ida).body(Body::empty()).unwrap();
        let res = app.router.clone().oneshot(get).await.unwrap();
        assert_eq!(res.status().as_u16(), expected, "{path}");
        let body = res.into_body().collect().await.unwrap().to_bytes();
        assert!(!String::from_utf8_lossy(&body).contains("R5QX"), "{path} leaked");
    }
    assert_eq!(fingerprint(&app.db).await, before, "a refused request changed rows");
    // A link someone allowed made stays hers to keep, but its title is not hers to read.
    let (_, my_card) = app.call(&ida, "card", &json!({"entity": "deal", "id": mine})).await;
    let link = json!({"entity": "deal", "id": mine, "version": my_card["header"]["version"], "changes": hers("company", format!("company:{company}"))});
    let (status, saved) = app.call(&admin, "save_fields", &link).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let (_, admin_card) = app.call(&admin, "card", &json!({"entity": "company", "id": company})).await;
    let company_title = admin_card["header"]["title"].as_str().unwrap().to_string();
    let (_, my_card) = app.call(&ida, "card", &json!({"entity": "deal", "id": mine})).await;
    assert_eq!(my_card["names"]["items"][company.to_string()], crm_card::text::item_hidden(), "{}", my_card["names"]);
    assert!(!my_card.to_string().contains(&company_title), "the card names a company she cannot read");
    let keep = json!({"entity": "deal", "id": mine, "version": my_card["header"]["version"], "changes": {"company": {"t": "text", "v": format!("company:{company}")}, "comment": {"t": "text", "v": "kept"}}});
    let (status, saved) = app.call(&ida, "save_fields", &keep).await;
    assert_eq!(status, StatusCode::OK, "the link someone else made does not block her saving: {saved}");
    app.db.cleanup().await;
}

#[tokio::test]
async fn r5_ids_of_others_are_refused_on_sqlite() {
    idor_is_refused(TestDb::sqlite().await).await;
}

#[tokio::test]
async fn r5_ids_of_others_are_refused_on_postgres() {
    idor_is_refused(TestDb::postgres().await).await;
}
