//! `GET /api/status`: no key needed. 200 `{"status": "ok"}` while the database is
//! reachable and every background loop runs and makes progress; otherwise 503
//! `{"status": "unavailable"}`. Both say which part is unhealthy: `database` and each loop's
//! status, last successful round, restarts, failed items and backlog. Error texts are not shown
//! here (the page needs no key); administrators see them on the email log.

use std::collections::BTreeMap;

use actix_web::{web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use super::route::{op, Api};
use crate::app::AppState;
use crate::delivery::health::LoopHealth;

/// `ok` or `unavailable`: the whole server, and the database alone.
#[derive(Serialize, ToSchema, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Availability {
    Ok,
    Unavailable,
}

impl Availability {
    fn of(ok: bool) -> Availability {
        if ok {
            Availability::Ok
        } else {
            Availability::Unavailable
        }
    }
}

/// The body of `GET /api/status`, in the document as in the response.
#[derive(Serialize, ToSchema)]
pub struct StatusResponse {
    pub status: Availability,
    pub database: Availability,
    /// `ends`, `webhooks` and `emails`.
    pub loops: BTreeMap<&'static str, LoopReport>,
}

/// One background loop's health.
#[serde_with::skip_serializing_none]
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoopReport {
    /// `ok`, `notStarted`, `down`, `failing` or `stuck`.
    pub status: &'static str,
    pub restarts: u32,
    pub failed_items: u64,
    pub last_success_instant: Option<i64>,
    pub last_error_instant: Option<i64>,
    /// Due items waiting, counted up to 10,000.
    pub backlog: Option<i64>,
}

impl From<&LoopHealth> for LoopReport {
    fn from(l: &LoopHealth) -> Self {
        LoopReport {
            status: l.status.as_str(),
            restarts: l.restarts,
            failed_items: l.failed_items,
            last_success_instant: l.last_success_instant,
            last_error_instant: l.last_error_instant,
            backlog: l.backlog,
        }
    }
}

pub fn declare(api: &mut Api) {
    api.tag("System").get(
        "/status",
        status,
        op("retrieveStatus", "Database reachability; no API key needed")
            .ok::<StatusResponse>()
            .error_body::<StatusResponse>(503, "The database cannot be reached."),
    );
}

async fn status(state: web::Data<AppState>) -> HttpResponse {
    let database = state.is_db_healthy();
    let loops = state.workers.snapshot();
    let healthy = database && loops.iter().all(|l| l.status.is_healthy());
    let body = StatusResponse {
        status: Availability::of(healthy),
        database: Availability::of(database),
        loops: loops
            .iter()
            .map(|l| (l.name, LoopReport::from(l)))
            .collect(),
    };
    if healthy {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}
