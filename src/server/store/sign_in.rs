//! Failed sign-in counters (`domain::throttle`), kept in the database so that every app server
//! sees the same ones.

use super::Conn;
use crate::domain::throttle::{self, Counter, Key};
use sqlx::Row;

/// The counter's key of an account or address: `account:anna@example.com`.
pub fn key(kind: Key, who: &str) -> String {
    format!("{}{}", kind.prefix(), who.trim().to_lowercase())
}

/// The counters of `keys`, in their order (a key without failures has an empty one).
pub async fn counters(conn: &mut Conn, keys: &[String]) -> sqlx::Result<Vec<Counter>> {
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        let row = sqlx::query("SELECT failures, first_at, blocked_until FROM sign_in_failures WHERE key = $1")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
        out.push(match row {
            Some(r) => Counter { failures: r.try_get(0)?, first_at: r.try_get(1)?, blocked_until: r.try_get(2)? },
            None => Counter::default(),
        });
    }
    Ok(out)
}

/// Counts a sign-in attempt against `key` as failed (a new window once the last one has passed
/// and its last block too) and blocks the key when the count calls for it.
pub async fn record_failure(conn: &mut Conn, kind: Key, key: &str, now: i64) -> sqlx::Result<Counter> {
    let row = sqlx::query(
        "INSERT INTO sign_in_failures (key, failures, first_at, blocked_until) VALUES ($1, 1, $2, 0)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN sign_in_failures.first_at <= $3 AND sign_in_failures.blocked_until <= $3
                      THEN 1 ELSE sign_in_failures.failures + 1 END,
           first_at = CASE WHEN sign_in_failures.first_at <= $3 AND sign_in_failures.blocked_until <= $3
                      THEN $2 ELSE sign_in_failures.first_at END
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
        // Never shortened by a concurrent failure that was counted earlier and written later.
        sqlx::query(
            "UPDATE sign_in_failures SET blocked_until = CASE WHEN blocked_until < $2 THEN $2 ELSE blocked_until END
             WHERE key = $1",
        )
        .bind(key)
        .bind(counter.blocked_until)
        .execute(conn)
        .await?;
    }
    Ok(counter)
}

/// A sign-in succeeded: an account's failures are forgotten; an address takes back the attempt
/// counted before the check (and its block, when that attempt brought it).
pub async fn forgive(conn: &mut Conn, kind: Key, key: &str) -> sqlx::Result<()> {
    match kind {
        Key::Account => clear(conn, key).await,
        Key::Address => {
            sqlx::query(
                "UPDATE sign_in_failures SET failures = failures - 1,
                   blocked_until = CASE WHEN failures - 1 < $2 THEN 0 ELSE blocked_until END
                 WHERE key = $1 AND failures > 0",
            )
            .bind(key)
            .bind(kind.allowance())
            .execute(conn)
            .await?;
            Ok(())
        }
    }
}

/// Forgets a key's failures (an account signed in, or an admin set its password).
pub async fn clear(conn: &mut Conn, key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE key = $1").bind(key).execute(conn).await?;
    Ok(())
}

/// Deletes counters whose window and block have both passed (the hourly purge).
pub async fn forget_old(conn: &mut Conn, now: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM sign_in_failures WHERE first_at <= $1 AND blocked_until <= $2")
        .bind(now - throttle::WINDOW_MS)
        .bind(now)
        .execute(conn)
        .await?
        .rows_affected())
}
