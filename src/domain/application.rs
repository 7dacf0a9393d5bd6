//! Applications: named targets of an instance within one tenant.

use serde::Deserialize;
use uuid::Uuid;

use super::errors::{FieldErrors, Kind};
use super::text::{too_long, trim_opt, MAX_NAME};

#[derive(Debug, Clone, Default, PartialEq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationInput {
    #[schema(value_type = String, min_length = 1, max_length = 191, pattern = r"\S")]
    pub name: Option<String>,
    pub tenant_id: Option<Uuid>,
    pub data: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Application {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub name: String,
    pub active: bool,
    pub data: serde_json::Map<String, serde_json::Value>,
    pub insert_instant: i64,
    pub last_update_instant: i64,
}

pub fn check_name(name: Option<String>, taken: bool, errors: &mut FieldErrors) -> String {
    let name = trim_opt(name).unwrap_or_default();
    if name.is_empty() {
        errors.add(Kind::Blank, "application.name");
    } else if too_long(&name, MAX_NAME) {
        errors.add(Kind::TooLong, "application.name");
    } else if taken {
        errors.add_with(
            Kind::Duplicate,
            "application.name",
            format!("An Application with name = [{name}] already exists."),
        );
    }
    name
}
