//! Actioneer's lifecycle extensions: scheduled starts and reminders queued as an apply or a
//! change asks (`super::due` processes them), and, for the pages, penalties kept apart from
//! entitlements.

use uuid::Uuid;

use super::ServiceResult;
use crate::db::DbConnection;
use crate::domain::instance::{ActionInput, Instance};
use crate::domain::lifecycle::{self, ActionKind, ApplyInput, Escalation, LadderOf};
use crate::domain::reason::Reason;
use crate::domain::user::User;
use crate::domain::user_action::{UserAction, UserActionSpec};
use crate::domain::{FieldErrors, Kind};
use crate::store;
use crate::store::instances::UserFilter;
pub use crate::store::lifecycle::StartPublish;

/// A user's current instances grouped by their definition's kind (penalties first, then
/// entitlements, surveys, other); kinds without instances are left out. For the user page.
pub fn current_by_kind(
    conn: &mut DbConnection,
    now: i64,
    user: Uuid,
) -> ServiceResult<Vec<(ActionKind, Vec<Instance>)>> {
    let current = store::instances::list_for_user(conn, user, UserFilter::Current, now)?;
    group_by_kind(conn, current)
}

/// Instances grouped by their definition's kind, in `ActionKind::ALL` order, each group in the
/// order given.
pub fn group_by_kind(
    conn: &mut DbConnection,
    instances: Vec<Instance>,
) -> ServiceResult<Vec<(ActionKind, Vec<Instance>)>> {
    let mut ids: Vec<Uuid> = instances.iter().map(|i| i.user_action_id).collect();
    ids.sort();
    ids.dedup();
    let kinds = store::lifecycle::kinds_of(conn, &ids)?;
    let mut groups: Vec<(ActionKind, Vec<Instance>)> =
        ActionKind::ALL.iter().map(|k| (*k, Vec::new())).collect();
    for instance in instances {
        let kind = kinds
            .get(&instance.user_action_id)
            .copied()
            .unwrap_or_default();
        if let Some(group) = groups.iter_mut().find(|(k, _)| *k == kind) {
            group.1.push(instance);
        }
    }
    groups.retain(|(_, g)| !g.is_empty());
    Ok(groups)
}

/// After an apply has stored its instance: the definition's reminders are queued, and when the
/// apply asked for a start in the future, the start is queued (with the apply's publishing) and
/// the instance is `scheduled`. Returns whether it was, in which case nothing is published now.
pub fn after_apply(
    conn: &mut DbConnection,
    definition: &UserAction,
    instance: &mut Instance,
    asked: &ApplyInput,
    publish: StartPublish,
    now: i64,
) -> ServiceResult<bool> {
    let scheduled = match asked.start_instant {
        Some(start) => {
            instance.start_instant = Some(start);
            store::lifecycle::schedule_start(conn, instance, start, publish)?;
            true
        }
        None => false,
    };
    if !definition.spec.beyond.reminders.is_empty() {
        let pending = lifecycle::reminders_due(&definition.spec.beyond.reminders, instance, now);
        store::lifecycle::queue_reminders(conn, instance.id, &pending)?;
    }
    Ok(scheduled)
}

/// A modify's `startInstant`, checked and applied to the instance (before it is stored).
pub fn modify_start(
    instance: &mut Instance,
    asked: &ApplyInput,
    expiry: Option<i64>,
    now: i64,
) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::new();
    lifecycle::check_modify_start(asked.start_instant, instance, expiry, now, &mut errors);
    errors.into_result()?;
    if let Some(start) = asked.start_instant {
        instance.start_instant = Some(start);
    }
    Ok(())
}

/// After a modify or cancel has stored the instance: its queued start follows (moved, or
/// dropped by a cancel, so that a cancelled instance never starts), and so do its pending
/// reminders (moved with the expiry, dropped when passed or cancelled).
pub fn after_change(conn: &mut DbConnection, instance: &Instance, now: i64) -> ServiceResult<()> {
    store::lifecycle::sync_start(conn, instance, now)?;
    let pending = store::lifecycle::pending_reminders(conn, instance.id)?;
    if !pending.is_empty() {
        let moved = lifecycle::move_reminders(&pending, instance, now);
        store::lifecycle::replace_reminders(conn, instance.id, &moved)?;
    }
    Ok(())
}

/// Checks the extensions of a normalised definition, reading what the rules need.
pub fn check_definition(
    conn: &mut DbConnection,
    spec: &UserActionSpec,
    errors: &mut FieldErrors,
) -> ServiceResult<()> {
    let mut facts = lifecycle::BeyondFacts::default();
    for (n, reminder) in spec.beyond.reminders.iter().enumerate() {
        if let Some(template) = reminder.email_template_id {
            if !store::email_templates::exists(conn, template)? {
                facts.unknown_reminder_templates.push(n);
            }
        }
    }
    lifecycle::validate_definition(&spec.beyond, spec.temporal, &facts, errors);
    Ok(())
}

/// An escalating apply (`"escalate": true`, no `expiry`): its expiry comes from the next step
/// of the reason's ladder (or else the definition's) for this actionee, counted from their
/// history. Returns the request with that expiry, and the step. Any other apply passes
/// unchanged.
pub fn escalate(
    conn: &mut DbConnection,
    definition: Option<&UserAction>,
    actionee: Option<&User>,
    reason: Option<&Reason>,
    mut input: ActionInput,
    now: i64,
) -> ServiceResult<(ActionInput, Option<i32>)> {
    if input.beyond.escalate != Some(true) {
        return Ok((input, None));
    }
    let (Some(definition), Some(actionee)) = (definition, actionee) else {
        return Ok((input, None));
    };
    let Some((ladder, of)) = choose_ladder(definition, reason) else {
        return Err(one_error(
            "action.escalate",
            "Neither this user action nor the reason has an escalation ladder.",
        ));
    };
    if input.expiry.is_some() {
        return Err(one_error(
            "action.expiry",
            "An escalating apply takes its expiry from the ladder.",
        ));
    }
    let history = history_for(conn, now, actionee.id, definition.id, reason, ladder, of)?;
    let Some(step) = lifecycle::next_step(ladder, &history, now) else {
        return Ok((input, None));
    };
    let start = input.beyond.start_instant.unwrap_or(now);
    input.expiry = Some(lifecycle::expiry_after(start, step.duration));
    Ok((input, i32::try_from(step.step).ok()))
}

/// The ladder an escalating apply of `definition` with `reason` climbs, and whose it is.
fn choose_ladder<'a>(
    definition: &'a UserAction,
    reason: Option<&'a Reason>,
) -> Option<(&'a Escalation, LadderOf)> {
    lifecycle::choose_ladder(
        &definition.spec.beyond,
        definition.spec.temporal,
        reason.and_then(|r| r.spec.escalation.as_ref()),
    )
}

/// The actionee's history within the ladder's window: instances of the definition, or given
/// for the reason when the ladder is the reason's.
fn history_for(
    conn: &mut DbConnection,
    now: i64,
    actionee: Uuid,
    definition: Uuid,
    reason: Option<&Reason>,
    ladder: &Escalation,
    of: LadderOf,
) -> ServiceResult<Vec<lifecycle::Past>> {
    let since = now.saturating_sub(ladder.window);
    Ok(match (of, reason) {
        (LadderOf::Reason, Some(reason)) => {
            store::lifecycle::reason_history(conn, actionee, &reason.spec.code, since)?
        }
        _ => store::lifecycle::escalation_history(conn, actionee, definition, since)?,
    })
}

/// Records the step an escalating apply took on its new instance.
pub fn record_step(
    conn: &mut DbConnection,
    instance: &mut Instance,
    step: Option<i32>,
) -> ServiceResult<()> {
    if let Some(step) = step {
        instance.escalation_step = Some(step);
        store::lifecycle::set_escalation_step(conn, instance.id, step)?;
    }
    Ok(())
}

fn one_error(field: &str, message: &str) -> super::ServiceError {
    let mut errors = FieldErrors::new();
    errors.add_with(Kind::NotAllowed, field, message);
    errors.into()
}

/// What an apply from the admin app did.
pub enum ConfirmedApply {
    Done,
    /// An escalating apply whose step the agent has not confirmed (or that moved since they
    /// saw it): nothing was written.
    Confirm(lifecycle::Step),
}

/// An apply by staff who confirm an escalation's step first: an escalating apply goes ahead
/// only when `confirmed` names the step it would take now.
pub fn apply_confirmed(
    conn: &mut DbConnection,
    now: i64,
    input: ActionInput,
    confirmed: Option<usize>,
    publish: super::actioning::Publish,
) -> ServiceResult<ConfirmedApply> {
    if let (Some(true), Some(definition), Some(actionee)) = (
        input.beyond.escalate,
        input.user_action_id,
        input.actionee_user_id,
    ) {
        if let Some(step) = preview_escalation(conn, now, definition, actionee, input.reason_id)? {
            if confirmed != Some(step.step) {
                return Ok(ConfirmedApply::Confirm(step));
            }
        }
    }
    super::actioning::apply(conn, now, None, input, publish).map(|_| ConfirmedApply::Done)
}

/// The step an escalating apply of this definition to this user, for this reason, would take
/// now (the reason's ladder wins when it has one), for the apply form to show before the agent
/// confirms; `None` when neither has a ladder.
pub fn preview_escalation(
    conn: &mut DbConnection,
    now: i64,
    definition: Uuid,
    actionee: Uuid,
    reason: Option<Uuid>,
) -> ServiceResult<Option<lifecycle::Step>> {
    let Some(definition) = store::user_actions::find(conn, definition)? else {
        return Ok(None);
    };
    let reason = match reason {
        Some(id) => store::reasons::find(conn, id)?,
        None => None,
    };
    let Some((ladder, of)) = choose_ladder(&definition, reason.as_ref()) else {
        return Ok(None);
    };
    let history = history_for(
        conn,
        now,
        actionee,
        definition.id,
        reason.as_ref(),
        ladder,
        of,
    )?;
    Ok(lifecycle::next_step(ladder, &history, now))
}
