//! The rarely changing configuration — entity types, fields, pipelines, active users, card views and their
//! layouts — kept in memory between requests, so a card costs the queries of its own data only.
//!
//! Every change of those tables raises `config_revision.revision` (database triggers, so no
//! write can forget). A request learns the revision in a statement it makes anyway (the item's
//! query) or in one `SELECT` ([`Config::fresh`]), and gets the [`Snapshot`] of that revision:
//! a newer revision starts an empty snapshot, which loads each part from the database the first
//! time it is asked for. So a change saved through any server reaches every server's next
//! request, and what a request reads is never older than the revision it saw.
//!
//! Only reads use it. A write that changes configuration reads the configuration inside its
//! own transaction, not from here.

use super::{catalog, layouts, types, users, views, Conn};
use crate::api::types::UserRef;
use crate::domain::views::{CardKind, NamedView, ViewRef};
use crate::domain::{EntityType, FieldDef, Layout, Pipeline, Registry};
use crate::i18n::{lang, Lang};
use crate::server::localize;
use sqlx::Row;
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// The configuration cache of one process; cheap to share (`Store` holds it in an `Arc`).
#[derive(Debug, Default)]
pub struct Config {
    current: RwLock<Arc<Snapshot>>,
}

impl Config {
    /// The snapshot for a request that saw `revision`: the current one, or a new empty one when
    /// `revision` is newer. (A request that saw an older revision than another already did gets
    /// the newer snapshot: its data is no older than what the request saw.)
    pub fn at(&self, revision: i64) -> Arc<Snapshot> {
        {
            let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
            if current.revision >= revision {
                return current.clone();
            }
        }
        let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
        if current.revision < revision {
            *current = Arc::new(Snapshot { revision, ..Snapshot::default() });
        }
        current.clone()
    }

    /// The newest snapshot this process has seen, without asking the database: for what may be
    /// a request behind (the main menu), never for decisions.
    pub fn current(&self) -> Arc<Snapshot> {
        self.current.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The snapshot of the revision the database has now (one small query).
    pub async fn fresh(&self, conn: &mut Conn) -> sqlx::Result<Arc<Snapshot>> {
        Ok(self.at(revision(conn).await?))
    }
}

/// The configuration revision now.
pub async fn revision(conn: &mut Conn) -> sqlx::Result<i64> {
    sqlx::query("SELECT revision FROM config_revision").fetch_one(conn).await?.try_get(0)
}

/// `(SELECT …)` giving the revision, for queries that return it beside their own columns.
pub const REVISION_COLUMN: &str = "(SELECT revision FROM config_revision)";

/// A type's fields and the search generation they belong to.
type FieldsAndGen = (Arc<Vec<FieldDef>>, i64);

/// The configuration of one revision, each part loaded on first use.
#[derive(Debug, Default)]
pub struct Snapshot {
    revision: i64,
    registry: Memo<(), Arc<Registry>>,
    /// A type's fields and the search generation they belong to, read in one statement.
    /// Fields, pipelines and layouts are kept per language: their seeded names are shown in
    /// the reader's (`server::localize`).
    fields: Memo<(EntityType, Lang), FieldsAndGen>,
    pipelines: Memo<(EntityType, Lang), Arc<Vec<Pipeline>>>,
    active_users: Memo<(), Arc<Vec<UserRef>>>,
    situations: Memo<(i64, EntityType), (views::Settings, views::Choice)>,
    named: Memo<EntityType, Arc<Vec<NamedView>>>,
    layouts: Memo<(CardKind, ViewRef, Lang), (i64, Arc<Layout>)>,
}

impl Snapshot {
    pub fn revision(&self) -> i64 {
        self.revision
    }

    /// Every entity type (`store::types`).
    pub async fn registry(&self, conn: &mut Conn) -> sqlx::Result<Arc<Registry>> {
        self.registry.get_or_load((), async { Ok(Arc::new(types::registry(conn).await?)) }).await
    }

    /// The registry when this snapshot has loaded it already.
    pub fn loaded_registry(&self) -> Option<Arc<Registry>> {
        self.registry.get(&())
    }

    /// Every field of an entity type, in list order.
    pub async fn fields(&self, conn: &mut Conn, entity: EntityType) -> sqlx::Result<Arc<Vec<FieldDef>>> {
        Ok(self.fields_and_search_gen(conn, entity).await?.0)
    }

    /// The search generation of the fields [`Snapshot::fields`] gives (`TypeDef::search_gen`,
    /// read with them, so an item's search text is never marked current with older fields).
    pub async fn search_gen(&self, conn: &mut Conn, entity: EntityType) -> sqlx::Result<i64> {
        Ok(self.fields_and_search_gen(conn, entity).await?.1)
    }

    async fn fields_and_search_gen(
        &self,
        conn: &mut Conn,
        entity: EntityType,
    ) -> sqlx::Result<(Arc<Vec<FieldDef>>, i64)> {
        self.fields
            .get_or_load((entity, lang()), async {
                let (mut fields, gen) = catalog::fields_with_search_gen(conn, entity).await?;
                localize::fields(entity, &mut fields);
                Ok((Arc::new(fields), gen))
            })
            .await
    }

    pub async fn pipelines(&self, conn: &mut Conn, entity: EntityType) -> sqlx::Result<Arc<Vec<Pipeline>>> {
        self.pipelines
            .get_or_load((entity, lang()), async {
                let mut pipelines = catalog::pipelines(conn, entity).await?;
                localize::pipelines(entity, &mut pipelines);
                Ok(Arc::new(pipelines))
            })
            .await
    }

    /// Active users by name (the choices of a user field).
    pub async fn active_users(&self, conn: &mut Conn) -> sqlx::Result<Arc<Vec<UserRef>>> {
        self.active_users.get_or_load((), async { Ok(Arc::new(users::active_users(conn).await?)) }).await
    }

    /// The views' settings of an entity type and one person's choices there.
    pub async fn situation(
        &self,
        conn: &mut Conn,
        user_id: i64,
        entity: EntityType,
    ) -> sqlx::Result<(views::Settings, views::Choice)> {
        self.situations.get_or_load((user_id, entity), views::situation(conn, user_id, entity)).await
    }

    pub async fn named(&self, conn: &mut Conn, entity: EntityType) -> sqlx::Result<Arc<Vec<NamedView>>> {
        self.named.get_or_load(entity, async { Ok(Arc::new(views::named(conn, entity).await?)) }).await
    }

    /// A view's layout on cards of `kind`, with its version.
    pub async fn layout(&self, conn: &mut Conn, kind: CardKind, view: ViewRef) -> sqlx::Result<(i64, Arc<Layout>)> {
        self.layouts
            .get_or_load((kind, view, lang()), async {
                let (version, mut layout) = layouts::of_view(conn, kind, view).await?;
                localize::layout(kind.entity, &mut layout);
                Ok((version, Arc::new(layout)))
            })
            .await
    }
}

/// Values by key, each computed once (two requests asking at the same moment may both load it;
/// both get the same answer).
#[derive(Debug)]
struct Memo<K, V>(Mutex<HashMap<K, V>>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash, V: Clone> Memo<K, V> {
    fn get(&self, key: &K) -> Option<V> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).get(key).cloned()
    }

    async fn get_or_load(&self, key: K, load: impl Future<Output = sqlx::Result<V>>) -> sqlx::Result<V> {
        if let Some(v) = self.0.lock().unwrap_or_else(PoisonError::into_inner).get(&key) {
            return Ok(v.clone());
        }
        let v = load.await?;
        self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(key, v.clone());
        Ok(v)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed step should stop the test right there
mod tests {
    use super::*;

    #[test]
    fn a_newer_revision_starts_an_empty_snapshot_and_an_older_one_keeps_the_current() {
        let config = Config::default();
        let first = config.at(3);
        assert_eq!(first.revision(), 3);
        assert!(Arc::ptr_eq(&first, &config.at(3)), "same revision, same snapshot");
        assert!(Arc::ptr_eq(&first, &config.at(2)), "an older revision never goes back");
        first.active_users.0.lock().unwrap().insert((), Arc::new(vec![]));
        let next = config.at(4);
        assert_eq!(next.revision(), 4);
        assert!(next.active_users.0.lock().unwrap().is_empty(), "nothing carried over");
    }

    #[tokio::test]
    async fn a_memo_loads_once_and_keeps_no_failure() {
        let memo: Memo<i32, i32> = Memo::default();
        let failed = memo.get_or_load(1, async { Err(sqlx::Error::RowNotFound) }).await;
        assert!(failed.is_err());
        assert_eq!(memo.get_or_load(1, async { Ok(10) }).await.unwrap(), 10);
        assert_eq!(memo.get_or_load(1, async { Ok(20) }).await.unwrap(), 10, "loaded once");
    }
}
