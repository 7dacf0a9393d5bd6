//! Actioning users: apply, modify, cancel, retrieve and search instances.

use diesel::Connection;
use uuid::Uuid;

use serde_json::{Map, Value};

use super::events::{self, Change, Outbound};
use super::runner::Lock;
use super::{ServiceError, ServiceResult};
use crate::db::DbConnection;
use crate::domain::event::Flags;
use crate::domain::instance::{self, ActionInput, ApplyFacts, Instance, Phase};
use crate::domain::locale;
use crate::domain::reason::Reason;
use crate::domain::user::User;
use crate::domain::user_action::UserAction;
use crate::domain::{FieldErrors, Kind};
use crate::store;
use crate::store::instances::UserFilter;
use crate::store::read_cache::ReadCache;
use crate::store::write_batch::WriteBatch;

/// What a new instance is made of, once validated.
pub(crate) struct NewInstance<'a> {
    pub definition: &'a UserAction,
    pub actionee: &'a User,
    pub actioner: Option<Uuid>,
    pub option: Option<&'a str>,
    pub reason: Option<&'a Reason>,
    pub comment: Option<String>,
    pub expiry: Option<i64>,
    pub email_user: bool,
    pub notify_user: bool,
    pub application_ids: Vec<Uuid>,
}

/// Builds and stores a new instance, copying names localized for the actionee.
pub(crate) fn insert_instance(
    conn: &mut DbConnection,
    now: i64,
    new: NewInstance,
) -> ServiceResult<Instance> {
    let instance = new_instance(now, new);
    store::instances::insert(conn, &instance)?;
    Ok(instance)
}

/// A new instance, with names localized for the actionee copied in.
fn new_instance(now: i64, new: NewInstance) -> Instance {
    let prefs = &new.actionee.preferred_languages;
    let copied = instance::localize_for(new.definition, new.option, prefs);
    let spec = &new.definition.spec;
    Instance {
        id: Uuid::now_v7(),
        tenant_id: new.actionee.tenant_id,
        user_action_id: new.definition.id,
        actionee_user_id: new.actionee.id,
        actioner_user_id: new.actioner,
        application_ids: new.application_ids,
        comment: new.comment,
        email_user_on_end: new.email_user,
        notify_user_on_end: new.notify_user,
        end_event_sent: (spec.temporal && spec.send_end_event).then_some(false),
        expiry: if spec.temporal { new.expiry } else { None },
        cancelled: false,
        created_instant: now,
        insert_instant: now,
        name: spec.name.clone(),
        localized_name: Some(copied.localized_name),
        option: copied.option,
        localized_option: copied.localized_option,
        reason: new.reason.map(|r| r.spec.text.clone()),
        localized_reason: new
            .reason
            .map(|r| locale::localized(&r.spec.localized_texts, &r.spec.text, prefs).to_string()),
        reason_code: new.reason.map(|r| r.spec.code.clone()),
        history: vec![],
        start_instant: None,
        escalation_step: None,
    }
}

/// Whether and how a change is published.
pub struct Publish<'a> {
    pub out: &'a Outbound,
    pub broadcast: bool,
    /// The request's `eventInfo`, with `ipAddress` already defaulted to the client's.
    pub info: Option<Map<String, Value>>,
}

fn publish(
    conn: &mut DbConnection,
    now: i64,
    publish: Publish,
    definition: &UserAction,
    instance: &Instance,
    phase: Phase,
    flags: Flags,
) -> ServiceResult<()> {
    events::record(
        conn,
        now,
        publish.out,
        Change {
            definition,
            instance,
            phase,
            flags,
            broadcast: publish.broadcast,
            info: publish.info,
        },
    )
}

/// Whether an apply of `definition` must hold its actionee's lock: only a temporal action has a
/// duplicate rule; an unknown definition is refused later and locks nothing.
fn needs_actionee_lock(definition: Option<&UserAction>) -> bool {
    definition.is_some_and(|d| d.spec.temporal)
}

/// The locks an apply's write batch takes before any job runs (PostgreSQL). Decided from the
/// last copy of the definition this process has seen: a definition not seen yet is locked for,
/// to be safe; one seen as instantaneous is not, so surveys to one user never queue behind each
/// other. Should the copy be stale, `apply_with` still takes the lock it needs, only later.
pub fn apply_locks(cache: &ReadCache, input: &ActionInput) -> Vec<Lock> {
    let Some(actionee) = input.actionee_user_id else {
        return Vec::new();
    };
    let known = input
        .user_action_id
        .and_then(|id| cache.last_definition(id));
    match known {
        Some(definition) if !needs_actionee_lock(Some(&definition)) => Vec::new(),
        _ => vec![Lock::User(actionee)],
    }
}

/// The users an apply looks up: its write batch reads them with its other applies' in one
/// statement (`WriteBatch`).
pub fn apply_reads(input: &ActionInput) -> Vec<Uuid> {
    [input.actionee_user_id, input.actioner_user_id]
        .into_iter()
        .flatten()
        .collect()
}

/// `POST /api/user/action`.
pub fn apply(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    input: ActionInput,
    published: Publish,
) -> ServiceResult<Instance> {
    conn.transaction(|conn| {
        apply_with(
            conn,
            &ReadCache::default(),
            None,
            now,
            scope,
            input,
            published,
        )
    })
}

/// `apply`, reading definitions, reasons and tenants through `cache`, in the caller's
/// transaction: the caller rolls back what it wrote when it fails (a writer job's savepoint).
/// Given its write batch, an apply takes its users from what the batch read ahead when it can,
/// and an instantaneous apply leaves its instance there, to go in with the batch's others; any
/// other apply writes what waits there first, since it reads instances.
///
/// What an apply costs does not depend on the users' history: the actioner and the actionee
/// come in one statement (with the cache's version), the duplicate check is one index probe,
/// and the lock touches no row (`store::users::lock`).
pub fn apply_with(
    conn: &mut DbConnection,
    cache: &ReadCache,
    mut batch: Option<&mut WriteBatch>,
    now: i64,
    scope: Option<Uuid>,
    input: ActionInput,
    published: Publish,
) -> ServiceResult<Instance> {
    let (actionee_id, actioner_id) = (input.actionee_user_id, input.actioner_user_id);
    let known = batch
        .as_deref()
        .and_then(|b| b.users.pair(actionee_id, actioner_id, scope));
    let pair = match known {
        Some(pair) => pair,
        None => store::users::find_pair(conn, actionee_id, actioner_id, scope)?,
    };
    let version = pair.cache_version;
    let definition = input
        .user_action_id
        .map(|id| cache.definition(conn, version, id))
        .transpose()?
        .flatten();
    let actioner_found = pair.actioner.is_some();
    let actionee = pair.actionee;
    // A survey or another instantaneous apply reads no instance, and nothing refers to its row;
    // an escalating apply reads the actionee's history and then updates its row.
    let waits = definition.as_deref().is_some_and(|d| !d.spec.temporal)
        && input.beyond.escalate != Some(true);
    if !waits {
        if let Some(batch) = batch.as_deref_mut() {
            batch.inserts.write(conn)?;
        }
    }
    // Serializes temporal applies to one actionee, so two cannot both pass the duplicate check;
    // an instantaneous apply has no such check and waits for no one.
    if let (Some(actionee), true) = (&actionee, needs_actionee_lock(definition.as_deref())) {
        store::users::lock(conn, actionee.id)?;
    }
    let reason = input
        .reason_id
        .map(|id| cache.reason(conn, version, id))
        .transpose()?
        .flatten();
    let application_ids = input.application_ids.clone().unwrap_or_default();
    let unknown_application = match &actionee {
        Some(actionee) if !application_ids.is_empty() => {
            let mut distinct = application_ids.clone();
            distinct.sort();
            distinct.dedup();
            store::applications::count_in_tenant(conn, &distinct, actionee.tenant_id)?
                != distinct.len() as i64
        }
        _ => false,
    };
    let facts = ApplyFacts {
        actioner_found,
        reason_found: reason.is_some(),
        unknown_application,
        ..apply_facts(conn, now, definition.as_deref(), actionee.as_ref())?
    };
    // An escalating apply takes its expiry from the ladder (an extension).
    let (input, step) = super::lifecycle::escalate(
        conn,
        facts.definition,
        actionee.as_ref(),
        reason.as_deref(),
        input,
        now,
    )?;
    instance::validate_apply(&input, &facts, now)?;
    let (Some(definition), Some(actionee)) = (facts.definition, actionee.as_ref()) else {
        return Err(ServiceError::Internal(
            "validated apply without definition or actionee".into(),
        ));
    };
    let flags = Flags {
        notify_user: input.notify_user.unwrap_or(false),
        email_user: input.email_user.unwrap_or(false),
    };
    let mut instance = new_instance(
        now,
        NewInstance {
            definition,
            actionee,
            actioner: input.actioner_user_id,
            option: input.option.as_deref(),
            reason: reason.as_deref(),
            comment: input
                .comment
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty()),
            expiry: input.expiry,
            email_user: input.email_user.unwrap_or(false),
            notify_user: input.notify_user.unwrap_or(false),
            application_ids,
        },
    );
    match batch.filter(|_| waits) {
        Some(batch) => batch.inserts.insert_later(&instance),
        None => store::instances::insert(conn, &instance)?,
    }
    super::lifecycle::record_step(conn, &mut instance, step)?;
    // Reminders are queued; a scheduled start publishes when it happens, not now (extensions).
    let publish_later = super::lifecycle::StartPublish {
        broadcast: published.broadcast,
        flags,
    };
    if super::lifecycle::after_apply(
        conn,
        definition,
        &mut instance,
        &input.beyond,
        publish_later,
        now,
    )? {
        return Ok(instance);
    }
    let tenant = cache.tenant(conn, version, actionee.tenant_id)?;
    let mut lookups =
        events::Lookups::knowing(tenant.map(|t| (*t).clone()), Some(actionee.clone()));
    events::record_with(
        conn,
        now,
        published.out,
        &mut lookups,
        Change {
            definition,
            instance: &instance,
            phase: Phase::Start,
            flags,
            broadcast: published.broadcast,
            info: published.info,
        },
    )?;
    Ok(instance)
}

/// The facts of an apply that depend on the definition and the actionee alone: the definition
/// when it is active and available in the actionee's tenant, whether the actionee exists, and
/// whether they already hold a current instance of it (only a temporal action has the duplicate
/// rule). The caller adds the rest (actioner, reason, applications).
pub(crate) fn apply_facts<'a>(
    conn: &mut DbConnection,
    now: i64,
    definition: Option<&'a UserAction>,
    actionee: Option<&User>,
) -> ServiceResult<ApplyFacts<'a>> {
    let usable = definition.filter(|d| d.is_usable(actionee.map(|a| a.tenant_id)));
    let has_current_instance = match (usable, actionee) {
        (Some(d), Some(a)) if d.spec.temporal => {
            store::instances::has_current(conn, a.id, d.id, now)?
        }
        _ => false,
    };
    Ok(ApplyFacts {
        definition: usable,
        actionee_found: actionee.is_some(),
        has_current_instance,
        ..ApplyFacts::default()
    })
}

/// Loads a current instance for modify or cancel; anything else is "not found".
fn current_instance(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    id: Uuid,
) -> ServiceResult<(Instance, UserAction)> {
    let instance = store::instances::find(conn, id, scope)?
        .filter(|i| i.is_changeable(now))
        .ok_or(ServiceError::NotFound)?;
    let definition =
        store::user_actions::find(conn, instance.user_action_id)?.ok_or(ServiceError::NotFound)?;
    Ok((instance, definition))
}

/// Refuses a change sent with a `version` the instance has moved on from.
fn refuse_stale(instance: &Instance, seen: Option<i64>) -> ServiceResult<()> {
    match super::instance_changes::guard(instance, seen) {
        Ok(()) => Ok(()),
        Err(changes) => {
            let mut errors = FieldErrors::new();
            errors.add_general(
                "StaleVersion",
                format!(
                    "The instance changed {} time(s) since version {}; it is at version {}. \
                     Retrieve it and try again.",
                    changes.len(),
                    seen.unwrap_or_default(),
                    crate::domain::instance_version::version(instance),
                ),
            );
            Err(ServiceError::Stale(errors))
        }
    }
}

/// `PUT /api/user/action/{id}`.
pub fn modify(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    id: Uuid,
    input: ActionInput,
    published: Publish,
) -> ServiceResult<Instance> {
    change_current(conn, now, scope, id, input, published, Phase::Modify)
}

/// `DELETE /api/user/action/{id}` with a body.
pub fn cancel(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    id: Uuid,
    input: ActionInput,
    published: Publish,
) -> ServiceResult<Instance> {
    change_current(conn, now, scope, id, input, published, Phase::Cancel)
}

/// Modify and cancel alike, in one transaction: the changeable instance `id` within the caller's
/// tenant, checked against the caller's version and input, changed as `phase` says, stored and
/// published.
fn change_current(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    id: Uuid,
    input: ActionInput,
    published: Publish,
    phase: Phase,
) -> ServiceResult<Instance> {
    conn.transaction(|conn| {
        let (mut instance, definition) = current_instance(conn, now, scope, id)?;
        refuse_stale(&instance, input.version)?;
        let actioner_found = actioner_exists(conn, scope, input.actioner_user_id)?;
        let change = instance::validate_change(&input, &definition, phase, actioner_found, now)?;
        match phase {
            Phase::Modify => {
                super::lifecycle::modify_start(&mut instance, &input.beyond, input.expiry, now)?;
                instance.modify(&change, input.expiry.unwrap_or(now), now);
            }
            Phase::Cancel => instance.cancel(&change, published.broadcast, now),
            other => {
                let message = format!("{} is not a change", other.as_str());
                return Err(ServiceError::Internal(message));
            }
        }
        store::instances::update(conn, &instance)?;
        super::lifecycle::after_change(conn, &instance, now)?;
        let flags = change_flags(&change);
        publish(conn, now, published, &definition, &instance, phase, flags)?;
        if phase == Phase::Cancel {
            reset_lockout(conn, &instance, &definition)?;
        }
        Ok(instance)
    })
}

/// Cancelling the lockout lets the user try again from zero.
fn reset_lockout(
    conn: &mut DbConnection,
    instance: &Instance,
    definition: &UserAction,
) -> ServiceResult<()> {
    if let Some(tenant) = store::tenants::find(conn, instance.tenant_id)? {
        if tenant.failed_authentication_configuration.user_action_id == Some(definition.id) {
            store::users::set_failed_logins(conn, instance.actionee_user_id, 0, None)?;
        }
    }
    Ok(())
}

fn change_flags(change: &instance::Change) -> Flags {
    Flags {
        notify_user: change.notify_user,
        email_user: change.email_user,
    }
}

fn actioner_exists(
    conn: &mut DbConnection,
    scope: Option<Uuid>,
    id: Option<Uuid>,
) -> ServiceResult<bool> {
    Ok(match id {
        Some(id) => store::users::find(conn, id, scope)?.is_some(),
        None => false,
    })
}

pub fn find(conn: &mut DbConnection, scope: Option<Uuid>, id: Uuid) -> ServiceResult<Instance> {
    store::instances::find(conn, id, scope)?.ok_or(ServiceError::NotFound)
}

/// A user's instances; an unknown user is `[invalid]userId`.
pub fn list_for_user(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    user: Uuid,
    filter: UserFilter,
) -> ServiceResult<Vec<Instance>> {
    let rows = store::instances::list_for_user(conn, user, filter, now)?;
    in_scope(conn, scope, user, rows)
}

/// `list_for_user`, or `None` if the user has more than `at_most` of the instances asked for
/// (none past those is read).
pub fn list_for_user_within(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    user: Uuid,
    filter: UserFilter,
    at_most: usize,
) -> ServiceResult<Option<Vec<Instance>>> {
    let limit = at_most.saturating_add(1) as i64;
    let rows = store::instances::list_for_user_at_most(conn, user, filter, now, limit)?;
    if rows.len() > at_most {
        return Ok(None);
    }
    in_scope(conn, scope, user, rows).map(Some)
}

/// The user's `rows` within `scope`; 400 `[invalid]userId` for a user not there.
fn in_scope(
    conn: &mut DbConnection,
    scope: Option<Uuid>,
    user: Uuid,
    rows: Vec<Instance>,
) -> ServiceResult<Vec<Instance>> {
    // An instance lives in its actionee's tenant, so rows in scope prove the user is there:
    // only an empty list needs the user looked up (one statement per list, not two).
    let found: Vec<Instance> = rows
        .into_iter()
        .filter(|i| scope.is_none_or(|t| i.tenant_id == t))
        .collect();
    if found.is_empty() && store::users::find(conn, user, scope)?.is_none() {
        return Err(FieldErrors::single(Kind::Invalid, "userId").into());
    }
    Ok(found)
}
