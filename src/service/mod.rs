//! Use cases: load, decide with `domain`, write with `store`, one transaction each.
//! The API and the admin app both call these; neither has its own copy of a rule.

pub mod actioning;
pub mod api_keys;
pub mod applications;
pub mod bulk;
pub mod deliveries;
pub mod due;
pub mod email_templates;
pub mod emails;
pub mod events;
pub mod flash;
pub mod insights;
pub mod instance_changes;
pub mod instance_export;
pub mod instance_search;
pub mod lifecycle;
pub mod login;
pub mod naming;
pub mod reasons;
pub mod runner;
pub mod search_totals;
pub mod signin;
pub mod signing_keys;
pub mod staff;
pub mod staff_notes;
pub mod tenants;
pub mod translations;
pub mod user_actions;
pub mod user_directory;
pub mod users;
pub mod webhooks;

use crate::domain::{FieldErrors, Kind};
use crate::store::UniqueKey;

/// What an update does with a stored write-only password (webhook basic auth, SMTP) when the
/// input brings none. The API always keeps it (FusionAuth); the admin forms may remove it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OmittedPassword {
    #[default]
    Keep,
    Remove,
}

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
    /// No connection in time, a lock or a statement timeout: come back later (503).
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("{0}")]
    Internal(String),
    /// The client changed from a version that is no longer current (409): nothing was written.
    #[error("stale version: {0:?}")]
    Stale(FieldErrors),
}

impl From<crate::db::DbError> for ServiceError {
    fn from(e: crate::db::DbError) -> Self {
        match e {
            crate::db::DbError::Unavailable(e) => ServiceError::Unavailable(e),
            crate::db::DbError::Query(e) => ServiceError::Db(e),
        }
    }
}

impl From<FieldErrors> for ServiceError {
    fn from(errors: FieldErrors) -> Self {
        ServiceError::Invalid(errors)
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// The id a create writes (the client's, else a new one) and the errors it starts with:
/// `[duplicate]<field>` when `exists` finds a row with that id already.
pub(crate) fn new_id(
    given: Option<uuid::Uuid>,
    field: &'static str,
    exists: impl FnOnce(uuid::Uuid) -> diesel::QueryResult<bool>,
) -> ServiceResult<(uuid::Uuid, FieldErrors)> {
    new_id_after(given, field, FieldErrors::new(), exists)
}

/// `new_id`, adding to the `errors` found before (a form's own).
pub(crate) fn new_id_after(
    given: Option<uuid::Uuid>,
    field: &'static str,
    mut errors: FieldErrors,
    exists: impl FnOnce(uuid::Uuid) -> diesel::QueryResult<bool>,
) -> ServiceResult<(uuid::Uuid, FieldErrors)> {
    // Time-ordered (v7): new rows append to the id indexes instead of landing at random.
    let id = given.unwrap_or_else(uuid::Uuid::now_v7);
    if exists(id)? {
        errors.add(Kind::Duplicate, field);
    }
    Ok((id, errors))
}

/// `n` bytes from the thread's cryptographically secure generator: secrets, tokens, key ids.
pub(crate) fn random_bytes(n: usize) -> Vec<u8> {
    use rand::RngCore;
    let mut bytes = vec![0u8; n];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes
}

/// `n` random bytes as lowercase hex.
pub(crate) fn random_hex(n: usize) -> String {
    crate::domain::token::hex(&random_bytes(n))
}

/// A delete that removed no row: there was none to remove.
pub(crate) fn deleted(rows: usize) -> ServiceResult<()> {
    match rows {
        0 => Err(ServiceError::NotFound),
        _ => Ok(()),
    }
}

/// Turns collected errors into `Err(Invalid)`.
pub(crate) fn check(errors: FieldErrors) -> ServiceResult<()> {
    errors.into_result().map_err(ServiceError::Invalid)
}

/// A unique key a client's value can collide on, and the field its pre-check reports.
pub type UniqueField = (UniqueKey, &'static str);

/// Maps a write that lost a race for a unique value (a concurrent request took it between our
/// check and our write) to what the check would have said, `[duplicate]<field>`; any other
/// failure stays a database error.
pub fn as_duplicate(
    fields: &'static [UniqueField],
) -> impl Fn(diesel::result::Error) -> ServiceError {
    move |e| match fields.iter().find(|(key, _)| key.violated_by(&e)) {
        Some((_, field)) => FieldErrors::single(Kind::Duplicate, field).into(),
        None => ServiceError::Db(e),
    }
}

/// The tenant a request is scoped to, as the API key and `X-FusionAuth-TenantId` say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TenantHint {
    /// The key's own tenant, for a tenant-scoped key.
    pub key_tenant: Option<uuid::Uuid>,
    /// The header value, as sent.
    pub header: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_time_ordered_and_given_ids_are_kept() {
        let (id, errors) = new_id(None, "id", |_| Ok(false)).expect("an id");
        assert_eq!(id.get_version_num(), 7);
        assert!(errors.is_empty());
        let given = uuid::Uuid::new_v4();
        let (id, errors) = new_id(Some(given), "id", |_| Ok(true)).expect("an id");
        assert_eq!(id, given);
        assert_eq!(errors.codes(), ["[duplicate]id"]);
    }
}
