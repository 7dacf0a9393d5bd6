//! `GET /api/openapi.json`: the machine-readable contract, generated from the wire types.

use actix_web::{web, HttpResponse};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/openapi.json").route(web::get().to(document)));
}

async fn document() -> HttpResponse {
    HttpResponse::Ok().json(crate::openapi::document())
}
