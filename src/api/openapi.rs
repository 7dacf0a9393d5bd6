//! `GET /api/openapi.json`: the machine-readable contract, produced from the route declarations.

use actix_web::HttpResponse;

use super::route::{op, Api};
use crate::openapi::any_object;

pub fn declare(api: &mut Api) {
    api.tag("System").get(
        "/openapi.json",
        document,
        op(
            "retrieveOpenApiDocument",
            "This OpenAPI document; no API key needed",
        )
        .ok_schema(any_object),
    );
}

async fn document() -> HttpResponse {
    HttpResponse::Ok().json(crate::openapi::document())
}
