//! The reindexer: rewrites, in small batches, the search text of items a field change left out
//! of date (`store::items::outdate_search`). It runs beside the server, starts over from the
//! database after a restart (what is out of date is in the items themselves), and sleeps while
//! nothing is.

use crate::server::store::{items, Store};
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::Notify;

/// Items rewritten per transaction: small enough that a writer waits for one batch at most
/// (milliseconds), far below SQLite's busy timeout.
pub const BATCH: usize = 200;
/// The pause between batches, so that waiting writers go first.
const PAUSE: Duration = Duration::from_millis(20);
/// How often it looks without being woken (a save made with the fields of just before a change
/// leaves its item out of date after the change's batches have passed it).
const LOOK_EVERY: Duration = Duration::from_secs(30);

fn signal() -> &'static Notify {
    static SIGNAL: OnceLock<Notify> = OnceLock::new();
    SIGNAL.get_or_init(Notify::new)
}

/// Tells the reindexer a field change has outdated some search text.
pub fn wake_reindexer() {
    signal().notify_one();
}

/// Rewrites every out-of-date item, batch after batch; answers how many.
pub async fn reindex_all(store: &Store) -> sqlx::Result<usize> {
    let mut done = 0;
    loop {
        let mut conn = store.pool.acquire().await?;
        let n = items::reindex_stale(&mut conn, BATCH).await?;
        drop(conn);
        done += n;
        if n < BATCH {
            return Ok(done);
        }
        tokio::time::sleep(PAUSE).await;
    }
}

/// Starts the reindexer (once per server).
pub fn spawn_reindexer(store: Store) {
    tokio::spawn(async move {
        loop {
            match reindex_all(&store).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(items = n, "rewrote the search text of items a field change outdated"),
                Err(e) => tracing::error!("reindexing search text failed (tried again later): {e}"),
            }
            let _ = tokio::time::timeout(LOOK_EVERY, signal().notified()).await;
        }
    });
}
