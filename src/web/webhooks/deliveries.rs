//! The webhook delivery log: deliveries of all webhooks or of one, a delivery with every
//! attempt and its event's result across webhooks (the API's event log), and replay of a failed
//! delivery.

use actix_web::{web, HttpResponse};
use askama::Template;
use uuid::Uuid;

use super::super::outbox_log::{
    attempt_rows, last_error, next_attempt, AttemptRow, LogQuery, STATUSES,
};
use super::super::{read, render, Admin, Ctx, PageError, Staff};
use crate::app::AppState;
use crate::domain::webhook::Webhook;
use crate::domain::webhook_event_log::EventResult;
use crate::i18n::Tr;
use crate::service::deliveries::{EventLog, OutboxItem, PENDING, SUCCEEDED};
use crate::service::runner::Connection;
use crate::service::ServiceResult;
use crate::service::{deliveries as svc, webhooks};
use crate::web::confirm::{act, show, Confirmed};
use crate::web::path_id;

/// The localized name of a delivery status.
fn status_label(tr: &Tr, status: &str) -> String {
    match status {
        PENDING => tr.t("webhooks-status-pending"),
        SUCCEEDED => tr.t("webhooks-status-succeeded"),
        _ => tr.t("webhooks-status-failed"),
    }
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/webhooks/deliveries", web::get().to(all))
        .route(
            "/webhooks/deliveries/{id}",
            web::get().to(show::<Replaying>),
        )
        .route(
            "/webhooks/deliveries/{id}/replay",
            web::post().to(act::<Replaying>),
        )
        .route("/webhooks/{id}/deliveries", web::get().to(of_webhook));
}

/// One delivery in the log.
struct LogRow {
    id: Uuid,
    webhook_url: String,
    event_id: String,
    event_type: String,
    status: String,
    status_label: String,
    attempts: usize,
    next_attempt: Option<String>,
    created: String,
    /// The last attempt's error, or its HTTP status.
    last_error: String,
}

impl LogRow {
    fn of(item: &OutboxItem, hooks: &[Webhook], tr: &Tr) -> LogRow {
        LogRow {
            status_label: status_label(tr, &item.status),
            id: item.id,
            webhook_url: item
                .webhook_id
                .and_then(|w| hooks.iter().find(|h| h.id == w))
                .map(|h| h.spec.url.clone())
                .unwrap_or_default(),
            event_id: item.event_id.map(|e| e.to_string()).unwrap_or_default(),
            event_type: item.event_type.clone().unwrap_or_default(),
            status: item.status.clone(),
            attempts: item.attempts.len(),
            next_attempt: next_attempt(tr, &item.status, item.next_attempt_instant),
            created: tr.datetime(item.insert_instant),
            last_error: last_error(&item.attempts),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/webhooks/deliveries.html")]
struct LogPage {
    ctx: Ctx,
    /// The webhook whose log this is; `None` for all webhooks.
    hook: Option<Webhook>,
    rows: Vec<LogRow>,
    total: i64,
    status: String,
    /// (value, label) of the status filter.
    statuses: Vec<(String, String)>,
    previous: Option<String>,
    next: Option<String>,
    /// Whether a row is still pending: the page then refreshes its log in place.
    live: bool,
}

async fn log_page(
    state: &web::Data<AppState>,
    staff: Staff<Admin>,
    webhook_id: Option<Uuid>,
    query: LogQuery,
) -> Result<HttpResponse, PageError> {
    let mut filter = query.filter();
    filter.webhook_id = webhook_id;
    let (hooks, (items, total)) = read(state, move |conn, _| {
        if let Some(id) = webhook_id {
            webhooks::find(conn, id)?;
        }
        Ok((webhooks::list(conn)?, svc::list(conn, filter)?))
    })
    .await?;
    let base = match webhook_id {
        Some(id) => format!("/admin/webhooks/{id}/deliveries"),
        None => "/admin/webhooks/deliveries".to_string(),
    };
    let (previous, next) = query.pager(&base, total);
    let tr = staff.tr().clone();
    let live = items.iter().any(|i| i.status == PENDING);
    let rows = items.iter().map(|i| LogRow::of(i, &hooks, &tr)).collect();
    render(&LogPage {
        ctx: staff.ctx("webhooks"),
        hook: webhook_id.and_then(|id| hooks.into_iter().find(|h| h.id == id)),
        rows,
        live,
        total,
        statuses: STATUSES
            .iter()
            .map(|s| (s.to_string(), status_label(&tr, s)))
            .collect(),
        previous,
        next,
        status: query.status().unwrap_or_default(),
    })
}

async fn all(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    query: web::Query<LogQuery>,
) -> Result<HttpResponse, PageError> {
    log_page(&state, staff, None, query.into_inner()).await
}

async fn of_webhook(
    state: web::Data<AppState>,
    staff: Staff<Admin>,
    path: web::Path<String>,
    query: web::Query<LogQuery>,
) -> Result<HttpResponse, PageError> {
    let id = path_id(&path)?;
    log_page(&state, staff, Some(id), query.into_inner()).await
}

#[derive(Template)]
#[template(path = "admin/webhooks/delivery.html")]
struct DeliveryPage {
    ctx: Ctx,
    item: OutboxItem,
    /// How the event went across every webhook it goes to (its event log).
    event_result: Option<String>,
    status_label: String,
    created: String,
    next_attempt: Option<String>,
    attempts: Vec<AttemptRow>,
    hook: Option<Webhook>,
    /// The body as sent, indented for reading.
    payload: String,
    /// Why a replay was refused.
    error: Option<String>,
}

/// A delivery, replayed (its failed attempt queued again) from its page.
struct Replaying;

impl Confirmed for Replaying {
    const SECTION: &'static str = "webhooks";
    /// The only refusal: the delivery has not failed.
    const REFUSED: &'static str = "webhooks-replay-not-failed";
    type Loaded = (OutboxItem, Option<Webhook>, Option<EventLog>);
    type Page = DeliveryPage;

    fn load(conn: &mut Connection, _: &AppState, id: Uuid) -> ServiceResult<Self::Loaded> {
        let item = svc::find(conn, id)?;
        let hook = match item.webhook_id {
            Some(w) => webhooks::find(conn, w).ok(),
            None => None,
        };
        let event = match item.event_id {
            Some(e) => svc::event_log(conn, e).ok(),
            None => None,
        };
        Ok((item, hook, event))
    }

    fn page(ctx: Ctx, (item, hook, event): Self::Loaded, error: Option<String>) -> DeliveryPage {
        let tr = &ctx.tr;
        let event_result = event.map(|e| match e.result {
            EventResult::Running => tr.t("webhooks-event-running"),
            EventResult::Succeeded => tr.t("webhooks-status-succeeded"),
            EventResult::Failed => tr.t("webhooks-status-failed"),
        });
        let payload = serde_json::from_str::<serde_json::Value>(&item.payload)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_else(|| item.payload.clone());
        DeliveryPage {
            event_result,
            status_label: status_label(tr, &item.status),
            created: tr.datetime(item.insert_instant),
            next_attempt: next_attempt(tr, &item.status, item.next_attempt_instant),
            attempts: attempt_rows(tr, &item.attempts),
            item,
            hook,
            payload,
            error,
            ctx,
        }
    }

    fn act(conn: &mut Connection, now: i64, id: Uuid) -> ServiceResult<()> {
        svc::replay(conn, now, id).map(|_| ())
    }

    fn done(_: &AppState, _: &Staff<Admin>, id: Uuid) -> String {
        format!("/admin/webhooks/deliveries/{id}?done=replayed")
    }
}
