//! `/api/system/webhook-attempt-log`: deliveries with their attempts, and replay (§14.5).

use actix_web::{web, HttpResponse};
use serde::Serialize;
use uuid::Uuid;

use super::auth::Caller;
use super::body::{self, Query};
use super::error::ApiError;
use super::{read, wrapped, write};
use crate::app::AppState;
use crate::domain::Kind;
use crate::service::deliveries as svc;
use crate::store::outbox::{Attempt, LogFilter, OutboxItem, FAILED, PENDING, SUCCEEDED};

const ID: &str = "webhookAttemptLogId";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/system/webhook-attempt-log").route(web::get().to(list)))
        .service(web::resource("/system/webhook-attempt-log/{id}").route(web::get().to(retrieve)))
        .service(
            web::resource("/system/webhook-attempt-log/{id}/replay").route(web::post().to(replay)),
        );
}

/// One delivery of one event to one webhook.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookAttemptLog {
    pub action_id: Option<Uuid>,
    pub attempts: Vec<Attempt>,
    pub event_id: Option<Uuid>,
    pub event_type: Option<String>,
    pub id: Uuid,
    pub insert_instant: i64,
    pub last_update_instant: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_attempt_instant: Option<i64>,
    pub status: String,
    pub tenant_id: Option<Uuid>,
    pub webhook_id: Option<Uuid>,
}

impl From<&OutboxItem> for WebhookAttemptLog {
    fn from(i: &OutboxItem) -> Self {
        WebhookAttemptLog {
            action_id: i.action_id,
            attempts: i.attempts.clone(),
            event_id: i.event_id,
            event_type: i.event_type.clone(),
            id: i.id,
            insert_instant: i.insert_instant,
            last_update_instant: i.last_update_instant,
            next_attempt_instant: i.next_attempt_instant.filter(|_| i.status == PENDING),
            status: i.status.clone(),
            tenant_id: i.tenant_id,
            webhook_id: i.webhook_id,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookAttemptLogs {
    pub total: i64,
    pub webhook_attempt_logs: Vec<WebhookAttemptLog>,
}

async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<Query>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let status = query.get("status").cloned();
    if status
        .as_deref()
        .is_some_and(|s| ![PENDING, SUCCEEDED, FAILED].contains(&s))
    {
        return Err(ApiError::field(Kind::Invalid, "status"));
    }
    let start_row = body::query_i64(&query, "startRow")?.unwrap_or(0);
    let number_of_results = body::query_i64(&query, "numberOfResults")?.unwrap_or(25);
    if start_row < 0 {
        return Err(ApiError::field(Kind::Invalid, "startRow"));
    }
    if !(1..=500).contains(&number_of_results) {
        return Err(ApiError::field(Kind::Invalid, "numberOfResults"));
    }
    let filter = LogFilter {
        kind: String::new(),
        webhook_id: body::query_uuid(&query, "webhookId")?,
        action_id: body::query_uuid(&query, "actionId")?,
        status,
        start_row,
        number_of_results,
    };
    let (items, total) = read(&state, move |conn, _| Ok(svc::list(conn, filter)?)).await?;
    Ok(HttpResponse::Ok().json(WebhookAttemptLogs {
        total,
        webhook_attempt_logs: items.iter().map(WebhookAttemptLog::from).collect(),
    }))
}

async fn retrieve(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    let item = read(&state, move |conn, _| Ok(svc::find(conn, id)?)).await?;
    wrapped("webhookAttemptLog", WebhookAttemptLog::from(&item))
}

async fn replay(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    let item = write(&state, move |conn, now| Ok(svc::replay(conn, now, id)?)).await?;
    wrapped("webhookAttemptLog", WebhookAttemptLog::from(&item))
}
