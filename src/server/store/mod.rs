//! Persistence with sqlx on SQLite (embedded default) or PostgreSQL, chosen at run time by URL.
//! SQL is written once for both (`$1` placeholders, which SQLite accepts too); only the DDL
//! differs (`migrations/sqlite`, `migrations/postgres`). Functions take a connection, so a
//! caller composes several into one transaction.

pub mod access;
pub mod batch;
pub mod catalog;
pub mod choices;
pub mod config;
pub mod files;
pub mod items;
pub mod layouts;
pub mod pipelines;
pub mod recycle;
pub mod sign_in;
pub mod timeline;
pub mod types;
pub mod users;
pub mod views;

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyConnection, AnyPool};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("DATABASE_URL must start with sqlite: or postgres://")]
    UnknownBackend,
    #[error(transparent)]
    Sqlx(#[from] sqlx::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

#[derive(Clone, Debug)]
pub struct Store {
    pub pool: AnyPool,
    pub backend: Backend,
    /// The configuration kept in memory between requests (`config.rs`).
    pub config: std::sync::Arc<config::Config>,
}

impl Store {
    /// Connects and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url).ok_or(StoreError::UnknownBackend)?;
        let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        let pool = match backend {
            // sqlx turns on foreign keys and a busy timeout for every SQLite connection. An
            // embedded connection has no network to fail, so it is not pinged before each use
            // (sqlx's default; each ping is a round trip to the connection's worker thread).
            // One connection stays open even when idle: it is how `crm-card restore` knows a
            // server has the file (an exclusive lock cannot be taken beside it).
            Backend::Sqlite => {
                options.max_connections(8).min_connections(1).test_before_acquire(false).connect(url).await?
            }
            // A PostgreSQL connection can break (a restarted server, a dropped network), so
            // one that sat idle is pinged before use; one that served a request within the
            // last second is not: sqlx's default pings every time, a round trip before each
            // request's every acquire, which made a third of a save's round trips.
            Backend::Postgres => {
                options
                    .max_connections(16)
                    .test_before_acquire(false)
                    .before_acquire(|conn, meta| {
                        Box::pin(async move {
                            if meta.idle_for >= PING_WHEN_IDLE_FOR {
                                sqlx::Connection::ping(conn).await?;
                            }
                            Ok(true)
                        })
                    })
                    .connect(url)
                    .await?
            }
        };
        match backend {
            Backend::Sqlite => {
                // WAL lets readers read while a writer commits; it is a property of the file.
                sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
                sqlx::migrate!("migrations/sqlite").run(&pool).await?
            }
            Backend::Postgres => sqlx::migrate!("migrations/postgres").run(&pool).await?,
        }
        Ok(Store { pool, backend, config: Default::default() })
    }
}

/// Now, in unix milliseconds.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

pub type Conn = AnyConnection;

/// How long a PostgreSQL connection may sit in the pool and still be used without a ping.
const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(1);

/// `$1, $2, … $n` starting after `offset` placeholders, for `IN (...)` lists.
pub fn placeholders(offset: usize, n: usize) -> String {
    (1..=n).map(|i| format!("${}", offset + i)).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_on_from_the_offset() {
        assert_eq!(placeholders(1, 3), "$2, $3, $4");
        assert_eq!(placeholders(0, 1), "$1");
    }

    #[test]
    fn the_backend_comes_from_the_url_scheme() {
        assert_eq!(Backend::of_url("sqlite://data/crm.db?mode=rwc"), Some(Backend::Sqlite));
        assert_eq!(Backend::of_url("postgres://u@h/db"), Some(Backend::Postgres));
        assert_eq!(Backend::of_url("mysql://u@h/db"), None);
    }
}
