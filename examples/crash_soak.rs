//! R3 crash durability (long; `make soak`). Starts the real server on a fresh database, runs
//! writers that save a field of a few deals over HTTP, and `kill -9`s the server at random
//! moments. After each restart it checks the History log of every deal:
//! - every acknowledged write is there (nothing acknowledged is lost), and
//! - nothing is there that was not sent (a write in flight at the kill may or may not be).
//!
//! A control run first drops a write deliberately and requires the check to report it.
//!
//!     cargo run --example crash_soak --features ssr -- <server binary> <site root> [sqlite|postgres] [cycles]

use serde_json::{json, Value as Json};
use std::collections::{BTreeMap, BTreeSet};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const PORT: u16 = 3931;

type Fail = Box<dyn std::error::Error + Send + Sync>;

/// One HTTP/1.1 request on a fresh connection; `None` when the server is gone.
async fn request(method: &str, path: &str, cookie: &str, body: &str) -> Option<(u16, String, String)> {
    let mut s =
        tokio::time::timeout(Duration::from_secs(2), TcpStream::connect(("127.0.0.1", PORT))).await.ok()?.ok()?;
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nOrigin: http://127.0.0.1:{PORT}\r\nCookie: {cookie}\r\n\
         Content-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        if path == "/api/login" { "application/x-www-form-urlencoded" } else { "application/json" },
        body.len()
    );
    s.write_all(req.as_bytes()).await.ok()?;
    let mut raw = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut raw)).await.ok()?.ok()?;
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    let body =
        if head.to_lowercase().contains("transfer-encoding: chunked") { dechunk(body) } else { body.to_string() };
    Some((status, head.to_string(), body))
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

struct Server {
    bin: String,
    site: String,
    data: String,
    db: String,
    child: Option<Child>,
}

impl Server {
    async fn start(&mut self) -> Result<(), Fail> {
        let child = Command::new(&self.bin)
            .env("CRM_ADDRESS", format!("127.0.0.1:{PORT}"))
            .env("CRM_DATA_DIR", &self.data)
            .env("DATABASE_URL", &self.db)
            .env("CRM_DEMO_DATA", "true")
            .env("LEPTOS_SITE_ROOT", &self.site)
            .env("CRM_LOG", "error")
            .stdout(Stdio::null())
            .spawn()?;
        self.child = Some(child);
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            if request("GET", "/login", "", "").await.is_some() {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err("the server did not start".into())
    }

    fn kill9(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new("kill").args(["-9", &c.id().to_string()]).status();
            let _ = c.wait();
        }
    }
}

async fn sign_in() -> Result<String, Fail> {
    let (_, head, _) =
        request("POST", "/api/login", "", "email=anna%40example.com&password=demo").await.ok_or("sign-in failed")?;
    let cookie = head
        .lines()
        .find(|l| l.to_lowercase().starts_with("set-cookie:"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().split(';').next().unwrap_or_default().to_string())
        .ok_or("no session cookie")?;
    Ok(cookie)
}

async fn call(cookie: &str, name: &str, body: Json) -> Option<(u16, Json)> {
    let (status, _, text) = request("POST", &format!("/api/{name}"), cookie, &body.to_string()).await?;
    Some((status, serde_json::from_str(&text).unwrap_or(Json::Null)))
}

/// Values logged in a deal's History for the "comment" field.
async fn logged(cookie: &str, deal: i64) -> Result<BTreeSet<String>, Fail> {
    let mut out = BTreeSet::new();
    let mut before = Json::Null;
    loop {
        let (status, page) =
            call(cookie, "history", json!({"entity": "deal", "id": deal, "before": before})).await.ok_or("history")?;
        if status != 200 {
            return Err(format!("history answered {status}").into());
        }
        for r in page["rows"].as_array().cloned().unwrap_or_default() {
            if r["field_label"] == "Comment" {
                out.insert(r["new"].as_str().unwrap_or_default().to_string());
            }
        }
        if page["next"].is_null() {
            return Ok(out);
        }
        before = page["next"].clone();
    }
}

#[derive(Default)]
struct Ledger {
    acked: BTreeMap<i64, BTreeSet<String>>,
    in_flight: BTreeMap<i64, BTreeSet<String>>,
}

/// What the check finds: acknowledged writes missing, and stored values never sent.
async fn check(cookie: &str, ledger: &Ledger) -> Result<(Vec<String>, Vec<String>), Fail> {
    let (mut lost, mut phantom) = (Vec::new(), Vec::new());
    for (deal, acked) in &ledger.acked {
        let stored = logged(cookie, *deal).await?;
        lost.extend(acked.difference(&stored).cloned());
        let allowed: BTreeSet<&String> = acked.iter().chain(ledger.in_flight.get(deal).into_iter().flatten()).collect();
        phantom.extend(stored.iter().filter(|s| !allowed.contains(s)).cloned());
    }
    Ok((lost, phantom))
}

async fn writer(cookie: String, deals: Vec<i64>, w: usize, until: Instant) -> Ledger {
    let mut ledger = Ledger::default();
    let mut n = 0;
    while Instant::now() < until {
        n += 1;
        let deal = deals[(w + n) % deals.len()];
        let value = format!("w{w}-{n}-{}", until.elapsed().as_nanos() % 1_000_000);
        let Some((200, card)) = call(&cookie, "card", json!({"entity": "deal", "id": deal})).await else { break };
        let version = card["header"]["version"].as_i64().unwrap_or(0);
        ledger.in_flight.entry(deal).or_default().insert(value.clone());
        let body = json!({"entity": "deal", "id": deal, "version": version, "changes": {"comment": {"t": "text", "v": value}}});
        match call(&cookie, "save_fields", body).await {
            Some((200, _)) => {
                ledger.in_flight.get_mut(&deal).map(|s| s.remove(&value));
                ledger.acked.entry(deal).or_default().insert(value);
            }
            Some((409, _)) => {
                // Refused: must never appear.
                ledger.in_flight.get_mut(&deal).map(|s| s.remove(&value));
            }
            Some((status, body)) => panic!("save answered {status}: {body}"),
            None => break, // the server is gone; the write stays "in flight"
        }
    }
    ledger
}

#[tokio::main]
async fn main() -> Result<(), Fail> {
    let args: Vec<String> = std::env::args().collect();
    let (bin, site) = (args.get(1).ok_or("server binary?")?.clone(), args.get(2).ok_or("site root?")?.clone());
    let backend = args.get(3).cloned().unwrap_or_else(|| "sqlite".into());
    let cycles: usize = args.get(4).and_then(|c| c.parse().ok()).unwrap_or(8);
    let data = std::env::temp_dir().join(format!("crm-soak-{}", std::process::id())).display().to_string();
    let _ = std::fs::remove_dir_all(&data);
    let db = if backend == "postgres" {
        let admin = std::env::var("TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres:postgres@127.0.0.1:5432/postgres".into());
        let name = format!("crm_soak_{}", std::process::id());
        let psql = |sql: String| {
            Command::new("psql")
                .env("PGOPTIONS", "--client-min-messages=warning")
                .args([admin.as_str(), "-q", "-c", &sql])
                .status()
        };
        psql(format!("DROP DATABASE IF EXISTS {name}"))?;
        psql(format!("CREATE DATABASE {name}"))?;
        format!("{}/{name}", admin.rsplit_once('/').map(|(r, _)| r).unwrap_or(&admin))
    } else {
        String::new()
    };
    let mut server = Server { bin, site, data, db, child: None };
    server.start().await?;
    let cookie = sign_in().await?;
    let mut deals = Vec::new();
    for d in 0..6 {
        let body = json!({"entity": "deal", "pipeline_id": null, "values": {"title": {"t": "text", "v": format!("Soak deal {d}")}}});
        let (_, id) = call(&cookie, "create_item", body).await.ok_or("create")?;
        deals.push(id.as_i64().ok_or("deal id")?);
    }

    // Control: a write the detector is told about but that was never made must be reported.
    let mut control = Ledger::default();
    control.acked.entry(deals[0]).or_default().insert("never-written".into());
    let (lost, _) = check(&cookie, &control).await?;
    assert_eq!(lost, vec!["never-written".to_string()], "the loss detector must fire on a dropped write");
    println!("R3 control: a dropped write is detected");

    let mut ledger = Ledger::default();
    let mut rng = std::process::id() as u64 | 1;
    let (mut total_acked, mut total_in_flight) = (0, 0);
    for cycle in 0..cycles {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let kill_after = Duration::from_millis(300 + rng % 1200);
        let cookie = sign_in().await?;
        let until = Instant::now() + Duration::from_secs(30);
        let writers: Vec<_> = (0..4).map(|w| tokio::spawn(writer(cookie.clone(), deals.clone(), w, until))).collect();
        tokio::time::sleep(kill_after).await;
        server.kill9();
        for w in writers {
            let l = w.await?;
            total_acked += l.acked.values().map(BTreeSet::len).sum::<usize>();
            total_in_flight += l.in_flight.values().map(BTreeSet::len).sum::<usize>();
            for (d, v) in l.acked {
                ledger.acked.entry(d).or_default().extend(v);
            }
            for (d, v) in l.in_flight {
                ledger.in_flight.entry(d).or_default().extend(v);
            }
        }
        server.start().await?;
        let cookie = sign_in().await?;
        let (lost, phantom) = check(&cookie, &ledger).await?;
        println!(
            "R3 {backend} cycle {}: killed after {} ms; {total_acked} acknowledged and {total_in_flight} in-flight writes so far; lost {}, unexpected {}",
            cycle + 1,
            kill_after.as_millis(),
            lost.len(),
            phantom.len()
        );
        if !lost.is_empty() || !phantom.is_empty() {
            server.kill9();
            return Err(format!("R3 failed: lost {lost:?}, unexpected {phantom:?}").into());
        }
    }
    server.kill9();
    let _ = std::fs::remove_dir_all(&server.data);
    if backend == "postgres" {
        let admin = std::env::var("TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres:postgres@127.0.0.1:5432/postgres".into());
        let name = server.db.rsplit('/').next().unwrap_or_default().to_string();
        let _ = Command::new("psql")
            .args([admin.as_str(), "-q", "-c", &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")])
            .status();
    }
    println!(
        "R3 {backend}: {cycles} kills, {total_acked} acknowledged writes, 0 lost, 0 unexpected: 1 passed, 0 failed"
    );
    Ok(())
}
