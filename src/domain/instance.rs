//! The life of an action instance: start → modify* → end | cancel; instantaneous: one moment.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::errors::{FieldErrors, Kind};
use super::locale;
use super::text::{too_long, trim_opt, MAX_COMMENT};
use super::user_action::UserAction;

/// The `expiry` that means "until modified or cancelled".
pub const FOREVER: i64 = i64::MAX;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct HistoryItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actioner_user_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub create_instant: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry: Option<i64>,
}

/// One application of a definition to one user (FusionAuth's "action log").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub user_action_id: Uuid,
    pub actionee_user_id: Uuid,
    pub actioner_user_id: Option<Uuid>,
    pub application_ids: Vec<Uuid>,
    pub comment: Option<String>,
    pub email_user_on_end: bool,
    pub notify_user_on_end: bool,
    pub end_event_sent: Option<bool>,
    pub expiry: Option<i64>,
    pub cancelled: bool,
    pub created_instant: i64,
    pub insert_instant: i64,
    pub name: String,
    pub localized_name: Option<String>,
    pub option: Option<String>,
    pub localized_option: Option<String>,
    pub reason: Option<String>,
    pub localized_reason: Option<String>,
    pub reason_code: Option<String>,
    pub history: Vec<HistoryItem>,
    /// When a scheduled instance starts (an extension); `None`: it started when applied.
    pub start_instant: Option<i64>,
    /// The escalation ladder's step this instance took (an extension).
    pub escalation_step: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = UserActionLogState)]
pub enum State {
    Active,
    Ended,
    Cancelled,
    Instant,
    /// Applied with a `startInstant` still to come (an extension).
    Scheduled,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Active => "active",
            State::Ended => "ended",
            State::Cancelled => "cancelled",
            State::Instant => "instant",
            State::Scheduled => "scheduled",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        [
            State::Active,
            State::Ended,
            State::Cancelled,
            State::Instant,
            State::Scheduled,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }
}

/// A step in the life of a temporal instance (`None` phase: an instantaneous action).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Start,
    Modify,
    Cancel,
    End,
    /// A reminder some time before expiry (an extension).
    Reminder,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Start => "start",
            Phase::Modify => "modify",
            Phase::Cancel => "cancel",
            Phase::End => "end",
            Phase::Reminder => "reminder",
        }
    }
}

impl Instance {
    pub fn state(&self, now: i64) -> State {
        match self.expiry {
            None => State::Instant,
            Some(_) if self.cancelled => State::Cancelled,
            Some(_) if self.start_instant.is_some_and(|s| s > now) => State::Scheduled,
            Some(_) if self.is_current(now) => State::Active,
            Some(_) => State::Ended,
        }
    }

    /// The one rule for "current": temporal, started (no start or a start at or before `now`),
    /// expiring after `now`, and not cancelled. `store::instances::current` is its SQL form.
    pub fn is_current(&self, now: i64) -> bool {
        !self.cancelled
            && self.expiry.is_some_and(|expiry| expiry > now)
            && self.start_instant.is_none_or(|start| start <= now)
    }

    /// Active or scheduled: what modify and cancel accept (a scheduled start can be moved or
    /// called off before it happens).
    pub fn is_changeable(&self, now: i64) -> bool {
        matches!(self.state(now), State::Active | State::Scheduled)
    }

    /// Whether the instance's end is still to be processed at its expiry: it wants an end
    /// event that was not sent, and it was not cancelled.
    pub fn awaits_end(&self) -> bool {
        self.end_event_sent == Some(false) && !self.cancelled && self.expiry.is_some()
    }

    /// When the instance was first applied.
    pub fn creation_instant(&self) -> i64 {
        self.history
            .first()
            .map(|h| h.create_instant)
            .unwrap_or(self.insert_instant)
    }

    fn push_history(&mut self) {
        self.history.push(HistoryItem {
            actioner_user_id: self.actioner_user_id,
            comment: self.comment.clone(),
            create_instant: self.insert_instant,
            expiry: self.expiry,
        });
    }

    /// Modify: the previous state goes to history, the request's values replace it.
    pub fn modify(&mut self, change: &Change, expiry: i64, now: i64) {
        self.push_history();
        self.apply_change(change, now);
        self.expiry = Some(expiry);
    }

    /// Cancel: like modify, with the expiry set to now. `broadcast` marks the end event as sent,
    /// since the cancel event takes its place.
    pub fn cancel(&mut self, change: &Change, broadcast: bool, now: i64) {
        self.push_history();
        self.apply_change(change, now);
        self.expiry = Some(now);
        self.cancelled = true;
        if broadcast {
            self.end_event_sent = Some(true);
        }
    }

    fn apply_change(&mut self, change: &Change, now: i64) {
        self.actioner_user_id = Some(change.actioner_user_id);
        self.comment = change.comment.clone();
        self.email_user_on_end = change.email_user;
        self.notify_user_on_end = change.notify_user;
        self.insert_instant = now;
    }
}

/// `endEventSent` from what is stored: ending an instance removes it from the queue of ends
/// instead of rewriting its row, so a stored `false` on an instance that is neither cancelled nor
/// still queued means its end has been processed.
pub fn end_event_sent(stored: Option<bool>, cancelled: bool, end_queued: bool) -> Option<bool> {
    match stored {
        Some(false) if !cancelled && !end_queued => Some(true),
        other => other,
    }
}

/// The `action` object of an ActionRequest, as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ActionData)]
pub struct ActionInput {
    #[schema(value_type = Uuid)]
    pub user_action_id: Option<Uuid>,
    #[schema(value_type = Uuid)]
    pub actionee_user_id: Option<Uuid>,
    #[schema(value_type = Uuid)]
    pub actioner_user_id: Option<Uuid>,
    pub application_ids: Option<Vec<Uuid>>,
    #[schema(max_length = 4000)]
    pub comment: Option<String>,
    pub email_user: Option<bool>,
    pub expiry: Option<i64>,
    pub notify_user: Option<bool>,
    pub option: Option<String>,
    pub reason_id: Option<Uuid>,
    /// Actioneer's extension, on modify and cancel: the `version` of the instance the client
    /// last read; a change made since refuses the request (409) instead of overwriting it.
    pub version: Option<i64>,
    /// Actioneer's extensions: `startInstant`, `escalate`.
    #[serde(flatten)]
    pub beyond: super::lifecycle::ApplyInput,
}

/// The values a modify or cancel writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub actioner_user_id: Uuid,
    pub comment: Option<String>,
    pub email_user: bool,
    pub notify_user: bool,
}

/// What the store found for an apply request.
#[derive(Debug, Clone, Default)]
pub struct ApplyFacts<'a> {
    /// The definition, when it exists, is active and is available in the actionee's tenant.
    pub definition: Option<&'a UserAction>,
    pub actioner_found: bool,
    pub actionee_found: bool,
    pub reason_found: bool,
    pub unknown_application: bool,
    pub has_current_instance: bool,
}

/// Checks an apply request; every error found is reported.
pub fn validate_apply(
    input: &ActionInput,
    facts: &ApplyFacts,
    now: i64,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut names = |id: Option<Uuid>, found: bool, field: &str, what: &str| {
        if id.is_none() {
            errors.add(Kind::Missing, field);
        } else if !found {
            let message = format!("The value of [{field}] names no {what}.");
            errors.add_with(Kind::Invalid, field, message);
        }
    };
    names(
        input.user_action_id,
        facts.definition.is_some(),
        "action.userActionId",
        "active user action available to this user",
    );
    names(
        input.actioner_user_id,
        facts.actioner_found,
        "action.actionerUserId",
        "user",
    );
    names(
        input.actionee_user_id,
        facts.actionee_found,
        "action.actioneeUserId",
        "user",
    );
    if input.reason_id.is_some() && !facts.reason_found {
        errors.add_with(
            Kind::Invalid,
            "action.reasonId",
            "The value of [action.reasonId] names no reason.",
        );
    }
    if facts.unknown_application {
        errors.add_with(
            Kind::Invalid,
            "action.applicationIds",
            "A value of [action.applicationIds] names no application of the user's tenant.",
        );
    }
    check_comment(input.comment.as_deref(), &mut errors);
    if let Some(definition) = facts.definition {
        super::lifecycle::check_apply(&input.beyond, input.expiry, definition, now, &mut errors);
    }
    let option = input
        .option
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty());
    if let Some(definition) = facts.definition {
        let spec = &definition.spec;
        if spec.temporal {
            match input.expiry {
                None => errors.add(Kind::Missing, "action.expiry"),
                Some(expiry) if expiry <= now => errors.add(Kind::InPast, "action.expiry"),
                Some(_) => {}
            }
            if option.is_some() {
                errors.add_with(
                    Kind::NotAllowed,
                    "action.option",
                    "A temporal user action takes no option.",
                );
            }
        } else {
            if input.expiry.is_some() {
                errors.add_with(
                    Kind::NotAllowed,
                    "action.expiry",
                    "An instantaneous user action takes no expiry.",
                );
            }
            match input.option.as_deref() {
                Some(given) if !given.trim().is_empty() => {
                    let known = spec.options.iter().any(|o| o.name == given);
                    if !known {
                        errors.add_with(
                            Kind::Invalid,
                            "action.option",
                            format!("[{given}] is not an option of this user action."),
                        );
                    }
                }
                _ if !spec.options.is_empty() => errors.add_with(
                    Kind::Blank,
                    "action.option",
                    "This user action requires one of its options.",
                ),
                _ => {}
            }
        }
        check_flags(
            definition,
            input.notify_user.unwrap_or(false),
            input.email_user.unwrap_or(false),
            spec.start_email_template_id.is_some(),
            &mut errors,
        );
        if errors.is_empty() && spec.temporal && facts.has_current_instance {
            errors.add_with(
                Kind::Duplicate,
                "action.userActionId",
                "The user already has a current instance of this user action.",
            );
        }
    }
    errors.into_result()
}

/// Checks a modify (`expiry` given) or cancel (`expiry` None) request against the definition.
pub fn validate_change(
    input: &ActionInput,
    definition: &UserAction,
    phase: Phase,
    actioner_found: bool,
    now: i64,
) -> Result<Change, FieldErrors> {
    let mut errors = FieldErrors::new();
    match input.actioner_user_id {
        None => errors.add(Kind::Missing, "action.actionerUserId"),
        Some(_) if !actioner_found => errors.add_with(
            Kind::Invalid,
            "action.actionerUserId",
            "The value of [action.actionerUserId] names no user.",
        ),
        Some(_) => {}
    }
    if phase == Phase::Modify {
        match input.expiry {
            None => errors.add(Kind::Missing, "action.expiry"),
            Some(expiry) if expiry <= now => errors.add(Kind::InPast, "action.expiry"),
            Some(_) => {}
        }
    }
    check_comment(input.comment.as_deref(), &mut errors);
    let template = match phase {
        Phase::Modify => definition.spec.modify_email_template_id,
        _ => definition.spec.cancel_email_template_id,
    };
    let email_user = input.email_user.unwrap_or(false);
    let notify_user = input.notify_user.unwrap_or(false);
    check_flags(
        definition,
        notify_user,
        email_user,
        template.is_some(),
        &mut errors,
    );
    errors.into_result()?;
    Ok(Change {
        actioner_user_id: input.actioner_user_id.unwrap_or_default(),
        comment: trim_opt(input.comment.clone()),
        email_user,
        notify_user,
    })
}

fn check_comment(comment: Option<&str>, errors: &mut FieldErrors) {
    if comment.is_some_and(|c| too_long(c.trim(), MAX_COMMENT)) {
        errors.add(Kind::TooLong, "action.comment");
    }
}

fn check_flags(
    definition: &UserAction,
    notify: bool,
    email: bool,
    has_template: bool,
    errors: &mut FieldErrors,
) {
    if notify && !definition.spec.user_notifications_enabled {
        errors.add(Kind::Disabled, "action.notifyUser");
    }
    if email && !definition.spec.user_emailing_enabled {
        errors.add(Kind::EmailingNotSupported, "action.emailUser");
    } else if email && !has_template {
        errors.add(Kind::ActionIsMissingTemplateDefinition, "action.emailUser");
    }
}

/// The copied, localized texts of a new instance.
pub struct Copied {
    pub localized_name: String,
    pub option: Option<String>,
    pub localized_option: Option<String>,
}

/// Localizes the definition's name and the chosen option for the actionee.
pub fn localize_for(definition: &UserAction, option: Option<&str>, preferred: &[String]) -> Copied {
    let spec = &definition.spec;
    let localized_name =
        locale::localized(&spec.localized_names, &spec.name, preferred).to_string();
    let chosen = option
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .and_then(|o| spec.options.iter().find(|opt| opt.name == o));
    Copied {
        localized_name,
        option: chosen.map(|o| o.name.clone()),
        localized_option: chosen
            .map(|o| locale::localized(&o.localized_names, &o.name, preferred).to_string()),
    }
}

/// A "Ban" by user 1 with the comment "first", applied at `at`, for tests across the crate.
#[cfg(test)]
impl Instance {
    pub(crate) fn example(expiry: Option<i64>, at: i64) -> Instance {
        Instance {
            id: Uuid::nil(),
            tenant_id: Uuid::nil(),
            user_action_id: Uuid::nil(),
            actionee_user_id: Uuid::nil(),
            actioner_user_id: Some(Uuid::from_u128(1)),
            application_ids: vec![],
            comment: Some("first".into()),
            email_user_on_end: false,
            notify_user_on_end: false,
            end_event_sent: None,
            expiry,
            cancelled: false,
            created_instant: at,
            insert_instant: at,
            name: "Ban".into(),
            localized_name: None,
            option: None,
            localized_option: None,
            reason: None,
            localized_reason: None,
            reason_code: None,
            history: vec![],
            start_instant: None,
            escalation_step: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temporal_instance(expiry: i64) -> Instance {
        Instance {
            end_event_sent: Some(false),
            ..Instance::example(Some(expiry), 100)
        }
    }

    /// A change by another actioner, without comment, email or notification.
    fn quiet_change() -> Change {
        Change {
            actioner_user_id: Uuid::from_u128(2),
            comment: None,
            email_user: false,
            notify_user: false,
        }
    }

    #[test]
    fn only_an_uncancelled_instance_wanting_an_end_event_awaits_its_end() {
        let mut i = temporal_instance(1000);
        assert!(i.awaits_end());
        i.end_event_sent = None; // the definition does not send end events
        assert!(!i.awaits_end());
        i.end_event_sent = Some(false);
        let change = quiet_change();
        i.cancel(&change, false, 500);
        assert!(!i.awaits_end());
    }

    #[test]
    fn a_stored_false_reads_as_sent_once_the_end_left_the_queue() {
        assert_eq!(end_event_sent(Some(false), false, true), Some(false));
        assert_eq!(end_event_sent(Some(false), false, false), Some(true));
        // A cancel without broadcast sends no end event, queued or not.
        assert_eq!(end_event_sent(Some(false), true, false), Some(false));
        assert_eq!(end_event_sent(Some(true), true, false), Some(true));
        assert_eq!(end_event_sent(None, false, false), None);
    }

    #[test]
    fn state_follows_expiry_and_cancel() {
        let mut i = temporal_instance(1000);
        assert_eq!(i.state(999), State::Active);
        assert_eq!(i.state(1000), State::Ended);
        let change = quiet_change();
        i.cancel(&change, false, 500);
        assert_eq!(i.state(500), State::Cancelled);
        assert_eq!(i.expiry, Some(500));
        assert_eq!(i.end_event_sent, Some(false));
        i.expiry = None;
        assert_eq!(i.state(0), State::Instant);
    }

    #[test]
    fn modify_records_previous_state_in_history() {
        let mut i = temporal_instance(1000);
        let change = Change {
            actioner_user_id: Uuid::from_u128(2),
            comment: Some("longer".into()),
            email_user: true,
            notify_user: false,
        };
        i.modify(&change, 5000, 300);
        assert_eq!(
            i.history,
            vec![HistoryItem {
                actioner_user_id: Some(Uuid::from_u128(1)),
                comment: Some("first".into()),
                create_instant: 100,
                expiry: Some(1000)
            }]
        );
        assert_eq!(i.expiry, Some(5000));
        assert_eq!(i.insert_instant, 300);
        assert_eq!(i.creation_instant(), 100);
        assert!(i.email_user_on_end);
    }
}
