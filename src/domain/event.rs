//! The `user.action` webhook event: which values each phase carries.

use serde::Serialize;
use uuid::Uuid;

use super::instance::{Instance, Phase, FOREVER};
use super::user_action::UserActionSpec;

pub const USER_ACTION: &str = "user.action";

/// The event body; properties in alphabetical order, absent values omitted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserActionEvent {
    pub action: String,
    pub action_id: Uuid,
    pub actionee_user_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actioner_user_id: Option<Uuid>,
    pub application_ids: Vec<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub create_instant: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<serde_json::Value>,
    pub emailed_user: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry: Option<i64>,
    pub id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub info: Option<serde_json::Map<String, serde_json::Value>>,
    pub linked_object_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localized_action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localized_duration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localized_option: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localized_reason: Option<String>,
    pub notify_user: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
    pub tenant_id: Uuid,
    #[serde(rename = "type")]
    pub event_type: &'static str,
}

/// The request flags of start, modify and cancel; the end phase uses the instance's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    pub notify_user: bool,
    pub email_user: bool,
}

/// `None` phase: an instantaneous action.
pub fn phase_of(instance: &Instance, phase: Phase) -> Option<Phase> {
    instance.expiry.map(|_| phase)
}

/// Who hears of a change, decided before any row is read: the actionee by email, the webhooks,
/// and whether the event says the user was notified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience {
    /// An email to the actionee, if the phase has a template and the actionee an address.
    pub email_user: bool,
    /// The event to the webhooks that receive it, if the tenant has `user.action` enabled.
    pub webhooks: bool,
    pub notify_user: bool,
}

impl Audience {
    pub fn nobody(&self) -> bool {
        !self.email_user && !self.webhooks
    }

    /// Whether the event carries the rendered email: when webhooks receive it, the definition
    /// asks for it and the user is notified.
    pub fn email_in_event(&self, spec: &UserActionSpec, hooks: bool) -> bool {
        hooks && spec.include_email_in_event_json && self.notify_user
    }
}

/// The audience of a change. Start, modify and cancel follow the request (`flags`, and
/// `broadcast` for webhooks); an end follows what the instance stored and is always published;
/// a reminder is always published and emails when the definition allows emailing (the
/// reminder's own template decides whether there is one).
pub fn audience(
    phase: Phase,
    flags: Flags,
    broadcast: bool,
    instance: &Instance,
    spec: &UserActionSpec,
) -> Audience {
    match phase {
        Phase::End => Audience {
            email_user: instance.email_user_on_end && spec.user_emailing_enabled,
            webhooks: true,
            notify_user: instance.notify_user_on_end,
        },
        Phase::Reminder => Audience {
            email_user: spec.user_emailing_enabled,
            webhooks: true,
            notify_user: instance.notify_user_on_end,
        },
        Phase::Start | Phase::Modify | Phase::Cancel => Audience {
            email_user: flags.email_user,
            webhooks: broadcast,
            notify_user: flags.notify_user,
        },
    }
}

/// Whether the event of this phase carries `localizedDuration`: start, modify and reminder
/// of a temporal instance whose expiry is not forever.
pub fn carries_duration(phase: Option<Phase>, expiry: Option<i64>) -> bool {
    matches!(
        phase,
        Some(Phase::Start) | Some(Phase::Modify) | Some(Phase::Reminder)
    ) && expiry.is_some_and(|e| e != FOREVER)
}

/// Builds the event of `phase` for the instance as it is after the change.
pub fn build(
    id: Uuid,
    instance: &Instance,
    phase: Option<Phase>,
    flags: Flags,
    now: i64,
    info: Option<serde_json::Map<String, serde_json::Value>>,
    localized_duration: Option<String>,
) -> UserActionEvent {
    let (option_shown, expiry, info, flags) = match phase {
        None | Some(Phase::Start) => (true, instance.expiry, info, flags),
        Some(Phase::Modify) => (false, instance.expiry, info, flags),
        Some(Phase::Cancel) => (false, None, info, flags),
        Some(Phase::Reminder) => (
            false,
            instance.expiry,
            None,
            Flags {
                notify_user: instance.notify_user_on_end,
                email_user: flags.email_user,
            },
        ),
        Some(Phase::End) => (
            true,
            instance.expiry,
            None,
            Flags {
                notify_user: instance.notify_user_on_end,
                email_user: instance.email_user_on_end,
            },
        ),
    };
    UserActionEvent {
        action: instance.name.clone(),
        action_id: instance.id,
        actionee_user_id: instance.actionee_user_id,
        actioner_user_id: instance.actioner_user_id,
        application_ids: instance.application_ids.clone(),
        comment: instance.comment.clone(),
        create_instant: now,
        email: None,
        emailed_user: flags.email_user,
        expiry,
        id,
        info,
        linked_object_id: instance.actionee_user_id,
        localized_action: instance.localized_name.clone(),
        localized_duration: localized_duration.filter(|_| carries_duration(phase, instance.expiry)),
        localized_option: instance.localized_option.clone().filter(|_| option_shown),
        localized_reason: instance.localized_reason.clone(),
        notify_user: flags.notify_user,
        option: instance.option.clone().filter(|_| option_shown),
        phase: phase.map(Phase::as_str),
        reason: instance.reason.clone(),
        reason_code: instance.reason_code.clone(),
        tenant_id: instance.tenant_id,
        event_type: USER_ACTION,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance(expiry: Option<i64>) -> Instance {
        Instance {
            id: Uuid::from_u128(9),
            tenant_id: Uuid::from_u128(1),
            user_action_id: Uuid::from_u128(2),
            actionee_user_id: Uuid::from_u128(3),
            actioner_user_id: Some(Uuid::from_u128(4)),
            comment: Some("c".into()),
            email_user_on_end: true,
            end_event_sent: Some(false),
            name: "Survey".into(),
            localized_name: Some("Umfrage".into()),
            option: Some("happy".into()),
            localized_option: Some("froh".into()),
            ..Instance::example(expiry, 0)
        }
    }

    #[test]
    fn instantaneous_event_has_option_and_no_phase_or_expiry() {
        let i = instance(None);
        let e = build(
            Uuid::nil(),
            &i,
            phase_of(&i, Phase::Start),
            Flags::default(),
            5,
            None,
            Some("1 day".into()),
        );
        assert_eq!(e.phase, None);
        assert_eq!(e.expiry, None);
        assert_eq!(e.localized_duration, None);
        assert_eq!(e.option.as_deref(), Some("happy"));
        assert_eq!(e.action, "Survey");
        assert_eq!(e.linked_object_id, i.actionee_user_id);
    }

    #[test]
    fn cancel_drops_expiry_duration_and_option_end_uses_instance_flags() {
        let i = instance(Some(1000));
        let e = build(
            Uuid::nil(),
            &i,
            Some(Phase::Cancel),
            Flags::default(),
            5,
            None,
            Some("x".into()),
        );
        assert_eq!(
            (e.expiry, e.localized_duration, e.option),
            (None, None, None)
        );
        let e = build(
            Uuid::nil(),
            &i,
            Some(Phase::End),
            Flags::default(),
            5,
            Some(Default::default()),
            None,
        );
        assert!(e.emailed_user);
        assert_eq!(e.info, None);
        assert_eq!(e.phase, Some("end"));
        let forever = instance(Some(FOREVER));
        let e = build(
            Uuid::nil(),
            &forever,
            Some(Phase::Start),
            Flags::default(),
            5,
            None,
            Some("x".into()),
        );
        assert_eq!(e.localized_duration, None);
    }
}
