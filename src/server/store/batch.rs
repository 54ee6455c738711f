//! Several writes sent to the database as one request.
//!
//! Every statement is a round trip: to the PostgreSQL server, or on SQLite a hand-over to the
//! thread sqlx runs the connection on and back (the server then switches threads twice). A save
//! of one field wrote four statements, each such a trip; profiles of the save under load showed
//! the switching, not SQL, as the cost (`docs/PERFORMANCE.md`, P4).
//!
//! A [`Batch`] sends its statements at once. On SQLite they go as one multi-statement query,
//! which sqlx runs statement by statement on its worker, each binding the `$n` it names from the
//! shared arguments. On PostgreSQL they become one statement whose writes are data-modifying
//! `WITH` clauses, all but the last.
//!
//! A batch may begin with a *claim*, an `UPDATE … RETURNING` the other writes depend on (an item
//! row at the version its writer read). On PostgreSQL every write must include [`Batch::guard`]
//! in its `WHERE`, which holds only if the claim updated a row, so a claim that finds nothing
//! writes nothing, and the one statement needs no transaction. On SQLite the guard is `TRUE`: the
//! writes run anyway, and [`Batch::run`] telling the caller that the claim found nothing means
//! the caller, which runs an SQLite batch inside a transaction, must roll it back.

use super::Conn;
use sqlx::any::AnyRow;
use sqlx::Row;

enum Arg {
    Int(Option<i64>),
    Text(Option<String>),
}

pub struct Batch {
    postgres: bool,
    claim: Option<String>,
    writes: Vec<String>,
    args: Vec<Arg>,
}

impl Batch {
    pub fn new(conn: &Conn) -> Batch {
        Batch { postgres: is_postgres(conn), claim: None, writes: Vec::new(), args: Vec::new() }
    }

    /// Whether the batch is one PostgreSQL statement (which is atomic without a transaction).
    pub fn is_postgres(&self) -> bool {
        self.postgres
    }

    /// Adds an integer argument; returns its placeholder.
    pub fn int(&mut self, value: impl Into<Option<i64>>) -> String {
        self.args.push(Arg::Int(value.into()));
        format!("${}", self.args.len())
    }

    /// Adds a text argument; returns its placeholder.
    pub fn text(&mut self, value: impl Into<Option<String>>) -> String {
        self.args.push(Arg::Text(value.into()));
        format!("${}", self.args.len())
    }

    /// The `UPDATE … RETURNING` (one row at most) the writes depend on; at most one per batch.
    pub fn claim(&mut self, sql: String) {
        debug_assert!(self.claim.is_none() && self.writes.is_empty());
        self.claim = Some(sql);
    }

    /// A condition every write's `WHERE` must include: the claim, if any, updated a row.
    pub fn guard(&self) -> &'static str {
        if self.postgres && self.claim.is_some() {
            "EXISTS (SELECT 1 FROM claimed)"
        } else {
            "TRUE"
        }
    }

    /// A condition for the one write right after the claim: the claim updated a row, on both
    /// databases. On SQLite it is `changes() > 0`, which reads the connection's last write, so
    /// it holds for the first write only; a batch with more writes uses [`Batch::guard`] and a
    /// transaction it rolls back.
    pub fn guard_first_write(&self) -> &'static str {
        debug_assert!(self.writes.is_empty(), "changes() would read the previous write, not the claim");
        match (self.postgres, self.claim.is_some()) {
            (_, false) => "TRUE",
            (true, true) => "EXISTS (SELECT 1 FROM claimed)",
            (false, true) => "changes() > 0",
        }
    }

    /// A write. The last one must return exactly one row (`… RETURNING`).
    pub fn write(&mut self, sql: String) {
        self.writes.push(sql);
    }

    /// The SQL the batch sends.
    fn sql(&self) -> String {
        if self.postgres {
            let Some((last, rest)) = self.writes.split_last() else { return String::new() };
            let ctes: Vec<String> = self
                .claim
                .iter()
                .map(|c| format!("claimed AS ({c})"))
                .chain(rest.iter().enumerate().map(|(i, w)| format!("w{i} AS ({w})")))
                .collect();
            if ctes.is_empty() {
                last.clone()
            } else {
                format!("WITH {}\n{last}", ctes.join(",\n"))
            }
        } else {
            self.claim.iter().chain(&self.writes).map(String::as_str).collect::<Vec<_>>().join(";\n")
        }
    }

    /// Sends the batch. Returns the row of the last write, or `None` when the claim updated no
    /// row (on SQLite the writes not guarded by [`Batch::guard_first_write`] ran: roll the
    /// transaction back).
    pub async fn run(self, conn: &mut Conn) -> sqlx::Result<Option<AnyRow>> {
        let sql = self.sql();
        let mut query = sqlx::query(&sql);
        for arg in self.args {
            query = match arg {
                Arg::Int(v) => query.bind(v),
                Arg::Text(v) => query.bind(v),
            };
        }
        let mut rows = query.fetch_all(conn).await?;
        let claimed = self.claim.is_some();
        match (claimed, self.postgres, rows.len()) {
            // The last write returns its row only if the claim updated one.
            (true, true, 0) => Ok(None),
            (false, _, 1) | (true, true, 1) => Ok(rows.pop()),
            // On SQLite the claim's own row comes first, when it updated one.
            (true, false, 2) => Ok(rows.pop()),
            // The claim updated nothing, and a write after it did (unguarded) or did not.
            (true, false, 0 | 1) => Ok(None),
            (_, _, n) => Err(sqlx::Error::Protocol(format!("a batch of writes returned {n} rows"))),
        }
    }
}

/// The first column of a batch's row, as an integer (a `RETURNING id`).
pub fn id_of(row: &AnyRow) -> sqlx::Result<i64> {
    row.try_get(0)
}

pub fn is_postgres(conn: &Conn) -> bool {
    conn.backend_name().eq_ignore_ascii_case("postgresql")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(postgres: bool) -> Batch {
        Batch { postgres, claim: None, writes: Vec::new(), args: Vec::new() }
    }

    #[test]
    fn on_sqlite_the_statements_follow_one_another_and_share_the_arguments() {
        let mut b = batch(false);
        let id = b.int(7);
        b.claim(format!("UPDATE t SET v = v + 1 WHERE id = {id} RETURNING v"));
        let g = b.guard();
        let x = b.text("x".to_string());
        b.write(format!("INSERT INTO u (id, x) SELECT {id}, {x} WHERE {g}"));
        b.write(format!("INSERT INTO e (id) SELECT {id} WHERE {g} RETURNING id"));
        assert_eq!(
            b.sql(),
            "UPDATE t SET v = v + 1 WHERE id = $1 RETURNING v;\n\
             INSERT INTO u (id, x) SELECT $1, $2 WHERE TRUE;\n\
             INSERT INTO e (id) SELECT $1 WHERE TRUE RETURNING id"
        );
    }

    #[test]
    fn on_postgres_the_writes_are_with_clauses_guarded_by_the_claim() {
        let mut b = batch(true);
        let id = b.int(7);
        b.claim(format!("UPDATE t SET v = v + 1 WHERE id = {id} RETURNING v"));
        let g = b.guard();
        b.write(format!("DELETE FROM u WHERE id = {id} AND {g}"));
        b.write(format!("INSERT INTO e (id) SELECT {id} WHERE {g} RETURNING id"));
        assert_eq!(
            b.sql(),
            "WITH claimed AS (UPDATE t SET v = v + 1 WHERE id = $1 RETURNING v),\n\
             w0 AS (DELETE FROM u WHERE id = $1 AND EXISTS (SELECT 1 FROM claimed))\n\
             INSERT INTO e (id) SELECT $1 WHERE EXISTS (SELECT 1 FROM claimed) RETURNING id"
        );
    }

    #[test]
    fn the_first_write_after_a_claim_can_be_guarded_on_both_databases() {
        let guard = |postgres: bool| {
            let mut b = batch(postgres);
            b.claim("UPDATE t SET v = v + 1 WHERE id = 1 RETURNING v".into());
            b.guard_first_write()
        };
        assert_eq!(guard(false), "changes() > 0");
        assert_eq!(guard(true), "EXISTS (SELECT 1 FROM claimed)");
        assert_eq!(batch(false).guard_first_write(), "TRUE", "no claim, nothing to guard");
    }

    #[test]
    fn without_a_claim_nothing_is_guarded_and_one_write_is_sent_as_it_is() {
        let mut b = batch(true);
        assert_eq!(b.guard(), "TRUE");
        b.write("INSERT INTO e (id) VALUES (1) RETURNING id".into());
        assert_eq!(b.sql(), "INSERT INTO e (id) VALUES (1) RETURNING id");
    }
}
