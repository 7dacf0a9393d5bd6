//! The outbox: webhook deliveries and emails waiting for the worker, and their attempt logs.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{parse_id, parse_json, parse_opt_id, to_json};
use crate::db::schema::outbox as o;
use crate::db::DbConnection;

pub const WEBHOOK: &str = "webhook";
pub const EMAIL: &str = "email";

pub const PENDING: &str = "pending";
pub const SUCCEEDED: &str = "succeeded";
pub const FAILED: &str = "failed";

/// One delivery attempt, as the log shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Attempt {
    pub attempt_instant: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    pub duration: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    pub id: Uuid,
    pub kind: String,
    pub webhook_id: Option<Uuid>,
    pub tenant_id: Option<Uuid>,
    pub event_id: Option<Uuid>,
    pub event_type: Option<String>,
    pub action_id: Option<Uuid>,
    pub payload: String,
    pub status: String,
    pub attempts: Vec<Attempt>,
    /// Position in the retry schedule (reset by a replay).
    pub attempt_count: i32,
    pub next_attempt_instant: Option<i64>,
    pub insert_instant: i64,
    pub last_update_instant: i64,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = o, treat_none_as_null = true)]
struct Row {
    id: String,
    kind: String,
    webhook_id: Option<String>,
    tenant_id: Option<String>,
    event_id: Option<String>,
    event_type: Option<String>,
    action_id: Option<String>,
    payload: String,
    status: String,
    attempts: String,
    attempt_count: i32,
    next_attempt_instant: Option<i64>,
    insert_instant: i64,
    last_update_instant: i64,
}

impl From<Row> for OutboxItem {
    fn from(r: Row) -> Self {
        OutboxItem {
            id: parse_id(&r.id),
            kind: r.kind,
            webhook_id: parse_opt_id(r.webhook_id.as_deref()),
            tenant_id: parse_opt_id(r.tenant_id.as_deref()),
            event_id: parse_opt_id(r.event_id.as_deref()),
            event_type: r.event_type,
            action_id: parse_opt_id(r.action_id.as_deref()),
            payload: r.payload,
            status: r.status,
            attempts: parse_json(&r.attempts),
            attempt_count: r.attempt_count,
            next_attempt_instant: r.next_attempt_instant,
            insert_instant: r.insert_instant,
            last_update_instant: r.last_update_instant,
        }
    }
}

fn id_text(id: Option<Uuid>) -> Option<String> {
    id.map(|u| u.to_string())
}

pub fn insert(conn: &mut DbConnection, item: &OutboxItem) -> QueryResult<()> {
    diesel::insert_into(o::table)
        .values(Row {
            id: item.id.to_string(),
            kind: item.kind.clone(),
            webhook_id: id_text(item.webhook_id),
            tenant_id: id_text(item.tenant_id),
            event_id: id_text(item.event_id),
            event_type: item.event_type.clone(),
            action_id: id_text(item.action_id),
            payload: item.payload.clone(),
            status: item.status.clone(),
            attempts: to_json(&item.attempts),
            attempt_count: item.attempt_count,
            next_attempt_instant: item.next_attempt_instant,
            insert_instant: item.insert_instant,
            last_update_instant: item.last_update_instant,
        })
        .execute(conn)?;
    Ok(())
}

/// Due items of a kind, oldest first. The status is a literal, not a bound parameter: only then
/// can SQLite use the partial index `outbox_due (kind, next_attempt_instant, id) WHERE status =
/// 'pending'`.
macro_rules! due {
    ($kind:expr, $now:expr, $limit:expr) => {
        o::table
            .filter(diesel::dsl::sql::<diesel::sql_types::Bool>(
                "status = 'pending'",
            ))
            .filter(o::kind.eq($kind))
            .filter(o::next_attempt_instant.le($now))
            .order((o::next_attempt_instant, o::id))
            .limit($limit)
            .select(Row::as_select())
    };
}

/// The statement SQLite runs to find due items (placeholders unbound), so tests can check that
/// its plan reads only the index range of due rows.
pub fn due_sql_sqlite() -> String {
    let query = due!(WEBHOOK, 0_i64, 1_i64);
    super::sqlite_sql_text(&query)
}

/// Claims up to `limit` due items of `kind`, oldest first, for `lease_ms`: other workers skip
/// them until the lease ends, so a worker that dies mid-delivery only delays the item. Runs in the
/// caller's transaction.
pub fn claim_due(
    conn: &mut DbConnection,
    kind: &str,
    now: i64,
    limit: i64,
    lease_ms: i64,
) -> QueryResult<Vec<OutboxItem>> {
    let rows: Vec<Row> = match conn {
        DbConnection::Pg(pg) => due!(kind, now, limit).for_update().skip_locked().load(pg)?,
        DbConnection::Sqlite(sqlite) => due!(kind, now, limit).load(sqlite)?,
    };
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    for chunk in ids.chunks(MAX_IDS_PER_STATEMENT) {
        diesel::update(o::table.filter(o::id.eq_any(chunk)))
            .set(o::next_attempt_instant.eq(now + lease_ms))
            .execute(conn)?;
    }
    Ok(rows.into_iter().map(OutboxItem::from).collect())
}

/// Bound parameters per `IN (…)`: well under SQLite's and PostgreSQL's limits.
const MAX_IDS_PER_STATEMENT: usize = 500;

/// Gives claimed items back unattempted, due again at `at`: no attempt is recorded.
pub fn release(conn: &mut DbConnection, ids: &[Uuid], at: i64) -> QueryResult<()> {
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    for chunk in ids.chunks(MAX_IDS_PER_STATEMENT) {
        diesel::update(
            o::table
                .filter(o::id.eq_any(chunk))
                .filter(o::status.eq(PENDING)),
        )
        .set(o::next_attempt_instant.eq(at))
        .execute(conn)?;
    }
    Ok(())
}

/// The stored form of a delivery's attempts.
pub fn attempts_json(attempts: &[Attempt]) -> String {
    to_json(&attempts)
}

/// Records an attempt whose full list (`attempts_json`) the caller built from the claimed row:
/// one UPDATE, no read. A row deleted meanwhile (its webhook was deleted) is simply not there.
pub fn record_outcome(
    conn: &mut DbConnection,
    id: Uuid,
    attempts_json: &str,
    status: &str,
    attempt_count: i32,
    next_attempt_instant: Option<i64>,
    now: i64,
) -> QueryResult<()> {
    diesel::update(o::table.filter(o::id.eq(id.to_string())))
        .set((
            o::attempts.eq(attempts_json),
            o::status.eq(status),
            o::attempt_count.eq(attempt_count),
            o::next_attempt_instant.eq(next_attempt_instant),
            o::last_update_instant.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: Uuid, kind: &str) -> QueryResult<Option<OutboxItem>> {
    Ok(o::table
        .filter(o::id.eq(id.to_string()))
        .filter(o::kind.eq(kind))
        .select(Row::as_select())
        .first::<Row>(conn)
        .optional()?
        .map(OutboxItem::from))
}

#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub kind: String,
    pub webhook_id: Option<Uuid>,
    pub action_id: Option<Uuid>,
    pub status: Option<String>,
    pub start_row: i64,
    pub number_of_results: i64,
}

/// A page of items, newest first, and the number of all matches.
pub fn list(conn: &mut DbConnection, f: &LogFilter) -> QueryResult<(Vec<OutboxItem>, i64)> {
    macro_rules! filtered {
        ($q:expr) => {{
            let mut q = $q.filter(o::kind.eq(f.kind.clone()));
            if let Some(w) = f.webhook_id {
                q = q.filter(o::webhook_id.eq(w.to_string()));
            }
            if let Some(a) = f.action_id {
                q = q.filter(o::action_id.eq(a.to_string()));
            }
            if let Some(s) = &f.status {
                q = q.filter(o::status.eq(s.clone()));
            }
            q
        }};
    }
    let total: i64 = filtered!(o::table.count().into_boxed()).get_result(conn)?;
    let rows: Vec<Row> = filtered!(o::table.select(Row::as_select()).into_boxed())
        .order((o::insert_instant.desc(), o::id.desc()))
        .offset(f.start_row)
        .limit(f.number_of_results)
        .load(conn)?;
    Ok((rows.into_iter().map(OutboxItem::from).collect(), total))
}

/// Puts a failed item back in the queue with a fresh retry schedule.
pub fn replay(conn: &mut DbConnection, id: Uuid, now: i64) -> QueryResult<usize> {
    diesel::update(
        o::table
            .filter(o::id.eq(id.to_string()))
            .filter(o::status.eq(FAILED)),
    )
    .set((
        o::status.eq(PENDING),
        o::attempt_count.eq(0),
        o::next_attempt_instant.eq(now),
        o::last_update_instant.eq(now),
    ))
    .execute(conn)
}

/// Status and attempt count of a webhook's latest `limit` deliveries, newest first; read through
/// the (webhook_id, insert_instant) index, so the cost does not grow with the log.
pub fn recent_of_webhook(
    conn: &mut DbConnection,
    webhook_id: Uuid,
    limit: i64,
) -> QueryResult<Vec<(String, i32)>> {
    o::table
        .filter(o::webhook_id.eq(webhook_id.to_string()))
        .order((o::insert_instant.desc(), o::id.desc()))
        .limit(limit)
        .select((o::status, o::attempt_count))
        .load(conn)
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Due items of `kind`, counted up to `cap` (a worker's backlog), through the due index.
pub fn count_due(conn: &mut DbConnection, kind: &str, now: i64, cap: i64) -> QueryResult<i64> {
    use diesel::sql_types::{BigInt, Text};
    let counted: Counted = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT COUNT(*) AS n FROM (SELECT 1 FROM outbox WHERE status = 'pending' \
             AND kind = ? AND next_attempt_instant <= ? LIMIT ?) AS due",
        )
        .bind::<Text, _>(kind)
        .bind::<BigInt, _>(now)
        .bind::<BigInt, _>(cap)
        .get_result(c)?,
        DbConnection::Pg(c) => diesel::sql_query(
            "SELECT COUNT(*) AS n FROM (SELECT 1 FROM outbox WHERE status = 'pending' \
             AND kind = $1 AND next_attempt_instant <= $2 LIMIT $3) AS due",
        )
        .bind::<Text, _>(kind)
        .bind::<BigInt, _>(now)
        .bind::<BigInt, _>(cap)
        .get_result(c)?,
    };
    Ok(counted.n)
}
