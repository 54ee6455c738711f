//! Test databases: a fresh SQLite file or a fresh PostgreSQL database per test, migrated and
//! with the shipped catalog installed. PostgreSQL comes from `TEST_DATABASE_URL`; when it
//! cannot be reached the test fails (it is never skipped).

#![allow(dead_code)] // each test binary uses a different part of this module

use crm_card::server::store::{catalog, now_ms, Store};
use sqlx::Connection;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::OnceCell;

static COUNTER: AtomicUsize = AtomicUsize::new(0);
static PG_SWEPT: OnceCell<()> = OnceCell::const_new();

pub fn pg_admin_url() -> String {
    std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres:postgres@127.0.0.1:5432/postgres".into())
}

fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let root = base.rsplit_once('/').map(|(r, _)| r).unwrap_or(base);
    format!("{root}/{name}{query}")
}

pub struct TestDb {
    pub store: Store,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Database(String),
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let db = TestDb::sqlite_bare().await;
        db.install().await;
        db
    }

    /// A fresh SQLite file, migrated, with nothing installed (as a new installation's first
    /// start finds it).
    pub async fn sqlite_bare() -> TestDb {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("crm-test-{}-{n}.db", std::process::id()));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let url = format!("sqlite://{}?mode=rwc", path.display());
        let store = Store::connect(&url).await.expect("SQLite test database");
        TestDb { store, url, cleanup: Cleanup::File(path) }
    }

    pub async fn postgres() -> TestDb {
        let admin = pg_admin_url();
        let mut conn = sqlx::postgres::PgConnection::connect(&admin).await.unwrap_or_else(|e| {
            panic!("PostgreSQL at {admin} is needed for the store tests (set TEST_DATABASE_URL): {e}")
        });
        PG_SWEPT
            .get_or_init(|| async {
                // Databases left by earlier runs that were killed mid-test.
                let mine = format!("crm_test_{}_", std::process::id());
                let stale: Vec<(String,)> =
                    sqlx::query_as("SELECT datname FROM pg_database WHERE datname LIKE 'crm_test_%'")
                        .fetch_all(&mut conn)
                        .await
                        .unwrap_or_default();
                for (name,) in stale.into_iter().filter(|(n,)| !n.starts_with(&mine)) {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .execute(&mut conn)
                        .await;
                }
            })
            .await;
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let name = format!("crm_test_{}_{n}", std::process::id());
        sqlx::query(&format!("CREATE DATABASE \"{name}\"")).execute(&mut conn).await.expect("create test database");
        let url = with_database(&admin, &name);
        let store = Store::connect(&url).await.expect("PostgreSQL test database");
        let db = TestDb { store, url, cleanup: Cleanup::Database(name) };
        db.install().await;
        db
    }

    async fn install(&self) {
        let mut conn = self.store.pool.acquire().await.expect("connection");
        catalog::install(&mut conn, now_ms()).await.expect("catalog");
    }

    pub async fn cleanup(self) {
        self.store.pool.close().await;
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Database(name) => {
                if let Ok(mut conn) = sqlx::postgres::PgConnection::connect(&pg_admin_url()).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                        .execute(&mut conn)
                        .await;
                }
            }
        }
    }
}

/// Runs a store test once on SQLite and once on PostgreSQL: `name::sqlite`, `name::postgres`.
#[macro_export]
macro_rules! on_both_databases {
    ($(#[$meta:meta])* async fn $name:ident($store:ident: Store) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn run($store: crm_card::server::store::Store) $body
            #[tokio::test]
            async fn sqlite() {
                let db = $crate::support::TestDb::sqlite().await;
                run(db.store.clone()).await;
                db.cleanup().await;
            }
            #[tokio::test]
            async fn postgres() {
                let db = $crate::support::TestDb::postgres().await;
                run(db.store.clone()).await;
                db.cleanup().await;
            }
        }
    };
}
