//! The JSON API under `/api/`, wire-compatible with FusionAuth (see shared/spec/api.md).

pub mod actioning;
pub mod api_keys;
pub mod applications;
pub mod auth;
pub mod body;
pub mod email_templates;
pub mod error;
pub mod keys;
pub mod login;
pub mod openapi;
pub mod reasons;
pub mod status;
pub mod tenants;
pub mod user_actions;
pub mod users;
pub mod webhook_event_log;
pub mod webhooks;

use actix_web::{web, HttpResponse};
use serde::Serialize;

use crate::app::AppState;
use crate::db::DbConnection;
use error::ApiError;

/// Every API route; the server and the tests build the app from this one function.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api")
            .configure(status::routes)
            .configure(openapi::routes)
            .configure(user_actions::routes)
            .configure(reasons::routes)
            .configure(actioning::routes)
            .configure(tenants::routes)
            .configure(applications::routes)
            .configure(users::routes)
            .configure(api_keys::routes)
            .configure(keys::routes)
            .configure(webhooks::routes)
            .configure(email_templates::routes)
            .configure(login::routes)
            .configure(webhook_event_log::routes),
    );
}

/// Runs `f` on a pooled connection off the async threads, with the current time.
async fn run<T, F>(state: &web::Data<AppState>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, i64) -> Result<T, ApiError> + Send + 'static,
{
    let db = state.db.clone();
    let now = state.now();
    web::block(move || {
        let mut conn = db.read()?;
        f(&mut conn, now)
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
}

pub(crate) async fn read<T, F>(state: &web::Data<AppState>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, i64) -> Result<T, ApiError> + Send + 'static,
{
    run(state, f).await
}

/// Runs `f` through the group-committing writer (see `db::writer`).
pub(crate) async fn write<T, F>(state: &web::Data<AppState>, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection, i64) -> Result<T, ApiError> + Send + 'static,
{
    let now = state.now();
    state
        .writer
        .run(move |conn| f(conn, now))
        .await
        .map_err(ApiError::from)?
}

/// `200 {"<wrapper>": value}`.
pub(crate) fn wrapped<T: Serialize>(wrapper: &str, value: T) -> Result<HttpResponse, ApiError> {
    // Serialised straight from the typed value: no intermediate `serde_json::Value` tree.
    let body = serde_json::to_vec(&std::collections::BTreeMap::from([(wrapper, value)]))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(body))
}

/// The tail of a path like `/api/user-action/{id}`, or `None` at the collection path.
pub(crate) fn opt_id(
    path: Option<web::Path<String>>,
    name: &str,
) -> Result<Option<uuid::Uuid>, ApiError> {
    path.map(|p| body::path_id(&p, name)).transpose()
}
