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
    #[schema(minimum = 1)]
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
    #[schema(minimum = 1)]
    pub window: i64,
    /// Milliseconds, one per step.
    #[schema(schema_with = crate::openapi::escalation_durations)]
    pub durations: Vec<i64>,
}

/// The extension properties of a definition as a client sends them; absent on an update means
/// "keep what is stored", so FusionAuth clients that do not know them do not erase them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionInputExtensions)]
pub struct BeyondInput {
    /// `penalty`, `entitlement`, `survey` or `other`; by default from the definition's shape.
    #[schema(value_type = Option<ActionKind>)]
    pub kind: Option<String>,
    /// Temporal definitions only: a `reminder` event (and email) this long before expiry; at
    /// most `MAX_REMINDERS`, no two at the same time.
    #[schema(max_items = 10)]
    pub reminders: Option<Vec<Reminder>>,
    /// Temporal penalties only: the ladder an escalating apply climbs; `null` removes it.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Escalation>)]
    pub escalation: Option<Option<Escalation>>,
}

/// A property that is present (`null` included), as opposed to absent.
pub(crate) fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// The extension properties of a stored definition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionExtensions)]
pub struct Beyond {
    pub kind: ActionKind,
    /// Earliest (longest before expiry) first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reminders: Vec<Reminder>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Escalation>,
}

impl Beyond {
    /// The input that writes these values back unchanged.
    pub fn to_input(&self) -> BeyondInput {
        BeyondInput {
            kind: Some(self.kind.as_str().to_string()),
            reminders: Some(self.reminders.clone()),
            escalation: Some(self.escalation.clone()),
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
    let mut reminders = match &input.reminders {
        Some(given) => given.clone(),
        None => stored.map(|s| s.reminders.clone()).unwrap_or_default(),
    };
    reminders.sort_by_key(|r| std::cmp::Reverse(r.before_expiry));
    let escalation = match &input.escalation {
        Some(given) => given.clone(),
        None => stored.and_then(|s| s.escalation.clone()),
    };
    Beyond {
        kind,
        reminders,
        escalation,
    }
}

/// At most this many reminders per definition.
pub const MAX_REMINDERS: usize = 10;

/// What the store knows that checking the extensions needs.
#[derive(Debug, Default, Clone)]
pub struct BeyondFacts {
    /// Positions (in `Beyond::reminders`) of reminders whose template does not exist.
    pub unknown_reminder_templates: Vec<usize>,
}

/// Checks normalised extensions: reminders belong to temporal definitions, each some time
/// before expiry, no two at the same time, their templates existing.
pub fn validate_definition(
    beyond: &Beyond,
    temporal: bool,
    facts: &BeyondFacts,
    errors: &mut FieldErrors,
) {
    check_escalation(beyond, temporal, errors);
    const FIELD: &str = "userAction.reminders";
    if beyond.reminders.is_empty() {
        return;
    }
    if !temporal {
        errors.add_with(
            Kind::NotAllowed,
            FIELD,
            "Only a temporal user action can remind before its expiry.",
        );
        return;
    }
    if beyond.reminders.len() > MAX_REMINDERS {
        errors.add_with(
            Kind::TooLong,
            FIELD,
            format!("A user action has at most {MAX_REMINDERS} reminders."),
        );
    }
    for (n, r) in beyond.reminders.iter().enumerate() {
        if r.before_expiry <= 0 {
            errors.add_with(
                Kind::Invalid,
                &format!("{FIELD}[{n}].beforeExpiry"),
                "A reminder's [beforeExpiry] is a positive number of milliseconds.",
            );
        }
        if n > 0 && beyond.reminders[n - 1].before_expiry == r.before_expiry {
            errors.add_with(
                Kind::Duplicate,
                &format!("{FIELD}[{n}].beforeExpiry"),
                "Two reminders at the same time before expiry.",
            );
        }
        if facts.unknown_reminder_templates.contains(&n) {
            errors.add_with(
                Kind::Invalid,
                &format!("{FIELD}[{n}].emailTemplateId"),
                "The value of [emailTemplateId] names no email template.",
            );
        }
    }
}

/// At most this many steps in a ladder.
pub const MAX_STEPS: usize = 20;

/// A ladder belongs to a temporal penalty.
fn check_escalation(beyond: &Beyond, temporal: bool, errors: &mut FieldErrors) {
    const FIELD: &str = "userAction.escalation";
    let Some(ladder) = &beyond.escalation else {
        return;
    };
    if !can_escalate(beyond.kind, temporal) {
        errors.add_with(
            Kind::NotAllowed,
            FIELD,
            "Only a temporal user action of kind penalty can escalate.",
        );
        return;
    }
    check_ladder(ladder, FIELD, errors);
}

/// Only a temporal penalty escalates: a ladder gives durations, and climbing it punishes.
pub fn can_escalate(kind: ActionKind, temporal: bool) -> bool {
    temporal && kind == ActionKind::Penalty
}

/// A ladder (of a definition or of a reason, reported under `field`): its window and every
/// duration are positive, with one to [`MAX_STEPS`] steps.
pub fn check_ladder(ladder: &Escalation, field: &str, errors: &mut FieldErrors) {
    if ladder.window <= 0 {
        errors.add_with(
            Kind::Invalid,
            &format!("{field}.window"),
            "The [window] is a positive number of milliseconds.",
        );
    }
    if ladder.durations.is_empty() {
        errors.add(Kind::Blank, &format!("{field}.durations"));
    } else if ladder.durations.len() > MAX_STEPS {
        errors.add_with(
            Kind::TooLong,
            &format!("{field}.durations"),
            format!("A ladder has at most {MAX_STEPS} steps."),
        );
    }
    for (n, d) in ladder.durations.iter().enumerate() {
        if *d <= 0 {
            errors.add_with(
                Kind::Invalid,
                &format!("{field}.durations[{n}]"),
                "Each duration is a positive number of milliseconds.",
            );
        }
    }
}

/// Whose ladder an escalating apply climbs, and so whose history it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LadderOf {
    /// The definition's: earlier instances of the same definition count.
    Definition,
    /// The reason's: earlier instances given for the same reason count, whatever the definition.
    Reason,
}

/// The ladder an escalating apply of a temporal penalty climbs: the reason's when it has one,
/// because the reason names the offence that repeats (one "Suspend" may escalate differently
/// for spam than for harassment); else the definition's. `None` when neither applies.
pub fn choose_ladder<'a>(
    definition: &'a Beyond,
    temporal: bool,
    reason: Option<&'a Escalation>,
) -> Option<(&'a Escalation, LadderOf)> {
    if !can_escalate(definition.kind, temporal) {
        return None;
    }
    match (reason, &definition.escalation) {
        (Some(ladder), _) => Some((ladder, LadderOf::Reason)),
        (None, Some(ladder)) => Some((ladder, LadderOf::Definition)),
        (None, None) => None,
    }
}

/// One earlier instance of the definition for the same actionee, as escalation counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Past {
    pub created_instant: i64,
    pub cancelled: bool,
}

/// The step an escalating apply takes and the duration it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// 1 for the first countable instance in the window.
    pub step: usize,
    /// Milliseconds, or `FOREVER`.
    pub duration: i64,
}

/// The next step of the ladder for an actionee with this history: the n-th countable instance
/// within the window (cancelled ones do not count) gets `durations[n-1]`, the last repeating.
pub fn next_step(ladder: &Escalation, history: &[Past], now: i64) -> Option<Step> {
    let since = now.saturating_sub(ladder.window);
    let counted = history
        .iter()
        .filter(|p| !p.cancelled && p.created_instant > since)
        .count();
    let step = counted + 1;
    let duration = *ladder
        .durations
        .get(step.min(ladder.durations.len()).checked_sub(1)?)?;
    Some(Step { step, duration })
}

/// A reminder waiting to be sent: which one (by its time before expiry) and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingReminder {
    pub before_expiry: i64,
    pub due: i64,
}

/// The reminders an instance waits for when applied at `now`: none for a cancelled, permanent
/// or instantaneous instance; a reminder whose time has passed (or comes before a scheduled
/// start) is not sent.
pub fn reminders_due(
    reminders: &[Reminder],
    instance: &Instance,
    now: i64,
) -> Vec<PendingReminder> {
    let Some(expiry) = instance
        .expiry
        .filter(|e| *e != FOREVER && !instance.cancelled)
    else {
        return vec![];
    };
    let after = instance.start_instant.map_or(now, |s| s.max(now));
    reminders
        .iter()
        .map(|r| PendingReminder {
            before_expiry: r.before_expiry,
            due: expiry.saturating_sub(r.before_expiry),
        })
        .filter(|p| p.due > after)
        .collect()
}

/// Pending reminders after a modify: each moves with the expiry and is dropped when its new
/// time has passed; a cancel (or a permanent expiry) drops them all. Reminders already sent are
/// not pending, so they are not sent again.
pub fn move_reminders(pending: &[i64], instance: &Instance, now: i64) -> Vec<PendingReminder> {
    let reminders: Vec<Reminder> = pending
        .iter()
        .map(|b| Reminder {
            before_expiry: *b,
            email_template_id: None,
        })
        .collect();
    reminders_due(&reminders, instance, now)
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
#[schema(as = ActionDataExtensions)]
pub struct ApplyInput {
    /// When the instance starts, in the future (epoch milliseconds); until then it is
    /// `scheduled`: not active, it prevents no login, and its start event waits.
    pub start_instant: Option<i64>,
    /// Without `expiry`: take the expiry from the definition's escalation ladder.
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
            reminders: vec![],
            escalation: None,
        };
        let none = BeyondInput::default();
        let stored = Beyond {
            reminders: vec![],
            ..stored
        };
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
            reminders: None,
            escalation: None,
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
                reminders: None,
                escalation: None,
            },
            &mut errors,
        );
        assert!(!errors.is_empty());
    }

    fn reminder(before: i64) -> Reminder {
        Reminder {
            before_expiry: before,
            email_template_id: None,
        }
    }

    fn instance(expiry: Option<i64>, start: Option<i64>) -> Instance {
        Instance {
            actioner_user_id: None,
            comment: None,
            end_event_sent: Some(false),
            start_instant: start,
            ..Instance::example(expiry, 0)
        }
    }

    #[test]
    fn reminders_due_skip_past_ones_permanent_and_before_start() {
        let rs = [reminder(300), reminder(100), reminder(2_000)];
        let due: Vec<i64> = reminders_due(&rs, &instance(Some(1_000), None), 500)
            .iter()
            .map(|p| p.due)
            .collect();
        assert_eq!(
            due,
            vec![700, 900],
            "the 2,000 ms one was past when applied"
        );
        assert!(reminders_due(&rs, &instance(Some(FOREVER), None), 0).is_empty());
        assert!(reminders_due(&rs, &instance(None, None), 0).is_empty());
        let scheduled = instance(Some(1_000), Some(800));
        let due: Vec<i64> = reminders_due(&rs, &scheduled, 0)
            .iter()
            .map(|p| p.due)
            .collect();
        assert_eq!(due, vec![900]);
        let mut cancelled = instance(Some(1_000), None);
        cancelled.cancelled = true;
        assert!(move_reminders(&[100], &cancelled, 0).is_empty());
    }

    #[test]
    fn a_modify_moves_pending_reminders_and_drops_passed_ones() {
        let moved = move_reminders(&[300, 100], &instance(Some(5_000), None), 4_800);
        assert_eq!(
            moved,
            vec![PendingReminder {
                before_expiry: 100,
                due: 4_900
            }]
        );
    }

    #[test]
    fn reminder_rules() {
        let check = |reminders: Vec<Reminder>, temporal: bool, facts: BeyondFacts| {
            let mut errors = FieldErrors::new();
            let beyond = Beyond {
                kind: ActionKind::Entitlement,
                reminders,
                escalation: None,
            };
            validate_definition(&beyond, temporal, &facts, &mut errors);
            errors
        };
        assert!(check(
            vec![reminder(10), reminder(5)],
            true,
            BeyondFacts::default()
        )
        .is_empty());
        assert!(!check(vec![reminder(10)], false, BeyondFacts::default()).is_empty());
        assert!(!check(vec![reminder(0)], true, BeyondFacts::default()).is_empty());
        assert!(!check(vec![reminder(5), reminder(5)], true, BeyondFacts::default()).is_empty());
        let facts = BeyondFacts {
            unknown_reminder_templates: vec![0],
        };
        assert!(!check(vec![reminder(5)], true, facts).is_empty());
    }

    #[test]
    fn escalation_counts_the_window_without_cancelled_and_repeats_the_last_step() {
        let ladder = Escalation {
            window: 1_000,
            durations: vec![10, 70, FOREVER],
        };
        let past = |at: i64, cancelled: bool| Past {
            created_instant: at,
            cancelled,
        };
        let step = |h: &[Past]| next_step(&ladder, h, 5_000).map(|s| (s.step, s.duration));
        assert_eq!(step(&[]), Some((1, 10)));
        assert_eq!(step(&[past(4_500, false)]), Some((2, 70)));
        // Outside the window, or cancelled: not counted.
        assert_eq!(
            step(&[past(3_900, false), past(4_500, true)]),
            Some((1, 10))
        );
        let many = [past(4_100, false), past(4_200, false), past(4_300, false)];
        assert_eq!(step(&many), Some((4, FOREVER)), "the last step repeats");
        assert_eq!(expiry_after(5_000, FOREVER), FOREVER);
        assert_eq!(expiry_after(5_000, 10), 5_010);
        let empty = Escalation {
            window: 1,
            durations: vec![],
        };
        assert_eq!(next_step(&empty, &[], 0), None);
    }

    #[test]
    fn a_reason_ladder_wins_over_the_definitions_on_a_temporal_penalty_only() {
        let mine = Escalation {
            window: 1,
            durations: vec![1],
        };
        let reasons = Escalation {
            window: 2,
            durations: vec![2],
        };
        let penalty = Beyond {
            kind: ActionKind::Penalty,
            reminders: vec![],
            escalation: Some(mine.clone()),
        };
        assert_eq!(
            choose_ladder(&penalty, true, Some(&reasons)),
            Some((&reasons, LadderOf::Reason))
        );
        assert_eq!(
            choose_ladder(&penalty, true, None),
            Some((&mine, LadderOf::Definition))
        );
        assert_eq!(choose_ladder(&penalty, false, Some(&reasons)), None);
        let perk = Beyond {
            kind: ActionKind::Entitlement,
            escalation: None,
            ..penalty.clone()
        };
        assert_eq!(choose_ladder(&perk, true, Some(&reasons)), None);
        let bare = Beyond {
            escalation: None,
            ..penalty
        };
        assert_eq!(choose_ladder(&bare, true, None), None);
    }

    #[test]
    fn only_a_temporal_penalty_escalates() {
        let mut errors = FieldErrors::new();
        let beyond = Beyond {
            kind: ActionKind::Entitlement,
            reminders: vec![],
            escalation: Some(Escalation {
                window: 1,
                durations: vec![1],
            }),
        };
        validate_definition(&beyond, true, &BeyondFacts::default(), &mut errors);
        assert!(!errors.is_empty());
        let mut errors = FieldErrors::new();
        let penalty = Beyond {
            kind: ActionKind::Penalty,
            ..beyond
        };
        validate_definition(&penalty, true, &BeyondFacts::default(), &mut errors);
        assert!(errors.is_empty());
    }
}
