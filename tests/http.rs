//! Server functions and pages through the real router (no socket): sign-in, the Origin rule,
//! and a clear status and message for every kind of bad request — never a 500.

#![allow(clippy::unwrap_used)] // a failed step should stop the test right there

mod support;

use axum::body::Body;
use axum::Router;
use crm_card::error::AppError;
use crm_card::server::{config::Config, demo, http::router, state::AppState, store};
use http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use serde_json::{json, Value as Json};
use std::sync::Arc;
use support::TestDb;
use tower::ServiceExt;

const ORIGIN: &str = "http://crm.test";

struct App {
    router: Router,
    db: TestDb,
    cookie: String,
}

async fn app() -> App {
    app_on(TestDb::sqlite().await, "target/site").await
}

/// The app with its static files in `site_root`.
async fn app_serving(site_root: &str) -> App {
    app_on(TestDb::sqlite().await, site_root).await
}

/// The app on `db` with demo data, Anna signed in.
async fn app_on(db: TestDb, site_root: &str) -> App {
    app_configured(db, site_root, Config::default()).await
}

/// [`app_on`] with settings of the test's own (body and file limits are the tests' anyway).
async fn app_configured(db: TestDb, site_root: &str, config: Config) -> App {
    demo::seed_if_empty(&db.store, store::now_ms()).await.expect("demo data");
    let leptos_options = LeptosOptions::builder().output_name("crm-card").site_root(site_root).build();
    let config = Config { max_body_kb: 64, max_file_mb: 1, public_hosts: "crm.test".into(), ..config };
    let router = router(AppState { leptos_options, store: db.store.clone(), config: Arc::new(config) });
    let mut app = App { router, db, cookie: String::new() };
    app.cookie = app.as_user("anna@example.com", "demo").await.cookie;
    assert!(app.cookie.starts_with("crm_session="), "signed in");
    app
}

/// A server-function call as the browser makes it: POST, JSON, same origin, with the cookie.
fn api_request(name: &str, body: impl Into<String>, cookie: &str) -> Request<Body> {
    let mut req = Request::post(format!("/api/{name}"))
        .header("host", "crm.test")
        .header("origin", ORIGIN)
        .header("content-type", "application/json")
        .body(Body::from(body.into()))
        .unwrap();
    req.headers_mut().insert("cookie", cookie.parse().unwrap());
    req
}

fn form(path: &str, body: &str) -> Request<Body> {
    Request::post(path)
        .header("host", "crm.test")
        .header("origin", ORIGIN)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body.to_string()))
        .unwrap()
}

impl App {
    async fn send(&self, req: Request<Body>) -> axum::response::Response {
        self.router.clone().oneshot(req).await.unwrap()
    }

    fn call(&self, name: &str, body: impl Into<String>) -> Request<Body> {
        api_request(name, body, &self.cookie)
    }

    async fn json(&self, req: Request<Body>) -> (StatusCode, Json) {
        let res = self.send(req).await;
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or(Json::Null))
    }

    async fn page(&self, path: &str) -> (StatusCode, String) {
        let req =
            Request::get(path).header("host", "crm.test").header("cookie", &self.cookie).body(Body::empty()).unwrap();
        let limit = std::time::Duration::from_secs(15);
        let res = tokio::time::timeout(limit, self.send(req)).await.unwrap_or_else(|_| panic!("{path}: no answer"));
        let status = res.status();
        let body = tokio::time::timeout(limit, res.into_body().collect()).await;
        let bytes = body.unwrap_or_else(|_| panic!("{path}: {status}, body never ended")).unwrap().to_bytes();
        (status, String::from_utf8_lossy(&bytes).replace("<!>", ""))
    }

    async fn first_deal(&self) -> (i64, i64) {
        let (_, page) = self
            .json(self.call("list_items", r#"{"entity":"deal","search":null,"stage_id":null,"before":null}"#))
            .await;
        let id = page["rows"][0]["id"].as_i64().expect("a deal");
        let (_, card) = self.json(self.call("card", json!({"entity": "deal", "id": id}).to_string())).await;
        (id, card["header"]["version"].as_i64().expect("version"))
    }
}

fn error_kind(body: &Json) -> &str {
    body["error"].as_str().unwrap_or("")
}

#[tokio::test]
async fn signing_in_sets_an_http_only_same_site_cookie_and_goes_to_the_deals() {
    let app = app().await;
    let res = app.send(form("/api/login", "email=anna%40example.com&password=demo")).await;
    let cookie = res.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    assert_eq!(res.headers().get("location").and_then(|v| v.to_str().ok()), Some("/crm/deal"));
    app.db.cleanup().await;
}

#[tokio::test]
async fn a_wrong_password_goes_back_to_the_sign_in_page_without_a_session() {
    let app = app().await;
    let res = app.send(form("/api/login", "email=anna%40example.com&password=nope")).await;
    assert!(res.headers().get("set-cookie").is_none());
    assert_eq!(res.headers().get("location").and_then(|v| v.to_str().ok()), Some("/login?error=1"));
    let res = app.send(form("/api/login", "email=nobody%40example.com&password=demo")).await;
    assert!(res.headers().get("set-cookie").is_none());
    app.db.cleanup().await;
}

#[tokio::test]
async fn a_mutating_request_from_another_origin_or_without_one_is_refused() {
    let app = app().await;
    for origin in [Some("http://evil.example"), None] {
        let mut req = app.call("add_comment", r#"{"entity":"deal","id":1,"text":"csrf"}"#);
        req.headers_mut().remove("origin");
        if let Some(o) = origin {
            req.headers_mut().insert("origin", o.parse().unwrap());
        }
        let (status, body) = app.json(req).await;
        assert_eq!((status, error_kind(&body)), (StatusCode::FORBIDDEN, "forbidden"), "{origin:?}");
    }
    app.db.cleanup().await;
}

#[tokio::test]
async fn server_functions_need_a_session() {
    let app = app().await;
    let mut req = app.call("card", r#"{"entity":"deal","id":1}"#);
    req.headers_mut().remove("cookie");
    let (status, body) = app.json(req).await;
    assert_eq!((status, error_kind(&body)), (StatusCode::UNAUTHORIZED, "unauthenticated"));
    let mut req = app.call("card", r#"{"entity":"deal","id":1}"#);
    req.headers_mut().insert("cookie", "crm_session=forged".parse().unwrap());
    assert_eq!(app.json(req).await.0, StatusCode::UNAUTHORIZED);
    // Writes read the item or layout beside the sign-in check: without a session the answer is
    // the same whatever that read found, so nobody signed out learns which ids exist.
    let writes = [
        ("save_fields", r#"{"entity":"deal","id":1,"version":1,"changes":{"comment":{"t":"text","v":"x"}}}"#),
        ("save_fields", r#"{"entity":"deal","id":999999,"version":1,"changes":{"comment":{"t":"text","v":"x"}}}"#),
        ("save_fields", r#"{"entity":"spaceship","id":1,"version":1,"changes":{"comment":{"t":"text","v":"x"}}}"#),
        (
            "save_layout",
            r#"{"entity":"deal","view":{"kind":"common"},"version":1,"ops":[{"op":"delete_section","id":"x"}]}"#,
        ),
        (
            "save_layout",
            r#"{"entity":"spaceship","view":{"kind":"common"},"version":1,"ops":[{"op":"delete_section","id":"x"}]}"#,
        ),
    ];
    for (name, body) in writes {
        for cookie in [None, Some("crm_session=forged")] {
            let mut req = app.call(name, body);
            match cookie {
                Some(c) => req.headers_mut().insert("cookie", c.parse().unwrap()),
                None => req.headers_mut().remove("cookie"),
            };
            let (status, json) = app.json(req).await;
            assert_eq!((status, error_kind(&json)), (StatusCode::UNAUTHORIZED, "unauthenticated"), "{name} {body}");
        }
    }
    // Signed in, an unknown item or entity type is not found.
    for body in [writes[1].1, writes[2].1] {
        let (status, json) = app.json(app.call("save_fields", body)).await;
        assert_eq!((status, error_kind(&json)), (StatusCode::NOT_FOUND, "not_found"), "{body}");
    }
    app.db.cleanup().await;
}

#[tokio::test]
async fn bad_requests_get_a_clear_status_and_message_and_never_a_500() {
    let app = app().await;
    let cases: Vec<(&str, String, StatusCode, &str)> = vec![
        ("card", r#"{"entity":"deal","id":999999}"#.into(), StatusCode::NOT_FOUND, "not_found"),
        ("card", r#"{"entity":"spaceship","id":1}"#.into(), StatusCode::NOT_FOUND, "not_found"),
        ("card", r#"{"entity":"deal","id":"one"}"#.into(), StatusCode::BAD_REQUEST, "bad_request"),
        ("card", r#"{"entity":"deal""#.into(), StatusCode::BAD_REQUEST, "bad_request"),
        ("card", "\u{0}\u{1}binary".into(), StatusCode::BAD_REQUEST, "bad_request"),
        (
            "save_fields",
            r#"{"entity":"deal","id":1,"version":1,"changes":{"title":{"t":"teleport","v":1}}}"#.into(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        ("no_such_function", "{}".into(), StatusCode::NOT_FOUND, "not_found"),
        (
            "add_comment",
            format!(r#"{{"entity":"deal","id":1,"text":"{}"}}"#, "x".repeat(100 * 1024)),
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
        ),
    ];
    for (name, body, status, kind) in cases {
        let (got, json) = app.json(app.call(name, body.clone())).await;
        assert_eq!((got, error_kind(&json)), (status, kind), "{name} {}", &body[..body.len().min(60)]);
        let message = serde_json::from_value::<AppError>(json).map(|e| e.message()).unwrap_or_default();
        assert!(
            !message.is_empty() && !message.to_lowercase().contains("sql") && !message.contains("serde"),
            "{message}"
        );
    }
    let req =
        Request::get("/api/card").header("host", "crm.test").header("cookie", &app.cookie).body(Body::empty()).unwrap();
    assert_eq!(app.send(req).await.status(), StatusCode::METHOD_NOT_ALLOWED);
    app.db.cleanup().await;
}

#[tokio::test]
async fn a_wrong_value_is_refused_beside_its_field_and_nothing_is_saved() {
    let app = app().await;
    let (id, version) = app.first_deal().await;
    let body = json!({"entity": "deal", "id": id, "version": version, "changes": {
        "probability": {"t": "text", "v": "lots"},
        "amount": {"t": "money", "v": {"amount": "12.5", "currency": "XYZ"}},
        "title": {"t": "text", "v": "Renamed"},
        "no_such_field": {"t": "text", "v": "x"}
    }});
    let (status, err) = app.json(app.call("save_fields", body.to_string())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields: Vec<&str> = err["fields"].as_array().unwrap().iter().filter_map(|f| f["code"].as_str()).collect();
    fields.sort();
    assert_eq!(fields, ["amount", "no_such_field", "probability"]);
    let (_, card) = app.json(app.call("card", json!({"entity": "deal", "id": id}).to_string())).await;
    assert_eq!(card["header"]["version"].as_i64(), Some(version), "nothing saved");
    app.db.cleanup().await;
}

#[tokio::test]
async fn a_stale_save_of_the_same_field_is_a_conflict_with_the_current_value() {
    let app = app().await;
    let (id, version) = app.first_deal().await;
    let save = |title: &str, version: i64| {
        json!({"entity": "deal", "id": id, "version": version, "changes": {"title": {"t": "text", "v": title}}})
            .to_string()
    };
    let (status, saved) = app.json(app.call("save_fields", save("First writer", version))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(saved["title"], "First writer");
    let (status, err) = app.json(app.call("save_fields", save("Second writer", version))).await;
    assert_eq!((status, error_kind(&err)), (StatusCode::CONFLICT, "conflict"));
    assert_eq!(err["fields"][0]["code"], "title");
    assert_eq!(err["fields"][0]["shown"], "First writer");
    // A save of another field from the same old version merges.
    let other =
        json!({"entity": "deal", "id": id, "version": version, "changes": {"probability": {"t": "text", "v": "35"}}});
    let (status, merged) = app.json(app.call("save_fields", other.to_string())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (merged["merged"].as_bool(), merged["values"]["title"]["v"].as_str()),
        (Some(true), Some("First writer"))
    );
    app.db.cleanup().await;
}

#[tokio::test]
async fn a_comment_is_added_to_the_timeline_and_an_empty_one_is_refused() {
    let app = app().await;
    let (id, _) = app.first_deal().await;
    let (status, event) = app
        .json(app.call("add_comment", json!({"entity": "deal", "id": id, "text": "  <b>Call back</b>  "}).to_string()))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(event["body"]["text"], "<b>Call back</b>");
    let (status, err) =
        app.json(app.call("add_comment", json!({"entity": "deal", "id": id, "text": "   "}).to_string())).await;
    assert_eq!((status, error_kind(&err)), (StatusCode::UNPROCESSABLE_ENTITY, "validation"));
    let (status, _) =
        app.json(app.call("add_comment", json!({"entity": "deal", "id": 999_999, "text": "x"}).to_string())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.db.cleanup().await;
}

#[tokio::test]
async fn pages_render_on_the_server_and_need_a_session() {
    let app = app().await;
    let (id, _) = app.first_deal().await;
    let (status, html) = app.page(&format!("/crm/deal/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    for needle in ["card-title", "stage-bar", "About the deal", "Timeline", "Item created"] {
        assert!(html.contains(needle), "card page lacks {needle}");
    }
    let (status, html) = app.page("/crm/contact").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<table class=\"items\"") || html.contains("class=\"items\""), "list table");
    assert_eq!(app.page("/crm/deal/999999").await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.page("/crm/spaceship").await.0, StatusCode::NOT_FOUND);
    let req = Request::get("/crm/deal").header("host", "crm.test").body(Body::empty()).unwrap();
    let res = app.send(req).await;
    assert_eq!(
        (res.status(), res.headers().get("location").and_then(|v| v.to_str().ok())),
        (StatusCode::SEE_OTHER, Some("/login"))
    );
    app.db.cleanup().await;
}

/// A static file keeps its own status whatever else the server answers at the same moment:
/// Leptos's file handler gave files the status of a concurrent "not found" page. Over real
/// connections (the router answering in-process did not show it).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_files_keep_their_status_beside_not_found_pages() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let site = std::env::temp_dir().join(format!("crm-test-site-{}", std::process::id()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("pkg/crm-card.css"), "body { margin: 0 }").unwrap();
    let app = app_serving(site.to_str().unwrap()).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = app.router.clone();
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    // The status line of one GET over its own connection.
    let get = move |path: &'static str, cookie: String| async move {
        let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nHost: crm.test\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.unwrap();
        let answer = String::from_utf8_lossy(&answer).to_string();
        (answer.lines().next().unwrap_or_default().to_string(), answer.ends_with("body { margin: 0 }"))
    };
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..1200 {
        let cookie = app.cookie.clone();
        tasks.spawn(async move {
            if i % 2 == 0 {
                get("/crm/deal/999999", cookie).await;
                None
            } else {
                Some(get("/pkg/crm-card.css", String::new()).await)
            }
        });
    }
    let mut wrong = Vec::new();
    while let Some(answer) = tasks.join_next().await {
        if let Some(answer) = answer.unwrap() {
            if answer != ("HTTP/1.1 200 OK".to_string(), true) {
                wrong.push(answer.0);
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of 600 static files answered otherwise: {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(3)]
    );
    assert_eq!(get("/pkg/missing.js", String::new()).await.0, "HTTP/1.1 404 Not Found");
    assert_eq!(app.page("/no/such/page").await.0, StatusCode::NOT_FOUND);
    // A file is only read: a same-origin POST, PUT or DELETE to it is refused.
    for method in [Method::POST, Method::PUT, Method::DELETE] {
        let req = Request::builder()
            .method(method.clone())
            .uri("/pkg/crm-card.css")
            .header("host", "crm.test")
            .header("origin", ORIGIN)
            .header("cookie", &app.cookie)
            .body(Body::from("body { display: none }"))
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} /pkg/crm-card.css");
        assert_eq!(res.headers().get("allow").and_then(|v| v.to_str().ok()), Some("GET,HEAD"), "{method}");
    }
    assert_eq!(std::fs::read_to_string(site.join("pkg/crm-card.css")).unwrap(), "body { margin: 0 }");
    server.abort();
    std::fs::remove_dir_all(&site).unwrap();
    app.db.cleanup().await;
}

/// Requests served at the same moment on the server's threads keep their reactive state apart.
/// Leptos makes a page's reactive owner (and its arena of signals) current on the thread that
/// renders it and leaves it there: a request polled next on that thread made its own owner a
/// child of that page's, and a page that went on after an `await` on another thread read its
/// `<title>` from whatever arena that thread had (another page's, or one already gone: then it
/// panicked and the browser got no answer). Here card pages of different deals, server-function
/// calls and unrelated tasks share the two threads; every page must carry its own deal's title,
/// and no task may start under another request's owner. On PostgreSQL every query is a network
/// round trip, so requests hand the threads to each other at other points than on SQLite.
async fn concurrent_requests_keep_their_reactive_state_apart(db: TestDb) {
    use leptos::prelude::Owner;
    let app = Arc::new(app_on(db, "target/site").await);
    let (_, list) =
        app.json(app.call("list_items", r#"{"entity":"deal","search":null,"stage_id":null,"before":null}"#)).await;
    let deals: Vec<(i64, String)> = list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| (row["id"].as_i64().unwrap(), row["title"].as_str().unwrap().to_string()))
        .filter(|(_, title)| !title.contains(['&', '<', '>', '"']))
        .take(8)
        .collect();
    assert!(deals.len() >= 4, "demo deals to tell apart: {deals:?}");
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..600 {
        let app = app.clone();
        let (deal, title) = deals[i % deals.len()].clone();
        tasks.spawn(async move {
            match i % 3 {
                0 => {
                    let (status, page) = app.page(&format!("/crm/deal/{deal}")).await;
                    let shown = page.split("<title>").nth(1).and_then(|t| t.split("</title>").next());
                    let expected = crm_card::text::page_title(&title);
                    assert_eq!((status, shown), (StatusCode::OK, Some(expected.as_str())), "deal {deal}'s page");
                    None
                }
                1 => {
                    assert_eq!(app.json(app.call("me", "{}")).await.0, StatusCode::OK);
                    None
                }
                _ => {
                    tokio::task::yield_now().await;
                    Some(Owner::current().is_some())
                }
            }
        });
    }
    let (mut looked, mut found) = (0, 0);
    while let Some(result) = tasks.join_next().await {
        if let Some(saw_owner) = result.expect("every request answered, none panicked") {
            looked += 1;
            found += usize::from(saw_owner);
        }
    }
    assert_eq!(found, 0, "{found} of {looked} tasks started with another request's reactive owner current");
    Arc::try_unwrap(app).ok().expect("every request has ended").db.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_never_see_each_others_reactive_state_on_sqlite() {
    concurrent_requests_keep_their_reactive_state_apart(TestDb::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_never_see_each_others_reactive_state_on_postgres() {
    concurrent_requests_keep_their_reactive_state_apart(TestDb::postgres().await).await;
}

/// Another signed-in person on the same server.
struct Session {
    router: Router,
    cookie: String,
}

impl Session {
    async fn page(&self, path: &str) -> (StatusCode, String) {
        let req =
            Request::get(path).header("host", "crm.test").header("cookie", &self.cookie).body(Body::empty()).unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8_lossy(&bytes).replace("<!>", ""))
    }

    fn call(&self, name: &str, body: impl Into<String>) -> Request<Body> {
        api_request(name, body, &self.cookie)
    }

    async fn json(&self, req: Request<Body>) -> (StatusCode, Json) {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap_or(Json::Null))
    }
}

impl App {
    async fn as_user(&self, email: &str, password: &str) -> Session {
        let res =
            self.send(form("/api/login", &format!("email={}&password={password}", email.replace('@', "%40")))).await;
        let cookie = res
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|c| c.split(';').next())
            .unwrap_or_default()
            .to_string();
        Session { router: self.router.clone(), cookie }
    }
}

#[tokio::test]
async fn only_an_admin_changes_the_common_layout_and_every_card_then_shows_it() {
    let app = app().await;
    let ops = json!({"entity": "deal", "view": {"kind": "common"}, "version": 1, "ops": [
        {"op": "create_section", "id": "money", "title": "Money matters", "after": null},
        {"op": "move_field", "code": "amount", "section": "money", "after": null},
    ]});
    let (status, err) = app.json(app.call("save_layout", ops.to_string())).await;
    assert_eq!((status, error_kind(&err)), (StatusCode::FORBIDDEN, "forbidden"), "staff may not");
    let admin = app.as_user("admin@example.com", "admin").await;
    let (status, saved) = admin.json(admin.call("save_layout", ops.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!((saved["version"].as_i64(), saved["conflicts"].as_array().map(Vec::len)), (Some(2), Some(0)));
    // Every card now shows the new section first, with the amount in it (server render).
    let (id, _) = app.first_deal().await;
    let (_, html) = app.page(&format!("/crm/deal/{id}")).await;
    let money = html.find("Money matters").expect("the new section is on the card");
    let about = html.find("About the deal").expect("the old section stays");
    assert!(money < about, "the new section comes first");
    let amount = html.find("data-field=\"amount\"").expect("amount shown");
    assert!(amount > money && amount < about, "amount moved into the new section");
    // A stale editor's operation on a section deleted meanwhile is reported, not applied.
    let delete = json!({"entity": "deal", "view": {"kind": "common"}, "version": 2, "ops": [{"op": "delete_section", "id": "money"}]});
    admin.json(admin.call("save_layout", delete.to_string())).await;
    let late = json!({"entity": "deal", "view": {"kind": "common"}, "version": 2, "ops": [{"op": "rename_section", "id": "money", "title": "Cash"}]});
    let (status, res) = admin.json(admin.call("save_layout", late.to_string())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(res["version"].as_i64(), Some(3), "no new version");
    assert_eq!(res["conflicts"][0]["message"], "Its section was deleted by someone else meanwhile.");
    // History names the changes; a rollback to version 2 brings the section back.
    let (status, _) = app.json(app.call("layout_history", r#"{"entity":"deal","view":{"kind":"common"}}"#)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the common view's history is part of its settings");
    let (_, history) = admin.json(admin.call("layout_history", r#"{"entity":"deal","view":{"kind":"common"}}"#)).await;
    assert_eq!(
        history.as_array().map(|h| h.iter().filter_map(|v| v["version"].as_i64()).collect::<Vec<_>>()),
        Some(vec![3, 2, 1])
    );
    assert!(history[1]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["change"] == "section_added" && c["title"] == "Money matters"));
    assert_eq!(history[1]["author"], "Alex Morgan");
    let (status, err) =
        app.json(app.call("rollback_layout", r#"{"entity":"deal","view":{"kind":"common"},"version":2}"#)).await;
    assert_eq!((status, error_kind(&err)), (StatusCode::FORBIDDEN, "forbidden"));
    let (status, back) =
        admin.json(admin.call("rollback_layout", r#"{"entity":"deal","view":{"kind":"common"},"version":2}"#)).await;
    assert_eq!((status, back["version"].as_i64()), (StatusCode::OK, Some(4)));
    assert!(app.page(&format!("/crm/deal/{id}")).await.1.contains("Money matters"));
    let (status, _) =
        admin.json(admin.call("rollback_layout", r#"{"entity":"deal","view":{"kind":"common"},"version":77}"#)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    app.db.cleanup().await;
}

/// An admin creates a custom field of deals and puts it into the first section of the card.
async fn admin_creates_field(admin: &Session, spec: Json) -> String {
    let (status, def) =
        admin.json(admin.call("create_field", json!({"entity": "deal", "spec": spec}).to_string())).await;
    assert_eq!(status, StatusCode::OK, "{def}");
    let code = def["code"].as_str().expect("a code").to_string();
    let (_, editor) = admin.json(admin.call("layout_editor", r#"{"entity":"deal","view":{"kind":"common"}}"#)).await;
    let show = json!({"entity": "deal", "view": {"kind": "common"}, "version": editor["version"], "ops": [
        {"op": "show_field", "code": code, "section": "about", "after": null},
    ]});
    let (status, saved) = admin.json(admin.call("save_layout", show.to_string())).await;
    assert_eq!((status, saved["conflicts"].as_array().map(Vec::len)), (StatusCode::OK, Some(0)), "{saved}");
    code
}

#[tokio::test]
async fn a_restricted_field_and_its_values_reach_only_the_people_allowed_to_see_them() {
    let app = app().await;
    let admin = app.as_user("admin@example.com", "admin").await;
    let (_, settings) = admin.json(admin.call("field_settings", r#"{"entity":"deal"}"#)).await;
    let sales =
        settings["departments"].as_array().unwrap().iter().find(|d| d["name"] == "Sales").unwrap()["id"].clone();
    let spec = json!({"label": "Secret margin", "field_type": "string", "settings": {"visible_to": {"users": [], "departments": [sales]}}});
    let code = admin_creates_field(&admin, spec).await;
    // Marco (Sales) fills it in; Anna (Sales) sees it; Julia (Call centre) sees nothing of it.
    let marco = app.as_user("marco@example.com", "demo").await;
    let (id, version) = app.first_deal().await;
    let save = json!({"entity": "deal", "id": id, "version": version, "changes": {code.clone(): {"t": "text", "v": "MARGIN-XYZZY"}}});
    let (status, saved) = marco.json(marco.call("save_fields", save.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let (_, card) = app.json(app.call("card", json!({"entity": "deal", "id": id}).to_string())).await;
    assert_eq!(card["values"][&code]["v"], "MARGIN-XYZZY", "Anna is in Sales");
    let julia = app.as_user("julia@example.com", "demo").await;
    let julia_app = App { router: app.router.clone(), db: TestDb::sqlite().await, cookie: julia.cookie.clone() };
    let secret = |body: &str| body.contains("MARGIN-XYZZY") || body.contains("Secret margin") || body.contains(&code);
    // Her own view is a copy of what she sees: the hidden field is not copied into it.
    let (status, _) = julia.json(julia.call("enable_my_view", r#"{"entity":"deal","on":true}"#)).await;
    assert_eq!(status, StatusCode::OK);
    let (_, seen) = julia.json(julia.call("card_layout", r#"{"entity":"deal"}"#)).await;
    assert_eq!(seen["view"]["active"]["kind"], "personal", "{seen}");
    for (name, body) in [
        ("card", json!({"entity": "deal", "id": id})),
        ("timeline", json!({"entity": "deal", "id": id, "before": null})),
        ("history", json!({"entity": "deal", "id": id, "before": null})),
        ("layout_editor", json!({"entity": "deal", "view": seen["view"]["active"]})),
        ("layout_history", json!({"entity": "deal", "view": seen["view"]["active"]})),
        ("card_layout", json!({"entity": "deal"})),
        ("new_item_form", json!({"entity": "deal"})),
        ("list_items", json!({"entity": "deal", "search": "xyzzy", "stage_id": null, "before": null})),
    ] {
        let (status, res) = julia.json(julia.call(name, body.to_string())).await;
        assert_eq!(status, StatusCode::OK, "{name}");
        assert!(!secret(&res.to_string()), "{name} leaks the restricted field: {res}");
    }
    let (_, found) = julia
        .json(julia.call(
            "list_items",
            json!({"entity": "deal", "search": "xyzzy", "stage_id": null, "before": null}).to_string(),
        ))
        .await;
    assert_eq!(found["rows"].as_array().map(Vec::len), Some(0), "search does not reveal it either");
    let (_, html) = julia_app.page(&format!("/crm/deal/{id}")).await;
    assert!(html.contains("About the deal") && !secret(&html), "the server render leaks it");
    let (_, html) = julia_app.page(&format!("/crm/deal/{id}?tab=history")).await;
    assert!(!secret(&html), "the History tab leaks it");
    // Writing it is refused as an unknown field, and her save of another field keeps its value.
    let (_, card) = julia.json(julia.call("card", json!({"entity": "deal", "id": id}).to_string())).await;
    let v = card["header"]["version"].clone();
    let write =
        json!({"entity": "deal", "id": id, "version": v, "changes": {code.clone(): {"t": "text", "v": "mine"}}});
    let (status, err) = julia.json(julia.call("save_fields", write.to_string())).await;
    assert_eq!((status, error_kind(&err)), (StatusCode::UNPROCESSABLE_ENTITY, "validation"));
    let other =
        json!({"entity": "deal", "id": id, "version": v, "changes": {"comment": {"t": "text", "v": "call back"}}});
    let (status, saved) = julia.json(julia.call("save_fields", other.to_string())).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!secret(&saved.to_string()), "the save answer leaks it: {saved}");
    let (_, card) = app.json(app.call("card", json!({"entity": "deal", "id": id}).to_string())).await;
    assert_eq!(card["values"][&code]["v"], "MARGIN-XYZZY", "kept");
    julia_app.db.cleanup().await;
    app.db.cleanup().await;
}

#[tokio::test]
async fn custom_fields_are_for_admins_keep_their_type_and_system_fields_stay() {
    let app = app().await;
    let spec = json!({"label": "Budget code", "field_type": "list", "settings": {"options": [{"id": "", "label": "A"}, {"id": "", "label": "B"}]}});
    let (status, err) = app.json(app.call("create_field", json!({"entity": "deal", "spec": spec}).to_string())).await;
    assert_eq!((status, error_kind(&err)), (StatusCode::FORBIDDEN, "forbidden"), "staff may not");
    let (status, _) = app.json(app.call("field_settings", r#"{"entity":"deal"}"#)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let admin = app.as_user("admin@example.com", "admin").await;
    let code = admin_creates_field(&admin, spec).await;
    let (_, settings) = admin.json(admin.call("field_settings", r#"{"entity":"deal"}"#)).await;
    let def = settings["fields"].as_array().unwrap().iter().find(|f| f["code"] == code.as_str()).unwrap().clone();
    assert_eq!(def["settings"]["options"], json!([{"id": "o1", "label": "A"}, {"id": "o2", "label": "B"}]));
    // Type and "multiple" are refused; label and options change.
    let retype = json!({"entity": "deal", "code": code, "spec": {"label": "Budget code", "field_type": "string", "settings": {}}});
    let (status, err) = admin.json(admin.call("configure_field", retype.to_string())).await;
    assert_eq!(
        (status, err["fields"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("field_type")),
        "{err}"
    );
    let many = json!({"entity": "deal", "code": code, "spec": {"label": "Budget code", "field_type": "list", "multiple": true, "settings": {"options": def["settings"]["options"]}}});
    let (status, _) = admin.json(admin.call("configure_field", many.to_string())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let relabel = json!({"entity": "deal", "code": code, "spec": {"label": "Cost centre", "field_type": "list", "settings": {"options": [{"id": "o2", "label": "B"}, {"id": "", "label": "C"}], "required": {"always": true}}}});
    let (status, changed) = admin.json(admin.call("configure_field", relabel.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["settings"]["options"], json!([{"id": "o2", "label": "B"}, {"id": "o3", "label": "C"}]));
    // Required always: a save without it is refused and names it.
    let (id, version) = app.first_deal().await;
    let save = json!({"entity": "deal", "id": id, "version": version, "changes": {"comment": {"t": "text", "v": "x"}}});
    let (status, err) = app.json(app.call("save_fields", save.to_string())).await;
    assert_eq!(
        (status, err["fields"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some(code.as_str())),
        "{err}"
    );
    assert!(err["message"].as_str().unwrap_or_default().contains("Cost centre"));
    // A system field cannot be deleted or restricted; a custom one is deleted with its values.
    let (status, err) = admin.json(admin.call("delete_field", r#"{"entity":"deal","code":"title"}"#)).await;
    assert_eq!((status, err["message"].as_str()), (StatusCode::BAD_REQUEST, Some(crm_card::text::err_system_field())));
    let restrict = json!({"entity": "deal", "code": "title", "spec": {"label": "Deal name", "field_type": "string", "settings": {"required": {"always": true}, "visible_to": {"users": [], "departments": []}}}});
    let (status, _) = admin.json(admin.call("configure_field", restrict.to_string())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, err) = app.json(app.call("delete_field", json!({"entity": "deal", "code": code}).to_string())).await;
    assert_eq!((status, error_kind(&err)), (StatusCode::FORBIDDEN, "forbidden"));
    let (status, _) = admin.json(admin.call("delete_field", json!({"entity": "deal", "code": code}).to_string())).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = admin.json(admin.call("delete_field", json!({"entity": "deal", "code": code}).to_string())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, card) = app.json(app.call("card", json!({"entity": "deal", "id": id}).to_string())).await;
    assert!(!card.to_string().contains(&code), "gone from the card");
    app.db.cleanup().await;
}

fn upload(path: &str, cookie: &str, origin: &str, data: Vec<u8>) -> Request<Body> {
    Request::post(path)
        .header("host", "crm.test")
        .header("origin", origin)
        .header("cookie", cookie)
        .header("content-type", "text/html")
        .header("x-file-name", "%D0%94%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80.html")
        .body(Body::from(data))
        .unwrap()
}

#[tokio::test]
async fn files_upload_attach_and_download_only_for_those_who_may() {
    let app = app().await;
    let admin = app.as_user("admin@example.com", "admin").await;
    let code = admin_creates_field(&admin, json!({"label": "Contract", "field_type": "file"})).await;
    let (status, file) =
        app.json(upload("/files/deal", &app.cookie, ORIGIN, b"<script>alert(1)</script>".to_vec())).await;
    assert_eq!(status, StatusCode::OK, "{file}");
    assert_eq!((file["name"].as_str(), file["size"].as_i64()), (Some("Договор.html"), Some(25)));
    let file_id = file["id"].as_i64().unwrap();
    let julia = app.as_user("julia@example.com", "demo").await;
    let get = |cookie: &str| {
        Request::get(format!("/files/{file_id}"))
            .header("host", "crm.test")
            .header("cookie", cookie)
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(
        app.send(get(&julia.cookie)).await.status(),
        StatusCode::NOT_FOUND,
        "an upload is its uploader's until saved"
    );
    let (id, version) = app.first_deal().await;
    let save = json!({"entity": "deal", "id": id, "version": version, "changes": {code.clone(): {"t": "text", "v": file_id.to_string()}}});
    let (status, saved) = julia.json(julia.call("save_fields", save.to_string())).await;
    assert_eq!(
        (status, saved["fields"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some(code.as_str())),
        "not her file"
    );
    let (status, saved) = app.json(app.call("save_fields", save.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["values"][&code]["v"]["name"], "Договор.html");
    let res = app.send(get(&julia.cookie)).await;
    assert_eq!(res.status(), StatusCode::OK, "attached: whoever sees the field downloads it");
    let header = |name: &str| res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert_eq!(header("content-type"), "application/octet-stream", "never served as HTML");
    assert!(
        header("content-disposition").starts_with("attachment; filename*=UTF-8''%D0%94"),
        "{}",
        header("content-disposition")
    );
    assert_eq!(res.into_body().collect().await.unwrap().to_bytes().as_ref(), b"<script>alert(1)</script>");
    // Refused: another origin, no session, too large, empty, an unknown entity type.
    let (status, _) = app.json(upload("/files/deal", &app.cookie, "http://evil.example", b"x".to_vec())).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.json(upload("/files/deal", "", ORIGIN, b"x".to_vec())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let status = app.send(upload("/files/deal", &app.cookie, ORIGIN, vec![b'x'; 1024 * 1024 + 1])).await.status();
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let (status, err) = app.json(upload("/files/deal", &app.cookie, ORIGIN, vec![])).await;
    assert_eq!((status, err["message"].as_str()), (StatusCode::BAD_REQUEST, Some(crm_card::text::err_file_empty())));
    let (status, _) = app.json(upload("/files/planet", &app.cookie, ORIGIN, b"x".to_vec())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.db.cleanup().await;
}

async fn user_id(app: &App, email: &str) -> i64 {
    let mut conn = app.db.store.pool.acquire().await.unwrap();
    sqlx::Row::try_get(
        &sqlx::query("SELECT id FROM users WHERE email = $1").bind(email).fetch_one(&mut *conn).await.unwrap(),
        0,
    )
    .unwrap()
}

async fn csv(app: &App, session: &Session, path: &str) -> (StatusCode, String) {
    let req =
        Request::get(path).header("host", "crm.test").header("cookie", &session.cookie).body(Body::empty()).unwrap();
    let res = app.send(req).await;
    let status = res.status();
    (status, String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).into_owned())
}

#[tokio::test]
async fn scopes_decide_what_a_user_reads_changes_creates_and_exports() {
    use crm_card::domain::access::{EntityRights, Rights, Scope};
    use crm_card::server::store::access;
    let app = app().await;
    // Julia may work with her own deals only, and with nothing else.
    let julia_id = user_id(&app, "julia@example.com").await;
    {
        let mut conn = app.db.store.pool.acquire().await.unwrap();
        let mut rights = Rights::default();
        rights.entities.insert(crm_card::domain::EntityType::DEAL, EntityRights::everything(Scope::Own));
        let role = access::create_role(&mut conn, "Own deals", &rights).await.unwrap();
        access::set_roles(&mut conn, julia_id, &[role]).await.unwrap();
    }
    let julia = app.as_user("julia@example.com", "demo").await;
    let list = json!({"entity": "deal", "search": null, "stage_id": null, "before": null});
    let (_, everyone) = app.json(app.call("list_items", list.to_string())).await;
    let (_, hers) = julia.json(julia.call("list_items", list.to_string())).await;
    let rows = |p: &Json| p["rows"].as_array().cloned().unwrap_or_default();
    assert!(!rows(&hers).is_empty() && rows(&hers).len() < rows(&everyone).len(), "{hers}");
    assert!(rows(&hers).iter().all(|r| r["responsible"] == "Julia Santos"), "{hers}");
    let foreign = rows(&everyone).into_iter().find(|r| r["responsible"] != "Julia Santos").unwrap();
    let own = rows(&hers)[0].clone();
    // Another's deal does not exist for her, whatever she asks.
    for (name, body) in [
        ("card", json!({"entity": "deal", "id": foreign["id"]})),
        ("timeline", json!({"entity": "deal", "id": foreign["id"], "before": null})),
        ("history", json!({"entity": "deal", "id": foreign["id"], "before": null})),
        ("relations", json!({"entity": "deal", "id": foreign["id"]})),
        ("add_comment", json!({"entity": "deal", "id": foreign["id"], "text": "peek"})),
        (
            "save_fields",
            json!({"entity": "deal", "id": foreign["id"], "version": 1, "changes": {"comment": {"t": "text", "v": "x"}}}),
        ),
        ("move_stage", json!({"entity": "deal", "id": foreign["id"], "version": 1, "stage_id": 1})),
    ] {
        let (status, err) = julia.json(julia.call(name, body.to_string())).await;
        assert_eq!((status, error_kind(&err)), (StatusCode::NOT_FOUND, "not_found"), "{name}");
    }
    let (_, found) =
        julia.json(julia.call("search_items", json!({"entity": "deal", "query": foreign["title"]}).to_string())).await;
    assert!(found.as_array().unwrap().iter().all(|i| i["id"] != foreign["id"]), "the picker does not offer it");
    // Her own deal she reads and changes.
    let (status, card) = julia.json(julia.call("card", json!({"entity": "deal", "id": own["id"]}).to_string())).await;
    assert_eq!(status, StatusCode::OK);
    let save = json!({"entity": "deal", "id": own["id"], "version": card["header"]["version"], "changes": {"comment": {"t": "text", "v": "mine"}}});
    assert_eq!(julia.json(julia.call("save_fields", save.to_string())).await.0, StatusCode::OK);
    // She creates deals for herself, not for Anna.
    let anna_id = user_id(&app, "anna@example.com").await;
    let for_anna = json!({"entity": "deal", "pipeline_id": null, "values": {"title": {"t": "text", "v": "For Anna"}, "responsible": {"t": "text", "v": anna_id.to_string()}}});
    assert_eq!(julia.json(julia.call("create_item", for_anna.to_string())).await.0, StatusCode::FORBIDDEN);
    let for_her =
        json!({"entity": "deal", "pipeline_id": null, "values": {"title": {"t": "text", "v": "Julia's own"}}});
    assert_eq!(julia.json(julia.call("create_item", for_her.to_string())).await.0, StatusCode::OK);
    // Contacts: no rights at all, so for her there is no such list.
    let contacts = json!({"entity": "contact", "search": null, "stage_id": null, "before": null});
    let (status, none) = julia.json(julia.call("list_items", contacts.to_string())).await;
    assert_eq!((status, rows(&none).len()), (StatusCode::NOT_FOUND, 0));
    assert_eq!(julia.json(julia.call("new_item_form", r#"{"entity":"contact"}"#)).await.0, StatusCode::FORBIDDEN);
    // Her export holds her deals only, and no field hidden from her.
    let admin = app.as_user("admin@example.com", "admin").await;
    let spec = json!({"label": "Board notes", "field_type": "string", "settings": {"visible_to": {"users": [], "departments": []}}});
    admin_creates_field(&admin, spec).await;
    let annas =
        json!({"entity": "deal", "pipeline_id": null, "values": {"title": {"t": "text", "v": "Anna only QZX"}}});
    assert_eq!(app.json(app.call("create_item", annas.to_string())).await.0, StatusCode::OK);
    let (status, body) = csv(&app, &julia, "/crm/deal/export.csv").await;
    assert_eq!(status, StatusCode::OK);
    let lines: Vec<&str> = body.lines().collect();
    assert!(
        lines[0].contains("Deal name") && lines[0].contains("Amount") && !lines[0].contains("Board notes"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len() - 1, rows(&hers).len() + 1, "her deals, with the one she just made");
    assert!(body.contains("Julia's own") && !body.contains("Anna only QZX"));
    let (_, all) = csv(&app, &admin, "/crm/deal/export.csv").await;
    assert!(all.lines().next().unwrap().contains("Board notes"), "the admin sees every field");
    assert!(all.contains("Anna only QZX") && all.contains("Julia's own"));
    assert_eq!(csv(&app, &julia, "/crm/contact/export.csv").await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        csv(&app, &Session { router: app.router.clone(), cookie: String::new() }, "/crm/deal/export.csv").await.0,
        StatusCode::UNAUTHORIZED
    );
    app.db.cleanup().await;
}

#[tokio::test]
async fn admins_manage_users_departments_and_roles_and_the_rights_apply_at_once() {
    let app = app().await;
    assert_eq!(app.json(app.call("access_settings", "{}")).await.0, StatusCode::FORBIDDEN, "staff may not");
    let admin = app.as_user("admin@example.com", "admin").await;
    let (status, dept) = admin
        .json(admin.call(
            "save_department",
            json!({"id": null, "department": {"name": "Field sales", "parent_id": null, "head_id": null}}).to_string(),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{dept}");
    let (status, child) = admin
        .json(admin.call(
            "save_department",
            json!({"id": null, "department": {"name": "North", "parent_id": dept, "head_id": null}}).to_string(),
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let looped = json!({"id": dept, "department": {"name": "Field sales", "parent_id": child, "head_id": null}});
    let (status, err) = admin.json(admin.call("save_department", looped.to_string())).await;
    assert_eq!((status, err["fields"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("parent_id")));
    let rights = json!({"entities": {"deal": {"read": "own", "create": "own", "update": "own"}}, "my_view": false, "admin": false});
    let (status, role) = admin
        .json(admin.call("save_role", json!({"id": null, "name": "Field rep", "rights": rights}).to_string()))
        .await;
    assert_eq!(status, StatusCode::OK, "{role}");
    let new_user = |password: &str| json!({"id": null, "user": {"name": "Nina Field", "email": "Nina@Example.com", "password": password, "department_id": dept, "roles": [role], "active": true}});
    let (status, err) = admin.json(admin.call("save_user", new_user("short").to_string())).await;
    assert_eq!((status, err["fields"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("password")));
    let (status, nina_id) = admin.json(admin.call("save_user", new_user("field sales 1").to_string())).await;
    assert_eq!(status, StatusCode::OK, "{nina_id}");
    let (status, _) = admin.json(admin.call("save_user", new_user("field sales 1").to_string())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the email is taken");
    // Nina signs in: she has no deals yet, and no contacts at all.
    let nina = app.as_user("nina@example.com", "field sales 1").await;
    assert!(nina.cookie.starts_with("crm_session="));
    let (_, deals) = nina
        .json(nina.call(
            "list_items",
            json!({"entity": "deal", "search": null, "stage_id": null, "before": null}).to_string(),
        ))
        .await;
    assert_eq!(deals["rows"].as_array().map(Vec::len), Some(0));
    let (status, _) = nina
        .json(
            nina.call(
                "create_item",
                json!({"entity": "deal", "pipeline_id": null, "values": {"title": {"t": "text", "v": "Nina's first"}}})
                    .to_string(),
            ),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, deals) = nina
        .json(nina.call(
            "list_items",
            json!({"entity": "deal", "search": null, "stage_id": null, "before": null}).to_string(),
        ))
        .await;
    assert_eq!(deals["rows"][0]["title"], "Nina's first");
    // Widening the role shows her everything at her next request.
    let wider = json!({"entities": {"deal": {"read": "all"}}});
    assert_eq!(
        admin
            .json(admin.call("save_role", json!({"id": role, "name": "Field rep", "rights": wider}).to_string()))
            .await
            .0,
        StatusCode::OK
    );
    let (_, deals) = nina
        .json(nina.call(
            "list_items",
            json!({"entity": "deal", "search": null, "stage_id": null, "before": null}).to_string(),
        ))
        .await;
    let everything = deals["rows"].as_array().map(Vec::len).unwrap_or(0);
    assert!(everything > 1);
    // Kept from the Support pipeline, she finds nothing of it; an unknown pipeline is dropped.
    let (_, overview) = admin.json(admin.call("access_settings", "{}")).await;
    let deal_pipelines = overview["pipelines"]["deal"].as_array().cloned().unwrap_or_default();
    let support = deal_pipelines.iter().find(|p| p[1] == "Support").map(|p| p[0].as_i64().unwrap()).expect("Support");
    let kept = json!({"entities": {"deal": {"read": "all", "update": "all"}}, "pipelines": {"deal": {support.to_string(): {}, "999999": {}}}});
    let saved =
        admin.json(admin.call("save_role", json!({"id": role, "name": "Field rep", "rights": kept}).to_string())).await;
    assert_eq!(saved.0, StatusCode::OK, "{}", saved.1);
    let (_, overview) = admin.json(admin.call("access_settings", "{}")).await;
    let stored =
        overview["roles"].as_array().unwrap().iter().find(|r| r["id"] == role).unwrap()["rights"]["pipelines"].clone();
    assert_eq!(
        stored,
        json!({"deal": {support.to_string(): {"read": "none", "create": "none", "update": "none", "delete": "none", "export": "none"}}})
    );
    let support_deal: i64 = {
        let mut conn = app.db.store.pool.acquire().await.unwrap();
        let q = "SELECT id FROM items WHERE pipeline_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT 1";
        sqlx::Row::try_get(&sqlx::query(q).bind(support).fetch_one(&mut *conn).await.unwrap(), 0).unwrap()
    };
    let list = json!({"entity": "deal", "search": null, "stage_id": null, "before": null}).to_string();
    let (_, deals) = nina.json(nina.call("list_items", list)).await;
    let ids: Vec<i64> = deals["rows"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert!(!ids.is_empty() && ids.len() < everything && !ids.contains(&support_deal), "{ids:?}");
    let (status, _) = nina.json(nina.call("card", json!({"entity": "deal", "id": support_deal}).to_string())).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let board = json!({"entity": "deal", "pipeline": support, "search": null}).to_string();
    let (status, shown) = nina.json(nina.call("board", board)).await;
    assert_eq!(status, StatusCode::OK, "{shown}");
    assert!(
        shown["pipeline"]["id"] != support && shown["pipelines"].as_array().unwrap().len() == deal_pipelines.len() - 1
    );
    // A department with people cannot go; switching Nina off ends her session at once.
    let (status, _) = admin.json(admin.call("delete_department", json!({"id": child}).to_string())).await;
    assert_eq!(status, StatusCode::OK, "an empty one can");
    let (status, err) = admin.json(admin.call("delete_department", json!({"id": dept}).to_string())).await;
    assert_eq!(
        (status, err["message"].as_str()),
        (StatusCode::BAD_REQUEST, Some(crm_card::text::err_department_not_empty()))
    );
    let off = json!({"id": nina_id, "user": {"name": "Nina Field", "email": "nina@example.com", "password": "", "department_id": dept, "roles": [role], "active": false}});
    assert_eq!(admin.json(admin.call("save_user", off.to_string())).await.0, StatusCode::OK);
    assert_eq!(
        nina.json(nina.call(
            "list_items",
            json!({"entity": "deal", "search": null, "stage_id": null, "before": null}).to_string()
        ))
        .await
        .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.as_user("nina@example.com", "field sales 1").await.cookie, "", "an inactive user cannot sign in");
    // The admin cannot switch themselves off; the overview lists everyone.
    let (_, overview) = admin.json(admin.call("access_settings", "{}")).await;
    let me = overview["me"].clone();
    let self_off = json!({"id": me, "user": {"name": "Alex Morgan", "email": "admin@example.com", "password": "", "department_id": null, "roles": [], "active": false}});
    assert_eq!(admin.json(admin.call("save_user", self_off.to_string())).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(overview["users"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["email"] == "nina@example.com" && u["active"] == false));
    app.db.cleanup().await;
}

/// Card views through the server functions: who sees which view, who may change which, and
/// what a preview shows (docs/CARD_VIEWS.md).
#[tokio::test]
async fn card_views_resolve_per_person_and_only_the_right_people_change_them() {
    let app = app().await;
    let admin = app.as_user("admin@example.com", "admin").await;
    let julia = app.as_user("julia@example.com", "demo").await;
    let marco = app.as_user("marco@example.com", "demo").await;
    let seen = |s: &Session| {
        let s = Session { router: s.router.clone(), cookie: s.cookie.clone() };
        async move { s.json(s.call("card_layout", r#"{"entity":"deal"}"#)).await.1 }
    };
    let shows = |l: &Json, code: &str| l["layout"]["sections"].to_string().contains(&format!("\"{code}\""));
    let anna = Session { router: app.router.clone(), cookie: app.cookie.clone() };
    let before = seen(&anna).await;
    assert_eq!(before["view"]["active"], json!({"kind": "common"}), "{before}");
    assert_eq!(before["view"]["open"].as_array().map(Vec::len), Some(1));

    // Staff change no shared view, and see no admin's tools.
    for (name, body) in [
        ("set_common_view", json!({"entity": "deal", "published": true, "forced": true})),
        ("reset_common_view", json!({"entity": "deal"})),
        ("views_admin", json!({"entity": "deal"})),
        (
            "save_card_view",
            json!({"entity": "deal", "view": {"id": null, "name": "Mine", "users": [], "departments": [], "from": {"kind": "common"}}}),
        ),
        ("delete_card_view", json!({"entity": "deal", "id": 1})),
        ("layout_editor", json!({"entity": "deal", "view": {"kind": "common"}})),
        ("preview_card", json!({"entity": "deal", "id": 1, "who": {"kind": "user", "id": 1}})),
    ] {
        let (status, err) = anna.json(anna.call(name, body.to_string())).await;
        assert_eq!((status, error_kind(&err)), (StatusCode::FORBIDDEN, "forbidden"), "{name}");
    }

    // A view for the call centre: its member sees it, Sales does not.
    let (_, setup) = admin.json(admin.call("views_admin", r#"{"entity":"deal"}"#)).await;
    let department =
        |name: &str| setup["departments"].as_array().unwrap().iter().find(|d| d["name"] == name).unwrap()["id"].clone();
    let person = |name: &str| {
        setup["users"].as_array().unwrap().iter().find(|u| u["name"] == name).unwrap()["id"].as_i64().unwrap()
    };
    let input = json!({"id": null, "name": "Calls", "users": [], "departments": [department("Call centre")], "from": {"kind": "common"}});
    let (status, view_id) =
        admin.json(admin.call("save_card_view", json!({"entity": "deal", "view": input}).to_string())).await;
    assert_eq!(status, StatusCode::OK, "{view_id}");
    let calls = json!({"kind": "named", "id": view_id});
    let token = seen(&julia).await["view"]["token"].clone();
    let (_, editor) =
        admin.json(admin.call("layout_editor", json!({"entity": "deal", "view": calls}).to_string())).await;
    let hide = json!({"entity": "deal", "view": calls, "version": editor["version"], "ops": [{"op": "hide_field", "code": "comment"}]});
    assert_eq!(admin.json(admin.call("save_layout", hide.to_string())).await.0, StatusCode::OK);
    let julia_sees = seen(&julia).await;
    assert_eq!((&julia_sees["view"]["active"], shows(&julia_sees, "comment")), (&calls, false), "{julia_sees}");
    assert_ne!(julia_sees["view"]["token"], token, "her open card learns of the change");
    assert!(shows(&seen(&anna).await, "comment"), "Sales keeps the common view");
    let bad = json!({"id": null, "name": "X", "users": [987654], "departments": [], "from": {"kind": "common"}});
    assert_eq!(
        admin.json(admin.call("save_card_view", json!({"entity": "deal", "view": bad}).to_string())).await.0,
        StatusCode::BAD_REQUEST
    );

    // Anna's own view: a copy she changes alone; nobody else may touch it.
    assert_eq!(anna.json(anna.call("enable_my_view", r#"{"entity":"deal","on":true}"#)).await.0, StatusCode::OK);
    let mine = seen(&anna).await["view"]["active"].clone();
    assert_eq!(mine["kind"], "personal");
    let (_, editor) = anna.json(anna.call("layout_editor", json!({"entity": "deal", "view": mine}).to_string())).await;
    let hide = json!({"entity": "deal", "view": mine, "version": editor["version"], "ops": [{"op": "hide_field", "code": "source"}]});
    assert_eq!(anna.json(anna.call("save_layout", hide.to_string())).await.0, StatusCode::OK);
    assert!(!shows(&seen(&anna).await, "source"));
    assert!(shows(&seen(&marco).await, "source"), "Marco is unaffected");
    let (status, _) = marco.json(marco.call("save_layout", hide.to_string())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "another's own view");
    let (status, _) =
        marco.json(marco.call("layout_history", json!({"entity": "deal", "view": mine}).to_string())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "nor its history");
    // She switches back to the common view and again to hers.
    assert_eq!(
        anna.json(anna.call("choose_view", r#"{"entity":"deal","view":{"kind":"common"}}"#)).await.0,
        StatusCode::OK
    );
    assert!(shows(&seen(&anna).await, "source"));
    assert_eq!(
        anna.json(anna.call("choose_view", json!({"entity": "deal", "view": mine}).to_string())).await.0,
        StatusCode::OK
    );
    assert_eq!(
        anna.json(anna.call("choose_view", json!({"entity": "deal", "view": calls}).to_string())).await.0,
        StatusCode::BAD_REQUEST,
        "not hers"
    );

    // Without the permission: no own view, and the server refuses it.
    let rights = json!({"entities": {"deal": {"read": "all"}}, "my_view": false, "admin": false});
    let (_, role) =
        admin.json(admin.call("save_role", json!({"id": null, "name": "Viewer", "rights": rights}).to_string())).await;
    let user = json!({"id": null, "user": {"name": "Vera View", "email": "vera@example.com", "password": "looking only", "department_id": null, "roles": [role], "active": true}});
    assert_eq!(admin.json(admin.call("save_user", user.to_string())).await.0, StatusCode::OK);
    let vera = app.as_user("vera@example.com", "looking only").await;
    assert_eq!(seen(&vera).await["view"]["may_own"], false);
    let (status, _) = vera.json(vera.call("enable_my_view", r#"{"entity":"deal","on":true}"#)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (id, _) = app.first_deal().await;
    let (_, card) = vera.json(vera.call("card", json!({"entity": "deal", "id": id}).to_string())).await;
    assert_eq!(
        (card["can_configure"].as_bool(), card["read_only"].as_bool()),
        (Some(false), Some(true)),
        "read scope only"
    );

    // Preview as Julia is her card exactly; as Sales, the common view.
    let who = json!({"kind": "user", "id": person("Julia Santos")});
    let (status, preview) =
        admin.json(admin.call("preview_card", json!({"entity": "deal", "id": id, "who": who}).to_string())).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    let (_, hers) = julia.json(julia.call("card", json!({"entity": "deal", "id": id}).to_string())).await;
    assert_eq!(
        (&preview["layout"], &preview["fields"], &preview["view"]),
        (&hers["layout"], &hers["fields"], &hers["view"])
    );
    assert_eq!((preview["read_only"].as_bool(), preview["preview_of"].as_str()), (Some(true), Some("Julia Santos")));
    let sales = json!({"kind": "department", "id": department("Sales")});
    let (_, as_sales) =
        admin.json(admin.call("preview_card", json!({"entity": "deal", "id": id, "who": sales}).to_string())).await;
    assert_eq!(as_sales["view"]["active"], json!({"kind": "common"}));

    // Forced for all: everybody sees the common view, and nothing else is open.
    assert_eq!(
        admin.json(admin.call("set_common_view", r#"{"entity":"deal","published":true,"forced":true}"#)).await.0,
        StatusCode::OK
    );
    for who in [&anna, &julia, &marco] {
        let l = seen(who).await;
        assert_eq!(
            (l["view"]["active"]["kind"].as_str(), l["view"]["open"].as_array().map(Vec::len)),
            (Some("common"), Some(1)),
            "{l}"
        );
        assert!(shows(&l, "comment") && shows(&l, "source"));
    }
    // Reset: the shipped layout again, as a new version; deleting the named view.
    let (status, version) = admin.json(admin.call("reset_common_view", r#"{"entity":"deal"}"#)).await;
    assert_eq!((status, version.as_i64().is_some_and(|v| v >= 1)), (StatusCode::OK, true));
    assert_eq!(
        admin.json(admin.call("delete_card_view", json!({"entity": "deal", "id": view_id}).to_string())).await.0,
        StatusCode::OK
    );
    assert_eq!(
        admin.json(admin.call("delete_card_view", json!({"entity": "deal", "id": view_id}).to_string())).await.0,
        StatusCode::NOT_FOUND
    );

    // The cards of the Support pipeline get a layout of their own; Sales deals keep theirs.
    let (_, form) = admin.json(admin.call("new_item_form", r#"{"entity":"deal"}"#)).await;
    let support = form["pipelines"].as_array().unwrap().iter().find(|p| p["code"] == "support").unwrap()["id"].clone();
    let values = json!({"title": {"t": "text", "v": "Support deal"}});
    let (status, support_deal) = admin
        .json(
            admin.call("create_item", json!({"entity": "deal", "pipeline_id": support, "values": values}).to_string()),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{support_deal}");
    let editor = json!({"entity": "deal", "pipeline": support, "view": {"kind": "common"}});
    let (_, editor) = admin.json(admin.call("layout_editor", editor.to_string())).await;
    let hide = json!({"entity": "deal", "pipeline": support, "view": {"kind": "common"}, "version": editor["version"], "ops": [{"op": "hide_field", "code": "probability"}]});
    let (status, saved) = admin.json(admin.call("save_layout", hide.to_string())).await;
    assert_eq!((status, saved["rebased"].as_bool()), (StatusCode::OK, Some(false)), "{saved}");
    let (_, card) = anna.json(anna.call("card", json!({"entity": "deal", "id": support_deal}).to_string())).await;
    assert!(!shows(&card, "probability"), "the Support card");
    let sales = form["pipelines"].as_array().unwrap().iter().find(|p| p["code"] == "sales").unwrap()["id"].clone();
    let values = json!({"title": {"t": "text", "v": "Sales deal"}});
    let (_, sales_deal) = admin
        .json(admin.call("create_item", json!({"entity": "deal", "pipeline_id": sales, "values": values}).to_string()))
        .await;
    let (_, card) = anna.json(anna.call("card", json!({"entity": "deal", "id": sales_deal}).to_string())).await;
    assert!(shows(&card, "probability"), "a Sales card: {card}");
    app.db.cleanup().await;
}

/// Repeat leads: made as such, marked in the list, and their cards arranged apart from the
/// cards of regular leads.
#[tokio::test]
async fn repeat_leads_have_cards_of_their_own() {
    let app = app().await;
    let admin = app.as_user("admin@example.com", "admin").await;
    let lead = |title: &str, repeat: Option<bool>| {
        json!({"entity": "lead", "pipeline_id": null, "values": {"title": {"t": "text", "v": title}}, "repeat_lead": repeat})
            .to_string()
    };
    let (status, repeat) = app.json(app.call("create_item", lead("Known client again", Some(true)))).await;
    assert_eq!(status, StatusCode::OK, "{repeat}");
    let (_, regular) = app.json(app.call("create_item", lead("New client", None))).await;
    let (_, deal) = app
        .json(app.call(
            "create_item",
            json!({"entity": "deal", "pipeline_id": null, "values": {"title": {"t": "text", "v": "Not a lead"}}, "repeat_lead": true}).to_string(),
        ))
        .await;
    let card = |entity: &str, id: &Json| json!({"entity": entity, "id": id}).to_string();
    let (_, deal_card) = app.json(app.call("card", card("deal", &deal))).await;
    assert_eq!(deal_card["header"]["repeat_lead"], false, "only leads are repeat leads");
    let (_, list) =
        app.json(app.call("list_items", r#"{"entity":"lead","search":"client","stage_id":null,"before":null}"#)).await;
    let marked: Vec<(String, bool)> = list["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["title"].as_str().unwrap().to_string(), r["repeat_lead"].as_bool().unwrap()))
        .collect();
    assert!(
        marked.contains(&("Known client again".into(), true)) && marked.contains(&("New client".into(), false)),
        "{marked:?}"
    );

    let editor = json!({"entity": "lead", "repeat_lead": true, "view": {"kind": "common"}});
    let (_, editor) = admin.json(admin.call("layout_editor", editor.to_string())).await;
    let hide = json!({"entity": "lead", "repeat_lead": true, "view": {"kind": "common"}, "version": editor["version"], "ops": [{"op": "hide_field", "code": "company_name"}]});
    assert_eq!(admin.json(admin.call("save_layout", hide.to_string())).await.0, StatusCode::OK);
    let shows = |c: &Json| c["layout"]["sections"].to_string().contains("\"company_name\"");
    let (_, repeat_card) = app.json(app.call("card", card("lead", &repeat))).await;
    let (_, regular_card) = app.json(app.call("card", card("lead", &regular))).await;
    assert_eq!((repeat_card["header"]["repeat_lead"].as_bool(), shows(&repeat_card)), (Some(true), false));
    assert_eq!((regular_card["header"]["repeat_lead"].as_bool(), shows(&regular_card)), (Some(false), true));
    let (_, page) = app.page(&format!("/crm/lead/{repeat}")).await;
    assert!(page.contains("Repeat lead") && !page.contains("data-field=\"company_name\""), "the server render too");
    app.db.cleanup().await;
}

/// A smart process made through the server functions is a type like the others: list, card page
/// (server-rendered), CSV export, files; staff without rights find nothing; bad input is
/// explained; deleting it after typing its name leaves nothing reachable.
#[tokio::test]
async fn a_smart_process_has_a_list_card_export_and_files_and_goes_whole() {
    let app = app().await;
    let admin = app.as_user("admin@example.com", "admin").await;
    let spec = json!({"name": "Visit", "plural": "Visits", "code": "visit", "stages": true, "several_pipelines": false,
        "client_contact": false, "client_company": true, "links": ["deal"], "in_menu": true});
    let bad = json!({"spec": {"name": " ", "plural": "Visits", "code": "visit", "stages": true}});
    let (status, err) = admin.json(admin.call("create_type", bad.to_string())).await;
    assert_eq!((status, err["fields"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("name")), "{err}");
    let bad_code = json!({"spec": {"name": "Visit", "plural": "Visits", "code": "Visit!", "stages": true}});
    let (status, err) = admin.json(admin.call("create_type", bad_code.to_string())).await;
    assert_eq!((status, err["fields"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("code")), "{err}");
    let (status, _) = app.json(app.call("create_type", json!({ "spec": spec }).to_string())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "staff may not");
    let (status, def) = admin.json(admin.call("create_type", json!({ "spec": spec }).to_string())).await;
    assert_eq!((status, def["id"].as_i64()), (StatusCode::OK, Some(128)), "{def}");

    // A new visit's form "from" a deal starts with the link to it (an unknown one: nothing).
    let (deal, _) = app.first_deal().await;
    let (status, form) = admin
        .json(admin.call("new_item_form", json!({"entity": "visit", "from": format!("deal:{deal}")}).to_string()))
        .await;
    assert_eq!(status, StatusCode::OK, "{form}");
    assert_eq!(form["values"]["link_deal"]["v"]["id"].as_i64(), Some(deal), "{form}");
    assert!(form["titles"][deal.to_string()].is_string());
    let (_, form) = admin.json(admin.call("new_item_form", r#"{"entity":"visit","from":"deal:99999999"}"#)).await;
    assert_eq!(form["values"], json!({}));

    // An item with a file, on a card shown by the server; in the list and the export.
    let (status, field) = admin
        .json(admin.call(
            "create_field",
            json!({"entity": "visit", "spec": {"label": "Report", "field_type": "file"}}).to_string(),
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{field}");
    let code = field["code"].as_str().unwrap().to_string();
    let (_, editor) = admin.json(admin.call("layout_editor", r#"{"entity":"visit","view":{"kind":"common"}}"#)).await;
    let show = json!({"entity": "visit", "view": {"kind": "common"}, "version": editor["version"],
        "ops": [{"op": "show_field", "code": code, "section": "about", "after": null}]});
    admin.json(admin.call("save_layout", show.to_string())).await;
    let made =
        json!({"entity": "visit", "pipeline_id": null, "values": {"title": {"t": "text", "v": "Site visit Porto"}}});
    let (status, id) = admin.json(admin.call("create_item", made.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id = id.as_i64().unwrap();
    let (status, file) = admin.json(upload("/files/visit", &admin.cookie, ORIGIN, b"report".to_vec())).await;
    assert_eq!(status, StatusCode::OK, "{file}");
    let save = json!({"entity": "visit", "id": id, "version": 1, "changes": {code.clone(): {"t": "text", "v": file["id"].to_string()}}});
    let (status, saved) = admin.json(admin.call("save_fields", save.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let (status, html) = admin.page(&format!("/crm/visit/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    for shown in ["Site visit Porto", "Договор.html", "Visit", "New"] {
        assert!(html.contains(shown), "the card shows {shown}");
    }
    let (_, list) = admin.page("/crm/visit").await;
    assert!(list.contains("Visits") && list.contains("Site visit Porto"));
    let export = Request::get("/crm/visit/export.csv").header("host", "crm.test").header("cookie", &admin.cookie);
    let res = app.send(export.body(Body::empty()).unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let csv = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).to_string();
    assert!(csv.contains("Site visit Porto") && csv.contains("Report"), "{csv}");

    // Anna's roles give no rights on it: nothing to see, by any address.
    let (status, _) =
        app.json(app.call("list_items", r#"{"entity":"visit","search":null,"stage_id":null,"before":null}"#)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(app.page(&format!("/crm/visit/{id}")).await.0, StatusCode::NOT_FOUND);
    let (_, frame) = app.json(app.call("frame", "{}")).await;
    assert!(!frame.to_string().contains("Visits"), "not in her menu: {frame}");

    // Stages cannot go while the item sits in one; nothing changed.
    let mut off = spec.clone();
    off["stages"] = json!(false);
    let (status, err) =
        admin.json(admin.call("update_type", json!({"entity": "visit", "spec": off}).to_string())).await;
    assert_eq!(
        (status, err["fields"][0]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("stages")),
        "{err}"
    );
    assert!(admin.page(&format!("/crm/visit/{id}")).await.1.contains("stage-bar"));

    // Deleting it asks for its name; then the type, its item and its file are gone.
    let (_, contents) = admin.json(admin.call("type_contents", r#"{"entity":"visit"}"#)).await;
    assert_eq!(
        (contents["items"].as_i64(), contents["custom_fields"].as_i64(), contents["files"].as_i64()),
        (Some(1), Some(1), Some(1))
    );
    let (status, _) = admin.json(admin.call("delete_type", r#"{"entity":"visit","confirm":"Visits"}"#)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the name, not the plural");
    let (status, _) = admin.json(admin.call("delete_type", r#"{"entity":"deal","confirm":"Deal"}"#)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "a system type stays");
    let (status, _) = admin.json(admin.call("delete_type", r#"{"entity":"visit","confirm":"Visit"}"#)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(admin.page(&format!("/crm/visit/{id}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(admin.page("/crm/visit").await.0, StatusCode::NOT_FOUND);
    let download =
        Request::get(format!("/files/{}", file["id"])).header("host", "crm.test").header("cookie", &admin.cookie);
    assert_eq!(app.send(download.body(Body::empty()).unwrap()).await.status(), StatusCode::NOT_FOUND);
    app.db.cleanup().await;
}

/// A deleted deal: its timeline, History and Relations are the administrator's to read, nobody
/// else's; only who deleted it (or an administrator) restores it.
#[tokio::test]
async fn a_deleted_items_card_is_for_administrators_and_its_restore_for_who_deleted_it() {
    let app = app().await;
    let admin = app.as_user("admin@example.com", "admin").await;
    let marco = app.as_user("marco@example.com", "demo").await;
    let made =
        json!({"entity": "deal", "pipeline_id": null, "values": {"title": {"t": "text", "v": "Binned by Anna"}}});
    let (_, id) = app.json(app.call("create_item", made.to_string())).await;
    let id = id.as_i64().unwrap();
    let (status, n) = app.json(app.call("delete_items", json!({"entity": "deal", "ids": [id]}).to_string())).await;
    assert_eq!((status, n.as_i64()), (StatusCode::OK, Some(1)));
    for name in ["timeline", "history"] {
        let body = json!({"entity": "deal", "id": id, "before": null}).to_string();
        assert_eq!(app.json(app.call(name, body.clone())).await.0, StatusCode::NOT_FOUND, "{name} for Anna");
        assert_eq!(admin.json(admin.call(name, body)).await.0, StatusCode::OK, "{name} for the admin");
    }
    let (status, card) = admin.json(admin.call("card", json!({"entity": "deal", "id": id}).to_string())).await;
    assert_eq!(
        (status, card["read_only"].as_bool(), card["can_delete"].as_bool()),
        (StatusCode::OK, Some(true), Some(false))
    );
    assert!(card["deleted_at"].as_i64().is_some());
    let (status, _) = admin.json(admin.call("relations", json!({"entity": "deal", "id": id}).to_string())).await;
    assert_eq!(status, StatusCode::OK);
    let save = json!({"entity": "deal", "id": id, "version": card["header"]["version"], "changes": {"title": {"t": "text", "v": "x"}}});
    assert_eq!(
        admin.json(admin.call("save_fields", save.to_string())).await.0,
        StatusCode::NOT_FOUND,
        "nobody changes it there"
    );
    let restore = json!({"ids": [id]}).to_string();
    let (_, bin) = marco.json(marco.call("recycle_bin", "{}")).await;
    assert!(!bin.to_string().contains("Binned by Anna"), "not in another's bin");
    assert_eq!(marco.json(marco.call("restore_items", restore.clone())).await.0, StatusCode::NOT_FOUND);
    assert_eq!(marco.json(marco.call("purge_items", restore.clone())).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.json(app.call("restore_items", restore)).await.0, StatusCode::OK);
    assert_eq!(app.page(&format!("/crm/deal/{id}")).await.0, StatusCode::OK, "back for Anna");
    app.db.cleanup().await;
}

/// A malformed id in an address is "not found" like an unknown one; pages and answers with CRM
/// data are never cached.
#[tokio::test]
async fn malformed_ids_are_not_found_and_crm_data_is_never_cached() {
    let app = app().await;
    for path in ["/crm/deal/12abc", "/crm/deal/board", "/crm/deal/99999999", "/crm/no-such-type/1", "/crm/Deal"] {
        let (status, html) = app.page(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(html.contains("Page not found."), "{path}");
    }
    let no_store = |res: &axum::response::Response| {
        res.headers().get(http::header::CACHE_CONTROL).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
    };
    let (id, _) = app.first_deal().await;
    for path in [format!("/crm/deal/{id}"), "/crm/deal".to_string(), "/crm/deal/export.csv".to_string()] {
        let req = Request::get(&path).header("host", "crm.test").header("cookie", &app.cookie).body(Body::empty());
        let res = app.send(req.unwrap()).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(no_store(&res).contains("no-store"), "{path}: {}", no_store(&res));
    }
    let res = app.send(app.call("card", json!({"entity": "deal", "id": id}).to_string())).await;
    assert_eq!((res.status(), no_store(&res).as_str()), (StatusCode::OK, "no-store"), "a server function's answer");
    app.db.cleanup().await;
}

/// A changed password ends the user's other sessions; uploading needs the create or update
/// right on the type; commenting needs the update right.
#[tokio::test]
async fn a_new_password_ends_other_sessions_and_uploads_and_comments_need_rights() {
    let app = app().await;
    let (id, _) = app.first_deal().await;
    let admin = app.as_user("admin@example.com", "admin").await;
    let admin_elsewhere = app.as_user("admin@example.com", "admin").await;
    let (_, access) = admin.json(admin.call("access_settings", "{}")).await;
    let user = |email: &str| access["users"].as_array().unwrap().iter().find(|u| u["email"] == email).unwrap().clone();
    let edit = |u: &Json, password: &str| {
        json!({"id": u["id"], "user": {"name": u["name"], "email": u["email"], "password": password,
            "department_id": u["department_id"], "roles": u["roles"], "active": true}})
        .to_string()
    };
    let anna = user("anna@example.com");
    assert_eq!(app.json(app.call("me", "{}")).await.0, StatusCode::OK);
    let (status, saved) = admin.json(admin.call("save_user", edit(&anna, "a brand new password"))).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(app.json(app.call("me", "{}")).await.0, StatusCode::UNAUTHORIZED, "Anna's session ended");
    // The admin's own password: their other session ends, the one that changed it stays.
    let (status, _) = admin.json(admin.call("save_user", edit(&user("admin@example.com"), "another long one"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(admin.json(admin.call("me", "{}")).await.0, StatusCode::OK);
    assert_eq!(admin_elsewhere.json(admin_elsewhere.call("me", "{}")).await.0, StatusCode::UNAUTHORIZED);

    // A role with read only on deals: no uploads there, no comments.
    let rights = json!({"entities": {"deal": {"read": "all"}}, "my_view": false, "admin": false});
    let (_, role) =
        admin.json(admin.call("save_role", json!({"id": null, "name": "Readers", "rights": rights}).to_string())).await;
    let reader = json!({"id": null, "user": {"name": "Rita Reader", "email": "rita@example.com", "password": "only reading",
        "department_id": null, "roles": [role], "active": true}});
    assert_eq!(admin.json(admin.call("save_user", reader.to_string())).await.0, StatusCode::OK);
    let rita = app.as_user("rita@example.com", "only reading").await;
    let (status, _) = rita.json(upload("/files/deal", &rita.cookie, ORIGIN, b"x".to_vec())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no create or update right on deals");
    let comment = json!({"entity": "deal", "id": id, "text": "read-only remark"}).to_string();
    assert_eq!(rita.json(rita.call("add_comment", comment.clone())).await.0, StatusCode::FORBIDDEN);
    assert_eq!(admin.json(admin.call("add_comment", comment)).await.0, StatusCode::OK);
    app.db.cleanup().await;
}

/// With `secure_cookies` on, the session cookie is a `__Host-` cookie (Secure, the whole site)
/// and only that name is accepted; every answer says Strict-Transport-Security. Off, neither.
#[tokio::test]
async fn behind_tls_the_session_is_a_host_cookie_and_https_is_pinned() {
    let db = TestDb::sqlite().await;
    demo::seed_if_empty(&db.store, store::now_ms()).await.expect("demo data");
    let options = LeptosOptions::builder().output_name("crm-card").site_root("target/site").build();
    let config = Config { secure_cookies: true, public_hosts: "crm.test".into(), ..Config::default() };
    let router = router(AppState { leptos_options: options, store: db.store.clone(), config: Arc::new(config) });
    let res = router.clone().oneshot(form("/api/login", "email=anna%40example.com&password=demo")).await.unwrap();
    let set = res.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(set.starts_with("__Host-crm_session=") && set.contains("; Secure") && set.contains("Path=/"), "{set}");
    assert!(!set.contains("Domain"), "{set}");
    let hsts = res.headers().get("strict-transport-security").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(hsts.starts_with("max-age="), "{hsts:?}");
    let token = set.split(';').next().unwrap().split_once('=').unwrap().1.to_string();
    let me = |cookie: String| {
        let router = router.clone();
        async move { router.oneshot(api_request("me", "{}", &cookie)).await.unwrap().status() }
    };
    assert_eq!(me(format!("__Host-crm_session={token}")).await, StatusCode::OK);
    assert_eq!(me(format!("crm_session={token}")).await, StatusCode::UNAUTHORIZED, "the plain name is not taken");
    // Off (the default): the plain cookie, and no pinning to HTTPS.
    let app = app().await;
    let res = app.send(app.call("me", "{}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get("strict-transport-security").is_none());
    db.cleanup().await;
    app.db.cleanup().await;
}

/// A card's layout event stream ends within a few seconds of its session's end (signed out,
/// switched off, expired); before, it ran on for its whole lifetime (30 minutes).
#[tokio::test]
async fn a_layout_event_stream_ends_with_its_session() {
    let app = app().await;
    let req = Request::get("/events/layout/deal").header("host", "crm.test").header("cookie", &app.cookie);
    let res = app.send(req.body(Body::empty()).unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = tokio::spawn(res.into_body().collect());
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert!(!body.is_finished(), "the stream stays open while the session lives");
    let mut conn = app.db.store.pool.acquire().await.unwrap();
    sqlx::query("DELETE FROM sessions").execute(&mut *conn).await.unwrap();
    drop(conn);
    let ended = tokio::time::timeout(std::time::Duration::from_secs(8), body).await;
    assert!(ended.is_ok(), "the stream ended after the session did");
    app.db.cleanup().await;
}

/// A server listening beyond loopback refuses to start while a demo account has its shipped
/// password, naming the accounts; on loopback (`make run`) demo data is fine.
#[tokio::test]
async fn demo_passwords_keep_the_server_on_loopback() {
    let app = app().await;
    let store = &app.db.store;
    let public: std::net::SocketAddr = "0.0.0.0:3000".parse().unwrap();
    assert_eq!(demo::check_exposure(store, "127.0.0.1:3000".parse().unwrap()).await, Ok(()));
    let refused = demo::check_exposure(store, public).await.unwrap_err();
    assert!(refused.contains("admin@example.com") && refused.contains("julia@example.com"), "{refused}");
    let mut conn = store.pool.acquire().await.unwrap();
    for (email, _) in demo::LOGINS {
        let id = user_id(&app, email).await;
        let hash = crm_card::server::auth::hash_password("a private password").unwrap();
        store::users::set_password(&mut conn, id, &hash, None).await.unwrap();
    }
    drop(conn);
    assert_eq!(demo::check_exposure(store, public).await, Ok(()), "every shipped password changed");
    app.db.cleanup().await;
}

/// "Sign out everywhere" ends every session of the user, in every browser; others keep theirs.
#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_the_user() {
    let app = app().await;
    let phone = app.as_user("anna@example.com", "demo").await;
    let marco = app.as_user("marco@example.com", "demo").await;
    let res = app.send(form("/api/logout_everywhere", "").tap_cookie(&app.cookie)).await;
    assert!(res.status().is_redirection() || res.status() == StatusCode::OK, "{}", res.status());
    assert_eq!(app.json(app.call("me", "{}")).await.0, StatusCode::UNAUTHORIZED, "this browser");
    assert_eq!(phone.json(phone.call("me", "{}")).await.0, StatusCode::UNAUTHORIZED, "her other browser");
    assert_eq!(marco.json(marco.call("me", "{}")).await.0, StatusCode::OK, "nobody else's");
    app.db.cleanup().await;
}

trait TapCookie {
    fn tap_cookie(self, cookie: &str) -> Self;
}

impl TapCookie for Request<Body> {
    fn tap_cookie(mut self, cookie: &str) -> Self {
        self.headers_mut().insert("cookie", cookie.parse().unwrap());
        self
    }
}

/// A request naming a host the server does not answer to (a DNS-rebinding page's own name) is
/// refused before it reaches a page, a server function or a file; the configured name works.
#[tokio::test]
async fn requests_for_another_host_name_are_refused() {
    let app = app().await;
    let get = |host: &str, path: &str| {
        Request::get(path).header("host", host).header("cookie", &app.cookie).body(Body::empty()).unwrap()
    };
    for path in ["/crm/deal", "/login", "/pkg/crm-card.css", "/events/layout/deal"] {
        let res = app.send(get("rebind.attacker.example:3000", path)).await;
        assert_eq!(res.status(), StatusCode::MISDIRECTED_REQUEST, "{path}");
        let body = res.into_body().collect().await.unwrap().to_bytes();
        assert!(String::from_utf8_lossy(&body).contains("public_hosts"), "the answer says what to set");
    }
    let mut call = app.call("me", "{}");
    call.headers_mut().insert("host", "rebind.attacker.example".parse().unwrap());
    call.headers_mut().insert("origin", "http://rebind.attacker.example".parse().unwrap());
    assert_eq!(app.send(call).await.status(), StatusCode::MISDIRECTED_REQUEST, "a server function too");
    let no_host = Request::get("/crm/deal").header("cookie", &app.cookie).body(Body::empty()).unwrap();
    assert_eq!(app.send(no_host).await.status(), StatusCode::MISDIRECTED_REQUEST, "no Host at all");
    assert_eq!(app.send(get("CRM.test:80", "/crm/deal")).await.status(), StatusCode::OK, "case and port 80");
    app.db.cleanup().await;
}

/// A sign-in form post as a browser without JavaScript sends it.
/// The client address the server would see on the connection (a test request has none).
fn from_address(req: Request<Body>) -> Request<Body> {
    from_peer(req, 7)
}

/// [`from_address`] with another address (servers remember blocked addresses in memory, and
/// the tests of one binary share a process).
fn from_peer(mut req: Request<Body>, last: u8) -> Request<Body> {
    let peer = std::net::SocketAddr::from(([198, 51, 100, last], 40_000));
    req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
    req
}

fn sign_in_form(email: &str, password: &str) -> Request<Body> {
    let body = format!("email={}&password={password}", email.replace('@', "%40"));
    let mut req = form("/api/login", &body);
    req.headers_mut().insert("accept", "text/html,application/xhtml+xml".parse().unwrap());
    from_address(req)
}

/// Failed sign-ins are counted per account and per client address in the database: past the
/// allowance the account (even with the right password), then the address, is refused with 429
/// and `Retry-After` without a password check, on every app server; the page says how long to
/// wait. Other accounts are not locked out by one account's failures.
#[tokio::test]
async fn sign_in_is_throttled_per_account_then_per_address() {
    let app = app().await;
    let status = |res: &axum::response::Response| res.status();
    for _ in 0..4 {
        let res = app.send(sign_in_form("anna@example.com", "wrong")).await;
        assert_eq!(res.headers().get("location").and_then(|v| v.to_str().ok()), Some("/login?error=1"), "{res:?}");
    }
    // The fifth failure blocks the account, and says so.
    assert_eq!(app.send(sign_in_form("anna@example.com", "wrong")).await.status(), StatusCode::TOO_MANY_REQUESTS);
    // Blocked even for its right password.
    let res = app.send(sign_in_form("anna@example.com", "demo")).await;
    assert_eq!(status(&res), StatusCode::TOO_MANY_REQUESTS);
    let retry: i64 =
        res.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap();
    assert!((1..=30).contains(&retry), "Retry-After {retry}");
    assert!(res.headers().get("set-cookie").is_none(), "no session");
    let page = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).to_string();
    assert!(page.contains("Too many failed sign-ins. Try again in"), "{page}");
    assert!(page.contains("<a href=\"/\">Back</a>") || page.contains("Back</a>"), "{page}");
    // The JSON client (the hydrated page) gets the error itself.
    let (code, err) = app.json(from_address(form("/api/login", "email=anna%40example.com&password=demo"))).await;
    assert_eq!((code, error_kind(&err)), (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"));
    // Another app server on the same database refuses too: the counters are in the database.
    let options = LeptosOptions::builder().output_name("crm-card").site_root("target/site").build();
    let config = Config { public_hosts: "crm.test".into(), ..Config::default() };
    let other = router(AppState { leptos_options: options, store: app.db.store.clone(), config: Arc::new(config) });
    let res = other.clone().oneshot(sign_in_form("anna@example.com", "demo")).await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "another server");
    // Marco, from the same address, still signs in: one account's failures are its own.
    let res = app.send(sign_in_form("marco@example.com", "demo")).await;
    assert!(res.headers().get("set-cookie").is_some(), "Marco signed in");
    // Fifteen more failures on made-up accounts reach the address's allowance (20).
    for n in 0..14 {
        let res = app.send(sign_in_form(&format!("guess{n}@example.com"), "x")).await;
        assert_ne!(res.status(), StatusCode::TOO_MANY_REQUESTS, "attempt {n} is not throttled yet");
    }
    let res = app.send(sign_in_form("guess14@example.com", "x")).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "the twentieth failure of the address");
    let res = app.send(sign_in_form("marco@example.com", "demo")).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "the address is blocked now");
    assert!(res.headers().get("retry-after").is_some());
    // Now known blocked in this process, the address is refused before the database: with the
    // counters gone from it, this server still refuses, a new look at the database would not.
    let mut conn = app.db.store.pool.acquire().await.unwrap();
    sqlx::query("DELETE FROM sign_in_failures").execute(&mut *conn).await.unwrap();
    drop(conn);
    let (code, err) = app.json(from_address(form("/api/login", "email=marco%40example.com&password=demo"))).await;
    assert_eq!((code, error_kind(&err)), (StatusCode::TOO_MANY_REQUESTS, "too_many_attempts"), "remembered");
    let res = app.send(from_peer(sign_in_form("marco@example.com", "demo"), 9)).await;
    assert!(res.headers().get("set-cookie").is_some(), "another address signs in");
    app.db.cleanup().await;
}

/// A new installation without demo data: every page leads to the setup page, which creates the
/// first administrator only with the token the server printed, once; then it is gone.
#[tokio::test]
async fn a_new_installation_creates_its_first_admin_on_the_setup_page_once() {
    let db = TestDb::sqlite().await;
    let options = LeptosOptions::builder().output_name("crm-card").site_root("target/site").build();
    let config = Config { public_hosts: "crm.test".into(), ..Config::default() };
    let router = router(AppState { leptos_options: options, store: db.store.clone(), config: Arc::new(config) });
    let send = |req: Request<Body>| {
        let router = router.clone();
        async move { router.oneshot(req).await.unwrap() }
    };
    let get = |path: &str| Request::get(path).header("host", "crm.test").body(Body::empty()).unwrap();
    let location = |res: &axum::response::Response| {
        res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
    };
    for path in ["/crm/deal", "/login"] {
        assert_eq!(location(&send(get(path)).await), "/setup", "{path}");
    }
    let token = crm_card::server::service::setup::offer_setup(&db.store).await.unwrap().expect("a token");
    let res = send(get("/setup?token=wrong")).await;
    let page = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).to_string();
    assert!(page.contains("one-time token") && !page.contains("name=\"password\""), "no form without the token");
    let res = send(get(&format!("/setup?token={token}"))).await;
    let page = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).to_string();
    assert!(page.contains("name=\"password\"") && page.contains("Create administrator"), "the form");
    let body = |t: &str| format!("token={t}&name=Olga+Admin&email=olga%40example.com&password=long+enough+pw");
    let (code, err) = json_of(send(form("/api/setup", &body("wrong"))).await).await;
    assert_eq!((code, error_kind(&err)), (StatusCode::BAD_REQUEST, "bad_request"), "a wrong token");
    let short = format!("token={token}&name=Olga&email=olga%40example.com&password=short");
    assert_eq!(json_of(send(form("/api/setup", &short)).await).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let res = send(form("/api/setup", &body(&token))).await;
    assert_eq!(location(&res), "/crm/deal");
    let cookie =
        res.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap().split(';').next().unwrap().to_string();
    let (code, me) = json_of(send(api_request("me", "{}", &cookie)).await).await;
    assert_eq!(
        (code, me["email"].as_str(), me["is_admin"].as_bool()),
        (StatusCode::OK, Some("olga@example.com"), Some(true))
    );
    // Once: the token is used up, and the page is gone now that a user exists.
    let again = body(&token).replace("olga", "mallory");
    assert_eq!(json_of(send(form("/api/setup", &again)).await).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(location(&send(get(&format!("/setup?token={token}"))).await), "/login");
    assert_eq!(crm_card::server::service::setup::offer_setup(&db.store).await.unwrap(), None, "no new token");
    db.cleanup().await;
}

async fn json_of(res: axum::response::Response) -> (StatusCode, Json) {
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Json::Null))
}

/// Every page says a Content-Security-Policy whose nonce is on its scripts and only on them,
/// new for each answer; other answers allow no script at all.
#[tokio::test]
async fn every_page_has_a_csp_whose_nonce_is_on_its_scripts() {
    let site = std::env::temp_dir().join(format!("crm-test-csp-site-{}", std::process::id()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("pkg/crm-card.css"), "body { margin: 0 }").unwrap();
    let app = app_serving(site.to_str().unwrap()).await;
    let (deal, _) = app.first_deal().await;
    let mut seen = std::collections::BTreeSet::new();
    for path in [format!("/crm/deal/{deal}"), "/crm/deal".into(), "/crm/nothing-here".into(), "/settings/types".into()]
    {
        let req = Request::get(&path).header("host", "crm.test").header("cookie", &app.cookie).body(Body::empty());
        let res = app.send(req.unwrap()).await;
        let csp = res.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default();
        let nonce = csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).unwrap_or_default().to_string();
        assert!(nonce.len() >= 16, "{path}: {csp}");
        for part in
            ["'strict-dynamic'", "'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]
        {
            assert!(csp.contains(part), "{path}: {part} in {csp}");
        }
        let html = String::from_utf8_lossy(&res.into_body().collect().await.unwrap().to_bytes()).to_string();
        // The page's locale is data (`type="application/json"`): never run, so it needs no nonce.
        let data = html.matches("<script type=\"application/json\"").count();
        assert_eq!(data, 1, "{path}: the locale data");
        let scripts = html.matches("<script").count() - data;
        assert!(scripts >= 1, "{path}: the loader");
        assert_eq!(
            html.matches(&format!("<script type=\"module\" nonce=\"{nonce}\"")).count()
                + html.matches(&format!("<script nonce=\"{nonce}\"")).count(),
            scripts,
            "{path}: every script has the nonce"
        );
        assert!(seen.insert(nonce), "{path}: a new nonce for every answer");
    }
    let css = app.send(Request::get("/pkg/crm-card.css").header("host", "crm.test").body(Body::empty()).unwrap()).await;
    let csp = css.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(csp.starts_with("script-src 'none'"), "{csp}");
    app.db.cleanup().await;
}

/// Quotas from the configuration: a user's uploads waiting for a save, the sections of a
/// personal view and the versions it keeps. Beyond them a clear message, and what was there
/// stays.
#[tokio::test]
async fn uploads_and_personal_views_keep_to_their_quotas() {
    let config =
        Config { max_pending_uploads: 2, max_personal_sections: 6, personal_versions_kept: 3, ..Config::default() };
    let app = app_configured(TestDb::sqlite().await, "target/site", config).await;
    let upload = |name: &str| {
        Request::post("/files/deal")
            .header("host", "crm.test")
            .header("origin", ORIGIN)
            .header("cookie", &app.cookie)
            .header("x-file-name", name)
            .body(Body::from("some bytes"))
            .unwrap()
    };
    let mut kept = Vec::new();
    for name in ["a.txt", "b.txt"] {
        let (status, file) = app.json(upload(name)).await;
        assert_eq!(status, StatusCode::OK, "{file}");
        kept.push(file["id"].as_i64().unwrap());
    }
    let (status, err) = app.json(upload("c.txt")).await;
    assert_eq!((status, error_kind(&err)), (StatusCode::UNPROCESSABLE_ENTITY, "limit"));
    assert!(err["message"].as_str().unwrap_or_default().contains("2 uploaded files waiting"), "{err}");
    // Nothing lost: both waiting uploads are still there for their save.
    let mut conn = app.db.store.pool.acquire().await.unwrap();
    let (waiting,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM files WHERE item_id IS NULL").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(waiting, 2, "the refused upload stored nothing, the others stay");
    drop(conn);

    // A personal view: sections up to the limit, then a message; its history keeps 3 versions.
    assert_eq!(app.json(app.call("enable_my_view", r#"{"entity":"deal","on":true}"#)).await.0, StatusCode::OK);
    let mine = json!({"kind": "personal", "id": user_id(&app, "anna@example.com").await});
    let editor =
        || async { app.json(app.call("layout_editor", json!({"entity": "deal", "view": mine}).to_string())).await.1 };
    let start = editor().await;
    let have = start["layout"]["sections"].as_array().map(Vec::len).unwrap_or(0);
    assert!(have < 6, "the shipped layout has fewer sections than the limit: {have}");
    let mut version = start["version"].as_i64().unwrap();
    let mut outcome = Vec::new();
    for n in have..8 {
        let op = json!({"op": "create_section", "id": format!("s{n}"), "title": format!("Section {n}"), "after": null});
        let save = json!({"entity": "deal", "view": mine, "version": version, "ops": [op]});
        let (status, saved) = app.json(app.call("save_layout", save.to_string())).await;
        if status == StatusCode::OK {
            version = saved["version"].as_i64().unwrap();
        } else {
            assert!(saved["message"].as_str().unwrap_or_default().contains("at most 6 sections"), "{saved}");
        }
        outcome.push(status.as_u16());
    }
    let sections = editor().await["layout"]["sections"].as_array().map(Vec::len).unwrap_or(0);
    assert_eq!(sections, 6, "up to the limit and not beyond: {outcome:?}");
    assert_eq!(outcome.last(), Some(&422));
    let (_, history) = app.json(app.call("layout_history", json!({"entity": "deal", "view": mine}).to_string())).await;
    let versions: Vec<i64> = history.as_array().unwrap().iter().filter_map(|v| v["version"].as_i64()).collect();
    assert_eq!(versions.len(), 3, "older versions pruned: {versions:?}");
    assert!(versions.contains(&version), "the current one is kept: {versions:?}");
    app.db.cleanup().await;
}

/// One stream follows several kinds of card (a browser's tabs share it): a change of the deal
/// card's layout arrives as an event naming `deal`; keys that name nothing are left out, and a
/// stream without keys is refused.
#[tokio::test]
async fn one_event_stream_follows_every_kind_of_card_a_browser_watches() {
    let app = app().await;
    let admin = app.as_user("admin@example.com", "admin").await;
    let open = |query: &str| {
        Request::get(format!("/events/layouts?{query}"))
            .header("host", "crm.test")
            .header("cookie", &app.cookie)
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(app.send(open("watch=")).await.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.send(open("watch=spaceship,deal:999999")).await.status(), StatusCode::NOT_FOUND, "nothing to watch");
    let res = app.send(open("watch=lead:repeat,deal,spaceship,deal:notanumber")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let mut body = res.into_body();
    let (_, editor) = admin.json(admin.call("layout_editor", r#"{"entity":"deal","view":{"kind":"common"}}"#)).await;
    let save = json!({"entity": "deal", "view": {"kind": "common"}, "version": editor["version"],
        "ops": [{"op": "create_section", "id": "shared", "title": "Shared stream", "after": null}]});
    assert_eq!(admin.json(admin.call("save_layout", save.to_string())).await.0, StatusCode::OK);
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while !seen.contains("data: deal\n") && tokio::time::Instant::now() < deadline {
        match tokio::time::timeout_at(deadline, body.frame()).await {
            Ok(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    seen.push_str(&String::from_utf8_lossy(data));
                }
            }
            _ => break,
        }
    }
    assert!(seen.contains("event: layout\ndata: deal\n"), "{seen:?}");
    assert!(!seen.contains("data: lead"), "only what changed: {seen:?}");
    app.db.cleanup().await;
}

/// Sign-ins sent all at once cannot pass the throttle together: each is counted before its
/// password is checked, so of 30 parallel guesses at one account at most 5 are checked, and
/// the rest are refused (429) without a password check.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parallel_guesses_are_counted_before_they_are_checked() {
    let app = app().await;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..30 {
        let router = app.router.clone();
        let req = from_peer(sign_in_form("marco@example.com", &format!("guess{n}")), 8);
        tasks.spawn(async move { router.oneshot(req).await });
    }
    let (mut checked, mut refused) = (0, 0);
    while let Some(res) = tasks.join_next().await {
        match res.unwrap().unwrap().status() {
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            _ => checked += 1,
        }
    }
    assert!(checked <= 5, "{checked} guesses checked, {refused} refused");
    assert_eq!(checked + refused, 30);
    app.db.cleanup().await;
}

/// Settings → Pipelines and stages through the server functions: staff may not; an admin
/// renames and recolours the stage a deal is in and its card shows it at once; bad input is
/// explained beside its field; a malformed change is a bad request.
#[tokio::test]
async fn admins_shape_stages_and_cards_show_the_change_at_once() {
    let app = app().await;
    let admin = app.as_user("admin@example.com", "admin").await;
    let (status, _) = app.json(app.call("pipelines_admin", r#"{"entity":"deal"}"#)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "staff may not");
    let (deal, _) = app.first_deal().await;
    let (_, card) = app.json(app.call("card", json!({"entity": "deal", "id": deal}).to_string())).await;
    let stage = card["header"]["stage_id"].as_i64().expect("a stage");
    let change = |color: &str| {
        json!({"entity": "deal", "edit": {"op": "change_stage", "stage": stage, "name": "Qualified", "color": color}})
            .to_string()
    };
    let (status, err) = admin.json(admin.call("edit_pipelines", change("url(x)"))).await;
    assert_eq!((status, err["fields"][0]["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("color")), "{err}");
    let (status, data) = admin.json(admin.call("edit_pipelines", change("#FF5752"))).await;
    assert_eq!(status, StatusCode::OK, "{data}");
    let (_, page) = app.page(&format!("/crm/deal/{deal}")).await;
    assert!(page.contains("Qualified") && page.contains("#ff5752"), "the card shows the new name and colour");
    let (status, page) = admin.page("/settings/pipelines/deal").await;
    assert!(status.is_success() && page.contains("Qualified") && page.contains("Pipelines and stages: Deals"));
    let bad = r#"{"entity":"deal","edit":{"op":"paint_everything"}}"#;
    let (status, _) = admin.json(admin.call("edit_pipelines", bad)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    app.db.cleanup().await;
}

/// The kanban board: a column per stage of the default pipeline with its count and amounts and
/// at most a page of cards; a column pages on by keyset; the page reads without JavaScript as
/// columns of links; a search narrows every column.
#[tokio::test]
async fn the_board_shows_each_stage_with_its_count_amounts_and_a_page_of_cards() {
    let app = app().await;
    let (status, board) = app.json(app.call("board", r#"{"entity":"deal","pipeline":null,"search":null}"#)).await;
    assert_eq!(status, StatusCode::OK, "{board}");
    let stages = board["pipeline"]["stages"].as_array().unwrap().len();
    let columns = board["columns"].as_array().unwrap();
    assert_eq!(columns.len(), stages);
    let total: i64 = columns.iter().map(|c| c["count"].as_i64().unwrap()).sum();
    assert!(total > 0, "the demo has deals in the default pipeline");
    for c in columns {
        let cards = c["cards"].as_array().unwrap();
        assert!(cards.len() <= 20);
        assert_eq!(c["count"].as_i64().unwrap() > 20, c["next"].is_i64(), "{c}");
        if !cards.is_empty() {
            assert!(!c["sums"].as_array().unwrap().is_empty(), "deals have amounts: {c}");
        }
    }
    // A column with more than a page goes on where it stopped.
    if let Some(c) = columns.iter().find(|c| c["next"].is_i64()) {
        let before = c["next"].as_i64().unwrap();
        let body = json!({"entity": "deal", "stage_id": c["stage_id"], "search": null, "before": before});
        let (status, page) = app.json(app.call("board_column", body.to_string())).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let ids: Vec<i64> = page["cards"].as_array().unwrap().iter().map(|k| k["id"].as_i64().unwrap()).collect();
        assert!(!ids.is_empty() && ids.iter().all(|id| *id < before), "{ids:?}");
    }
    let first = columns.iter().flat_map(|c| c["cards"].as_array().unwrap()).next().unwrap();
    let (status, page) = app.page("/crm/deal/kanban").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("href=\"/crm/deal/{}\"", first["id"])), "each card links to its card");
    assert!(page.contains("class=\"board-column\"") && page.contains("Kanban"));
    // A search narrows every column to what matches.
    let title = first["title"].as_str().unwrap();
    let body = json!({"entity": "deal", "pipeline": null, "search": title});
    let (_, found) = app.json(app.call("board", body.to_string())).await;
    let shown: Vec<&str> = found["columns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["cards"].as_array().unwrap())
        .map(|k| k["title"].as_str().unwrap())
        .collect();
    assert!(shown.contains(&title) && shown.len() < total as usize, "{shown:?}");
    let (status, _) = app.json(app.call("board", r#"{"entity":"contact","pipeline":null,"search":null}"#)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "contacts have no stages");
    // The menu opens deals where the user last looked at them: the board, then the list again.
    let menu = |page: &str| {
        let start = page.find("class=\"entities\">").expect("the menu");
        page[start..start + page[start..].find("</nav>").unwrap()].to_string()
    };
    let (_, page) = app.page("/crm/contact").await;
    assert!(menu(&page).contains("href=\"/crm/deal/kanban\""), "{}", menu(&page));
    let (_, page) = app.page("/crm/deal").await;
    let (_, page_after) = app.page("/crm/contact").await;
    assert!(menu(&page).contains("href=\"/crm/deal\"") || menu(&page_after).contains("href=\"/crm/deal\""));
    assert!(!menu(&page_after).contains("/crm/deal/kanban"), "{}", menu(&page_after));
    app.db.cleanup().await;
}
