//! The admin app under `/admin/`: server-rendered pages over the same services as the API.
//! Handlers parse, call a service, render; pages are askama templates under `templates/admin/`.

pub mod actions;
pub mod assets;
pub mod auth;
pub mod bulk;
pub mod chart;
pub mod confirm;
pub mod editor;
pub mod email_templates;
pub mod emails;
pub mod error;
pub mod form;
pub mod home;
pub mod instances;
pub mod names;
pub mod outbox_log;
pub mod page;
pub mod reasons;
pub mod session;
pub mod settings;
pub mod survey;
pub mod translations;
pub mod users;
pub mod webhooks;

use actix_web::http::header;
use actix_web::{middleware, web, HttpResponse};
use askama::Template;

use crate::app::AppState;
use crate::service::runner::{self, Connection};
use crate::service::{ServiceError, ServiceResult};
pub use error::PageError;
pub use form::{checkbox, path_id, Form};
pub use page::{Choice, Ctx, FormErrors, Tick};
pub use session::{Admin, Anyone, Staff, Support, Translator, Visitor};

/// Every admin route; the server and the tests build the app from this one function.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(|| async { see_other("/admin/") }))
        .service(
            web::scope("/admin")
                .wrap(middleware::from_fn(error::localize_error_pages))
                .wrap(
                    middleware::DefaultHeaders::new()
                        .add((
                            header::CONTENT_SECURITY_POLICY,
                            "default-src 'self'; img-src 'self' data:; style-src 'self'; \
                         script-src 'self'; form-action 'self'; frame-ancestors 'none'; \
                         base-uri 'none'",
                        ))
                        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                        .add((header::REFERRER_POLICY, "same-origin"))
                        .add((header::CACHE_CONTROL, "no-store")),
                )
                .configure(assets::routes)
                .configure(auth::routes)
                .configure(home::routes)
                .configure(reasons::routes)
                .configure(actions::routes)
                .configure(users::routes)
                .configure(survey::routes)
                .configure(instances::routes)
                .configure(webhooks::routes)
                .configure(email_templates::routes)
                .configure(emails::routes)
                .configure(settings::routes)
                .configure(translations::routes)
                .configure(bulk::routes)
                .default_service(web::to(page::not_found)),
        );
}

/// Renders a page with status 200.
pub fn render(page: &impl Template) -> Result<HttpResponse, PageError> {
    render_status(actix_web::http::StatusCode::OK, page)
}

/// Renders a page with `status` (422 for a form shown again with errors).
pub fn render_status(
    status: actix_web::http::StatusCode,
    page: &impl Template,
) -> Result<HttpResponse, PageError> {
    let html = page
        .render()
        .map_err(|e| PageError::Internal(format!("template: {e}")))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html))
}

/// A form shown again with what was typed and its errors: 422, so that a test or a script
/// sees the refusal, while the browser shows the page.
pub fn form_again(page: &impl Template) -> Result<HttpResponse, PageError> {
    render_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY, page)
}

/// Post/Redirect/Get: 303 to `location`.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// Runs slow work (hashing a password) on the blocking threads, off the async ones and outside
/// the writer.
pub async fn blocking<T, F>(f: F) -> Result<T, PageError>
where
    T: Send + 'static,
    F: FnOnce() -> ServiceResult<T> + Send + 'static,
{
    Ok(web::block(f)
        .await
        .map_err(|e| PageError::Internal(e.to_string()))??)
}

/// Runs a read on a pooled connection off the async threads, with the current time.
pub async fn read<T, F>(state: &web::Data<AppState>, f: F) -> Result<T, PageError>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection, i64) -> ServiceResult<T> + Send + 'static,
{
    Ok(runner::read(state, f).await?)
}

/// Runs a write through the group-committing writer. Validation errors come back as
/// `Ok(Err(errors))` so the handler can show the form again.
pub async fn write<T, F>(
    state: &web::Data<AppState>,
    f: F,
) -> Result<Result<T, crate::domain::FieldErrors>, PageError>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection, i64) -> ServiceResult<T> + Send + 'static,
{
    write_locked(state, Vec::new(), f).await
}

/// `write`, holding `locks` (PostgreSQL) so that what it checks cannot change before it writes.
pub async fn write_locked<T, F>(
    state: &web::Data<AppState>,
    locks: Vec<crate::service::instance_changes::LockKey>,
    f: F,
) -> Result<Result<T, crate::domain::FieldErrors>, PageError>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection, i64) -> ServiceResult<T> + Send + 'static,
{
    match runner::write_keyed(state, locks, f).await {
        Ok(value) => Ok(Ok(value)),
        Err(ServiceError::Invalid(errors)) => Ok(Err(errors)),
        Err(other) => Err(PageError::from(other)),
    }
}
