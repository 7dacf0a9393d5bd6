//! Rows behind Actioneer's lifecycle extensions: kinds of definitions (and, below, the queues
//! of scheduled starts and reminders).

use std::collections::HashMap;

use diesel::prelude::*;
use uuid::Uuid;

use super::parse_id;
use super::queue::{first_unlocked, instances_by_id, REMINDERS, STARTS};
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

impl StartPublish {
    fn from_columns((broadcast, notify_user, email_user): (bool, bool, bool)) -> StartPublish {
        StartPublish {
            broadcast,
            flags: Flags {
                notify_user,
                email_user,
            },
        }
    }
}

/// Takes up to `limit` due starts off the queue, earliest first, with their instances (see
/// `Queue::take`).
pub fn take_due_starts(
    conn: &mut DbConnection,
    now: i64,
    limit: i64,
) -> QueryResult<Vec<(Instance, StartPublish)>> {
    let returned = "instance_id, start_instant, broadcast, notify_user, email_user";
    let mut due: Vec<TakenStart> = STARTS.take(conn, returned, now, limit)?;
    due.sort_by_key(|d| d.start_instant);
    let mut by_id = instances_by_id(conn, due.iter().map(|d| &d.instance_id))?;
    Ok(due
        .into_iter()
        .filter_map(|d| {
            let instance = by_id.remove(&parse_id(&d.instance_id).ok()?)?;
            let publish = (d.broadcast, d.notify_user, d.email_user);
            Some((instance, StartPublish::from_columns(publish)))
        })
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

/// Takes up to `limit` due reminders off the queue, earliest first, with their instances (see
/// `Queue::take`).
pub fn take_due_reminders(
    conn: &mut DbConnection,
    now: i64,
    limit: i64,
) -> QueryResult<Vec<(Instance, i64)>> {
    let returned = "instance_id, before_expiry, due_instant";
    let mut due: Vec<TakenReminder> = REMINDERS.take(conn, returned, now, limit)?;
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
    let of_definition = i::table
        .filter(i::user_action_id.eq(definition.to_string()))
        .into_boxed();
    history(conn, actionee, since, of_definition)
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
    let of_reason = i::table
        .filter(i::reason_code.eq(reason_code.to_string()))
        .into_boxed();
    history(conn, actionee, since, of_reason)
}

/// The actionee's instances among `instances` created after `since`.
fn history(
    conn: &mut DbConnection,
    actionee: Uuid,
    since: i64,
    instances: i::BoxedQuery<'_, crate::db::MultiBackend>,
) -> QueryResult<Vec<Past>> {
    let rows: Vec<(i64, bool)> = instances
        .filter(i::actionee_user_id.eq(actionee.to_string()))
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
    let key = id.to_string();
    let due = st::table
        .filter(st::instance_id.eq(&key))
        .filter(st::start_instant.le(now))
        .select((st::broadcast, st::notify_user, st::email_user));
    let Some(publish) = first_unlocked!(conn, due)? else {
        return Ok(None);
    };
    diesel::delete(st::table.filter(st::instance_id.eq(&key))).execute(conn)?;
    let instance = super::instances::find(conn, id, None)?;
    Ok(instance.map(|x| (x, StartPublish::from_columns(publish))))
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
    let key = id.to_string();
    let due = rm::table
        .filter(rm::instance_id.eq(&key))
        .filter(rm::before_expiry.eq(before_expiry))
        .filter(rm::due_instant.le(now))
        .select(rm::instance_id);
    let found: Option<String> = first_unlocked!(conn, due)?;
    if found.is_none() {
        return Ok(None);
    }
    diesel::delete(
        rm::table
            .filter(rm::instance_id.eq(&key))
            .filter(rm::before_expiry.eq(before_expiry)),
    )
    .execute(conn)?;
    super::instances::find(conn, id, None)
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

/// Due starts, counted up to `cap` (part of the lifecycle loop's backlog).
pub fn count_due_starts(conn: &mut DbConnection, now: i64, cap: i64) -> QueryResult<i64> {
    STARTS.count_due(conn, now, cap)
}

/// Due reminders, counted up to `cap` (part of the lifecycle loop's backlog).
pub fn count_due_reminders(conn: &mut DbConnection, now: i64, cap: i64) -> QueryResult<i64> {
    REMINDERS.count_due(conn, now, cap)
}
