//! `GET /api/status` (§13.9): no key needed. 200 `{"status": "ok"}` while the database is
//! reachable and every background loop runs and makes progress; otherwise 503
//! `{"status": "unavailable"}`. Both say which part is unhealthy: `database` and each loop's
//! status, last successful round, restarts, failed items and backlog. Error texts are not shown
//! here (the page needs no key); administrators see them on the email log.

use actix_web::{web, HttpResponse};
use serde_json::{json, Map, Value};

use crate::app::AppState;
use crate::delivery::health::LoopHealth;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/status").route(web::get().to(status)));
}

async fn status(state: web::Data<AppState>) -> HttpResponse {
    let database = state.is_db_healthy();
    let loops = state.workers.snapshot();
    let healthy = database && loops.iter().all(|l| l.status.is_healthy());
    let body = json!({
        "status": if healthy { "ok" } else { "unavailable" },
        "database": if database { "ok" } else { "unavailable" },
        "loops": loops.iter().map(|l| (l.name.to_string(), loop_json(l))).collect::<Map<_, _>>(),
    });
    if healthy {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}

fn loop_json(l: &LoopHealth) -> Value {
    let mut v = json!({
        "status": l.status.as_str(),
        "restarts": l.restarts,
        "failedItems": l.failed_items,
    });
    if let Some(at) = l.last_success_instant {
        v["lastSuccessInstant"] = at.into();
    }
    if let Some(at) = l.last_error_instant {
        v["lastErrorInstant"] = at.into();
    }
    if let Some(n) = l.backlog {
        v["backlog"] = n.into();
    }
    v
}
