//! The JSON API under `/api/`, wire-compatible with FusionAuth: one resource per file, each
//! declaring its routes (and so their documentation) in a `declare` function.

pub mod actioning;
pub mod api_keys;
pub mod applications;
pub mod auth;
pub mod body;
pub mod crud;
pub mod deactivatable;
pub mod email_templates;
pub mod error;
pub mod extract;
pub mod keys;
pub mod login;
pub mod openapi;
pub mod reasons;
pub mod resource;
pub mod route;
pub mod status;
pub mod tenants;
pub mod user_actions;
pub mod users;
pub mod webhook_event_log;
pub mod webhooks;
pub mod wire;

use actix_web::web;
use uuid::Uuid;

use crate::app::AppState;
use crate::domain::Kind;
use crate::service::runner::{self, Connection, Lock, WriteBatch};
use error::ApiError;
use route::Api;

/// Every API route, in matching order (a literal segment before an id in the same place), into
/// `api`: `Api::routing()` to serve, `Api::documenting()` for the OpenAPI document.
pub fn declare(mut api: Api) -> Api {
    status::declare(&mut api);
    openapi::declare(&mut api);
    user_actions::declare(&mut api);
    reasons::declare(&mut api);
    actioning::declare(&mut api);
    tenants::declare(&mut api);
    applications::declare(&mut api);
    users::declare(&mut api);
    api_keys::declare(&mut api);
    keys::declare(&mut api);
    webhooks::declare(&mut api);
    email_templates::declare(&mut api);
    login::declare(&mut api);
    webhook_event_log::declare(&mut api);
    api
}

/// Registers the API; the server and the tests build the app from this one function.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api")
            .wrap(actix_web::middleware::from_fn(auth::authenticate))
            // A malformed query string is FusionAuth's 400 here; admin pages keep theirs.
            .app_data(
                web::QueryConfig::default()
                    .error_handler(|_, _| ApiError::field(Kind::Invalid, "query").into()),
            )
            .configure(|cfg| declare(Api::routing()).register(cfg)),
    );
}

/// Runs `f` on a pooled read connection, with the current time.
pub(crate) async fn read<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection, i64) -> Result<T, ApiError> + Send + 'static,
{
    runner::read(state, f).await
}

/// `read` for a bounded handful of rows (`runner::read_bounded`).
pub(crate) async fn read_bounded<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection, i64) -> Result<T, ApiError> + Send + 'static,
{
    runner::read_bounded(state, f).await
}

/// Runs `f` in the writer's next batch, with the current time.
pub(crate) async fn write<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection, i64) -> Result<T, ApiError> + Send + 'static,
{
    runner::write_locking(state, &[], f).await
}

/// `write`, the batch holding `locks` from before any of its jobs runs.
pub(crate) async fn write_locking<T, F>(
    state: &AppState,
    locks: &[Lock],
    f: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection, i64) -> Result<T, ApiError> + Send + 'static,
{
    runner::write_locking(state, locks, f).await
}

/// `write_locking` for a change that writes only rows: its batch may run it twice, and reads
/// the users in `reads` for all its jobs at once.
pub(crate) async fn write_repeatable<T, F>(
    state: &AppState,
    locks: &[Lock],
    reads: Vec<Uuid>,
    f: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: Fn(&mut Connection, &mut WriteBatch, i64) -> Result<T, ApiError> + Send + 'static,
{
    runner::write_repeatable(state, locks, reads, f).await
}
