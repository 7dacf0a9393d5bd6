//! `GET /api/status` (§13.9): no key needed.

use actix_web::{web, HttpResponse};

use crate::app::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/status").route(web::get().to(status)));
}

async fn status(state: web::Data<AppState>) -> HttpResponse {
    if state.is_db_healthy() {
        HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
    } else {
        HttpResponse::ServiceUnavailable().json(serde_json::json!({"status": "unavailable"}))
    }
}
