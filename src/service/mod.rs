//! Use cases: load, decide with `domain`, write with `store`, one transaction each.
//! The API and the admin app both call these; neither has its own copy of a rule.

pub mod actioning;
pub mod api_keys;
pub mod applications;
pub mod deliveries;
pub mod email_templates;
pub mod emails;
pub mod events;
pub mod expiry;
pub mod insights;
pub mod login;
pub mod reasons;
pub mod signing_keys;
pub mod staff;
pub mod tenants;
pub mod translations;
pub mod user_actions;
pub mod user_directory;
pub mod users;
pub mod webhooks;

use crate::domain::FieldErrors;

/// How a use case can fail, independent of HTTP.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("validation failed")]
    Invalid(FieldErrors),
    #[error("not found")]
    NotFound,
    #[error("not allowed for this caller")]
    Unauthorized,
    #[error("database error: {0}")]
    Db(#[from] diesel::result::Error),
    #[error("{0}")]
    Internal(String),
}

impl From<FieldErrors> for ServiceError {
    fn from(errors: FieldErrors) -> Self {
        ServiceError::Invalid(errors)
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Turns collected errors into `Err(Invalid)`.
pub(crate) fn check(errors: FieldErrors) -> ServiceResult<()> {
    errors.into_result().map_err(ServiceError::Invalid)
}

/// The tenant a request is scoped to, as the API key and `X-FusionAuth-TenantId` say (§4.2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TenantHint {
    /// The key's own tenant, for a tenant-scoped key.
    pub key_tenant: Option<uuid::Uuid>,
    /// The header value, as sent.
    pub header: Option<String>,
}
