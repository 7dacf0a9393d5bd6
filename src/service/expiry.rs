//! Ending temporal instances at their expiry, without anyone calling the API (§7.8).

use std::collections::hash_map::{Entry, HashMap};

use diesel::Connection;

use super::events::{self, Change, Lookups, Outbound};
use super::ServiceResult;
use crate::db::DbConnection;
use crate::domain::event::Flags;
use crate::domain::instance::Phase;
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
        // Many instances of a batch share a definition, tenant and webhooks: read each once.
        let mut definitions = HashMap::new();
        let mut lookups = Lookups::default();
        lookups.expect_users(due.iter().map(|i| i.actionee_user_id));
        for instance in &due {
            let definition = match definitions.entry(instance.user_action_id) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(slot) => {
                    slot.insert(store::user_actions::find(conn, instance.user_action_id)?)
                }
            };
            // A hard-deleted definition takes its instances with it, so it is normally here.
            if let Some(definition) = definition.as_ref() {
                events::record_with(
                    conn,
                    now,
                    out,
                    &mut lookups,
                    Change {
                        definition,
                        instance,
                        phase: Phase::End,
                        flags: Flags::default(),
                        broadcast: true,
                        info: None,
                    },
                )?;
            }
        }
        Ok(due.len())
    })
}
