//! Diesel queries, one file per aggregate. No business rules: load, insert, update, delete.

pub mod api_keys;
pub mod applications;
pub mod email_templates;
pub mod insights;
pub mod instances;
pub mod localizations;
pub mod outbox;
pub mod reasons;
pub mod signing_keys;
pub mod staff;
pub mod tenants;
pub mod user_actions;
pub mod user_directory;
pub mod users;
pub mod webhooks;

use serde::de::DeserializeOwned;
use uuid::Uuid;

/// Ids are stored as lowercase UUID text; a corrupt value reads as the nil id rather than failing.
pub(crate) fn parse_id(text: &str) -> Uuid {
    Uuid::parse_str(text).unwrap_or_default()
}

pub(crate) fn parse_opt_id(text: Option<&str>) -> Option<Uuid> {
    text.and_then(|t| Uuid::parse_str(t).ok())
}

/// JSON text columns; a corrupt value reads as the type's default.
pub(crate) fn parse_json<T: DeserializeOwned + Default>(text: &str) -> T {
    serde_json::from_str(text).unwrap_or_default()
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

/// Whether `e` is a unique-constraint violation on `column` (a concurrent writer took the value
/// between our check and our write). Both backends name the column in the message or constraint.
pub fn violates_unique(e: &diesel::result::Error, column: &str) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    match e {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
            info.message().contains(column)
                || info.constraint_name().is_some_and(|c| c.contains(column))
        }
        _ => false,
    }
}

/// Case-folded form used for case-insensitive uniqueness and look-ups.
pub fn fold(text: &str) -> String {
    text.to_lowercase()
}
