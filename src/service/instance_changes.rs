//! Changing or cancelling one user's running instance from a page that showed it at some
//! version: one use case, refused when the instance changed since (a stale page, or another
//! agent's save), with the changes the page did not show.

use diesel::Connection;
use uuid::Uuid;

use super::actioning::{self, Publish};
use super::user_directory;
use super::ServiceResult;
use crate::db::DbConnection;
use crate::domain::instance::{ActionInput, Instance};
use crate::domain::instance_version::{self, ChangeSince};
use crate::domain::{FieldErrors, Kind};

/// The lock a change takes on PostgreSQL, so that the version check and the write are one step.
pub use crate::db::writer::LockKey;

/// How a change from a page ended.
#[derive(Debug)]
pub enum Outcome {
    Done(Box<Instance>),
    /// The instance is no longer what the page showed: nothing was written.
    Stale {
        changes: Vec<ChangeSince>,
    },
}

/// The locks `change` and `cancel` need.
pub fn locks(instance: Uuid) -> Vec<LockKey> {
    vec![LockKey::instance(instance)]
}

/// Refuses a change sent from a page that showed version `seen` of an instance that has moved
/// on since. `None` (a client that sends no version) skips the check. For the API too.
pub fn guard(instance: &Instance, seen: Option<i64>) -> Result<(), Vec<ChangeSince>> {
    match seen {
        Some(seen) if !instance_version::is_current(instance, seen) => {
            Err(instance_version::changes_since(instance, seen))
        }
        _ => Ok(()),
    }
}

/// A new expiry or comment for instance `id` of `user`. `expiry` turns the current expiry into
/// the one asked for (`Err` when what was typed cannot be one).
#[allow(clippy::too_many_arguments)]
pub fn change(
    conn: &mut DbConnection,
    now: i64,
    user: Uuid,
    id: Uuid,
    seen: Option<i64>,
    mut input: ActionInput,
    expiry: impl FnOnce(Option<i64>) -> Result<Option<i64>, ()>,
    published: Publish,
) -> ServiceResult<Outcome> {
    unless_stale(conn, user, id, seen, |conn, instance| {
        input.expiry = expiry(instance.expiry)
            .map_err(|()| FieldErrors::single(Kind::Invalid, "action.expiry"))?;
        actioning::modify(conn, now, None, id, input, published)
    })
}

/// Cancels instance `id` of `user`, unless it changed since version `seen`.
pub fn cancel(
    conn: &mut DbConnection,
    now: i64,
    user: Uuid,
    id: Uuid,
    seen: Option<i64>,
    input: ActionInput,
    published: Publish,
) -> ServiceResult<Outcome> {
    unless_stale(conn, user, id, seen, |conn, _| {
        actioning::cancel(conn, now, None, id, input, published)
    })
}

/// Runs `act` on instance `id` of `user` in one transaction, unless the instance changed since
/// version `seen`.
fn unless_stale(
    conn: &mut DbConnection,
    user: Uuid,
    id: Uuid,
    seen: Option<i64>,
    act: impl FnOnce(&mut DbConnection, &Instance) -> ServiceResult<Instance>,
) -> ServiceResult<Outcome> {
    conn.transaction(|conn| {
        let found = user_directory::user_instance(conn, user, id)?;
        if let Err(changes) = guard(&found.instance, seen) {
            return Ok(Outcome::Stale { changes });
        }
        act(conn, &found.instance).map(|i| Outcome::Done(Box::new(i)))
    })
}
