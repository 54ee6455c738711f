//! The operations of docs/OPERATIONS.md run as an administrator runs them: the `crm-card`
//! binary with its commands, on a real data directory.

#![allow(clippy::unwrap_used)] // a failed step should stop the test there

mod support;

use crm_card::domain::FieldInput;
use crm_card::server::store::{self, users, Store};
use crm_card::server::{demo, service};
use sqlx::Connection;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fresh data directory of its own.
struct DataDir(PathBuf);

impl DataDir {
    fn new(name: &str) -> DataDir {
        let dir = std::env::temp_dir().join(format!("crm-ops-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        DataDir(dir)
    }

    fn url(&self) -> String {
        format!("sqlite://{}?mode=rwc", self.0.join("crm.db").display())
    }

    /// `crm-card ARGS` on this data directory, `stdin` as its input.
    fn run(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crm-card"))
            .args(args)
            .env_remove("CRM_CONFIG")
            .env("CRM_DATA_DIR", &self.0)
            .env("CRM_DEMO_DATA", "false")
            .env("DATABASE_URL", "")
            // A port nothing listens on: `restore` checks that no server holds its address.
            .env("CRM_ADDRESS", format!("127.0.0.1:{}", free_port()))
            .current_dir(&self.0)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the crm-card binary");
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn said(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// `crm-card create-admin` makes an administrator who can sign in, with the password read from
/// standard input; a short password and a taken email are refused with a message.
#[tokio::test]
async fn create_admin_makes_the_first_administrator() {
    let dir = DataDir::new("admin");
    let out = dir.run(&["create-admin", "--email", "Olga@Example.com", "--name", "Olga Admin"], "correct horse\n");
    assert!(out.status.success(), "{}", said(&out));
    assert!(said(&out).contains("Created administrator"), "{}", said(&out));
    let store = Store::connect(&dir.url()).await.unwrap();
    let mut conn = store.pool.acquire().await.unwrap();
    let creds = users::credentials(&mut conn, "olga@example.com").await.unwrap().expect("the account");
    assert!(crm_card::server::auth::verify_password(&creds.password_hash, "correct horse"));
    let olga = users::user_with_rights(&mut conn, creds.id).await.unwrap().unwrap();
    assert!(olga.is_admin && olga.name == "Olga Admin", "{olga:?}");
    drop(conn);
    store.pool.close().await;
    let again = dir.run(&["create-admin", "--email", "olga@example.com"], "another password\n");
    assert!(!again.status.success() && said(&again).contains("Another user has this email"), "{}", said(&again));
    let short = dir.run(&["create-admin", "--email", "x@example.com"], "short\n");
    assert!(!short.status.success() && said(&short).contains("at least 8"), "{}", said(&short));
    let usage = dir.run(&["create-admin"], "");
    assert!(!usage.status.success() && said(&usage).contains("--email"), "{}", said(&usage));
}

/// Creates deals as fast as it can until told to stop; answers the ids whose creation was
/// acknowledged, in order.
async fn keep_writing(store: Store, stop: std::sync::Arc<std::sync::atomic::AtomicBool>) -> Vec<i64> {
    let mut conn = store.pool.acquire().await.unwrap();
    let admin = users::credentials(&mut conn, "admin@example.com").await.unwrap().unwrap().id;
    let admin = users::user_with_rights(&mut conn, admin).await.unwrap().unwrap();
    drop(conn);
    let mut acked = Vec::new();
    let mut n = 0;
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        n += 1;
        let values = BTreeMap::from([("title".to_string(), FieldInput::Text(format!("Written during backup {n}")))]);
        match service::create_item(&store, &admin, "deal", None, values, false).await {
            Ok(id) => acked.push(id),
            Err(e) => panic!("write {n} failed: {e:?}"),
        }
    }
    acked
}

async fn deal_ids(path: &Path) -> Vec<i64> {
    let store = Store::connect(&format!("sqlite://{}?mode=rw", path.display())).await.unwrap();
    let mut conn = store.pool.acquire().await.unwrap();
    let ids: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM items WHERE title LIKE 'Written during backup %' ORDER BY id")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    drop(conn);
    store.pool.close().await;
    ids.into_iter().map(|(id,)| id).collect()
}

/// `crm-card backup` copies the live database while deals are being written; `crm-card restore`
/// puts the copy in a fresh data directory, where every write acknowledged before the backup
/// began is found, and the copy is one moment's state (no later write without all earlier
/// ones).
#[tokio::test]
async fn a_backup_taken_during_writes_restores_every_acknowledged_write() {
    let live = DataDir::new("live");
    let store = Store::connect(&live.url()).await.unwrap();
    demo::prepare(&store, true, crm_card::i18n::Lang::En, store::now_ms()).await.unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = tokio::spawn(keep_writing(store.clone(), stop.clone()));
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    let before = deal_ids(&live.0.join("crm.db")).await;
    let file = live.0.join("backup.db");
    let out = tokio::task::spawn_blocking({
        let file = file.display().to_string();
        let dir = live.0.clone();
        move || DataDir(dir).run_and_keep(&["backup", &file])
    })
    .await
    .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let acked = writer.await.unwrap();
    assert!(out.status.success(), "{}", said(&out));
    assert!(before.len() >= 5, "writes went on before the backup: {}", before.len());
    // A fresh data directory restored from the backup.
    let fresh = DataDir::new("fresh");
    let out = fresh.run(&["restore", &file.display().to_string()], "");
    assert!(out.status.success(), "{}", said(&out));
    let restored = deal_ids(&fresh.0.join("crm.db")).await;
    let missing: Vec<_> = before.iter().filter(|id| !restored.contains(id)).collect();
    assert!(missing.is_empty(), "acknowledged before the backup, missing after restore: {missing:?}");
    assert_eq!(restored, acked[..restored.len()].to_vec(), "one moment's state: a prefix of the writes");
    println!("backup under writes: {} deals acknowledged, {} in the backup", acked.len(), restored.len());
    store.pool.close().await;
}

/// A damaged backup, or a file that is not one, is refused by `restore` and the data stays as
/// it was; `backup` never overwrites a file.
#[tokio::test]
async fn restore_refuses_a_damaged_file_and_keeps_the_data() {
    let dir = DataDir::new("damaged");
    let out = dir.run(&["create-admin", "--email", "keep@example.com"], "a long password\n");
    assert!(out.status.success(), "{}", said(&out));
    let good = dir.0.join("good.db");
    assert!(dir.run(&["backup", &good.display().to_string()], "").status.success());
    let again = dir.run(&["backup", &good.display().to_string()], "");
    assert!(!again.status.success() && said(&again).contains("exists already"), "{}", said(&again));
    // Half a backup, and a text file.
    let bytes = std::fs::read(&good).unwrap();
    let half = dir.0.join("half.db");
    std::fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();
    let text = dir.0.join("notes.db");
    std::fs::write(&text, "not a database at all, just some text that is long enough to look like one".repeat(80))
        .unwrap();
    for bad in [&half, &text] {
        let out = dir.run(&["restore", &bad.display().to_string()], "");
        assert!(!out.status.success(), "{}: {}", bad.display(), said(&out));
        assert!(said(&out).contains("Nothing was changed"), "{}", said(&out));
    }
    // One plain connection, not a `Store`: a pool keeping a minimum of connections may still be
    // opening one when it is closed, and that one held the file past the close (1 run in 4).
    sqlx::any::install_default_drivers();
    let mut open = sqlx::AnyConnection::connect(&dir.url()).await.unwrap();
    assert!(users::credentials(&mut open, "keep@example.com").await.unwrap().is_some(), "the data stayed");
    // A good backup, but the database is open (a server on another address, say): refused.
    let out = dir.run(&["restore", &good.display().to_string()], "");
    assert!(!out.status.success() && said(&out).contains("is in use"), "{}", said(&out));
    open.close().await.unwrap();
    // Closed, the same restore goes through and keeps the database it replaces.
    let out = dir.run(&["restore", &good.display().to_string()], "");
    assert!(out.status.success(), "{}", said(&out));
    let names: Vec<String> = std::fs::read_dir(&dir.0)
        .unwrap()
        .filter_map(Result::ok)
        .map(|f| f.file_name().to_string_lossy().into())
        .collect();
    assert!(names.iter().any(|n| n.starts_with("crm.db.before-restore-")), "{names:?}");
}

impl DataDir {
    /// [`DataDir::run`] on a directory someone else owns (not removed afterwards).
    fn run_and_keep(self, args: &[&str]) -> Output {
        let out = self.run(args, "");
        std::mem::forget(self);
        out
    }
}
