//! `PageError`: how an admin request fails, rendered as an HTML page in the visitor's language.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, ResponseError};
use askama::Template;

use super::page::Ctx;
use crate::service::runner::{self, RETRY_AFTER_SECONDS};
use crate::service::ServiceError;

#[derive(Debug, thiserror::Error)]
pub enum PageError {
    /// Not signed in: go to the sign-in page, then back to `next`.
    #[error("sign-in required")]
    SignIn { next: String },
    /// Signed in, but the role does not reach this page.
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// A form without the right CSRF token: forged, or from an old page.
    #[error("the form's CSRF token is missing or wrong")]
    Csrf,
    /// A request no form of ours sends (malformed body or query).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Overload or a locked database: come back in a moment (503 with `Retry-After`).
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<ServiceError> for PageError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::NotFound => PageError::NotFound,
            ServiceError::Unauthorized => PageError::Forbidden,
            ServiceError::Invalid(errors) => PageError::BadRequest(format!("{errors:?}")),
            ServiceError::Db(e) => match runner::classify(e) {
                ServiceError::Db(e) => PageError::Internal(e.to_string()),
                other => PageError::from(other),
            },
            ServiceError::Unavailable(e) => PageError::Unavailable(e),
            other => PageError::Internal(other.to_string()),
        }
    }
}

impl PageError {
    /// The message ids of the page's heading and explanation.
    fn message_ids(&self) -> (&'static str, &'static str) {
        match self {
            PageError::SignIn { .. } | PageError::Forbidden => {
                ("error-forbidden-title", "error-forbidden-text")
            }
            PageError::NotFound => ("error-not-found-title", "error-not-found-text"),
            PageError::Csrf => ("error-csrf-title", "error-csrf-text"),
            PageError::BadRequest(_) => ("error-bad-request-title", "error-bad-request-text"),
            PageError::Unavailable(_) => ("error-unavailable-title", "error-unavailable-text"),
            PageError::Internal(_) => ("error-internal-title", "error-internal-text"),
        }
    }
}

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        match self {
            PageError::SignIn { .. } => StatusCode::SEE_OTHER,
            PageError::Forbidden | PageError::Csrf => StatusCode::FORBIDDEN,
            PageError::NotFound => StatusCode::NOT_FOUND,
            PageError::BadRequest(_) => StatusCode::BAD_REQUEST,
            PageError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            PageError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A bare response; `localize_error_pages` gives it a body in the visitor's language.
    fn error_response(&self) -> HttpResponse<BoxBody> {
        match self {
            PageError::SignIn { next } => {
                let target = format!("/admin/login?next={}", super::page::url_encode(next));
                HttpResponse::SeeOther()
                    .insert_header((header::LOCATION, target))
                    .finish()
            }
            PageError::Unavailable(detail) => {
                tracing::warn!(%detail, "admin page refused: database unavailable");
                HttpResponse::build(self.status_code())
                    .insert_header((header::RETRY_AFTER, RETRY_AFTER_SECONDS.to_string()))
                    .finish()
            }
            PageError::Internal(detail) => {
                tracing::error!(%detail, "admin page failed");
                HttpResponse::build(self.status_code()).finish()
            }
            other => HttpResponse::build(other.status_code()).finish(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/error.html")]
struct ErrorPage {
    ctx: Ctx,
    title: String,
    text: String,
}

/// Gives `PageError` responses a page in the visitor's language, with the navigation of the
/// signed-in member when there is one.
pub async fn localize_error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let res = next.call(req).await?;
    let ids = res
        .response()
        .error()
        .and_then(|e| e.as_error::<PageError>())
        .filter(|e| !matches!(e, PageError::SignIn { .. }))
        .map(PageError::message_ids);
    let Some((title_id, text_id)) = ids else {
        return Ok(res.map_into_boxed_body());
    };
    let status = res.status();
    let ctx = res.request().extensions().get::<Ctx>().cloned();
    let ctx = match ctx {
        Some(ctx) => ctx,
        None => Ctx::anonymous(res.request()),
    };
    let page = ErrorPage {
        title: ctx.tr.t(title_id),
        text: ctx.tr.t(text_id),
        ctx,
    };
    let body = page
        .render()
        .unwrap_or_else(|e| format!("error page failed: {e}"));
    let (req, old) = res.into_parts();
    let mut res = HttpResponse::build(status);
    if let Some(retry) = old.headers().get(header::RETRY_AFTER) {
        res.insert_header((header::RETRY_AFTER, retry.clone()));
    }
    let res = res.content_type("text/html; charset=utf-8").body(body);
    Ok(ServiceResponse::new(req, res))
}

impl From<crate::domain::FieldErrors> for PageError {
    fn from(errors: crate::domain::FieldErrors) -> Self {
        PageError::BadRequest(format!("{errors:?}"))
    }
}
