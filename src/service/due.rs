//! The lifecycle's queues of due work (scheduled starts, reminders before the end, ends at the
//! expiry), processed without anyone calling the API. Each queue is a [`DueQueue`]; one set of
//! functions takes its due items in a batch, or one at a time when a batch failed, and puts a
//! failed item back for later.

use std::collections::hash_map::{Entry, HashMap};
use std::hash::Hash;

use diesel::{Connection, QueryResult};
use uuid::Uuid;

use super::events::{self, Change, Lookups, Outbound};
use super::ServiceResult;
use crate::db::DbConnection;
use crate::domain::event::Flags;
use crate::domain::instance::{Instance, Phase};
use crate::domain::user_action::UserAction;
use crate::store;
use crate::store::lifecycle::StartPublish;

/// One queue of due lifecycle work.
pub trait DueQueue {
    /// What the worker's log calls the queue's items.
    const NAME: &'static str;
    /// What names a queued item.
    type Key: Copy + Eq + Hash;
    /// What the queue row says about its instance.
    type Queued;

    /// Takes up to `limit` due items off the queue.
    fn take_due(
        conn: &mut DbConnection,
        now: i64,
        limit: i64,
    ) -> QueryResult<Vec<(Instance, Self::Queued)>>;

    /// Takes item `key` off the queue if it is due (and not taken by another process).
    fn take_one(
        conn: &mut DbConnection,
        key: Self::Key,
        now: i64,
    ) -> QueryResult<Option<(Instance, Self::Queued)>>;

    /// Up to `limit` due items, earliest first, left on the queue.
    fn due_keys(conn: &mut DbConnection, now: i64, limit: i64) -> QueryResult<Vec<Self::Key>>;

    /// Puts item `key` back in the queue, due at `at`.
    fn postpone(conn: &mut DbConnection, key: Self::Key, at: i64) -> QueryResult<()>;

    /// Writes what a due item publishes (event, email) to the outbox.
    fn record(
        item: Recorded<'_, '_, Self::Queued>,
        lookups: &mut Lookups,
        conn: &mut DbConnection,
    ) -> ServiceResult<()>;

    /// The item, for the worker's log.
    fn describe(key: Self::Key) -> String;
}

/// A due item being recorded: its definition, its instance and what its queue row said.
pub struct Recorded<'a, 'o, Q> {
    pub now: i64,
    pub out: &'o Outbound,
    pub definition: &'a UserAction,
    pub instance: &'a Instance,
    pub queued: &'a Q,
}

/// Scheduled starts: the apply asked for a start in the future, published as it asked.
pub struct Starts;

impl DueQueue for Starts {
    const NAME: &'static str = "starts";
    type Key = Uuid;
    type Queued = StartPublish;

    fn take_due(
        conn: &mut DbConnection,
        now: i64,
        limit: i64,
    ) -> QueryResult<Vec<(Instance, StartPublish)>> {
        store::lifecycle::take_due_starts(conn, now, limit)
    }

    fn take_one(
        conn: &mut DbConnection,
        id: Uuid,
        now: i64,
    ) -> QueryResult<Option<(Instance, StartPublish)>> {
        store::lifecycle::take_due_start(conn, id, now)
    }

    fn due_keys(conn: &mut DbConnection, now: i64, limit: i64) -> QueryResult<Vec<Uuid>> {
        store::lifecycle::due_start_ids(conn, now, limit)
    }

    fn postpone(conn: &mut DbConnection, id: Uuid, at: i64) -> QueryResult<()> {
        store::lifecycle::postpone_start(conn, id, at)
    }

    fn record(
        item: Recorded<'_, '_, StartPublish>,
        lookups: &mut Lookups,
        conn: &mut DbConnection,
    ) -> ServiceResult<()> {
        let change = Change {
            definition: item.definition,
            instance: item.instance,
            phase: Phase::Start,
            flags: item.queued.flags,
            broadcast: item.queued.broadcast,
            info: None,
        };
        events::record_with(conn, item.now, item.out, lookups, change)
    }

    fn describe(id: Uuid) -> String {
        format!("start of instance {id}")
    }
}

/// Reminders before the end, keyed by (instance, time before expiry).
pub struct Reminders;

impl DueQueue for Reminders {
    const NAME: &'static str = "reminders";
    type Key = (Uuid, i64);
    type Queued = i64;

    fn take_due(
        conn: &mut DbConnection,
        now: i64,
        limit: i64,
    ) -> QueryResult<Vec<(Instance, i64)>> {
        store::lifecycle::take_due_reminders(conn, now, limit)
    }

    fn take_one(
        conn: &mut DbConnection,
        (id, before_expiry): (Uuid, i64),
        now: i64,
    ) -> QueryResult<Option<(Instance, i64)>> {
        let taken = store::lifecycle::take_due_reminder(conn, id, before_expiry, now)?;
        Ok(taken.map(|instance| (instance, before_expiry)))
    }

    fn due_keys(conn: &mut DbConnection, now: i64, limit: i64) -> QueryResult<Vec<(Uuid, i64)>> {
        store::lifecycle::due_reminder_keys(conn, now, limit)
    }

    fn postpone(
        conn: &mut DbConnection,
        (id, before_expiry): (Uuid, i64),
        at: i64,
    ) -> QueryResult<()> {
        store::lifecycle::postpone_reminder(conn, id, before_expiry, at)
    }

    fn record(
        item: Recorded<'_, '_, i64>,
        lookups: &mut Lookups,
        conn: &mut DbConnection,
    ) -> ServiceResult<()> {
        // The definition's reminder at this time, for its template (it may have been removed
        // since: the reminder is still sent, without email).
        let template = item
            .definition
            .spec
            .beyond
            .reminders
            .iter()
            .find(|r| r.before_expiry == *item.queued)
            .and_then(|r| r.email_template_id);
        let (now, out, definition, instance) = (item.now, item.out, item.definition, item.instance);
        events::record_reminder(conn, now, out, lookups, definition, instance, template)
    }

    fn describe((id, before_expiry): (Uuid, i64)) -> String {
        format!("reminder {before_expiry} ms before the end of instance {id}")
    }
}

/// Ends at the expiry: taken off the queue of ends, which makes `endEventSent` read true.
pub struct Ends;

impl DueQueue for Ends {
    const NAME: &'static str = "ends";
    type Key = Uuid;
    type Queued = ();

    fn take_due(conn: &mut DbConnection, now: i64, limit: i64) -> QueryResult<Vec<(Instance, ())>> {
        let due = store::instances::take_due_ends(conn, now, limit)?;
        Ok(due.into_iter().map(|instance| (instance, ())).collect())
    }

    fn take_one(
        conn: &mut DbConnection,
        id: Uuid,
        now: i64,
    ) -> QueryResult<Option<(Instance, ())>> {
        Ok(store::instances::take_due_end(conn, id, now)?.map(|instance| (instance, ())))
    }

    fn due_keys(conn: &mut DbConnection, now: i64, limit: i64) -> QueryResult<Vec<Uuid>> {
        store::instances::due_end_ids(conn, now, limit)
    }

    fn postpone(conn: &mut DbConnection, id: Uuid, at: i64) -> QueryResult<()> {
        store::instances::postpone_end(conn, id, at)
    }

    /// An instance's end: always published; whom it tells follows the instance's end settings.
    fn record(
        item: Recorded<'_, '_, ()>,
        lookups: &mut Lookups,
        conn: &mut DbConnection,
    ) -> ServiceResult<()> {
        let change = Change {
            definition: item.definition,
            instance: item.instance,
            phase: Phase::End,
            flags: Flags::default(),
            broadcast: true,
            info: None,
        };
        events::record_with(conn, item.now, item.out, lookups, change)
    }

    fn describe(id: Uuid) -> String {
        format!("end of instance {id}")
    }
}

/// Processes up to `limit` due items of queue `Q` in one transaction: taken off the queue, what
/// they publish to the outbox. Returns how many were processed; call again while it returns
/// `limit`.
pub fn process_due<Q: DueQueue>(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    limit: i64,
) -> ServiceResult<usize> {
    conn.transaction(|conn| {
        let due = Q::take_due(conn, now, limit)?;
        record_due::<Q>(conn, now, out, &due)
    })
}

/// Processes item `key` of queue `Q` in its own transaction: the worker's fallback when a batch
/// failed. Returns whether it was due (and not taken by another process).
pub fn process_one<Q: DueQueue>(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    key: Q::Key,
) -> ServiceResult<bool> {
    conn.transaction(|conn| {
        let Some(due) = Q::take_one(conn, key, now)? else {
            return Ok(false);
        };
        record_due::<Q>(conn, now, out, &[due])?;
        Ok(true)
    })
}

/// Up to `limit` due items of queue `Q`, left on the queue (for the worker's fallback).
pub fn due_keys<Q: DueQueue>(
    conn: &mut DbConnection,
    now: i64,
    limit: i64,
) -> ServiceResult<Vec<Q::Key>> {
    Ok(Q::due_keys(conn, now, limit)?)
}

/// Puts item `key` of queue `Q` back at `at`, after it failed.
pub fn postpone<Q: DueQueue>(conn: &mut DbConnection, key: Q::Key, at: i64) -> ServiceResult<()> {
    Ok(Q::postpone(conn, key, at)?)
}

/// Records the due items taken off queue `Q`, each whose definition still exists (a
/// hard-deleted definition takes its instances with it, so it is normally there). Many items of
/// a batch share a definition, tenant and webhooks: each is read once, and the actionees
/// together. Returns how many items there were.
fn record_due<Q: DueQueue>(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    due: &[(Instance, Q::Queued)],
) -> ServiceResult<usize> {
    let mut definitions = BatchDefinitions::default();
    let mut lookups = Lookups::default();
    lookups.expect_users(due.iter().map(|(i, _)| i.actionee_user_id));
    for (instance, queued) in due {
        if let Some(definition) = definitions.get(conn, instance.user_action_id)? {
            let item = Recorded {
                now,
                out,
                definition,
                instance,
                queued,
            };
            Q::record(item, &mut lookups, conn)?;
        }
    }
    Ok(due.len())
}

/// Definitions read once per batch of due work: many instances of a batch share one. `None` for
/// a definition that no longer exists.
#[derive(Default)]
struct BatchDefinitions(HashMap<Uuid, Option<UserAction>>);

impl BatchDefinitions {
    fn get(&mut self, conn: &mut DbConnection, id: Uuid) -> QueryResult<Option<&UserAction>> {
        let found = match self.0.entry(id) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => slot.insert(store::user_actions::find(conn, id)?),
        };
        Ok(found.as_ref())
    }
}
