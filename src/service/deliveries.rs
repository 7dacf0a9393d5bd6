//! The webhook delivery log and replay (§14.5).

use uuid::Uuid;

use super::{ServiceError, ServiceResult};
use crate::db::DbConnection;
use crate::domain::{FieldErrors, Kind};
use crate::store;
use crate::store::outbox::{LogFilter, OutboxItem, WEBHOOK};

pub fn list(
    conn: &mut DbConnection,
    mut filter: LogFilter,
) -> ServiceResult<(Vec<OutboxItem>, i64)> {
    filter.kind = WEBHOOK.into();
    Ok(store::outbox::list(conn, &filter)?)
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> ServiceResult<OutboxItem> {
    store::outbox::find(conn, id, WEBHOOK)?.ok_or(ServiceError::NotFound)
}

/// Puts a failed delivery back in the queue, same event id and body.
pub fn replay(conn: &mut DbConnection, now: i64, id: Uuid) -> ServiceResult<OutboxItem> {
    find(conn, id)?;
    if store::outbox::replay(conn, id, now)? == 0 {
        return Err(FieldErrors::single(Kind::Invalid, "webhookAttemptLogId").into());
    }
    find(conn, id)
}
