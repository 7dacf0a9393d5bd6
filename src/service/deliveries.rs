//! The webhook delivery log and replay (§14.5); the email log (`emails`) shares its queries.

use uuid::Uuid;

use super::{ServiceError, ServiceResult};
use crate::db::DbConnection;
use crate::domain::{FieldErrors, Kind};
use crate::store;
use crate::store::outbox::{LogFilter, OutboxItem, FAILED, PENDING, WEBHOOK};

pub fn list(conn: &mut DbConnection, filter: LogFilter) -> ServiceResult<(Vec<OutboxItem>, i64)> {
    list_of(conn, WEBHOOK, filter)
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> ServiceResult<OutboxItem> {
    find_of(conn, WEBHOOK, id)
}

/// Puts a failed delivery back in the queue, same event id and body.
pub fn replay(conn: &mut DbConnection, now: i64, id: Uuid) -> ServiceResult<OutboxItem> {
    replay_of(conn, now, WEBHOOK, id, "webhookAttemptLogId")
}

/// A page of the outbox items of `kind` (webhook deliveries or emails), newest first.
pub(crate) fn list_of(
    conn: &mut DbConnection,
    kind: &str,
    mut filter: LogFilter,
) -> ServiceResult<(Vec<OutboxItem>, i64)> {
    filter.kind = kind.into();
    Ok(store::outbox::list(conn, &filter)?)
}

pub(crate) fn find_of(conn: &mut DbConnection, kind: &str, id: Uuid) -> ServiceResult<OutboxItem> {
    store::outbox::find(conn, id, kind)?.ok_or(ServiceError::NotFound)
}

/// Puts a failed item of `kind` back in the queue with a fresh retry schedule and the same
/// id and payload; an item that did not fail is `[invalid]<id_field>`.
pub(crate) fn replay_of(
    conn: &mut DbConnection,
    now: i64,
    kind: &str,
    id: Uuid,
    id_field: &str,
) -> ServiceResult<OutboxItem> {
    find_of(conn, kind, id)?;
    if store::outbox::replay(conn, id, now)? == 0 {
        return Err(FieldErrors::single(Kind::Invalid, id_field).into());
    }
    find_of(conn, kind, id)
}

/// How a webhook's latest deliveries went, for the webhook list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Health {
    /// Deliveries looked at (at most [`HEALTH_SAMPLE`]).
    pub sampled: usize,
    /// Of those, given up.
    pub failed: usize,
    /// Of those, failed at least once and waiting for a retry.
    pub retrying: usize,
}

/// How many of a webhook's latest deliveries [`health`] looks at.
pub const HEALTH_SAMPLE: i64 = 100;

pub fn health(conn: &mut DbConnection, webhook_id: Uuid) -> ServiceResult<Health> {
    let recent = store::outbox::recent_of_webhook(conn, webhook_id, HEALTH_SAMPLE)?;
    Ok(Health {
        sampled: recent.len(),
        failed: recent.iter().filter(|(s, _)| s == FAILED).count(),
        retrying: recent
            .iter()
            .filter(|(s, count)| s == PENDING && *count > 0)
            .count(),
    })
}
