//! Operations on the command line (docs/OPERATIONS.md): the first administrator, and backing
//! up and restoring the embedded SQLite database. PostgreSQL has its own tools (`pg_dump`,
//! `pg_restore`).

use super::config::Config;
use super::store::{Backend, Store};
use sqlx::{ConnectOptions, Connection, Row};
use std::path::{Path, PathBuf};

/// The SQLite file a `sqlite:` URL names.
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

fn not_sqlite(what: &str) -> String {
    format!(
        "{what} works on the embedded SQLite database; this server uses PostgreSQL. \
         Use pg_dump and pg_restore there (docs/OPERATIONS.md)."
    )
}

/// The database file of this configuration, which must exist.
fn database_file(config: &Config, what: &str) -> Result<PathBuf, String> {
    let url = config.database_url();
    if Backend::of_url(&url) != Some(Backend::Sqlite) {
        return Err(not_sqlite(what));
    }
    sqlite_path(&url).ok_or_else(|| format!("cannot tell the database file from {url}"))
}

/// A connection to the SQLite file at `path` (never created here), named by path rather than
/// URL so that any file name works.
async fn open(path: &Path, read_only: bool) -> Result<sqlx::SqliteConnection, String> {
    let options =
        sqlx::sqlite::SqliteConnectOptions::new().filename(path).read_only(read_only).create_if_missing(false);
    options.connect().await.map_err(|e| format!("cannot open {}: {e}", path.display()))
}

/// Checks that `path` is a whole SQLite database of this app: its pages are sound
/// (`integrity_check`) and it has the app's schema.
async fn check_database(path: &Path) -> Result<(), String> {
    let mut conn = open(path, true).await?;
    let verdict: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .and_then(|r| r.try_get(0))
        .map_err(|e| format!("{} is not a readable SQLite database ({e})", path.display()))?;
    if verdict != "ok" {
        return Err(format!("{} is damaged: {verdict}", path.display()));
    }
    let tables: i64 = sqlx::query(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('_sqlx_migrations', 'users', 'items')",
    )
    .fetch_one(&mut conn)
    .await
    .and_then(|r| r.try_get(0))
    .map_err(|e| format!("{} cannot be read: {e}", path.display()))?;
    if tables != 3 {
        return Err(format!("{} is an SQLite database, but not one of CRM Card", path.display()));
    }
    conn.close().await.ok();
    Ok(())
}

/// `crm-card backup FILE`: a consistent copy of the live database, taken while the server goes
/// on serving (`VACUUM INTO` reads one snapshot; writers are not blocked under WAL). It is
/// written beside `file` first and renamed when whole and checked, so `file` is never half a
/// backup. Refuses to overwrite an existing file.
pub async fn backup(config: &Config, file: &Path) -> Result<(), String> {
    let db = database_file(config, "backup")?;
    if !db.exists() {
        return Err(format!("there is no database at {}", db.display()));
    }
    if file.exists() {
        return Err(format!("{} exists already; name a new file", file.display()));
    }
    let partial = PathBuf::from(format!("{}.partial", file.display()));
    let _ = std::fs::remove_file(&partial);
    let mut conn = open(&db, false).await?;
    let copied = sqlx::query("VACUUM INTO $1").bind(partial.display().to_string()).execute(&mut conn).await;
    conn.close().await.ok();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(format!("cannot write {}: {e}", partial.display()));
    }
    if let Err(e) = check_database(&partial).await {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, file).map_err(|e| format!("cannot move the backup to {}: {e}", file.display()))
}

/// `crm-card restore FILE`: makes a backup the database, with the server stopped. The backup is
/// copied beside the database and the copy checked (a damaged file or another program's
/// database is refused, changing nothing); the database it replaces is kept beside it as
/// `crm.db.before-restore-<time>`. Answers that file's path.
pub async fn restore(config: &Config, file: &Path) -> Result<PathBuf, String> {
    let db = database_file(config, "restore")?;
    let db = std::path::absolute(&db).unwrap_or(db);
    // A running server holds its address; restoring under it would lose its writes.
    if let Ok(addr) = config.socket_addr() {
        if std::net::TcpListener::bind(addr).is_err() {
            return Err(format!(
                "something is listening on {addr}: stop the CRM Card server before restoring. Nothing was changed."
            ));
        }
    }
    let dir = db.parent().map(Path::to_path_buf).unwrap_or_default();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    // The copy is what is checked and put in place (a file checked, then copied, could differ).
    let incoming = dir.join("crm.db.restoring");
    std::fs::copy(file, &incoming).map_err(|e| format!("cannot copy {}: {e}. Nothing was changed.", file.display()))?;
    let checked = async {
        std::fs::File::open(&incoming).and_then(|f| f.sync_all()).map_err(|e| format!("cannot write: {e}"))?;
        check_database(&incoming).await
    };
    if let Err(e) = checked.await {
        let _ = std::fs::remove_file(&incoming);
        return Err(
            format!("{e}. Nothing was changed.").replace(&incoming.display().to_string(), &file.display().to_string())
        );
    }
    let kept = if db.exists() {
        // Nobody else may have the database open: a connection in exclusive locking mode cannot
        // begin while any other connection, even an idle one of a running server, holds it.
        // Then everything in the write-ahead log goes into the file, so the kept copy is whole.
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&db)
            .create_if_missing(false)
            .locking_mode(sqlx::sqlite::SqliteLockingMode::Exclusive)
            .busy_timeout(std::time::Duration::from_millis(500));
        let in_use =
            || format!("{} is in use: stop the CRM Card server before restoring. Nothing was changed.", db.display());
        let probed = async {
            let mut conn = options.connect().await.map_err(|e| format!("cannot open {}: {e}", db.display()))?;
            let result = match sqlx::query("BEGIN EXCLUSIVE").execute(&mut conn).await {
                Ok(_) => {
                    sqlx::query("COMMIT").execute(&mut conn).await.map_err(|e| e.to_string())?;
                    let row = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                        .fetch_one(&mut conn)
                        .await
                        .map_err(|e| e.to_string())?;
                    if row.try_get::<i64, _>(0).unwrap_or(1) == 0 {
                        Ok(())
                    } else {
                        Err(in_use())
                    }
                }
                // SQLITE_BUSY or SQLITE_LOCKED (extended codes keep the primary one in the low
                // byte): another connection has it.
                Err(sqlx::Error::Database(e))
                    if e.code().and_then(|c| c.parse::<i64>().ok()).is_some_and(|c| matches!(c & 0xff, 5 | 6)) =>
                {
                    Err(in_use())
                }
                Err(e) => Err(format!("cannot lock {}: {e}. Nothing was changed.", db.display())),
            };
            conn.close().await.ok();
            result
        };
        if let Err(e) = probed.await {
            let _ = std::fs::remove_file(&incoming);
            return Err(e);
        }
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S%.3f");
        let kept = dir.join(format!("crm.db.before-restore-{stamp}"));
        if kept.exists() {
            let _ = std::fs::remove_file(&incoming);
            return Err(format!("{} exists already; try again", kept.display()));
        }
        std::fs::rename(&db, &kept).map_err(|e| format!("cannot move {} aside: {e}", db.display()))?;
        Some(kept)
    } else {
        None
    };
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    std::fs::rename(&incoming, &db).map_err(|e| format!("cannot move the backup into place: {e}"))?;
    // Brings the restored schema up to this version's, so the server starts on it as it is.
    let store = Store::connect(&config.database_url()).await.map_err(|e| format!("the restored database: {e}"))?;
    store.pool.close().await;
    Ok(kept.unwrap_or_default())
}

/// Reads a password for `create-admin`: from the terminal without echo, or the first line of
/// standard input when it is not a terminal (scripts).
pub fn read_password() -> Result<String, String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?;
        let again = rpassword::prompt_password("Password again: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the passwords differ".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(|e| e.to_string())?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_file_is_read_from_its_url() {
        assert_eq!(sqlite_path("sqlite://data/crm.db?mode=rwc"), Some(PathBuf::from("data/crm.db")));
        assert_eq!(sqlite_path("sqlite:///var/lib/crm/crm.db"), Some(PathBuf::from("/var/lib/crm/crm.db")));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://x@y/z"), None);
    }
}
