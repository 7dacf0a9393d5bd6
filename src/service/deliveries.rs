//! Webhook deliveries: FusionAuth's event log over them (an event with its attempts across
//! the webhooks it goes to, one attempt, search, replay), and the admin app's per-delivery log. The
//! email log (`emails`) shares the delivery queries.

use serde_json::Value;
use uuid::Uuid;

use super::{ServiceError, ServiceResult};
use crate::db::DbConnection;
use crate::domain::webhook_event_log::{
    attempt_id, attempt_origin, AttemptResult, DeliveryState, EventResult, EventSearch,
};
use crate::domain::{FieldErrors, Kind};
use crate::store;
use crate::store::outbox::{Delivery, WEBHOOK};

/// The queue's rows and statuses as the delivery and email logs show them.
pub use crate::store::outbox::{Attempt, LogFilter, OutboxItem, FAILED, PENDING, SUCCEEDED};

/// One event as sent to the webhooks that receive it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventLog {
    /// The event's id (`event.id`, the `webhook-id` header).
    pub id: Uuid,
    /// The body's `event` object.
    pub event: Value,
    pub event_type: Option<String>,
    pub result: EventResult,
    /// Every attempt to every webhook, oldest first.
    pub attempts: Vec<AttemptLog>,
    /// The instance the event is about.
    pub linked_object_id: Option<Uuid>,
    pub sequence: Option<i64>,
    pub insert_instant: i64,
    pub last_attempt_instant: Option<i64>,
    pub last_update_instant: i64,
    pub webhook_ids: Vec<Uuid>,
    /// The earliest attempt due, while the event is running.
    pub next_attempt_instant: Option<i64>,
}

/// One attempt of one delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptLog {
    pub id: Uuid,
    pub event_id: Uuid,
    pub webhook_id: Option<Uuid>,
    pub start_instant: i64,
    pub end_instant: i64,
    pub result: AttemptResult,
    pub status_code: Option<u16>,
    pub exception: Option<String>,
}

fn state_of(item: &OutboxItem) -> DeliveryState {
    match item.status.as_str() {
        PENDING => DeliveryState::Pending,
        SUCCEEDED => DeliveryState::Succeeded,
        _ => DeliveryState::Failed,
    }
}

/// The attempts of one delivery that have ids (see `attempt_id`).
fn attempts_of(item: &OutboxItem, event_id: Uuid) -> Vec<AttemptLog> {
    item.attempts
        .iter()
        .enumerate()
        .filter_map(|(index, a)| {
            Some(AttemptLog {
                id: attempt_id(item.id, index)?,
                event_id,
                webhook_id: item.webhook_id,
                start_instant: a.attempt_instant,
                end_instant: a.attempt_instant.saturating_add(a.duration),
                result: AttemptResult::of(a.status_code, a.error.is_some()),
                status_code: a.status_code,
                exception: a.error.clone(),
            })
        })
        .collect()
}

/// The event log of one event from its deliveries (at least one).
fn assemble(event_id: Uuid, deliveries: &[Delivery]) -> Option<EventLog> {
    let first = deliveries.first()?;
    let event = serde_json::from_str::<Value>(&first.item.payload)
        .ok()
        .and_then(|mut body| body.get_mut("event").map(Value::take))
        .unwrap_or_else(|| Value::Object(Default::default()));
    let mut attempts: Vec<AttemptLog> = deliveries
        .iter()
        .flat_map(|d| attempts_of(&d.item, event_id))
        .collect();
    attempts.sort_by_key(|a| a.start_instant);
    let result = EventResult::of(deliveries.iter().map(|d| state_of(&d.item)));
    Some(EventLog {
        id: event_id,
        event,
        event_type: first.item.event_type.clone(),
        result,
        last_attempt_instant: attempts.iter().map(|a| a.start_instant).max(),
        attempts,
        linked_object_id: first.item.action_id,
        sequence: deliveries.iter().filter_map(|d| d.event_sequence).min(),
        insert_instant: deliveries
            .iter()
            .map(|d| d.item.insert_instant)
            .min()
            .unwrap_or(first.item.insert_instant),
        last_update_instant: deliveries
            .iter()
            .map(|d| d.item.last_update_instant)
            .max()
            .unwrap_or(first.item.last_update_instant),
        webhook_ids: deliveries
            .iter()
            .filter_map(|d| d.item.webhook_id)
            .collect(),
        next_attempt_instant: deliveries
            .iter()
            .filter(|d| d.item.status == PENDING)
            .filter_map(|d| d.item.next_attempt_instant)
            .min(),
    })
}

/// The event logs of these events, in the order given; unknown ids are left out.
fn event_logs(conn: &mut DbConnection, ids: &[Uuid]) -> ServiceResult<Vec<EventLog>> {
    let deliveries = store::outbox::deliveries_of_events(conn, ids)?;
    Ok(ids
        .iter()
        .filter_map(|id| {
            let own: Vec<Delivery> = deliveries
                .iter()
                .filter(|d| d.item.event_id == Some(*id))
                .cloned()
                .collect();
            assemble(*id, &own)
        })
        .collect())
}

pub fn event_log(conn: &mut DbConnection, id: Uuid) -> ServiceResult<EventLog> {
    event_logs(conn, &[id])?.pop().ok_or(ServiceError::NotFound)
}

/// A total is counted exactly up to this many matches, unless an accurate one is asked for.
pub const TOTAL_CAP: i64 = 10_000;

/// A page of the event log, and the number of all matches: (logs, total, whether it is exact).
pub fn search_event_logs(
    conn: &mut DbConnection,
    search: &EventSearch,
) -> ServiceResult<(Vec<EventLog>, i64, bool)> {
    let ids = store::outbox::search_events(conn, search)?;
    let logs = event_logs(conn, &ids)?;
    let page = i64::try_from(ids.len()).unwrap_or(i64::MAX);
    let (total, exact) = if page > 0 && page < search.number_of_results {
        // A short page that is not empty is the end of the matches.
        (search.start_row.saturating_add(page), true)
    } else {
        let cap = (!search.accurate_total).then_some(TOTAL_CAP);
        store::outbox::count_events(conn, search, cap)?
    };
    Ok((logs, total, exact))
}

/// One attempt, from its id.
pub fn attempt_log(conn: &mut DbConnection, id: Uuid) -> ServiceResult<AttemptLog> {
    let (low, high, index) = attempt_origin(id);
    store::outbox::deliveries_between(conn, low, high)?
        .iter()
        .filter_map(|d| {
            let event_id = d.item.event_id?;
            attempts_of(&d.item, event_id).into_iter().nth(index)
        })
        .find(|a| a.id == id)
        .ok_or(ServiceError::NotFound)
}

/// Puts a failed event's failed deliveries back in the queue, same event id and body; an event
/// that is not `Failed` is `[invalid]webhookEventLogId`.
pub fn replay_event(conn: &mut DbConnection, now: i64, id: Uuid) -> ServiceResult<EventLog> {
    if event_log(conn, id)?.result != EventResult::Failed {
        return Err(FieldErrors::single(Kind::Invalid, "webhookEventLogId").into());
    }
    store::outbox::replay_event(conn, id, now)?;
    event_log(conn, id)
}

/// A page of the deliveries, newest first (the admin app's delivery log).
pub fn list(conn: &mut DbConnection, filter: LogFilter) -> ServiceResult<(Vec<OutboxItem>, i64)> {
    list_of(conn, WEBHOOK, filter)
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> ServiceResult<OutboxItem> {
    find_of(conn, WEBHOOK, id)
}

/// Puts a failed delivery back in the queue, same event id and body.
pub fn replay(conn: &mut DbConnection, now: i64, id: Uuid) -> ServiceResult<OutboxItem> {
    replay_of(conn, now, WEBHOOK, id, "deliveryId")
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
