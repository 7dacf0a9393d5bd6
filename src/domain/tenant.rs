//! Tenants and their event, email and failed-login configuration.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use super::errors::{FieldErrors, Kind};
use super::text::{too_long, trim_opt, MAX_NAME};
use super::user_action::{UserAction, TRANSACTION_TYPES};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EventSetting {
    #[serde(default)]
    pub enabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<crate::openapi::TransactionType>)]
    pub transaction_type: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EventConfiguration {
    #[serde(default)]
    pub events: BTreeMap<String, EventSetting>,
}

impl EventConfiguration {
    pub fn enabled(&self, event: &str) -> bool {
        self.events.get(event).is_some_and(|e| e.enabled)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 1, maximum = 65535)]
    pub port: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Write-only: never in a response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(write_only)]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<crate::openapi::EmailSecurity>)]
    pub security: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(format = "email", min_length = 1)]
    pub default_from_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_from_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActionCancelPolicy {
    #[serde(default)]
    pub on_password_reset: bool,
}

pub const DURATION_UNITS: [&str; 6] = ["MINUTES", "HOURS", "DAYS", "WEEKS", "MONTHS", "YEARS"];

/// Stored form of `failedAuthenticationConfiguration`, defaults applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = FailedAuthenticationConfiguration)]
pub struct FailedAuthConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_action_id: Option<Uuid>,
    pub too_many_attempts: i64,
    pub reset_count_in_seconds: i64,
    pub action_duration: i64,
    #[schema(value_type = DurationUnit)]
    pub action_duration_unit: String,
    #[serde(default)]
    pub action_cancel_policy: ActionCancelPolicy,
    #[serde(default)]
    pub email_user: bool,
}

impl Default for FailedAuthConfig {
    fn default() -> Self {
        Self {
            user_action_id: None,
            too_many_attempts: 5,
            reset_count_in_seconds: 60,
            action_duration: 3,
            action_duration_unit: "MINUTES".into(),
            action_cancel_policy: ActionCancelPolicy::default(),
            email_user: false,
        }
    }
}

/// Absent → `None`; present (even `null`) → `Some(value)`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = FailedAuthenticationConfigurationInput)]
pub struct FailedAuthInput {
    /// An active, temporal definition that prevents login and is available in the tenant.
    pub user_action_id: Option<Uuid>,
    #[schema(minimum = 1)]
    pub too_many_attempts: Option<i64>,
    #[schema(minimum = 1)]
    pub reset_count_in_seconds: Option<i64>,
    #[schema(minimum = 1)]
    pub action_duration: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub action_duration_unit: Option<Option<DurationUnit>>,
    pub action_cancel_policy: Option<ActionCancelPolicy>,
    pub email_user: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "UPPERCASE")]
#[schema(as = ExpiryUnit)]
pub enum DurationUnit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

impl DurationUnit {
    pub fn parse(s: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TenantInput {
    #[schema(value_type = String, min_length = 1, max_length = 191, pattern = r"\S")]
    pub name: Option<String>,
    pub data: Option<serde_json::Map<String, serde_json::Value>>,
    pub event_configuration: Option<EventConfiguration>,
    pub email_configuration: Option<EmailConfiguration>,
    pub failed_authentication_configuration: Option<FailedAuthInput>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tenant {
    pub id: Uuid,
    pub name: String,
    pub is_default: bool,
    pub data: serde_json::Map<String, serde_json::Value>,
    pub event_configuration: EventConfiguration,
    pub email_configuration: EmailConfiguration,
    pub failed_authentication_configuration: FailedAuthConfig,
    pub signing_secret: String,
    pub insert_instant: i64,
    pub last_update_instant: i64,
}

impl Tenant {
    /// The default tenant holds whatever names no tenant, so it can't be deleted.
    pub fn check_deletable(&self) -> Result<(), FieldErrors> {
        if self.is_default {
            return Err(FieldErrors::single(Kind::CannotDelete, "tenantId"));
        }
        Ok(())
    }

    /// Whether emails to users in this tenant can go out: through its own SMTP server, else
    /// through the server-wide one when there is one (`server_smtp`).
    pub fn sends_email(&self, server_smtp: bool) -> bool {
        server_smtp || self.email_configuration.host.is_some()
    }
}

impl TenantInput {
    /// The input of a form that edits only parts of a tenant, completed from `stored`: `data`
    /// when it has none, the settings of events it does not name, each named event's
    /// transaction type, and the failed-login cancel policy.
    pub fn keeping_rest_of(mut self, stored: &Tenant) -> TenantInput {
        if self.data.is_none() {
            self.data = Some(stored.data.clone());
        }
        let mut events = stored.event_configuration.clone();
        for (name, given) in self.event_configuration.take().unwrap_or_default().events {
            let setting = events.events.entry(name).or_default();
            setting.enabled = given.enabled;
            if given.transaction_type.is_some() {
                setting.transaction_type = given.transaction_type;
            }
        }
        self.event_configuration = Some(events);
        if let Some(failed) = self.failed_authentication_configuration.as_mut() {
            if failed.action_cancel_policy.is_none() {
                failed.action_cancel_policy = Some(
                    stored
                        .failed_authentication_configuration
                        .action_cancel_policy
                        .clone(),
                );
            }
        }
        self
    }
}

/// What validation needs from the store.
#[derive(Debug, Default)]
pub struct TenantFacts<'a> {
    pub name_taken: bool,
    /// The lockout definition named by `userActionId`, if it exists.
    pub lockout_action: Option<&'a UserAction>,
}

/// Normalises and checks a tenant; `stored` supplies the write-only email password.
pub fn build(
    input: TenantInput,
    stored_password: Option<String>,
    id: Uuid,
    facts: &TenantFacts,
    errors: &mut FieldErrors,
) -> (
    String,
    EventConfiguration,
    EmailConfiguration,
    FailedAuthConfig,
) {
    let name = trim_opt(input.name).unwrap_or_default();
    if name.is_empty() {
        errors.add(Kind::Blank, "tenant.name");
    } else if too_long(&name, MAX_NAME) {
        errors.add(Kind::TooLong, "tenant.name");
    } else if facts.name_taken {
        errors.add_with(
            Kind::Duplicate,
            "tenant.name",
            format!("A Tenant with name = [{name}] already exists."),
        );
    }
    let events = input.event_configuration.unwrap_or_default();
    if events.events.values().any(|e| {
        e.transaction_type
            .as_deref()
            .is_some_and(|t| !TRANSACTION_TYPES.contains(&t))
    }) {
        errors.add(Kind::Invalid, "tenant.eventConfiguration.events");
    }
    let mut email = input.email_configuration.unwrap_or_default();
    if email.password.is_none() {
        email.password = stored_password;
    }
    if email.port.is_some_and(|p| !(1..=65535).contains(&p)) {
        errors.add(Kind::Invalid, "tenant.emailConfiguration.port");
    }
    if email
        .security
        .as_deref()
        .is_some_and(|s| !["NONE", "SSL", "TLS"].contains(&s))
    {
        errors.add(Kind::Invalid, "tenant.emailConfiguration.security");
    }
    if email
        .default_from_email
        .as_deref()
        .is_some_and(|e| !super::user::is_email(e))
    {
        errors.add(Kind::Invalid, "tenant.emailConfiguration.defaultFromEmail");
    }
    let failed = failed_auth(
        input
            .failed_authentication_configuration
            .unwrap_or_default(),
        id,
        facts,
        errors,
    );
    (name, events, email, failed)
}

fn failed_auth(
    input: FailedAuthInput,
    tenant: Uuid,
    facts: &TenantFacts,
    errors: &mut FieldErrors,
) -> FailedAuthConfig {
    const P: &str = "tenant.failedAuthenticationConfiguration";
    let defaults = FailedAuthConfig::default();
    let config = FailedAuthConfig {
        user_action_id: input.user_action_id,
        too_many_attempts: input
            .too_many_attempts
            .unwrap_or(defaults.too_many_attempts),
        reset_count_in_seconds: input
            .reset_count_in_seconds
            .unwrap_or(defaults.reset_count_in_seconds),
        action_duration: input.action_duration.unwrap_or(defaults.action_duration),
        action_duration_unit: match input.action_duration_unit {
            Some(Some(unit)) => serde_json::to_value(unit)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or(defaults.action_duration_unit),
            _ => defaults.action_duration_unit,
        },
        action_cancel_policy: input.action_cancel_policy.unwrap_or_default(),
        email_user: input.email_user.unwrap_or(false),
    };
    for (field, value) in [
        ("tooManyAttempts", config.too_many_attempts),
        ("resetCountInSeconds", config.reset_count_in_seconds),
        ("actionDuration", config.action_duration),
    ] {
        if value <= 0 {
            errors.add(Kind::TooSmall, &format!("{P}.{field}"));
        }
    }
    if config.user_action_id.is_some() {
        let usable = facts
            .lockout_action
            .is_some_and(|a| a.is_usable(Some(tenant)) && a.spec.temporal && a.spec.prevent_login);
        if !usable {
            errors.add_with(
                Kind::Invalid,
                &format!("{P}.userActionId"),
                "The lockout user action must exist, be active, temporal, prevent login and be available in this tenant.",
            );
        }
        if input.action_duration_unit == Some(None) {
            errors.add(Kind::Missing, &format!("{P}.actionDurationUnit"));
        }
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_partial_input_keeps_what_it_does_not_name() {
        let stored = Tenant {
            id: Uuid::from_u128(1),
            name: "Shop".into(),
            is_default: false,
            data: json!({"kept": true}).as_object().cloned().unwrap(),
            event_configuration: serde_json::from_value(json!({"events": {
                "user.action": {"enabled": true, "transactionType": "Any"},
                "user.create": {"enabled": true}
            }}))
            .unwrap(),
            email_configuration: EmailConfiguration::default(),
            failed_authentication_configuration: FailedAuthConfig {
                action_cancel_policy: ActionCancelPolicy {
                    on_password_reset: true,
                },
                ..FailedAuthConfig::default()
            },
            signing_secret: String::new(),
            insert_instant: 0,
            last_update_instant: 0,
        };
        let input: TenantInput = serde_json::from_value(json!({
            "name": "Shop",
            "eventConfiguration": {"events": {"user.action": {"enabled": false}}},
            "failedAuthenticationConfiguration": {"tooManyAttempts": 3}
        }))
        .unwrap();
        let merged = input.keeping_rest_of(&stored);
        assert_eq!(merged.data, Some(stored.data.clone()));
        let events = merged.event_configuration.unwrap().events;
        assert!(!events["user.action"].enabled);
        assert_eq!(
            events["user.action"].transaction_type.as_deref(),
            Some("Any")
        );
        assert!(events["user.create"].enabled);
        let failed = merged.failed_authentication_configuration.unwrap();
        assert_eq!(failed.too_many_attempts, Some(3));
        assert_eq!(
            failed.action_cancel_policy,
            Some(ActionCancelPolicy {
                on_password_reset: true
            })
        );
        // What the input does carry wins.
        let given: TenantInput = serde_json::from_value(json!({
            "data": {"new": 1},
            "failedAuthenticationConfiguration": {"actionCancelPolicy": {"onPasswordReset": false}}
        }))
        .unwrap();
        let merged = given.keeping_rest_of(&stored);
        assert_eq!(merged.data, json!({"new": 1}).as_object().cloned());
        assert_eq!(
            merged
                .failed_authentication_configuration
                .unwrap()
                .action_cancel_policy,
            Some(ActionCancelPolicy {
                on_password_reset: false
            })
        );
    }
}
