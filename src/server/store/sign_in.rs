//! Failed sign-in counters (`domain::throttle`), kept in the database so that every app server
//! sees the same ones.

use super::Conn;
use crate::domain::throttle::{self, Counter, Key};
use sqlx::Row;

/// The counter's key of an account or address: `account:anna@example.com`.
pub fn key(kind: Key, who: &str) -> String {
    format!("{}{}", kind.prefix(), who.trim().to_lowercase())
}

/// The counters of `keys` that exist.
pub async fn counters(conn: &mut Conn, keys: &[String]) -> sqlx::Result<Vec<Counter>> {
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        let row = sqlx::query("SELECT failures, first_at, blocked_until FROM sign_in_failures WHERE key = $1")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(r) = row {
            out.push(Counter { failures: r.try_get(0)?, first_at: r.try_get(1)?, blocked_until: r.try_get(2)? });
        }
    }
    Ok(out)
}

/// Counts a failed sign-in against `key` (a new window when the last one has passed) and blocks
/// the key when the count calls for it.
pub async fn record_failure(conn: &mut Conn, kind: Key, key: &str, now: i64) -> sqlx::Result<Counter> {
    let row = sqlx::query(
        "INSERT INTO sign_in_failures (key, failures, first_at, blocked_until) VALUES ($1, 1, $2, 0)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN sign_in_failures.first_at <= $3 THEN 1 ELSE sign_in_failures.failures + 1 END,
           first_at = CASE WHEN sign_in_failures.first_at <= $3 THEN $2 ELSE sign_in_failures.first_at END
         RETURNING failures, first_at, blocked_until",
    )
    .bind(key)
    .bind(now)
    .bind(now - throttle::WINDOW_MS)
    .fetch_one(&mut *conn)
    .await?;
    let mut counter = Counter { failures: row.try_get(0)?, first_at: row.try_get(1)?, blocked_until: row.try_get(2)? };
    if let Some(block) = throttle::block_after(kind, counter.failures) {
        counter.blocked_until = counter.blocked_until.max(now + block);
        sqlx::query("UPDATE sign_in_failures SET blocked_until = $2 WHERE key = $1")
            .bind(key)
            .bind(counter.blocked_until)
            .execute(conn)
            .await?;
    }
    Ok(counter)
}

/// Forgets an account's failures (it signed in).
pub async fn clear(conn: &mut Conn, key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE key = $1").bind(key).execute(conn).await?;
    Ok(())
}

/// Deletes counters whose window and block have both passed.
pub async fn forget_old(conn: &mut Conn, now: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM sign_in_failures WHERE first_at <= $1 AND blocked_until <= $2")
        .bind(now - throttle::WINDOW_MS)
        .bind(now)
        .execute(conn)
        .await?
        .rows_affected())
}
