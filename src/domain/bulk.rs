//! The rules of a bulk change: how many may be selected, which instances a change can reach,
//! and why one item of the batch was refused.

use std::collections::BTreeSet;

use uuid::Uuid;

use super::instance::{Instance, FOREVER};
use super::instance_version;
use super::{FieldErrors, Kind};

/// The most users or instances one bulk change takes: the confirm page lists each of them.
pub const MAX_SELECTED: usize = 200;

/// What a bulk change does to each selected item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Operation {
    /// Apply one action to each selected user.
    Apply,
    /// Move each selected instance's expiry later.
    Extend,
    Cancel,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Apply => "apply",
            Operation::Extend => "extend",
            Operation::Cancel => "cancel",
        }
    }

    pub fn parse(s: &str) -> Option<Operation> {
        [Operation::Apply, Operation::Extend, Operation::Cancel]
            .into_iter()
            .find(|o| o.as_str() == s.trim())
    }
}

/// Why one item of a bulk change was not done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Refusal {
    /// An instantaneous action happened once: it has no end to move or cancel.
    Instantaneous,
    /// It has ended or was cancelled already.
    NotRunning,
    /// It changed since the confirm page showed it.
    Stale,
    /// A permanent action has no end to extend.
    Permanent,
    /// The user already has a current instance of this temporal action.
    Duplicate,
    /// The action is not available to this user (inactive, or not in the user's tenant).
    Unavailable,
    /// The user or the instance no longer exists.
    Gone,
    /// The change itself was refused (an expiry in the past, a missing option…).
    Invalid,
}

impl Refusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Refusal::Instantaneous => "instantaneous",
            Refusal::NotRunning => "not-running",
            Refusal::Stale => "stale",
            Refusal::Permanent => "permanent",
            Refusal::Duplicate => "duplicate",
            Refusal::Unavailable => "unavailable",
            Refusal::Gone => "gone",
            Refusal::Invalid => "invalid",
        }
    }
}

/// Why a selection cannot be taken as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectionError {
    Empty,
    TooMany,
}

/// The selected ids, each once, in the order first sent. Values that are no id are ignored (a
/// checkbox cannot send one); nothing selected, or more than `MAX_SELECTED`, is refused.
pub fn selection<'a>(sent: impl IntoIterator<Item = &'a str>) -> Result<Vec<Uuid>, SelectionError> {
    let mut seen = BTreeSet::new();
    let ids: Vec<Uuid> = sent
        .into_iter()
        .filter_map(|s| Uuid::parse_str(s.trim()).ok())
        .filter(|id| seen.insert(*id))
        .collect();
    match ids.len() {
        0 => Err(SelectionError::Empty),
        n if n > MAX_SELECTED => Err(SelectionError::TooMany),
        _ => Ok(ids),
    }
}

/// An instance id and the version the confirm page showed, as `<id>:<version>`.
pub fn parse_item(sent: &str) -> Option<(Uuid, i64)> {
    let (id, version) = sent.trim().split_once(':')?;
    Some((Uuid::parse_str(id).ok()?, version.parse().ok()?))
}

/// Why `op` cannot reach the instance now, if it cannot; `seen` is the version the confirm page
/// showed (`None`: the page that lists it now). The service's own checks still run after this.
pub fn refusal_for(
    op: Operation,
    instance: &Instance,
    seen: Option<i64>,
    now: i64,
) -> Option<Refusal> {
    if instance.expiry.is_none() {
        return Some(Refusal::Instantaneous);
    }
    if !instance.is_changeable(now) {
        return Some(Refusal::NotRunning);
    }
    if seen.is_some_and(|v| !instance_version::is_current(instance, v)) {
        return Some(Refusal::Stale);
    }
    if op == Operation::Extend && instance.expiry == Some(FOREVER) {
        return Some(Refusal::Permanent);
    }
    None
}

/// The expiry an extension by `days` gives; it never passes "forever" (the largest instant),
/// and a permanent one stays as it is.
pub fn extended(expiry: i64, days: i64) -> i64 {
    expiry.saturating_add(days.saturating_mul(24 * 60 * 60 * 1000))
}

/// Days an extension may add: at least one, at most ten years.
pub fn extension_days_are_valid(days: i64) -> bool {
    (1..=3650).contains(&days)
}

/// The refusal an apply's validation errors amount to, for the summary.
pub fn refusal_of(errors: &FieldErrors) -> Refusal {
    let has = |field: &str, kind: Kind| {
        errors
            .field_errors
            .get(field)
            .is_some_and(|list| list.iter().any(|e| e.kind() == Some(kind)))
    };
    if has("action.userActionId", Kind::Duplicate) {
        Refusal::Duplicate
    } else if has("action.actioneeUserId", Kind::Invalid) {
        Refusal::Gone
    } else if has("action.userActionId", Kind::Invalid) {
        Refusal::Unavailable
    } else {
        Refusal::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::instance::HistoryItem;

    fn temporal(expiry: i64) -> Instance {
        Instance {
            actioner_user_id: None,
            comment: None,
            ..Instance::example(Some(expiry), 0)
        }
    }

    #[test]
    fn a_selection_is_distinct_ids_within_the_bound() {
        let a = Uuid::now_v7().to_string();
        let b = Uuid::now_v7().to_string();
        let picked = selection([a.as_str(), "not an id", b.as_str(), a.as_str()]).unwrap();
        assert_eq!(picked.len(), 2);
        assert_eq!(picked[0].to_string(), a);
        assert_eq!(selection(["x"]), Err(SelectionError::Empty));
        let many: Vec<String> = (0..=MAX_SELECTED)
            .map(|_| Uuid::now_v7().to_string())
            .collect();
        assert_eq!(
            selection(many.iter().map(String::as_str)),
            Err(SelectionError::TooMany)
        );
        assert!(selection(many[..MAX_SELECTED].iter().map(String::as_str)).is_ok());
    }

    #[test]
    fn items_carry_their_version() {
        let id = Uuid::now_v7();
        assert_eq!(parse_item(&format!("{id}:3")), Some((id, 3)));
        assert_eq!(parse_item(&id.to_string()), None);
        assert_eq!(parse_item("x:1"), None);
    }

    #[test]
    fn what_a_change_cannot_reach() {
        let now = 1_000;
        let mut instant = temporal(5_000);
        instant.expiry = None;
        assert_eq!(
            refusal_for(Operation::Cancel, &instant, None, now),
            Some(Refusal::Instantaneous)
        );
        assert_eq!(
            refusal_for(Operation::Cancel, &temporal(500), None, now),
            Some(Refusal::NotRunning)
        );
        let running = temporal(5_000);
        assert_eq!(refusal_for(Operation::Cancel, &running, Some(0), now), None);
        assert_eq!(refusal_for(Operation::Extend, &running, None, now), None);
        let mut changed = temporal(5_000);
        changed.history.push(HistoryItem {
            actioner_user_id: None,
            comment: None,
            create_instant: 0,
            expiry: Some(4_000),
        });
        assert_eq!(
            refusal_for(Operation::Extend, &changed, Some(0), now),
            Some(Refusal::Stale)
        );
        assert_eq!(
            refusal_for(Operation::Extend, &temporal(FOREVER), None, now),
            Some(Refusal::Permanent)
        );
        assert_eq!(
            refusal_for(Operation::Cancel, &temporal(FOREVER), None, now),
            None
        );
    }

    #[test]
    fn an_extension_adds_days_and_never_passes_forever() {
        let day = 24 * 60 * 60 * 1000;
        assert_eq!(extended(10, 2), 10 + 2 * day);
        assert_eq!(extended(FOREVER, 2), FOREVER);
        assert_eq!(extended(FOREVER - 1, 2), FOREVER);
        assert!(extension_days_are_valid(1));
        assert!(!extension_days_are_valid(0));
        assert!(!extension_days_are_valid(3651));
    }

    #[test]
    fn validation_errors_become_a_refusal() {
        let one = |kind, field| refusal_of(&FieldErrors::single(kind, field));
        assert_eq!(
            one(Kind::Duplicate, "action.userActionId"),
            Refusal::Duplicate
        );
        assert_eq!(
            one(Kind::Invalid, "action.userActionId"),
            Refusal::Unavailable
        );
        assert_eq!(one(Kind::Invalid, "action.actioneeUserId"), Refusal::Gone);
        assert_eq!(one(Kind::InPast, "action.expiry"), Refusal::Invalid);
    }
}
