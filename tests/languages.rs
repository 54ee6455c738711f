//! Every page in every language, rendered by the real router (no socket): the page says its
//! language, shows its words, and no English UI word or raw message key leaks into a Russian,
//! Portuguese or Italian page. Then the ways a language is chosen (browser, sign-in switch,
//! profile) and a person's time zone (docs/LANGUAGES.md).

#![allow(clippy::unwrap_used)] // a failed step should stop the test right there

mod support;

use axum::body::Body;
use axum::Router;
use crm_card::i18n::{with_lang, Lang};
use crm_card::server::{config::Config, demo, http::router, state::AppState, store};
use crm_card::text;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use std::sync::Arc;
use support::TestDb;
use tower::ServiceExt;

const HOST: &str = "crm.test";
const ORIGIN: &str = "http://crm.test";

async fn app(db: &TestDb) -> Router {
    demo::seed_if_empty(&db.store, store::now_ms()).await.expect("demo data");
    router_on(db)
}

fn router_on(db: &TestDb) -> Router {
    let leptos_options = LeptosOptions::builder().output_name("crm-card").site_root("target/site").build();
    let config = Config { public_hosts: HOST.into(), ..Config::default() };
    router(AppState { leptos_options, store: db.store.clone(), config: Arc::new(config) })
}

async fn send(app: &Router, req: Request<Body>) -> (StatusCode, http::HeaderMap, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&bytes).replace("<!>", ""))
}

fn get(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path).header("host", HOST).header("cookie", cookie).body(Body::empty()).unwrap()
}

fn post_form(path: &str, body: &str, cookie: &str) -> Request<Body> {
    Request::post(path)
        .header("host", HOST)
        .header("origin", ORIGIN)
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// The id of the first deal a deals list links to.
fn first_deal(list: &str) -> String {
    list.split("href=\"/crm/deal/")
        .skip(1)
        .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect::<String>())
        .find(|id| !id.is_empty())
        .expect("a deal in the list")
}

/// Signs in (with the browser's time zone, as the hydrated form sends it); the session cookie.
async fn sign_in(app: &Router, email: &str, password: &str, time_zone: &str) -> String {
    let body =
        format!("email={}&password={password}&time_zone={}", email.replace('@', "%40"), time_zone.replace('/', "%2F"));
    let (_, headers, _) = send(app, post_form("/api/login", &body, "")).await;
    let cookie = headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("crm_session="))
        .and_then(|c| c.split(';').next())
        .unwrap_or_default()
        .to_string();
    assert!(!cookie.is_empty(), "signed in as {email}");
    cookie
}

/// What a person reads on a page: its text and the texts of `title`, `aria-label`,
/// `placeholder` attributes, without the page's locale data (it holds every message).
fn readable(html: &str) -> String {
    let html = match (html.find("<script type=\"application/json\" id=\"crm-locale\">"), html.find("</script>")) {
        (Some(a), _) => {
            let end = html[a..].find("</script>").map_or(html.len(), |e| a + e);
            format!("{}{}", &html[..a], &html[end..])
        }
        _ => html.to_string(),
    };
    let mut out = String::new();
    let mut rest = html.as_str();
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push('\n');
        let Some(close) = rest[open..].find('>') else { break };
        let tag = &rest[open..open + close];
        for attr in ["title=\"", "aria-label=\"", "placeholder=\""] {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                out.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                out.push('\n');
            }
        }
        let is_script = tag.starts_with("<script") || tag.starts_with("<style");
        rest = &rest[open + close + 1..];
        if is_script {
            rest = &rest[rest.find("</").unwrap_or(0)..];
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&").replace("&quot;", "\"").replace("&#x27;", "'")
}

/// A message without arguments, by name.
type Word = (&'static str, fn() -> &'static str);

/// UI words that would betray an untranslated screen (English text of each message).
fn english_words() -> Vec<Word> {
    vec![
        ("sign_out", text::sign_out),
        ("settings", text::settings),
        ("recycle_bin", text::recycle_bin),
        ("timeline", text::timeline),
        ("configure_card", text::configure_card),
        ("custom_fields", text::custom_fields),
        ("create_field", text::create_field),
        ("smart_processes", text::smart_processes),
        ("roles", text::roles),
        ("save", text::save),
        ("cancel", text::cancel),
        ("search", text::search),
        ("language", text::language),
        ("time_zone", text::time_zone),
        ("export_csv", text::export_csv),
        ("tab_history", text::tab_history),
        ("tab_general", text::tab_general),
        ("type_deals", text::type_deals),
        ("type_leads", text::type_leads),
        ("type_contacts", text::type_contacts),
        ("type_companies", text::type_companies),
        ("sign_in", text::sign_in),
        ("password", text::password),
        ("profile", text::profile),
        ("col_responsible", text::col_responsible),
        ("nothing_found", text::nothing_found),
        ("new_user", text::new_user),
        ("delete_permanently", text::delete_permanently),
    ]
}

/// Keys of the catalogue a page must never show raw (`sign-out-everywhere`).
fn looks_like_a_key(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_ascii_lowercase() || c == '-'))
        .find(|w| w.matches('-').count() >= 2 && !w.starts_with('-') && !w.ends_with('-') && w.len() > 8)
        .map(str::to_string)
}

#[tokio::test]
async fn every_page_speaks_the_readers_language_with_no_english_left() {
    let db = TestDb::sqlite().await;
    let app = app(&db).await;
    let admin = sign_in(&app, "admin@example.com", "admin", "Europe/Rome").await;
    // A deal of the demo data.
    let (_, _, list) = send(&app, get("/crm/deal", &admin)).await;
    let id = first_deal(&list);
    let pages = [
        "/crm/deal".to_string(),
        "/crm/lead".into(),
        "/crm/contact".into(),
        "/crm/company".into(),
        format!("/crm/deal/{id}"),
        "/crm/deal/new".into(),
        "/crm/deal/kanban".into(),
        "/settings/fields/deal".into(),
        "/settings/pipelines/deal".into(),
        "/settings/access".into(),
        "/settings/types".into(),
        "/settings/recycle-bin".into(),
        "/profile".into(),
        "/crm/no-such-type".into(),
    ];
    let words = english_words();
    for lang in Lang::ALL {
        let cookie = format!("{admin}; crm_lang={}", lang.code());
        let mut all = vec![(
            format!("/login ({})", lang.code()),
            send(&app, get("/login", &format!("crm_lang={}", lang.code()))).await,
        )];
        for path in &pages {
            all.push((path.clone(), send(&app, get(path, &cookie)).await));
        }
        for (path, (status, _, html)) in all {
            assert!(status == StatusCode::OK || path.contains("no-such"), "{path} in {lang:?}: {status}");
            assert!(html.contains(&format!("<html lang=\"{}\"", lang.html_lang())), "{path} says it is {lang:?}");
            let shown = readable(&html);
            if let Some(key) = looks_like_a_key(&shown) {
                panic!("{path} in {lang:?} shows the raw key {key}");
            }
            let own = with_lang(lang, || if path.starts_with("/login") { text::sign_in() } else { text::sign_out() });
            assert!(shown.contains(own), "{path} in {lang:?} shows {own:?}");
            if lang == Lang::En {
                continue;
            }
            for (name, word) in &words {
                let (english, translated) = (with_lang(Lang::En, word), with_lang(lang, word));
                if english == translated {
                    continue; // the same word in both (Italian "Timeline")
                }
                let leaked = shown.lines().any(|l| {
                    l.trim() == english || l.contains(&format!("{english} ")) && l.trim().starts_with(english)
                });
                assert!(!leaked, "{path} in {lang:?} shows the English {name}: {english:?}");
            }
        }
    }
}

#[tokio::test]
async fn the_browser_the_sign_in_switch_and_the_profile_choose_the_language() {
    let db = TestDb::sqlite().await;
    let app = app(&db).await;
    let lang_of =
        |html: &str| html.split("<html lang=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or("").to_string();
    // The browser's preference, among the four.
    let req = Request::get("/login").header("host", HOST).header("accept-language", "de-DE,pt-BR;q=0.8,en;q=0.5");
    let (_, _, html) = send(&app, req.body(Body::empty()).unwrap()).await;
    assert_eq!(lang_of(&html), "pt-BR");
    assert!(html.contains(with_lang(Lang::Pt, text::login_title)));
    // The switch on the sign-in page: a cookie, then back to the page.
    let mut switch = post_form("/language", "lang=it", "");
    switch.headers_mut().insert("referer", format!("{ORIGIN}/login").parse().unwrap());
    let (status, headers, _) = send(&app, switch).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers.get("location").unwrap(), "/login");
    let cookie = headers.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
    assert_eq!(cookie, "crm_lang=it");
    let (_, _, html) = send(&app, get("/login", &cookie)).await;
    assert_eq!(lang_of(&html), "it");
    let (status, _, body) = send(&app, post_form("/language", "lang=xx", "")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body, with_lang(Lang::En, text::err_unknown_language));
    // The profile: Russian in Moscow, kept for the next sign-in on any browser.
    let anna = sign_in(&app, "anna@example.com", "demo", "America/Sao_Paulo").await;
    let profile = |cookie: &str, body: &str| {
        let mut req = post_form("/api/save_profile", body, cookie);
        req.headers_mut().insert("accept", "application/json".parse().unwrap());
        req
    };
    let (status, _, body) = send(&app, profile(&anna, "language=ru&time_zone=Mars%2FOlympus")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains(with_lang(Lang::En, text::err_unknown_time_zone)), "{body}");
    let (status, headers, _) = send(&app, profile(&anna, "language=ru&time_zone=Europe%2FMoscow")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get("set-cookie").unwrap().to_str().unwrap().starts_with("crm_lang=ru"));
    let (_, _, html) = send(&app, get("/crm/deal", &format!("{anna}; crm_lang=en"))).await;
    assert_eq!(lang_of(&html), "ru", "the profile wins over an older cookie");
    assert!(html.contains(with_lang(Lang::Ru, text::type_deals)));
    assert!(html.contains("\"tz\":\"Europe/Moscow\""), "the page carries the zone");
    // Its loader fetches the Russian messages, from an address a browser keeps for good.
    let url = html.split("fetch('").nth(1).and_then(|r| r.split('\'').next()).expect("the loader fetches messages");
    assert!(url.starts_with("/i18n/ru-"), "{url}");
    let (status, headers, table) = send(&app, get(url, "")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get("cache-control").unwrap().to_str().unwrap().contains("immutable"));
    assert!(table.contains(with_lang(Lang::Ru, text::sign_out)) && !table.contains("\"Sign out\""));
    assert!(!html.contains(with_lang(Lang::Ru, text::err_unknown_time_zone)), "the page itself carries no table");
    let (status, _, _) = send(&app, get("/i18n/ru-0000.json", "")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn times_show_in_the_readers_time_zone() {
    let db = TestDb::sqlite().await;
    let app = app(&db).await;
    // The first sign-in stores the browser's zone; a later one does not replace it.
    let rome = sign_in(&app, "marco@example.com", "demo", "Europe/Rome").await;
    let again = sign_in(&app, "marco@example.com", "demo", "Asia/Tokyo").await;
    let (_, _, html) = send(&app, get("/profile", &again)).await;
    assert!(html.contains("\"tz\":\"Europe/Rome\""), "the zone of the first sign-in stays");
    let utc = sign_in(&app, "julia@example.com", "demo", "").await;
    let (_, _, a) = send(&app, get("/crm/contact", &format!("{rome}; crm_lang=ru"))).await;
    let (_, _, b) = send(&app, get("/crm/contact", &format!("{utc}; crm_lang=ru"))).await;
    // The same instants, an hour or two apart on the clock: "07.12.2026, 15:05".
    let times = |html: &str| -> Vec<String> {
        readable(html)
            .lines()
            .map(str::trim)
            .filter(|l| l.len() == 17 && l.as_bytes()[2] == b'.' && l.as_bytes()[14] == b':')
            .map(str::to_string)
            .collect()
    };
    let (in_rome, in_utc) = (times(&a), times(&b));
    assert!(!in_rome.is_empty() && in_rome.len() == in_utc.len(), "{in_rome:?} {in_utc:?}");
    let hour = |t: &str| t[12..14].parse::<i64>().unwrap() * 60 + t[15..17].parse::<i64>().unwrap();
    for (r, u) in in_rome.iter().zip(&in_utc) {
        let ahead = (hour(r) - hour(u)).rem_euclid(24 * 60);
        assert!(ahead == 60 || ahead == 120, "Rome is UTC+1 or +2: {r} vs {u}");
    }
}

#[tokio::test]
async fn a_russian_installation_seeds_in_russian_and_each_reader_reads_their_language() {
    let db = TestDb::sqlite_bare().await;
    demo::prepare(&db.store, true, Lang::Ru, store::now_ms()).await.expect("a Russian installation");
    let app = router_on(&db);
    let admin = sign_in(&app, "admin@example.com", "admin", "Europe/Moscow").await;
    let (_, _, list) = send(&app, get("/crm/deal", &format!("{admin}; crm_lang=ru"))).await;
    let id = first_deal(&list);
    let card = |lang: Lang| {
        let (app, admin, id) = (app.clone(), admin.clone(), id.clone());
        async move {
            readable(
                &send(&app, get(&format!("/crm/deal/{id}"), &format!("{admin}; crm_lang={}", lang.code()))).await.2,
            )
        }
    };
    let (ru, en, pt) = (card(Lang::Ru).await, card(Lang::En).await, card(Lang::Pt).await);
    // The demo data is Russian (a deal "… для …" of a Russian company), whoever reads it.
    let title = ru.lines().find(|l| l.contains(" для ")).expect("a Russian deal title").trim().to_string();
    assert!(en.contains(&title) && pt.contains(&title), "data is shown as written: {title}");
    // The seeded labels and stages speak each reader's language.
    for (shown, lang) in [(&ru, Lang::Ru), (&en, Lang::En), (&pt, Lang::Pt)] {
        for key in ["field-deal-amount", "section-deal-about"] {
            let text = with_lang(lang, || crm_card::i18n::seed(key)).unwrap();
            assert!(shown.contains(text), "{lang:?} reader sees {key} as {text:?}");
        }
        // The list's stage filter names every stage of every pipeline.
        let (_, _, list) = send(&app, get("/crm/deal", &format!("{admin}; crm_lang={}", lang.code()))).await;
        for key in ["stage-deal-sales-preparation", "stage-deal-support-diagnosis"] {
            let text = with_lang(lang, || crm_card::i18n::seed(key)).unwrap();
            assert!(readable(&list).contains(text), "{lang:?} reader sees {key} as {text:?}");
        }
    }
    // Departments and people of the demo are Russian; the roles it seeded follow the reader.
    let (_, _, access_ru) = send(&app, get("/settings/access", &format!("{admin}; crm_lang=ru"))).await;
    let (_, _, access_en) = send(&app, get("/settings/access", &format!("{admin}; crm_lang=en"))).await;
    let words = demo::demo_text(Lang::Ru);
    assert!(access_ru.contains(&words.departments[0]) && access_ru.contains(&words.users[1]));
    assert!(access_ru.contains("Администратор") && access_en.contains(">Administrator<"), "role names");
}
