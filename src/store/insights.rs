//! Queries across users for the dashboard and the instances list: counts of what is current,
//! what expires soon, survey answers by week, and instances a page at a time (keyset paging).

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use uuid::Uuid;

use super::instances::{current, filter_search, Criteria, Matching, One, Row};
use super::{load_all, parse_id, Loaded};
use crate::db::schema::{action_instances as i, users as u};
use crate::db::DbConnection;
use crate::domain::instance::Instance;

/// A position in the list, newest first: `(insert_instant, id)` of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    First,
    /// Rows older than this one.
    After(i64, String),
    /// Rows newer than this one.
    Before(i64, String),
}

/// Up to `limit` matching instances, newest `insert_instant` first, from `cursor` on. Each
/// page is one index range (`insert_instant`, or `(user_action_id | actioner_user_id,
/// insert_instant, id)` when filtered by those), so a deep page costs what the first does.
pub fn page(
    conn: &mut DbConnection,
    criteria: &Criteria,
    cursor: &Cursor,
    limit: i64,
    now: i64,
) -> QueryResult<Vec<Instance>> {
    let by = Matching {
        // Newest first: `state: active` walks an insertion-ordered index, not one on expiry.
        expiry_index: false,
        // "Expiring" on the list means due to expire, which a cancelled action is not.
        expiry_skips_cancelled: true,
    };
    let rows = i::table.select(Row::as_select()).into_boxed();
    let q = filter_search(rows, None, criteria, now, by);
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
    Ok(rows.into_iter().map(Loaded::into_inner).collect())
}

/// Counts on the dashboard stop here: what a count costs is bounded, whatever the number of
/// instances. A count at the bound means "at least".
pub const COUNT_BOUND: i64 = 1_000;

/// Up to `bound` rows of `q`, counted. Loads a constant per row, so it reads an index only.
fn count_up_to(
    conn: &mut DbConnection,
    q: super::instances::Boxed<'_, diesel::sql_types::Integer>,
    bound: i64,
) -> QueryResult<i64> {
    let rows: Vec<i32> = q.limit(bound).load(conn)?;
    Ok(rows.len() as i64)
}

/// Current instances of one definition, counted up to `COUNT_BOUND`: one range of the partial
/// index `action_instances_current_by_action`.
pub fn current_of_action(conn: &mut DbConnection, action: Uuid, now: i64) -> QueryResult<i64> {
    let q = i::table
        .select(One)
        .filter(i::user_action_id.eq(action.to_string()))
        .filter(current(now))
        .into_boxed();
    count_up_to(conn, q, COUNT_BOUND)
}

/// Current instances whose expiry falls in `(now, until]`, soonest first, and how many there are
/// (counted up to `COUNT_BOUND`).
pub fn expiring(
    conn: &mut DbConnection,
    now: i64,
    until: i64,
    limit: i64,
) -> QueryResult<(Vec<Instance>, i64)> {
    let total = count_up_to(
        conn,
        i::table
            .select(One)
            .filter(current(now))
            .filter(i::expiry.le(until))
            .into_boxed(),
        COUNT_BOUND,
    )?;
    let soonest = i::table
        .filter(current(now))
        .filter(i::expiry.le(until))
        .order((i::expiry.asc(), i::id.asc()))
        .limit(limit)
        .select(Row::as_select());
    Ok((load_all(conn, soonest)?, total))
}

/// How many instances a definition has, counted up to `COUNT_BOUND`.
pub fn count_of_action(conn: &mut DbConnection, action: Uuid) -> QueryResult<i64> {
    let q = i::table
        .select(One)
        .filter(i::user_action_id.eq(action.to_string()))
        .into_boxed();
    count_up_to(conn, q, COUNT_BOUND)
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
    let newest = i::table
        .filter(i::user_action_id.eq(action.to_string()))
        .filter(i::comment.is_not_null())
        .order((i::insert_instant.desc(), i::id.desc()))
        .limit(limit)
        .select(Row::as_select());
    load_all(conn, newest)
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
    rows.into_iter()
        .filter_map(|(id, email)| Some((id, email?)))
        .map(|(id, email)| Ok((parse_id(&id)?, email)))
        .collect()
}
