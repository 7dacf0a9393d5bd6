//! FusionAuth's webhook event log (§14.5): `/api/system/webhook-event-log` (one event across the
//! webhooks it goes to, and its search), `/api/system/webhook-attempt-log/{id}` (one attempt),
//! and replay of a failed event (Actioneer's extension).

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use super::auth::Caller;
use super::body::{self, Query};
use super::error::ApiError;
use super::{read, wrapped, write};
use crate::app::AppState;
use crate::domain::webhook_event_log::{self as rules, AttemptResult, EventResult, SearchAsked};
use crate::domain::Kind;
use crate::service::deliveries::{self as svc, AttemptLog, EventLog};

const EVENT_ID: &str = "webhookEventLogId";
const ATTEMPT_ID: &str = "webhookAttemptLogId";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/system/webhook-event-log/search")
            .route(web::post().to(search_post))
            .route(web::get().to(search_get)),
    )
    .service(web::resource("/system/webhook-event-log/{id}").route(web::get().to(retrieve)))
    .service(web::resource("/system/webhook-event-log/{id}/replay").route(web::post().to(replay)))
    .service(
        web::resource("/system/webhook-attempt-log/{id}").route(web::get().to(retrieve_attempt)),
    );
}

/// `{"statusCode": n, "exception": "…"}`: no status without an answer, no exception on success.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookCallResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
}

/// One attempt to deliver an event to one webhook; alphabetical.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookAttemptLog {
    pub attempt_result: AttemptResult,
    pub end_instant: i64,
    pub id: Uuid,
    pub start_instant: i64,
    pub webhook_call_response: WebhookCallResponse,
    pub webhook_event_log_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
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
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEventLog {
    pub attempts: Vec<WebhookAttemptLog>,
    /// The `event` object of the body as delivered.
    #[schema(value_type = Object)]
    pub event: Value,
    pub event_result: EventResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    pub failed_attempts: i64,
    pub id: Uuid,
    pub insert_instant: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attempt_instant: Option<i64>,
    pub last_update_instant: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked_object_id: Option<Uuid>,
    /// When the next attempt is due, while the event is `Running`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_attempt_instant: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
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

/// The search criteria (§14.5): FusionAuth's, plus `webhookId`, `linkedObjectId` and
/// `accurateTotal`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEventLogSearchCriteria {
    /// `insertInstant` at or after this instant.
    pub start: Option<i64>,
    /// `insertInstant` at or before this instant.
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
    pub order_by: Option<String>,
    /// `true`: count every match, however many (it may be slow).
    pub accurate_total: Option<bool>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct WebhookEventLogSearchRequest {
    pub search: Option<WebhookEventLogSearchCriteria>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEventLogSearchResponse {
    /// Matches, ignoring paging: exact up to 10,000, else 10,000 unless `accurateTotal`.
    pub total: i64,
    /// Whether `total` is exact.
    pub total_is_exact: bool,
    pub webhook_event_logs: Vec<WebhookEventLog>,
}

async fn retrieve(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, EVENT_ID)?;
    let log = read(&state, move |conn, _| Ok(svc::event_log(conn, id)?)).await?;
    wrapped("webhookEventLog", WebhookEventLog::from(&log))
}

async fn replay(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, EVENT_ID)?;
    let log = write(&state, move |conn, now| {
        Ok(svc::replay_event(conn, now, id)?)
    })
    .await?;
    wrapped("webhookEventLog", WebhookEventLog::from(&log))
}

async fn retrieve_attempt(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ATTEMPT_ID)?;
    let attempt = read(&state, move |conn, _| Ok(svc::attempt_log(conn, id)?)).await?;
    wrapped("webhookAttemptLog", WebhookAttemptLog::from(&attempt))
}

async fn search_post(
    state: web::Data<AppState>,
    caller: Caller,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let request: WebhookEventLogSearchRequest = if bytes.iter().all(u8::is_ascii_whitespace) {
        WebhookEventLogSearchRequest::default()
    } else {
        body::typed(Value::Object(body::object(&bytes, "search")?), "")?
    };
    search(state, request.search.unwrap_or_default()).await
}

/// The same criteria as query parameters; a value of the wrong type is `[invalid]search.<name>`.
async fn search_get(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<Query>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
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

async fn search(
    state: web::Data<AppState>,
    c: WebhookEventLogSearchCriteria,
) -> Result<HttpResponse, ApiError> {
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
    Ok(HttpResponse::Ok().json(WebhookEventLogSearchResponse {
        total,
        total_is_exact,
        webhook_event_logs: logs.iter().map(WebhookEventLog::from).collect(),
    }))
}
