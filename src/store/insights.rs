//! Queries across users for the dashboard and the instances list: counts of what is current,
//! what expires soon, survey answers by week, and instances a page at a time (keyset paging).

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Nullable, Text};
use uuid::Uuid;

use super::instances::Row;
use super::parse_id;
use crate::db::schema::{action_instances as i, users as u};
use crate::db::DbConnection;
use crate::domain::instance::{Instance, State};

/// Current instances: a literal, so that SQLite may use the partial index
/// `action_instances_current` (a bound parameter would rule it out).
const NOT_CANCELLED: &str = "cancelled = FALSE";

/// Filters of the instances list; all given ones must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub user_action_id: Option<Uuid>,
    pub state: Option<State>,
    pub reason_code: Option<String>,
    pub actioner_user_id: Option<Uuid>,
    pub expires_after: Option<i64>,
    pub expires_before: Option<i64>,
}

/// A position in the list, newest first: `(insert_instant, id)` of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    First,
    /// Rows older than this one.
    After(i64, String),
    /// Rows newer than this one.
    Before(i64, String),
}

macro_rules! filtered {
    ($query:expr, $f:expr, $now:expr) => {{
        let mut q = $query;
        let f = $f;
        if let Some(v) = f.user_action_id {
            q = q.filter(i::user_action_id.eq(v.to_string()));
        }
        if let Some(v) = f.actioner_user_id {
            q = q.filter(i::actioner_user_id.eq(v.to_string()));
        }
        if let Some(v) = &f.reason_code {
            q = q.filter(i::reason_code.eq(v.clone()));
        }
        match f.state {
            None => {}
            Some(State::Instant) => q = q.filter(i::expiry.is_null()),
            Some(State::Cancelled) => q = q.filter(i::cancelled.eq(true)),
            Some(State::Active) => {
                q = q
                    .filter(i::cancelled.eq(false))
                    .filter(i::expiry.gt($now))
                    .filter(i::start_instant.is_null().or(i::start_instant.le($now)))
            }
            // Scheduled starts (an extension).
            Some(State::Scheduled) => {
                q = q
                    .filter(i::cancelled.eq(false))
                    .filter(i::start_instant.gt($now))
            }
            Some(State::Ended) => q = q.filter(i::cancelled.eq(false)).filter(i::expiry.le($now)),
        }
        if let Some(v) = f.expires_after {
            q = q.filter(i::expiry.gt(v));
        }
        if let Some(v) = f.expires_before {
            q = q.filter(i::expiry.lt(v));
        }
        q
    }};
}

/// Up to `limit` matching instances, newest `insert_instant` first, from `cursor` on. Each
/// page is one index range (`insert_instant`, or `(user_action_id | actioner_user_id,
/// insert_instant, id)` when filtered by those), so a deep page costs what the first does.
pub fn page(
    conn: &mut DbConnection,
    filter: &Filter,
    cursor: &Cursor,
    limit: i64,
    now: i64,
) -> QueryResult<Vec<Instance>> {
    let q = filtered!(i::table.select(Row::as_select()).into_boxed(), filter, now);
    let rows: Vec<Row> = match cursor {
        Cursor::First => q
            .order((i::insert_instant.desc(), i::id.desc()))
            .limit(limit)
            .load(conn)?,
        Cursor::After(at, id) => q
            .filter(i::insert_instant.le(*at))
            .filter(i::insert_instant.lt(*at).or(i::id.lt(id.clone())))
            .order((i::insert_instant.desc(), i::id.desc()))
            .limit(limit)
            .load(conn)?,
        Cursor::Before(at, id) => {
            let mut rows: Vec<Row> = q
                .filter(i::insert_instant.ge(*at))
                .filter(i::insert_instant.gt(*at).or(i::id.gt(id.clone())))
                .order((i::insert_instant.asc(), i::id.asc()))
                .limit(limit)
                .load(conn)?;
            rows.reverse();
            rows
        }
    };
    Ok(rows.into_iter().map(Instance::from).collect())
}

#[derive(QueryableByName)]
struct ActionCount {
    #[diesel(sql_type = Text)]
    user_action_id: String,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Current instances per definition: `(user_action_id, count)`. On SQLite the partial index is
/// named: without statistics the planner prefers an index in `user_action_id` order for the
/// GROUP BY and reads every instance.
pub fn current_by_action(conn: &mut DbConnection, now: i64) -> QueryResult<Vec<(Uuid, i64)>> {
    let rows: Vec<ActionCount> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT user_action_id, COUNT(*) AS n FROM action_instances \
             INDEXED BY action_instances_current \
             WHERE cancelled = FALSE AND expiry > ? GROUP BY user_action_id",
        )
        .bind::<BigInt, _>(now)
        .load(c)?,
        DbConnection::Pg(c) => diesel::sql_query(
            "SELECT user_action_id, COUNT(*) AS n FROM action_instances \
             WHERE cancelled = FALSE AND expiry > $1 GROUP BY user_action_id",
        )
        .bind::<BigInt, _>(now)
        .load(c)?,
    };
    Ok(rows
        .into_iter()
        .map(|r| (parse_id(&r.user_action_id), r.n))
        .collect())
}

fn count_expiring(conn: &mut DbConnection, now: i64, until: i64) -> QueryResult<i64> {
    let rows: Vec<Count> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(
            "SELECT COUNT(*) AS n FROM action_instances INDEXED BY action_instances_current \
             WHERE cancelled = FALSE AND expiry > ? AND expiry <= ?",
        )
        .bind::<BigInt, _>(now)
        .bind::<BigInt, _>(until)
        .load(c)?,
        DbConnection::Pg(c) => diesel::sql_query(
            "SELECT COUNT(*) AS n FROM action_instances \
             WHERE cancelled = FALSE AND expiry > $1 AND expiry <= $2",
        )
        .bind::<BigInt, _>(now)
        .bind::<BigInt, _>(until)
        .load(c)?,
    };
    Ok(rows.first().map_or(0, |r| r.n))
}

/// Current instances whose expiry falls in `(now, until]`, soonest first, and how many there are.
pub fn expiring(
    conn: &mut DbConnection,
    now: i64,
    until: i64,
    limit: i64,
) -> QueryResult<(Vec<Instance>, i64)> {
    let total = count_expiring(conn, now, until)?;
    let rows: Vec<Row> = i::table
        .filter(sql::<Bool>(NOT_CANCELLED))
        .filter(i::expiry.gt(now))
        .filter(i::expiry.le(until))
        .order((i::expiry.asc(), i::id.asc()))
        .limit(limit)
        .select(Row::as_select())
        .load(conn)?;
    Ok((rows.into_iter().map(Instance::from).collect(), total))
}

/// How many instances a definition has.
pub fn count_of_action(conn: &mut DbConnection, action: Uuid) -> QueryResult<i64> {
    i::table
        .filter(i::user_action_id.eq(action.to_string()))
        .count()
        .get_result(conn)
}

/// Answers of one survey in `[from, to)`, counted per week (`bucket` 0 is the week starting at
/// `from`), option and actioner.
#[derive(Debug, Clone, QueryableByName)]
pub struct WeekCount {
    #[diesel(sql_type = BigInt)]
    pub bucket: i64,
    #[diesel(sql_type = Nullable<Text>)]
    pub option_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub actioner_user_id: Option<String>,
    #[diesel(sql_type = BigInt)]
    pub n: i64,
}

pub fn survey_weeks(
    conn: &mut DbConnection,
    action: Uuid,
    from: i64,
    to: i64,
    week: i64,
) -> QueryResult<Vec<WeekCount>> {
    // Instantaneous instances are never modified, so insert_instant is when they were taken.
    macro_rules! run {
        ($conn:expr, $sql:expr) => {
            diesel::sql_query($sql)
                .bind::<BigInt, _>(from)
                .bind::<BigInt, _>(week)
                .bind::<Text, _>(action.to_string())
                .bind::<BigInt, _>(from)
                .bind::<BigInt, _>(to)
                .load::<WeekCount>($conn)
        };
    }
    match conn {
        DbConnection::Sqlite(c) => run!(
            c,
            "SELECT (insert_instant - ?) / ? AS bucket, option_name, actioner_user_id, \
             COUNT(*) AS n FROM action_instances \
             WHERE user_action_id = ? AND insert_instant >= ? AND insert_instant < ? \
             GROUP BY bucket, option_name, actioner_user_id"
        ),
        DbConnection::Pg(c) => run!(
            c,
            "SELECT (insert_instant - $1) / $2 AS bucket, option_name, actioner_user_id, \
             COUNT(*) AS n FROM action_instances \
             WHERE user_action_id = $3 AND insert_instant >= $4 AND insert_instant < $5 \
             GROUP BY bucket, option_name, actioner_user_id"
        ),
    }
}

/// The newest instances of a definition that have a comment.
pub fn recent_comments(
    conn: &mut DbConnection,
    action: Uuid,
    limit: i64,
) -> QueryResult<Vec<Instance>> {
    let rows: Vec<Row> = i::table
        .filter(i::user_action_id.eq(action.to_string()))
        .filter(i::comment.is_not_null())
        .order((i::insert_instant.desc(), i::id.desc()))
        .limit(limit)
        .select(Row::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(Instance::from).collect())
}

/// Emails of the given users (those that have one).
pub fn emails(conn: &mut DbConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, String)>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let rows: Vec<(String, Option<String>)> = u::table
        .filter(u::id.eq_any(ids))
        .select((u::id, u::email))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, email)| email.map(|e| (parse_id(&id), e)))
        .collect())
}
