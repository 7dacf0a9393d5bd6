//! The API's one error type: renders FusionAuth's error JSON or an empty status.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};

use crate::domain::FieldErrors;
use crate::service::runner::{self, RETRY_AFTER_SECONDS};
use crate::service::ServiceError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("bad request")]
    BadRequest(FieldErrors),
    #[error("unauthorized")]
    Unauthorized,
    #[error("not found")]
    NotFound,
    /// The request was made against a version of the resource that is no longer current.
    #[error("conflict")]
    Conflict(FieldErrors),
    /// Overload or a locked database: no connection within the wait, or a statement timed out.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn field(kind: crate::domain::Kind, field: &str) -> Self {
        ApiError::BadRequest(FieldErrors::single(kind, field))
    }
}

impl From<FieldErrors> for ApiError {
    fn from(errors: FieldErrors) -> Self {
        ApiError::BadRequest(errors)
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Invalid(errors) => ApiError::BadRequest(errors),
            ServiceError::NotFound => ApiError::NotFound,
            ServiceError::Unauthorized => ApiError::Unauthorized,
            ServiceError::Db(e) => match runner::classify(e) {
                ServiceError::Db(e) => ApiError::Internal(e.to_string()),
                other => ApiError::from(other),
            },
            ServiceError::Unavailable(e) => ApiError::Unavailable(e),
            ServiceError::Internal(e) => ApiError::Internal(e),
            ServiceError::Stale(errors) => ApiError::Conflict(errors),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::BadRequest(errors) => HttpResponse::BadRequest().json(errors),
            ApiError::Conflict(errors) => HttpResponse::Conflict().json(errors),
            ApiError::Unavailable(detail) => {
                tracing::warn!(%detail, "request refused: database unavailable");
                let mut errors = FieldErrors::new();
                errors.add_general(
                    "ServiceUnavailable",
                    format!(
                        "The server is too busy to answer now; try again in {RETRY_AFTER_SECONDS} seconds."
                    ),
                );
                HttpResponse::ServiceUnavailable()
                    .insert_header((header::RETRY_AFTER, RETRY_AFTER_SECONDS.to_string()))
                    .json(errors)
            }
            ApiError::Internal(message) => {
                tracing::error!(error = %message, "request failed");
                HttpResponse::InternalServerError().finish()
            }
            other => HttpResponse::build(other.status_code()).finish(),
        }
    }
}
