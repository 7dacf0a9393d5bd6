//! Statements shared by the queues of due work (ends, scheduled starts, reminders): each is a
//! table with a due column, taken in batches by the worker and counted for its backlog.

use std::collections::HashMap;

use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use diesel::sqlite::Sqlite;
use uuid::Uuid;

use super::instances::Row;
use super::load_all;
use crate::db::schema::action_instances as i;
use crate::db::DbConnection;
use crate::domain::instance::Instance;

/// A queue: its table and the column that says when a row is due. Both are constants of the
/// store, never input, since they are written into SQL text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Queue {
    pub table: &'static str,
    pub due: &'static str,
}

pub(crate) const ENDS: Queue = Queue {
    table: "action_instance_ends",
    due: "expiry",
};
pub(crate) const STARTS: Queue = Queue {
    table: "action_instance_starts",
    due: "start_instant",
};
pub(crate) const REMINDERS: Queue = Queue {
    table: "action_instance_reminders",
    due: "due_instant",
};

/// Runs a statement whose two parameters are `now` and a row limit, written once per backend.
fn load_by_now<T>(
    conn: &mut DbConnection,
    pg_sql: &str,
    sqlite_sql: &str,
    now: i64,
    limit: i64,
) -> QueryResult<Vec<T>>
where
    T: QueryableByName<Pg> + QueryableByName<Sqlite> + 'static,
{
    match conn {
        DbConnection::Pg(pg) => diesel::sql_query(pg_sql)
            .bind::<BigInt, _>(now)
            .bind::<BigInt, _>(limit)
            .load(pg),
        DbConnection::Sqlite(sqlite) => diesel::sql_query(sqlite_sql)
            .bind::<BigInt, _>(now)
            .bind::<BigInt, _>(limit)
            .load(sqlite),
    }
}

impl Queue {
    /// Takes up to `limit` due rows off the queue, earliest first, and returns their `returned`
    /// columns (in no particular order: RETURNING promises none). One statement deletes the
    /// earliest due rows; on PostgreSQL it locks them and skips rows another process holds, so
    /// two processes never take the same row. The rows are deleted by their physical address
    /// (`ctid`, `rowid`): matching them by key instead let PostgreSQL hash-join the whole queue
    /// on every batch.
    pub(crate) fn take<T>(
        self,
        conn: &mut DbConnection,
        returned: &str,
        now: i64,
        limit: i64,
    ) -> QueryResult<Vec<T>>
    where
        T: QueryableByName<Pg> + QueryableByName<Sqlite> + 'static,
    {
        let Queue { table, due } = self;
        let pg = format!(
            "DELETE FROM {table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM {table} \
             WHERE {due} <= $1 ORDER BY {due} LIMIT $2 FOR UPDATE SKIP LOCKED)) \
             RETURNING {returned}"
        );
        let sqlite = format!(
            "DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} \
             WHERE {due} <= ? ORDER BY {due} LIMIT ?) RETURNING {returned}"
        );
        load_by_now(conn, &pg, &sqlite, now, limit)
    }

    /// Rows due by `now`, counted up to `cap` (part of the worker's backlog).
    pub(crate) fn count_due(self, conn: &mut DbConnection, now: i64, cap: i64) -> QueryResult<i64> {
        let Queue { table, due } = self;
        let counted = |p1: &str, p2: &str| {
            format!(
                "SELECT COUNT(*) AS n FROM (SELECT 1 FROM {table} WHERE {due} <= {p1} \
                 LIMIT {p2}) AS due"
            )
        };
        let rows: Vec<Counted> =
            load_by_now(conn, &counted("$1", "$2"), &counted("?", "?"), now, cap)?;
        rows.first().map(|c| c.n).ok_or(diesel::NotFound)
    }
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The instances with these ids that exist, by id.
pub(crate) fn instances_by_id<'a>(
    conn: &mut DbConnection,
    ids: impl Iterator<Item = &'a String>,
) -> QueryResult<HashMap<Uuid, Instance>> {
    let ids: Vec<&String> = ids.collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let instances: Vec<Instance> = load_all(
        conn,
        i::table.filter(i::id.eq_any(&ids)).select(Row::as_select()),
    )?;
    Ok(instances.into_iter().map(|x| (x.id, x)).collect())
}

/// The first row of `query`, if any; on PostgreSQL locked, skipping a row another process holds
/// (it is being taken there).
macro_rules! first_unlocked {
    ($conn:expr, $query:expr) => {
        match $conn {
            DbConnection::Pg(pg) => $query.for_update().skip_locked().first(pg).optional(),
            DbConnection::Sqlite(sqlite) => $query.first(sqlite).optional(),
        }
    };
}
pub(crate) use first_unlocked;
