//! `GET /api/status` (§13.9): no key needed.

use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

use crate::app::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/status").route(web::get().to(status)));
}

async fn status(state: web::Data<AppState>) -> HttpResponse {
    let db = state.db.clone();
    let reachable = web::block(move || {
        db.read()
            .ok()
            .is_some_and(|mut conn| conn.batch_execute("SELECT 1").is_ok())
    })
    .await
    .unwrap_or(false);
    if reachable {
        HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
    } else {
        HttpResponse::ServiceUnavailable().json(serde_json::json!({"status": "unavailable"}))
    }
}
