//! Finding users in the admin app, and what a user's page shows: details, current actions, and
//! the whole history of their instances as one timeline.

use std::collections::{BTreeSet, HashMap};

use uuid::Uuid;

use super::{ServiceError, ServiceResult};
use crate::db::DbConnection;
use crate::domain::instance::{Instance, State};
use crate::domain::reason::Reason;
use crate::domain::user::User;
use crate::domain::user_action::UserAction;
use crate::store;
use crate::store::instances::UserFilter;
pub use crate::store::user_directory::Person;

/// The most users one page shows.
pub const MAX_PER_PAGE: usize = 100;

#[derive(Debug, Clone, Default)]
pub struct UserQuery {
    /// An id, or words found in the email or name; empty for everyone.
    pub text: String,
    /// Zero-based page.
    pub page: usize,
    pub per_page: usize,
}

/// A user found, with the name of their tenant.
#[derive(Debug, Clone)]
pub struct Found {
    pub user: User,
    pub tenant_name: String,
}

#[derive(Debug, Clone)]
pub struct UserPage {
    pub users: Vec<Found>,
    /// Matches over all pages.
    pub total: i64,
}

/// Users of every tenant matching the query, a page at a time.
pub fn search(conn: &mut DbConnection, query: &UserQuery) -> ServiceResult<UserPage> {
    // No stored text holds U+0000 (and PostgreSQL cannot compare with it): nothing matches.
    if query.text.contains('\0') {
        return Ok(UserPage {
            users: Vec::new(),
            total: 0,
        });
    }
    let per_page = query.per_page.clamp(1, MAX_PER_PAGE) as i64;
    let offset = (query.page as i64).saturating_mul(per_page);
    let (users, total) = store::user_directory::search(conn, &query.text, offset, per_page)?;
    let tenants = tenant_names(conn, users.iter().map(|u| u.tenant_id))?;
    let users = users
        .into_iter()
        .map(|user| Found {
            tenant_name: tenants.get(&user.tenant_id).cloned().unwrap_or_default(),
            user,
        })
        .collect();
    Ok(UserPage { users, total })
}

fn tenant_names(
    conn: &mut DbConnection,
    ids: impl Iterator<Item = Uuid>,
) -> ServiceResult<HashMap<Uuid, String>> {
    let ids: Vec<Uuid> = ids.collect::<BTreeSet<_>>().into_iter().collect();
    Ok(store::user_directory::tenant_names(conn, &ids)?
        .into_iter()
        .collect())
}

/// Everything a user's page shows.
#[derive(Debug, Clone)]
pub struct Profile {
    pub user: User,
    pub tenant_name: String,
    /// Every instance of the user, oldest first.
    pub instances: Vec<Instance>,
    /// The people who acted on these instances.
    pub people: HashMap<Uuid, Person>,
    /// Active definitions available in the user's tenant: what may be applied.
    pub definitions: Vec<UserAction>,
    pub reasons: Vec<Reason>,
}

/// A user's page; an unknown user is `NotFound`.
pub fn profile(conn: &mut DbConnection, now: i64, id: Uuid) -> ServiceResult<Profile> {
    let user = store::users::find(conn, id, None)?.ok_or(ServiceError::NotFound)?;
    let instances = super::actioning::list_for_user(conn, now, None, id, UserFilter::All)?;
    let people = people_of(conn, &instances)?;
    let tenant_name = tenant_names(conn, std::iter::once(user.tenant_id))?
        .remove(&user.tenant_id)
        .unwrap_or_default();
    let definitions = super::user_actions::list(conn, true, Some(user.tenant_id))?;
    let reasons = super::reasons::list(conn)?;
    Ok(Profile {
        user,
        tenant_name,
        instances,
        people,
        definitions,
        reasons,
    })
}

/// One instance of a user, for its change page.
#[derive(Debug, Clone)]
pub struct UserInstance {
    pub user: User,
    pub instance: Instance,
    pub people: HashMap<Uuid, Person>,
}

/// The instance `instance_id` of user `user_id`; `NotFound` when either is unknown or the
/// instance is someone else's.
pub fn user_instance(
    conn: &mut DbConnection,
    user_id: Uuid,
    instance_id: Uuid,
) -> ServiceResult<UserInstance> {
    let user = store::users::find(conn, user_id, None)?.ok_or(ServiceError::NotFound)?;
    let instance = super::actioning::find(conn, None, instance_id)?;
    if instance.actionee_user_id != user.id {
        return Err(ServiceError::NotFound);
    }
    let people = people_of(conn, std::slice::from_ref(&instance))?;
    Ok(UserInstance {
        user,
        instance,
        people,
    })
}

fn people_of(
    conn: &mut DbConnection,
    instances: &[Instance],
) -> ServiceResult<HashMap<Uuid, Person>> {
    let ids: BTreeSet<Uuid> = instances
        .iter()
        .flat_map(|i| {
            i.history
                .iter()
                .filter_map(|h| h.actioner_user_id)
                .chain(i.actioner_user_id)
        })
        .collect();
    let ids: Vec<Uuid> = ids.into_iter().collect();
    Ok(store::user_directory::people(conn, &ids)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

/// How a person is named on a page: full name, else first and last name, else email.
pub fn display_name(person: &Person) -> String {
    let given = [&person.first_name, &person.last_name]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    person
        .full_name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .or((!given.is_empty()).then_some(given))
        .or_else(|| person.email.clone())
        .unwrap_or_else(|| person.id.to_string())
}

/// Who first applied an instance (`None`: Actioneer itself).
pub fn applied_by(instance: &Instance) -> Option<Uuid> {
    match instance.history.first() {
        Some(first) => first.actioner_user_id,
        None => instance.actioner_user_id,
    }
}

/// What happened to an instance at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// A temporal action started.
    Applied,
    /// An instantaneous action happened.
    Instant,
    Modified,
    Cancelled,
    /// A temporal action reached its expiry.
    Ended,
}

impl StepKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Applied => "applied",
            StepKind::Instant => "instant",
            StepKind::Modified => "modified",
            StepKind::Cancelled => "cancelled",
            StepKind::Ended => "ended",
        }
    }
}

/// One entry of a user's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step<'a> {
    pub instance: &'a Instance,
    pub kind: StepKind,
    pub at: i64,
    /// `None`: Actioneer (the lockout, or the end at expiry).
    pub actioner: Option<Uuid>,
    pub comment: Option<&'a str>,
    /// The expiry before this step (modify, cancel).
    pub expiry_before: Option<i64>,
    /// The expiry after this step.
    pub expiry: Option<i64>,
}

/// Every step of every instance, newest first. An instance's history holds the state before
/// each modify or cancel; its own fields are the latest state. So the states, oldest
/// first, are the history items then the instance: the first is the apply, the others are
/// modifications, and the last is the cancel when the instance was cancelled. An instance that
/// reached its expiry without being cancelled also ended then.
pub fn timeline(instances: &[Instance], now: i64) -> Vec<Step<'_>> {
    let mut steps: Vec<Step> = Vec::with_capacity(instances.len() * 2);
    for instance in instances {
        let states = instance
            .history
            .iter()
            .map(|h| {
                (
                    h.create_instant,
                    h.actioner_user_id,
                    h.comment.as_deref(),
                    h.expiry,
                )
            })
            .chain(std::iter::once((
                instance.insert_instant,
                instance.actioner_user_id,
                instance.comment.as_deref(),
                instance.expiry,
            )));
        let last = instance.history.len();
        let mut before = None;
        for (n, (at, actioner, comment, expiry)) in states.enumerate() {
            let kind = match n {
                0 if instance.expiry.is_none() => StepKind::Instant,
                0 => StepKind::Applied,
                _ if n == last && instance.cancelled => StepKind::Cancelled,
                _ => StepKind::Modified,
            };
            steps.push(Step {
                instance,
                kind,
                at,
                actioner,
                comment,
                expiry_before: before,
                expiry,
            });
            before = expiry;
        }
        if instance.state(now) == State::Ended {
            if let Some(expiry) = instance.expiry {
                steps.push(Step {
                    instance,
                    kind: StepKind::Ended,
                    at: expiry,
                    actioner: None,
                    comment: None,
                    expiry_before: None,
                    expiry: Some(expiry),
                });
            }
        }
    }
    // Newest first. Within one moment: the later instance (ids are time-ordered), then the
    // later step of an instance (steps were pushed in order, so reversed they stay newest first
    // under a stable sort).
    steps.reverse();
    steps.sort_by_key(|s| std::cmp::Reverse((s.at, s.instance.id)));
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::instance::{Change, FOREVER};

    fn instance(expiry: Option<i64>, at: i64) -> Instance {
        Instance {
            id: Uuid::now_v7(),
            ..Instance::example(expiry, at)
        }
    }

    fn change(by: u128, comment: &str) -> Change {
        Change {
            actioner_user_id: Uuid::from_u128(by),
            comment: Some(comment.into()),
            email_user: false,
            notify_user: false,
        }
    }

    #[test]
    fn phases_come_from_history_newest_first() {
        let mut ban = instance(Some(1_000), 100);
        ban.modify(&change(2, "longer"), 5_000, 200);
        ban.cancel(&change(3, "sorry"), false, 300);
        let warning = instance(None, 250);
        let mut mute = instance(Some(400), 150);
        mute.modify(&change(2, "shorter"), 350, 160);
        let list = [ban, warning, mute];
        let steps = timeline(&list, 1_000);
        let kinds: Vec<(StepKind, i64)> = steps.iter().map(|s| (s.kind, s.at)).collect();
        assert_eq!(
            kinds,
            vec![
                (StepKind::Ended, 350),
                (StepKind::Cancelled, 300),
                (StepKind::Instant, 250),
                (StepKind::Modified, 200),
                (StepKind::Modified, 160),
                (StepKind::Applied, 150),
                (StepKind::Applied, 100),
            ]
        );
        let modified = &steps[3];
        assert_eq!(modified.expiry_before, Some(1_000));
        assert_eq!(modified.expiry, Some(5_000));
        assert_eq!(modified.comment, Some("longer"));
        assert_eq!(modified.actioner, Some(Uuid::from_u128(2)));
        let cancelled = &steps[1];
        assert_eq!(cancelled.expiry_before, Some(5_000));
        assert_eq!(cancelled.actioner, Some(Uuid::from_u128(3)));
        assert_eq!(steps[0].actioner, None);
        assert_eq!(steps[6].comment, Some("first"));
    }

    #[test]
    fn running_and_forever_instances_have_no_end_yet() {
        let list = [instance(Some(FOREVER), 1), instance(Some(500), 2)];
        let steps = timeline(&list, 400);
        assert!(steps.iter().all(|s| s.kind == StepKind::Applied));
    }

    #[test]
    fn names_prefer_full_then_given_then_email() {
        let mut p = Person {
            id: Uuid::nil(),
            email: Some("ada@x.test".into()),
            first_name: Some("Ada".into()),
            last_name: Some("Lovelace".into()),
            full_name: None,
        };
        assert_eq!(display_name(&p), "Ada Lovelace");
        p.full_name = Some("Countess Ada".into());
        assert_eq!(display_name(&p), "Countess Ada");
        p.full_name = None;
        p.first_name = None;
        p.last_name = None;
        assert_eq!(display_name(&p), "ada@x.test");
    }
}
