//! Beyond FusionAuth's lifecycle: kinds of definitions, scheduled starts, reminders before the
//! end and escalation ladders. Pure rules; the store and the services apply them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::errors::{FieldErrors, Kind};
use super::instance::{Instance, State, FOREVER};
use super::user_action::UserAction;

/// What a definition is for, so that pages and searches keep penalties apart from entitlements
/// (an expired subscription is not a punishment).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
#[schema(as = UserActionKind)]
pub enum ActionKind {
    Penalty,
    Entitlement,
    Survey,
    #[default]
    Other,
}

impl ActionKind {
    pub const ALL: [ActionKind; 4] = [
        ActionKind::Penalty,
        ActionKind::Entitlement,
        ActionKind::Survey,
        ActionKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Penalty => "penalty",
            ActionKind::Entitlement => "entitlement",
            ActionKind::Survey => "survey",
            ActionKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The kind a definition gets when none is given: one that prevents login punishes, one with
/// options asks, anything else is "other".
pub fn kind_from_shape(prevent_login: bool, has_options: bool) -> ActionKind {
    if prevent_login {
        ActionKind::Penalty
    } else if has_options {
        ActionKind::Survey
    } else {
        ActionKind::Other
    }
}

/// A reminder of a temporal definition: a `reminder` event (and email) this long before expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionReminder)]
pub struct Reminder {
    /// Milliseconds before the instance's current expiry.
    pub before_expiry: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_template_id: Option<Uuid>,
}

/// A ladder of durations: the n-th countable instance within `window` gets `durations[n-1]`,
/// the last one repeating. A duration equal to FusionAuth's "forever" expiry means permanent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = EscalationLadder)]
pub struct Escalation {
    /// Milliseconds of history counted, back from the apply.
    pub window: i64,
    /// Milliseconds, one per step.
    pub durations: Vec<i64>,
}

/// The extension properties of a definition as a client sends them; absent on an update means
/// "keep what is stored", so FusionAuth clients that do not know them do not erase them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BeyondInput {
    /// `penalty`, `entitlement`, `survey` or `other`; by default from the definition's shape.
    #[schema(value_type = Option<ActionKind>)]
    pub kind: Option<String>,
}

/// The extension properties of a stored definition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionExtensions)]
pub struct Beyond {
    pub kind: ActionKind,
}

impl Beyond {
    /// The input that writes these values back unchanged.
    pub fn to_input(&self) -> BeyondInput {
        BeyondInput {
            kind: Some(self.kind.as_str().to_string()),
        }
    }
}

/// Normalises the extensions: what is absent comes from `stored` (an update) or from the shape.
pub fn normalise(
    input: &BeyondInput,
    stored: Option<&Beyond>,
    prevent_login: bool,
    has_options: bool,
) -> Beyond {
    let kind = match input.kind.as_deref().map(str::trim) {
        Some(given) => ActionKind::parse(given).unwrap_or_default(),
        None => stored.map_or_else(|| kind_from_shape(prevent_login, has_options), |s| s.kind),
    };
    Beyond { kind }
}

/// Checks the extensions as sent (a kind that is not one of the four is `[invalid]`).
pub fn validate(input: &BeyondInput, errors: &mut FieldErrors) {
    if let Some(kind) = input.kind.as_deref() {
        if ActionKind::parse(kind.trim()).is_none() {
            errors.add_with(
                Kind::Invalid,
                "userAction.kind",
                "The value of [userAction.kind] must be penalty, entitlement, survey or other.",
            );
        }
    }
}

/// The extension properties of an apply's `action` (and `startInstant` of a modify).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApplyInput {
    /// When the instance starts, in the future (epoch milliseconds); until then it is
    /// `scheduled`: not active, it prevents no login, and its start event waits.
    pub start_instant: Option<i64>,
    /// Without `expiry`: take the expiry from the definition's (or reason's) escalation ladder.
    pub escalate: Option<bool>,
}

/// Checks an apply's extensions against the definition: a start must be in the future, before
/// the expiry, and only on a temporal definition.
pub fn check_apply(
    input: &ApplyInput,
    expiry: Option<i64>,
    definition: &UserAction,
    now: i64,
    errors: &mut FieldErrors,
) {
    if let Some(start) = input.start_instant {
        check_start(start, expiry, definition.spec.temporal, now, errors);
    }
}

/// A start instant: temporal only, in the future, before the expiry.
pub fn check_start(
    start: i64,
    expiry: Option<i64>,
    temporal: bool,
    now: i64,
    errors: &mut FieldErrors,
) {
    const FIELD: &str = "action.startInstant";
    if !temporal {
        errors.add_with(
            Kind::NotAllowed,
            FIELD,
            "An instantaneous user action cannot be scheduled.",
        );
    } else if start <= now {
        errors.add(Kind::InPast, FIELD);
    } else if expiry.is_some_and(|e| e <= start) {
        errors.add_with(
            Kind::Invalid,
            "action.expiry",
            "The value of [action.expiry] must be after [action.startInstant].",
        );
    }
}

/// A modify's `startInstant`: only a scheduled instance's start can move, to another future
/// instant before the (new) expiry.
pub fn check_modify_start(
    start: Option<i64>,
    instance: &Instance,
    expiry: Option<i64>,
    now: i64,
    errors: &mut FieldErrors,
) {
    match start {
        None => {
            if let (Some(s), Some(e)) = (instance.start_instant, expiry) {
                if s > now && e <= s {
                    errors.add_with(
                        Kind::Invalid,
                        "action.expiry",
                        "The value of [action.expiry] must be after the instance's startInstant.",
                    );
                }
            }
        }
        Some(_) if instance.state(now) != State::Scheduled => errors.add_with(
            Kind::NotAllowed,
            "action.startInstant",
            "The instance has started; its start cannot move.",
        ),
        Some(s) => check_start(s, expiry, true, now, errors),
    }
}

/// The extension properties of an instance on the wire.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionLogExtensions)]
pub struct InstanceExtras {
    /// When a scheduled instance starts (or started).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_instant: Option<i64>,
}

impl InstanceExtras {
    pub fn of(instance: &Instance) -> InstanceExtras {
        InstanceExtras {
            start_instant: instance.start_instant,
        }
    }
}

/// A search's `kind`: absent means every kind; an unknown one is `[invalid]kind`.
pub fn parse_kind_filter(kind: Option<&str>) -> Result<Option<ActionKind>, FieldErrors> {
    match kind.map(str::trim) {
        None => Ok(None),
        Some(k) => ActionKind::parse(k)
            .map(Some)
            .ok_or_else(|| FieldErrors::single(Kind::Invalid, "kind")),
    }
}

/// The expiry an escalation step gives when applied at `start`.
pub fn expiry_after(start: i64, duration: i64) -> i64 {
    if duration == FOREVER {
        FOREVER
    } else {
        start.saturating_add(duration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_from_shape_prefers_penalty_then_survey() {
        assert_eq!(kind_from_shape(true, true), ActionKind::Penalty);
        assert_eq!(kind_from_shape(false, true), ActionKind::Survey);
        assert_eq!(kind_from_shape(false, false), ActionKind::Other);
    }

    #[test]
    fn absent_kind_keeps_stored_or_follows_shape_and_bad_kind_is_invalid() {
        let stored = Beyond {
            kind: ActionKind::Entitlement,
        };
        let none = BeyondInput::default();
        assert_eq!(
            normalise(&none, Some(&stored), true, false).kind,
            ActionKind::Entitlement
        );
        assert_eq!(
            normalise(&none, None, true, false).kind,
            ActionKind::Penalty
        );
        let given = BeyondInput {
            kind: Some(" survey ".into()),
        };
        assert_eq!(
            normalise(&given, Some(&stored), true, false).kind,
            ActionKind::Survey
        );
        let mut errors = FieldErrors::new();
        validate(&given, &mut errors);
        assert!(errors.is_empty());
        validate(
            &BeyondInput {
                kind: Some("punishment".into()),
            },
            &mut errors,
        );
        assert!(!errors.is_empty());
    }
}
