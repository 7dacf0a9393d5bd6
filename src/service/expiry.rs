//! Ending temporal instances at their expiry, without anyone calling the API.

use std::collections::hash_map::{Entry, HashMap};

use uuid::Uuid;

use diesel::Connection;

use super::events::{self, Change, Lookups, Outbound};
use super::ServiceResult;
use crate::db::DbConnection;
use crate::domain::event::Flags;
use crate::domain::instance::{Instance, Phase};
use crate::domain::user_action::UserAction;
use crate::store;

/// Processes up to `limit` due instances in one transaction: taken off the queue of ends (which
/// makes `endEventSent` read true), end event and email to the outbox. Returns how many were
/// processed; call again while it returns `limit`.
pub fn end_expired(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    limit: i64,
) -> ServiceResult<usize> {
    conn.transaction(|conn| {
        let due = store::instances::take_due_ends(conn, now, limit)?;
        let due: Vec<(Instance, ())> = due.into_iter().map(|x| (x, ())).collect();
        record_due(conn, &due, |conn, lookups, definition, instance, ()| {
            events::record_with(conn, now, out, lookups, end_of(definition, instance))
        })
    })
}

/// Ends one due instance in its own transaction: the worker's fallback when a batch of ends
/// failed. Returns whether it was due (and not taken by another process).
pub fn end_one(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    instance_id: uuid::Uuid,
) -> ServiceResult<bool> {
    conn.transaction(|conn| {
        let Some(instance) = store::instances::take_due_end(conn, instance_id, now)? else {
            return Ok(false);
        };
        record_due(
            conn,
            &[(instance, ())],
            |conn, lookups, definition, instance, ()| {
                events::record_with(conn, now, out, lookups, end_of(definition, instance))
            },
        )?;
        Ok(true)
    })
}

/// Records the due work taken off a queue (ends, starts, reminders), each item with what its
/// queue row said: `record` runs for each item whose definition still exists (a hard-deleted
/// definition takes its instances with it, so it is normally there). Many items of a batch share
/// a definition, tenant and webhooks: each is read once, and the actionees together. Returns
/// how many items there were.
pub(crate) fn record_due<T>(
    conn: &mut DbConnection,
    due: &[(Instance, T)],
    mut record: impl FnMut(
        &mut DbConnection,
        &mut Lookups,
        &UserAction,
        &Instance,
        &T,
    ) -> ServiceResult<()>,
) -> ServiceResult<usize> {
    let mut definitions = BatchDefinitions::default();
    let mut lookups = Lookups::default();
    lookups.expect_users(due.iter().map(|(i, _)| i.actionee_user_id));
    for (instance, queued) in due {
        if let Some(definition) = definitions.get(conn, instance.user_action_id)? {
            record(conn, &mut lookups, definition, instance, queued)?;
        }
    }
    Ok(due.len())
}

/// An instance's end: always published; whom it tells follows the instance's end settings.
fn end_of<'a>(definition: &'a UserAction, instance: &'a Instance) -> Change<'a> {
    Change {
        definition,
        instance,
        phase: Phase::End,
        flags: Flags::default(),
        broadcast: true,
        info: None,
    }
}

/// Puts a due end back in the queue at `at`, after it failed.
pub fn postpone_end(
    conn: &mut DbConnection,
    instance_id: uuid::Uuid,
    at: i64,
) -> ServiceResult<()> {
    Ok(store::instances::postpone_end(conn, instance_id, at)?)
}

/// Definitions read once per batch of due work: many instances of a batch share one. `None` for
/// a definition that no longer exists.
#[derive(Default)]
struct BatchDefinitions(HashMap<Uuid, Option<UserAction>>);

impl BatchDefinitions {
    fn get(
        &mut self,
        conn: &mut DbConnection,
        id: Uuid,
    ) -> diesel::QueryResult<Option<&UserAction>> {
        let found = match self.0.entry(id) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(slot) => slot.insert(store::user_actions::find(conn, id)?),
        };
        Ok(found.as_ref())
    }
}
