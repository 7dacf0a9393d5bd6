//! Rows behind Actioneer's lifecycle extensions: kinds of definitions (and, below, the queues
//! of scheduled starts and reminders).

use std::collections::HashMap;

use diesel::prelude::*;
use uuid::Uuid;

use super::instances::Row;
use super::parse_id;
use crate::db::schema::{
    action_instance_reminders as rm, action_instance_starts as st, action_instances as i,
    user_actions as ua,
};
use crate::db::DbConnection;
use crate::domain::event::Flags;
use crate::domain::instance::Instance;
use crate::domain::lifecycle::{ActionKind, Past, PendingReminder};

/// The kind of each of these definitions that exists.
pub fn kinds_of(conn: &mut DbConnection, ids: &[Uuid]) -> QueryResult<HashMap<Uuid, ActionKind>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let rows: Vec<(String, String)> = ua::table
        .filter(ua::id.eq_any(ids))
        .select((ua::id, ua::kind))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, kind)| Ok((parse_id(&id)?, ActionKind::parse(&kind).unwrap_or_default())))
        .collect()
}

/// What a scheduled start publishes when it happens: the apply's `broadcast` and flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartPublish {
    pub broadcast: bool,
    pub flags: Flags,
}

/// Schedules the instance's start: writes its start instant and queues the start.
pub fn schedule_start(
    conn: &mut DbConnection,
    instance: &Instance,
    start: i64,
    publish: StartPublish,
) -> QueryResult<()> {
    let id = instance.id.to_string();
    diesel::update(i::table.filter(i::id.eq(&id)))
        .set(i::start_instant.eq(start))
        .execute(conn)?;
    diesel::insert_into(st::table)
        .values((
            st::instance_id.eq(&id),
            st::start_instant.eq(start),
            st::broadcast.eq(publish.broadcast),
            st::notify_user.eq(publish.flags.notify_user),
            st::email_user.eq(publish.flags.email_user),
        ))
        .execute(conn)?;
    Ok(())
}

/// Brings the queued start in line with the instance after a modify or cancel: a cancelled
/// instance (or one that has started) has none, a scheduled one starts at its start instant.
pub fn sync_start(conn: &mut DbConnection, instance: &Instance, now: i64) -> QueryResult<()> {
    let id = instance.id.to_string();
    match instance.start_instant {
        Some(start) if !instance.cancelled && start > now => {
            diesel::update(st::table.filter(st::instance_id.eq(&id)))
                .set(st::start_instant.eq(start))
                .execute(conn)?;
        }
        _ if instance.cancelled => {
            diesel::delete(st::table.filter(st::instance_id.eq(&id))).execute(conn)?;
        }
        _ => {}
    }
    Ok(())
}

/// A due start as the queue hands it over.
#[derive(QueryableByName)]
struct TakenStart {
    #[diesel(sql_type = diesel::sql_types::Text)]
    instance_id: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    start_instant: i64,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    broadcast: bool,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    notify_user: bool,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    email_user: bool,
}

/// Takes up to `limit` due starts off the queue, earliest first, with their instances. One
/// statement deletes the earliest due rows and returns them; on PostgreSQL it locks them and
/// skips rows another process holds, so two processes never take the same start. The rows are
/// deleted by their physical address (`ctid`, `rowid`): matching them by key instead let
/// PostgreSQL hash-join the whole queue on every batch.
pub fn take_due_starts(
    conn: &mut DbConnection,
    now: i64,
    limit: i64,
) -> QueryResult<Vec<(Instance, StartPublish)>> {
    use diesel::sql_types::BigInt;
    const RETURNED: &str =
        "RETURNING instance_id, start_instant, broadcast, notify_user, email_user";
    let mut due: Vec<TakenStart> = match conn {
        DbConnection::Pg(pg) => diesel::sql_query(format!(
            "DELETE FROM action_instance_starts WHERE ctid = ANY(ARRAY(\
             SELECT ctid FROM action_instance_starts WHERE start_instant <= $1 \
             ORDER BY start_instant LIMIT $2 FOR UPDATE SKIP LOCKED)) {RETURNED}"
        ))
        .bind::<BigInt, _>(now)
        .bind::<BigInt, _>(limit)
        .load(pg)?,
        DbConnection::Sqlite(sqlite) => diesel::sql_query(format!(
            "DELETE FROM action_instance_starts WHERE rowid IN \
             (SELECT rowid FROM action_instance_starts WHERE start_instant <= ? \
              ORDER BY start_instant LIMIT ?) {RETURNED}"
        ))
        .bind::<BigInt, _>(now)
        .bind::<BigInt, _>(limit)
        .load(sqlite)?,
    };
    // RETURNING promises no order: put the earliest first again.
    due.sort_by_key(|d| d.start_instant);
    let mut by_id = instances_by_id(conn, due.iter().map(|d| &d.instance_id))?;
    Ok(due
        .into_iter()
        .filter_map(|d| {
            let instance = by_id.remove(&parse_id(&d.instance_id).ok()?)?;
            Some((
                instance,
                StartPublish {
                    broadcast: d.broadcast,
                    flags: Flags {
                        notify_user: d.notify_user,
                        email_user: d.email_user,
                    },
                },
            ))
        })
        .collect())
}

/// The instances with these ids that exist, by id.
fn instances_by_id<'a>(
    conn: &mut DbConnection,
    ids: impl Iterator<Item = &'a String>,
) -> QueryResult<HashMap<Uuid, Instance>> {
    let ids: Vec<&String> = ids.collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<Row> = i::table
        .filter(i::id.eq_any(&ids))
        .select(Row::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(Instance::from)
        .map(|x| (x.id, x))
        .collect())
}

/// Replaces the instance's pending reminders with these.
pub fn replace_reminders(
    conn: &mut DbConnection,
    instance: Uuid,
    pending: &[PendingReminder],
) -> QueryResult<()> {
    let id = instance.to_string();
    diesel::delete(rm::table.filter(rm::instance_id.eq(&id))).execute(conn)?;
    queue_reminders(conn, instance, pending)
}

/// Queues reminders of a new instance.
pub fn queue_reminders(
    conn: &mut DbConnection,
    instance: Uuid,
    pending: &[PendingReminder],
) -> QueryResult<()> {
    if pending.is_empty() {
        return Ok(());
    }
    let id = instance.to_string();
    // A few rows at most, one statement each (a multi-row insert is not portable here).
    for p in pending {
        diesel::insert_into(rm::table)
            .values((
                rm::instance_id.eq(&id),
                rm::before_expiry.eq(p.before_expiry),
                rm::due_instant.eq(p.due),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The instance's reminders not yet sent, by their time before expiry.
pub fn pending_reminders(conn: &mut DbConnection, instance: Uuid) -> QueryResult<Vec<i64>> {
    rm::table
        .filter(rm::instance_id.eq(instance.to_string()))
        .select(rm::before_expiry)
        .load(conn)
}

macro_rules! due_reminders {
    ($now:expr, $limit:expr) => {
        rm::table
            .filter(rm::due_instant.le($now))
            .order(rm::due_instant)
            .limit($limit)
            .select((rm::instance_id, rm::before_expiry))
    };
}

/// A due reminder as the queue hands it over.
#[derive(QueryableByName)]
struct TakenReminder {
    #[diesel(sql_type = diesel::sql_types::Text)]
    instance_id: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    before_expiry: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    due_instant: i64,
}

/// Takes up to `limit` due reminders off the queue, earliest first, with their instances: one
/// statement deletes the earliest due rows and returns them (on PostgreSQL locking them and
/// skipping rows another process holds, so each reminder is taken once).
pub fn take_due_reminders(
    conn: &mut DbConnection,
    now: i64,
    limit: i64,
) -> QueryResult<Vec<(Instance, i64)>> {
    use diesel::sql_types::BigInt;
    const RETURNED: &str = "RETURNING instance_id, before_expiry, due_instant";
    let mut due: Vec<TakenReminder> = match conn {
        DbConnection::Pg(pg) => diesel::sql_query(format!(
            "DELETE FROM action_instance_reminders WHERE ctid = ANY(ARRAY(\
             SELECT ctid FROM action_instance_reminders WHERE due_instant <= $1 \
             ORDER BY due_instant LIMIT $2 FOR UPDATE SKIP LOCKED)) {RETURNED}"
        ))
        .bind::<BigInt, _>(now)
        .bind::<BigInt, _>(limit)
        .load(pg)?,
        DbConnection::Sqlite(sqlite) => diesel::sql_query(format!(
            "DELETE FROM action_instance_reminders WHERE rowid IN \
             (SELECT rowid FROM action_instance_reminders \
              WHERE due_instant <= ? ORDER BY due_instant LIMIT ?) {RETURNED}"
        ))
        .bind::<BigInt, _>(now)
        .bind::<BigInt, _>(limit)
        .load(sqlite)?,
    };
    // RETURNING promises no order: put the earliest first again.
    due.sort_by_key(|d| d.due_instant);
    let by_id = instances_by_id(conn, due.iter().map(|d| &d.instance_id))?;
    Ok(due
        .into_iter()
        .filter_map(|d| {
            by_id
                .get(&parse_id(&d.instance_id).ok()?)
                .map(|x| (x.clone(), d.before_expiry))
        })
        .collect())
}

/// The actionee's instances of the definition created after `since`, as escalation counts them.
pub fn escalation_history(
    conn: &mut DbConnection,
    actionee: Uuid,
    definition: Uuid,
    since: i64,
) -> QueryResult<Vec<Past>> {
    let rows: Vec<(i64, bool)> = i::table
        .filter(i::actionee_user_id.eq(actionee.to_string()))
        .filter(i::user_action_id.eq(definition.to_string()))
        .filter(i::created_instant.gt(since))
        .select((i::created_instant, i::cancelled))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(created_instant, cancelled)| Past {
            created_instant,
            cancelled,
        })
        .collect())
}

/// The actionee's instances given for the reason with this code (whatever their definition)
/// created after `since`, as a reason's ladder counts them. Instances keep the reason's code,
/// not its id, so a renamed code starts a fresh count.
pub fn reason_history(
    conn: &mut DbConnection,
    actionee: Uuid,
    reason_code: &str,
    since: i64,
) -> QueryResult<Vec<Past>> {
    let rows: Vec<(i64, bool)> = i::table
        .filter(i::actionee_user_id.eq(actionee.to_string()))
        .filter(i::reason_code.eq(reason_code))
        .filter(i::created_instant.gt(since))
        .select((i::created_instant, i::cancelled))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(created_instant, cancelled)| Past {
            created_instant,
            cancelled,
        })
        .collect())
}

/// Records the ladder step an instance took.
pub fn set_escalation_step(conn: &mut DbConnection, instance: Uuid, step: i32) -> QueryResult<()> {
    diesel::update(i::table.filter(i::id.eq(instance.to_string())))
        .set(i::escalation_step.eq(step))
        .execute(conn)?;
    Ok(())
}

// The start and reminder rounds' one-at-a-time fallback and backlog (a batch that failed is
// retried item by item, so one bad instance cannot hold up the rest).

/// Due starts, earliest first, without taking them off the queue.
pub fn due_start_ids(conn: &mut DbConnection, now: i64, limit: i64) -> QueryResult<Vec<Uuid>> {
    let ids: Vec<String> = st::table
        .filter(st::start_instant.le(now))
        .order(st::start_instant)
        .limit(limit)
        .select(st::instance_id)
        .load(conn)?;
    ids.iter().map(|id| parse_id(id)).collect()
}

/// Takes one instance's start off the queue if it is due (and, on PostgreSQL, not held by
/// another process), with the instance and what the start publishes.
pub fn take_due_start(
    conn: &mut DbConnection,
    id: Uuid,
    now: i64,
) -> QueryResult<Option<(Instance, StartPublish)>> {
    let id = id.to_string();
    let due = st::table
        .filter(st::instance_id.eq(&id))
        .filter(st::start_instant.le(now))
        .select((st::broadcast, st::notify_user, st::email_user));
    let found: Option<(bool, bool, bool)> = match conn {
        DbConnection::Pg(pg) => due.for_update().skip_locked().first(pg).optional()?,
        DbConnection::Sqlite(sqlite) => due.first(sqlite).optional()?,
    };
    let Some((broadcast, notify_user, email_user)) = found else {
        return Ok(None);
    };
    diesel::delete(st::table.filter(st::instance_id.eq(&id))).execute(conn)?;
    let instance = i::table
        .filter(i::id.eq(&id))
        .select(Row::as_select())
        .first::<Row>(conn)
        .optional()?
        .map(Instance::from);
    Ok(instance.map(|x| {
        (
            x,
            StartPublish {
                broadcast,
                flags: Flags {
                    notify_user,
                    email_user,
                },
            },
        )
    }))
}

/// Moves a queued start to `at`: a start that failed is tried again then.
pub fn postpone_start(conn: &mut DbConnection, id: Uuid, at: i64) -> QueryResult<()> {
    diesel::update(st::table.filter(st::instance_id.eq(id.to_string())))
        .set(st::start_instant.eq(at))
        .execute(conn)?;
    Ok(())
}

/// Due reminders as (instance, time before expiry), earliest first, left on the queue.
pub fn due_reminder_keys(
    conn: &mut DbConnection,
    now: i64,
    limit: i64,
) -> QueryResult<Vec<(Uuid, i64)>> {
    let keys: Vec<(String, i64)> = due_reminders!(now, limit).load(conn)?;
    keys.into_iter()
        .map(|(id, before)| Ok((parse_id(&id)?, before)))
        .collect()
}

/// Takes one reminder off the queue if it is due (and, on PostgreSQL, not held by another
/// process), with its instance.
pub fn take_due_reminder(
    conn: &mut DbConnection,
    id: Uuid,
    before_expiry: i64,
    now: i64,
) -> QueryResult<Option<Instance>> {
    let id = id.to_string();
    let due = rm::table
        .filter(rm::instance_id.eq(&id))
        .filter(rm::before_expiry.eq(before_expiry))
        .filter(rm::due_instant.le(now))
        .select(rm::instance_id);
    let found: Option<String> = match conn {
        DbConnection::Pg(pg) => due.for_update().skip_locked().first(pg).optional()?,
        DbConnection::Sqlite(sqlite) => due.first(sqlite).optional()?,
    };
    if found.is_none() {
        return Ok(None);
    }
    diesel::delete(
        rm::table
            .filter(rm::instance_id.eq(&id))
            .filter(rm::before_expiry.eq(before_expiry)),
    )
    .execute(conn)?;
    Ok(i::table
        .filter(i::id.eq(&id))
        .select(Row::as_select())
        .first::<Row>(conn)
        .optional()?
        .map(Instance::from))
}

/// Moves a queued reminder to `at`: a reminder that failed is tried again then.
pub fn postpone_reminder(
    conn: &mut DbConnection,
    id: Uuid,
    before_expiry: i64,
    at: i64,
) -> QueryResult<()> {
    diesel::update(
        rm::table
            .filter(rm::instance_id.eq(id.to_string()))
            .filter(rm::before_expiry.eq(before_expiry)),
    )
    .set(rm::due_instant.eq(at))
    .execute(conn)?;
    Ok(())
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Rows of a queue due by `now` (`column` at or before it), counted up to `cap`. Both names are
/// constants of this file, never input.
fn count_due(
    conn: &mut DbConnection,
    table: &str,
    column: &str,
    now: i64,
    cap: i64,
) -> QueryResult<i64> {
    use diesel::sql_types::BigInt;
    let counted: Counted = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(format!(
            "SELECT COUNT(*) AS n FROM (SELECT 1 FROM {table} WHERE {column} <= ? LIMIT ?) AS due"
        ))
        .bind::<BigInt, _>(now)
        .bind::<BigInt, _>(cap)
        .get_result(c)?,
        DbConnection::Pg(c) => diesel::sql_query(format!(
            "SELECT COUNT(*) AS n FROM (SELECT 1 FROM {table} WHERE {column} <= $1 LIMIT $2) AS due"
        ))
        .bind::<BigInt, _>(now)
        .bind::<BigInt, _>(cap)
        .get_result(c)?,
    };
    Ok(counted.n)
}

/// Due starts, counted up to `cap` (part of the lifecycle loop's backlog).
pub fn count_due_starts(conn: &mut DbConnection, now: i64, cap: i64) -> QueryResult<i64> {
    count_due(conn, "action_instance_starts", "start_instant", now, cap)
}

/// Due reminders, counted up to `cap` (part of the lifecycle loop's backlog).
pub fn count_due_reminders(conn: &mut DbConnection, now: i64, cap: i64) -> QueryResult<i64> {
    count_due(conn, "action_instance_reminders", "due_instant", now, cap)
}
