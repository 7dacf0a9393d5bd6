//! FusionAuth's webhook event log: `/api/system/webhook-event-log` (one event across the
//! webhooks it goes to, and its search), `/api/system/webhook-attempt-log/{id}` (one attempt),
//! and replay of a failed event (Actioneer's extension).

use actix_web::web;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::GlobalKey;
use super::body::Query;
use super::error::ApiError;
use super::extract::{Id, OptionalBody};
use super::route::{op, Api, Reply};
use super::{read, write};
use crate::app::AppState;
use crate::domain::webhook_event_log::{self as rules, AttemptResult, EventResult, SearchAsked};
use crate::domain::Kind;
use crate::openapi as doc;
use crate::service::deliveries::{self as svc, AttemptLog, EventLog};

pub fn declare(api: &mut Api) {
    let search = "/system/webhook-event-log/search";
    api.tag("Webhooks")
        .post(search, search_post, op("searchWebhookEventLogs",
            "Search the webhook event log: one entry per event, with its attempts across webhooks. \
             `total` is exact up to 10,000 matches unless `accurateTotal`; `webhookId`, \
             `linkedObjectId`, `accurateTotal` and `totalIsExact` are Actioneer's"))
        .get(search, search_get, op("searchWebhookEventLogsWithParameters",
            "Search the webhook event log, with the criteria as query parameters")
            .query(doc::event_log_search()))
        .get("/system/webhook-event-log/{webhookEventLogId}", retrieve,
            op("retrieveWebhookEventLogWithId",
                "Retrieve one event (its id is the event's id) with every attempt to every webhook"))
        .post("/system/webhook-event-log/{webhookEventLogId}/replay", replay,
            op("replayWebhookEventLogWithId",
                "Actioneer's: queue a `Failed` event's failed deliveries again with the same event \
                 id and body (else 400 `[invalid]webhookEventLogId`)"))
        .get("/system/webhook-attempt-log/{webhookAttemptLogId}", retrieve_attempt,
            op("retrieveWebhookAttemptLogWithId", "Retrieve one attempt of one event to one webhook"));
}

/// `{"statusCode": n, "exception": "…"}`: no status without an answer, no exception on success.
#[serde_with::skip_serializing_none]
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookCallResponse {
    pub exception: Option<String>,
    pub status_code: Option<u16>,
}

/// One attempt to deliver an event to one webhook; alphabetical.
#[serde_with::skip_serializing_none]
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookAttemptLog {
    pub attempt_result: AttemptResult,
    pub end_instant: i64,
    pub id: Uuid,
    pub start_instant: i64,
    pub webhook_call_response: WebhookCallResponse,
    pub webhook_event_log_id: Uuid,
    pub webhook_id: Option<Uuid>,
}

impl From<&AttemptLog> for WebhookAttemptLog {
    fn from(a: &AttemptLog) -> Self {
        WebhookAttemptLog {
            attempt_result: a.result,
            end_instant: a.end_instant,
            id: a.id,
            start_instant: a.start_instant,
            webhook_call_response: WebhookCallResponse {
                exception: a.exception.clone(),
                status_code: a.status_code,
            },
            webhook_event_log_id: a.event_id,
            webhook_id: a.webhook_id,
        }
    }
}

/// One event as sent to the webhooks that receive it; alphabetical. `webhookIds` and
/// `nextAttemptInstant` are Actioneer's.
#[serde_with::skip_serializing_none]
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEventLog {
    pub attempts: Vec<WebhookAttemptLog>,
    /// The `event` object of the body as delivered.
    #[schema(value_type = Object)]
    pub event: Value,
    pub event_result: EventResult,
    pub event_type: Option<String>,
    pub failed_attempts: i64,
    pub id: Uuid,
    pub insert_instant: i64,
    pub last_attempt_instant: Option<i64>,
    pub last_update_instant: i64,
    pub linked_object_id: Option<Uuid>,
    /// When the next attempt is due, while the event is `Running`.
    pub next_attempt_instant: Option<i64>,
    pub sequence: Option<i64>,
    pub successful_attempts: i64,
    pub webhook_ids: Vec<Uuid>,
}

impl From<&EventLog> for WebhookEventLog {
    fn from(e: &EventLog) -> Self {
        let count = |ok: bool| {
            let n = e
                .attempts
                .iter()
                .filter(|a| (a.result == AttemptResult::Success) == ok)
                .count();
            i64::try_from(n).unwrap_or(i64::MAX)
        };
        WebhookEventLog {
            attempts: e.attempts.iter().map(WebhookAttemptLog::from).collect(),
            event: e.event.clone(),
            event_result: e.result,
            event_type: e.event_type.clone(),
            failed_attempts: count(false),
            id: e.id,
            insert_instant: e.insert_instant,
            last_attempt_instant: e.last_attempt_instant,
            last_update_instant: e.last_update_instant,
            linked_object_id: e.linked_object_id,
            next_attempt_instant: e.next_attempt_instant,
            sequence: e.sequence,
            successful_attempts: count(true),
            webhook_ids: e.webhook_ids.clone(),
        }
    }
}

/// The search criteria: FusionAuth's, plus `webhookId`, `linkedObjectId` and
/// `accurateTotal`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEventLogSearchCriteria {
    /// `insertInstant` at or after this instant.
    pub start: Option<i64>,
    /// `insertInstant` at or before this instant; not before `start`, else 400
    /// `[invalid]search.end`.
    pub end: Option<i64>,
    /// Text found in the event's JSON (case counts).
    pub event: Option<String>,
    #[schema(value_type = Option<EventResult>)]
    pub event_result: Option<String>,
    pub event_type: Option<String>,
    pub webhook_id: Option<Uuid>,
    pub linked_object_id: Option<Uuid>,
    #[schema(minimum = 0)]
    pub start_row: Option<i64>,
    #[schema(minimum = 1, maximum = 500)]
    pub number_of_results: Option<i64>,
    /// `insertInstant DESC` (the default) or `insertInstant ASC`.
    #[schema(value_type = Option<crate::openapi::EventLogOrderBy>)]
    pub order_by: Option<String>,
    /// `true`: count every match, however many (it may be slow).
    pub accurate_total: Option<bool>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct WebhookEventLogSearchRequest {
    pub search: Option<WebhookEventLogSearchCriteria>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEventLogSearchResponse {
    /// Matches, ignoring paging: exact up to 10,000, else 10,000 unless `accurateTotal`.
    pub total: i64,
    /// Whether `total` is exact.
    pub total_is_exact: bool,
    pub webhook_event_logs: Vec<WebhookEventLog>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEventLogResponse {
    pub webhook_event_log: WebhookEventLog,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookAttemptLogResponse {
    pub webhook_attempt_log: WebhookAttemptLog,
}

type Event = Result<Reply<WebhookEventLogResponse>, ApiError>;
type Found = Result<Reply<WebhookEventLogSearchResponse>, ApiError>;

fn event(log: &EventLog) -> Event {
    Ok(Reply(WebhookEventLogResponse {
        webhook_event_log: WebhookEventLog::from(log),
    }))
}

async fn retrieve(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> Event {
    event(&read(&state, move |conn, _| Ok(svc::event_log(conn, id)?)).await?)
}

async fn replay(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> Event {
    event(
        &write(&state, move |conn, now| {
            Ok(svc::replay_event(conn, now, id)?)
        })
        .await?,
    )
}

async fn retrieve_attempt(
    state: web::Data<AppState>,
    _: GlobalKey,
    Id(id): Id,
) -> Result<Reply<WebhookAttemptLogResponse>, ApiError> {
    let attempt = read(&state, move |conn, _| Ok(svc::attempt_log(conn, id)?)).await?;
    Ok(Reply(WebhookAttemptLogResponse {
        webhook_attempt_log: WebhookAttemptLog::from(&attempt),
    }))
}

async fn search_post(
    state: web::Data<AppState>,
    _: GlobalKey,
    body: OptionalBody<WebhookEventLogSearchRequest>,
) -> Found {
    let request = body.read("search")?;
    search(state, request.search.unwrap_or_default()).await
}

/// The same criteria as query parameters; a value of the wrong type is `[invalid]search.<name>`.
async fn search_get(state: web::Data<AppState>, _: GlobalKey, query: web::Query<Query>) -> Found {
    let q = query.into_inner();
    let number = |name: &str| -> Result<Option<i64>, ApiError> {
        q.get(name)
            .map(|v| {
                v.parse::<i64>()
                    .map_err(|_| ApiError::field(Kind::Invalid, &format!("search.{name}")))
            })
            .transpose()
    };
    let id = |name: &str| -> Result<Option<Uuid>, ApiError> {
        q.get(name)
            .map(|v| {
                Uuid::parse_str(v)
                    .map_err(|_| ApiError::field(Kind::Invalid, &format!("search.{name}")))
            })
            .transpose()
    };
    let accurate_total = match q.get("accurateTotal").map(String::as_str) {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => return Err(ApiError::field(Kind::Invalid, "search.accurateTotal")),
    };
    let criteria = WebhookEventLogSearchCriteria {
        start: number("start")?,
        end: number("end")?,
        event: q.get("event").cloned(),
        event_result: q.get("eventResult").cloned(),
        event_type: q.get("eventType").cloned(),
        webhook_id: id("webhookId")?,
        linked_object_id: id("linkedObjectId")?,
        start_row: number("startRow")?,
        number_of_results: number("numberOfResults")?,
        order_by: q.get("orderBy").cloned(),
        accurate_total,
    };
    search(state, criteria).await
}

async fn search(state: web::Data<AppState>, c: WebhookEventLogSearchCriteria) -> Found {
    let search = rules::check(SearchAsked {
        start: c.start,
        end: c.end,
        event: c.event,
        event_result: c.event_result,
        event_type: c.event_type,
        webhook_id: c.webhook_id,
        linked_object_id: c.linked_object_id,
        start_row: c.start_row,
        number_of_results: c.number_of_results,
        order_by: c.order_by,
        accurate_total: c.accurate_total,
    })?;
    let (logs, total, total_is_exact) = read(&state, move |conn, _| {
        Ok(svc::search_event_logs(conn, &search)?)
    })
    .await?;
    Ok(Reply(WebhookEventLogSearchResponse {
        total,
        total_is_exact,
        webhook_event_logs: logs.iter().map(WebhookEventLog::from).collect(),
    }))
}
