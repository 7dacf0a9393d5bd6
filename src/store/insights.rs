//! Queries across users for the dashboard and the instances list: counts of what is current,
//! what expires soon, survey answers by week, and instances a page at a time (keyset paging).

use std::collections::{BTreeMap, HashMap};

use diesel::prelude::*;
use uuid::Uuid;

use super::instances::{current, filter_search, scheduled, Criteria, Matching, One, Row};
use super::{load_all, parse_id, parse_opt_id, Loaded};
use crate::db::schema::{
    action_instance_days as d, action_instance_expiry_counts as e, action_instances as i,
    users as u,
};
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

/// The dashboard's count of what expires soon stops here: what it costs is bounded, whatever
/// the number of instances. A count at the bound means "at least".
pub const COUNT_BOUND: i64 = 1_000;

/// The rows of `query()`, counted up to `bound`. The database first skips `bound - 1` index
/// entries itself and answers whether one more exists; only a count below the bound is taken
/// exactly, so no row reaches this process either way.
fn count_up_to<'a>(
    conn: &mut DbConnection,
    query: impl Fn() -> super::instances::Boxed<'a, diesel::sql_types::Integer>,
    bound: i64,
) -> QueryResult<i64> {
    let at_bound = query()
        .offset(bound - 1)
        .limit(1)
        .first::<i32>(conn)
        .optional()?
        .is_some();
    if at_bound {
        return Ok(bound);
    }
    query().select(diesel::dsl::count_star()).get_result(conn)
}

/// The spans the triggers of migration `2026-12-07-000102` count expiries in: an hour, a day
/// (24 hours) and a block of 32 days. Each divides the next, so a bucket of one span lies
/// wholly inside one bucket of the next.
const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
const BLOCK: i64 = 32 * DAY;

/// What "expires after `now`" is made of in counted buckets: the blocks after now's, the days
/// after today up to the end of its block, the hours after this one up to the end of today;
/// what is left, `(now, this_hour_end)`, is read instance by instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AfterNow {
    block: i64,
    days: (i64, i64),
    hours: (i64, i64),
    this_hour_end: i64,
}

impl AfterNow {
    /// Buckets are `expiry / span`, as the triggers compute them (instants are positive).
    fn at(now: i64) -> AfterNow {
        let (hour, day, block) = (now / HOUR, now / DAY, now / BLOCK);
        AfterNow {
            block,
            days: (day + 1, (block + 1) * (BLOCK / DAY) - 1),
            hours: (hour + 1, (day + 1) * (DAY / HOUR) - 1),
            this_hour_end: (hour + 1) * HOUR,
        }
    }
}

/// The counted buckets after `now` (`AfterNow`), as (definition, instances) rows.
macro_rules! counted_after {
    ($after:expr) => {
        e::table
            .filter(
                e::span
                    .eq(BLOCK)
                    .and(e::bucket.gt($after.block))
                    .or(e::span
                        .eq(DAY)
                        .and(e::bucket.between($after.days.0, $after.days.1)))
                    .or(e::span
                        .eq(HOUR)
                        .and(e::bucket.between($after.hours.0, $after.hours.1))),
            )
            .select((e::user_action_id, e::instances))
    };
}

/// The definitions of the current instances that expire within this hour, one row each (few:
/// ungrouped, so that the planner starts at the expiry instead of walking every definition).
macro_rules! current_this_hour {
    ($now:expr, $after:expr) => {
        i::table
            .filter(current($now))
            .filter(i::expiry.lt($after.this_hour_end))
            .select(i::user_action_id)
    };
}

/// The definitions of the scheduled instances (counted by expiry, not yet started) that expire
/// after this hour, one row each.
macro_rules! scheduled_after_this_hour {
    ($now:expr, $after:expr) => {
        i::table
            .filter(scheduled($now))
            .filter(i::expiry.ge($after.this_hour_end))
            .select(i::user_action_id)
    };
}

/// Current instances of every definition that has any, exactly. Three reads whatever the
/// number of definitions or instances: the expiry counts the triggers keep (a few dozen rows
/// per definition), the instances expiring within this hour, and the scheduled instances
/// (counted by expiry, but not started) that expire after it.
pub fn current_by_action(conn: &mut DbConnection, now: i64) -> QueryResult<HashMap<Uuid, i64>> {
    let after = AfterNow::at(now);
    let counted: Vec<(String, i64)> = counted_after!(after).load(conn)?;
    let this_hour: Vec<String> = current_this_hour!(now, after).load(conn)?;
    let scheduled: Vec<String> = scheduled_after_this_hour!(now, after).load(conn)?;
    let mut by_action: HashMap<String, i64> = HashMap::new();
    for (action, n) in counted {
        *by_action.entry(action).or_default() += n;
    }
    for action in this_hour {
        *by_action.entry(action).or_default() += 1;
    }
    for action in scheduled {
        *by_action.entry(action).or_default() -= 1;
    }
    by_action
        .into_iter()
        .filter(|(_, n)| *n != 0)
        .map(|(action, n)| Ok((parse_id(&action)?, n)))
        .collect()
}

/// The statements `current_by_action` runs on SQLite (placeholders unbound), so tests can check
/// that each reads a range of an index.
pub fn current_by_action_sql_sqlite() -> [String; 3] {
    let after = AfterNow::at(0);
    [
        super::sqlite_sql_text(&counted_after!(after)),
        super::sqlite_sql_text(&current_this_hour!(0_i64, after)),
        super::sqlite_sql_text(&scheduled_after_this_hour!(0_i64, after)),
    ]
}

/// Deletes the expiry counts of spans that ended before `now`'s: the dashboard never reads them
/// again, and each span of each definition (and, on PostgreSQL, of each writing connection)
/// would otherwise keep its row for good.
pub fn forget_past_expiry_counts(conn: &mut DbConnection, now: i64) -> QueryResult<usize> {
    diesel::delete(
        e::table.filter(
            e::span
                .eq(HOUR)
                .and(e::bucket.lt(now / HOUR))
                .or(e::span.eq(DAY).and(e::bucket.lt(now / DAY)))
                .or(e::span.eq(BLOCK).and(e::bucket.lt(now / BLOCK))),
        ),
    )
    .execute(conn)
}

/// Current instances whose expiry falls in `(now, until]`, soonest first, and how many there are
/// (counted up to `COUNT_BOUND`).
pub fn expiring(
    conn: &mut DbConnection,
    now: i64,
    until: i64,
    limit: i64,
) -> QueryResult<(Vec<Instance>, i64)> {
    let q = || {
        i::table
            .select(One)
            .filter(current(now))
            .filter(i::expiry.le(until))
            .into_boxed()
    };
    let total = count_up_to(conn, q, COUNT_BOUND)?;
    let soonest = i::table
        .filter(current(now))
        .filter(i::expiry.le(until))
        .order((i::expiry.asc(), i::id.asc()))
        .limit(limit)
        .select(Row::as_select());
    Ok((load_all(conn, soonest)?, total))
}

/// Answers (instantaneous instances) to one definition on one UTC day, with one option, by one
/// actioner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCount {
    pub action: Uuid,
    /// Days since the Unix epoch.
    pub day: i64,
    /// Empty when the answer had no option.
    pub option_name: String,
    pub actioner: Option<Uuid>,
    pub answers: i64,
}

/// Answers to `actions` on the days `from_day..=to_day`, from the counts the triggers of
/// migration `2026-12-07-000101` keep: one row per day, option, actioner and writing connection,
/// so what this reads does not grow with the number of answers. Rows of several writers are
/// summed here (their sum is the count; one writer's row alone may be negative).
pub fn answer_days(
    conn: &mut DbConnection,
    actions: &[Uuid],
    from_day: i64,
    to_day: i64,
) -> QueryResult<Vec<DayCount>> {
    if actions.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<String> = actions.iter().map(Uuid::to_string).collect();
    let rows: Vec<(String, i64, String, String, i64)> = d::table
        .filter(d::user_action_id.eq_any(ids))
        .filter(d::day.between(from_day, to_day))
        .select((
            d::user_action_id,
            d::day,
            d::option_name,
            d::actioner_user_id,
            d::answers,
        ))
        .load(conn)?;
    let mut summed: BTreeMap<(String, i64, String, String), i64> = BTreeMap::new();
    for (action, day, option, actioner, answers) in rows {
        *summed.entry((action, day, option, actioner)).or_default() += answers;
    }
    summed
        .into_iter()
        .filter(|(_, answers)| *answers != 0)
        .map(|((action, day, option_name, actioner), answers)| {
            Ok(DayCount {
                action: parse_id(&action)?,
                day,
                option_name,
                actioner: parse_opt_id(Some(actioner.as_str()).filter(|a| !a.is_empty()))?,
                answers,
            })
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    // Every instant after `now` falls in exactly one of the counted buckets or in the rest of
    // this hour, and no instant at or before `now` falls in any.
    #[test]
    fn counted_buckets_and_this_hours_rest_cover_exactly_what_is_after_now() {
        let now = 1_765_000_000_000 + 17 * HOUR + 1_234;
        let after = AfterNow::at(now);
        let counted_in = |expiry: i64| -> usize {
            let mut n = 0;
            if expiry / BLOCK > after.block {
                n += 1;
            }
            let day = expiry / DAY;
            if (after.days.0..=after.days.1).contains(&day) {
                n += 1;
            }
            let hour = expiry / HOUR;
            if (after.hours.0..=after.hours.1).contains(&hour) {
                n += 1;
            }
            if expiry > now && expiry < after.this_hour_end {
                n += 1;
            }
            n
        };
        let probes = [
            now - BLOCK,
            now - 1,
            now,
            now + 1,
            after.this_hour_end - 1,
            after.this_hour_end,
            (now / DAY + 1) * DAY - 1,
            (now / DAY + 1) * DAY,
            (now / BLOCK + 1) * BLOCK - 1,
            (now / BLOCK + 1) * BLOCK,
            now + 400 * DAY,
        ];
        for expiry in probes {
            assert_eq!(counted_in(expiry), usize::from(expiry > now), "{expiry}");
        }
        for step in 0..5_000 {
            let expiry = now - DAY + step * 1_234_567;
            assert_eq!(counted_in(expiry), usize::from(expiry > now), "{expiry}");
        }
    }
}
