//! Bulk changes from the admin app: one action applied to many users, or many instances extended
//! or cancelled. Each item goes through the same use case as a single change (its own savepoint,
//! its own events and emails in the outbox); what was done and what was refused, and why, comes
//! back as a report.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::actioning::{self, Publish};
use super::events::Outbound;
use super::{ServiceError, ServiceResult};
use crate::db::writer::LockKey;
use crate::db::DbConnection;
use crate::domain::bulk::{self, Operation, Refusal};
use crate::domain::instance::{ActionInput, ApplyFacts, Instance};
use crate::domain::user::User;
use crate::domain::user_action::UserAction;
use crate::store;

/// What happened to one selected item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub user: Uuid,
    /// The instance changed or made (none when an apply was refused).
    pub instance: Option<Uuid>,
    /// The action's definition.
    pub action: Option<Uuid>,
    pub refused: Option<Refusal>,
}

/// What a bulk change did, item by item, in the order selected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub operation: Operation,
    pub outcomes: Vec<Outcome>,
}

impl Report {
    pub fn done(&self) -> usize {
        self.outcomes.iter().filter(|o| o.refused.is_none()).count()
    }

    pub fn refused(&self) -> usize {
        self.outcomes.len() - self.done()
    }
}

/// Where each change is published: broadcast like an API call, with the request's `eventInfo`.
pub struct Publishing<'a> {
    pub out: &'a Outbound,
    pub info: Option<Map<String, Value>>,
}

impl Publishing<'_> {
    fn one(&self) -> Publish<'_> {
        Publish {
            out: self.out,
            broadcast: true,
            info: self.info.clone(),
        }
    }
}

/// A selected user as the confirm page shows them, and why the apply would be refused.
#[derive(Debug, Clone)]
pub struct UserPreview {
    pub id: Uuid,
    pub user: Option<User>,
    pub refused: Option<Refusal>,
}

/// What applying `definition` to each selected user would do, for the confirm page.
pub fn preview_apply(
    conn: &mut DbConnection,
    now: i64,
    definition: &UserAction,
    users: &[Uuid],
) -> ServiceResult<Vec<UserPreview>> {
    let mut previews = Vec::with_capacity(users.len());
    for &id in users {
        let user = store::users::find(conn, id, None)?;
        let facts = actioning::apply_facts(conn, now, Some(definition), user.as_ref())?;
        let refused = refusal_before_input(&facts);
        previews.push(UserPreview { id, user, refused });
    }
    Ok(previews)
}

/// Why an apply would be refused whatever its input, from the facts `validate_apply` judges:
/// the refusals the run reports for the same facts (`bulk::refusal_of`).
fn refusal_before_input(facts: &ApplyFacts) -> Option<Refusal> {
    if !facts.actionee_found {
        Some(Refusal::Gone)
    } else if facts.definition.is_none() {
        Some(Refusal::Unavailable)
    } else if facts.has_current_instance {
        Some(Refusal::Duplicate)
    } else {
        None
    }
}

/// A definition by id, for the apply step; `NotFound` when there is none.
pub fn definition(conn: &mut DbConnection, id: Uuid) -> ServiceResult<UserAction> {
    store::user_actions::find(conn, id)?.ok_or(ServiceError::NotFound)
}

/// The locks a bulk apply takes up front (PostgreSQL), in one order with the rest of its batch.
pub fn apply_locks(users: &[Uuid]) -> Vec<LockKey> {
    users.iter().map(|u| LockKey::user(*u)).collect()
}

/// Applies `input` (everything but the actionee) to each user, through the apply use case.
pub fn apply(
    conn: &mut DbConnection,
    now: i64,
    users: &[Uuid],
    input: &ActionInput,
    publishing: &Publishing,
) -> ServiceResult<Report> {
    let mut outcomes = Vec::with_capacity(users.len());
    for &user in users {
        let one = ActionInput {
            actionee_user_id: Some(user),
            ..input.clone()
        };
        let done = actioning::apply(conn, now, None, one, publishing.one());
        let (instance, refused) = match done {
            Ok(i) => (Some(i.id), None),
            Err(ServiceError::Invalid(errors)) => (None, Some(bulk::refusal_of(&errors))),
            Err(ServiceError::NotFound) => (None, Some(Refusal::Gone)),
            Err(other) => return Err(other),
        };
        outcomes.push(Outcome {
            user,
            instance,
            action: input.user_action_id,
            refused,
        });
    }
    Ok(Report {
        operation: Operation::Apply,
        outcomes,
    })
}

/// A selected instance as the confirm page shows it, and why the change would be refused.
#[derive(Debug, Clone)]
pub struct InstancePreview {
    pub id: Uuid,
    pub instance: Option<Instance>,
    pub refused: Option<Refusal>,
}

/// What `operation` would do to each selected instance, for the confirm page.
pub fn preview_change(
    conn: &mut DbConnection,
    now: i64,
    operation: Operation,
    ids: &[Uuid],
) -> ServiceResult<Vec<InstancePreview>> {
    let mut previews = Vec::with_capacity(ids.len());
    for &id in ids {
        let instance = store::instances::find(conn, id, None)?;
        let refused = match &instance {
            None => Some(Refusal::Gone),
            Some(i) => bulk::refusal_for(operation, i, None, now),
        };
        previews.push(InstancePreview {
            id,
            instance,
            refused,
        });
    }
    Ok(previews)
}

/// The locks a bulk change of instances takes up front (PostgreSQL).
pub fn change_locks(items: &[(Uuid, i64)]) -> Vec<LockKey> {
    items.iter().map(|(id, _)| LockKey::instance(*id)).collect()
}

/// What an extension or a cancel asks of each instance.
#[derive(Debug, Clone)]
pub struct ChangeAsked {
    pub operation: Operation,
    pub actioner: Uuid,
    /// Replaces each instance's comment; empty keeps it.
    pub comment: String,
    /// Days added to each expiry (extend).
    pub days: i64,
}

/// Extends or cancels each instance `(id, version the confirm page showed)` through the modify or
/// cancel use case; one that changed since the page, or cannot be changed, is refused.
pub fn change(
    conn: &mut DbConnection,
    now: i64,
    items: &[(Uuid, i64)],
    asked: &ChangeAsked,
    publishing: &Publishing,
) -> ServiceResult<Report> {
    let mut outcomes = Vec::with_capacity(items.len());
    for &(id, seen) in items {
        let Some(instance) = store::instances::find(conn, id, None)? else {
            outcomes.push(Outcome {
                user: Uuid::nil(),
                instance: Some(id),
                action: None,
                refused: Some(Refusal::Gone),
            });
            continue;
        };
        let refused = match bulk::refusal_for(asked.operation, &instance, Some(seen), now) {
            Some(refusal) => Some(refusal),
            None => change_one(conn, now, &instance, seen, asked, publishing)?,
        };
        outcomes.push(Outcome {
            user: instance.actionee_user_id,
            instance: Some(id),
            action: Some(instance.user_action_id),
            refused,
        });
    }
    Ok(Report {
        operation: asked.operation,
        outcomes,
    })
}

fn change_one(
    conn: &mut DbConnection,
    now: i64,
    instance: &Instance,
    seen: i64,
    asked: &ChangeAsked,
    publishing: &Publishing,
) -> ServiceResult<Option<Refusal>> {
    let comment = asked.comment.trim();
    let input = ActionInput {
        actioner_user_id: Some(asked.actioner),
        comment: if comment.is_empty() {
            instance.comment.clone()
        } else {
            Some(comment.to_string())
        },
        email_user: Some(false),
        notify_user: Some(false),
        version: Some(seen),
        ..ActionInput::default()
    };
    let done = match asked.operation {
        Operation::Extend => {
            let expiry = instance.expiry.map(|e| bulk::extended(e, asked.days));
            let input = ActionInput { expiry, ..input };
            actioning::modify(conn, now, None, instance.id, input, publishing.one())
        }
        Operation::Cancel => {
            actioning::cancel(conn, now, None, instance.id, input, publishing.one())
        }
        Operation::Apply => return Err(ServiceError::Internal("apply is not a change".into())),
    };
    Ok(match done {
        Ok(_) => None,
        Err(ServiceError::Stale(_)) => Some(Refusal::Stale),
        Err(ServiceError::NotFound) => Some(Refusal::NotRunning),
        Err(ServiceError::Invalid(_)) => Some(Refusal::Invalid),
        Err(other) => return Err(other),
    })
}
