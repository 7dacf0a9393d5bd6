//! An instance's version, for refusing a change made from a stale page (optimistic
//! concurrency). Every modify or cancel moves the state before it into the history, so the
//! history's length counts the changes: that is the version, whichever face made them.

use uuid::Uuid;

use super::instance::Instance;

/// How many times the instance has been changed since it was applied.
pub fn version(instance: &Instance) -> i64 {
    i64::try_from(instance.history.len()).unwrap_or(i64::MAX)
}

/// One change made after the version a page showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeSince {
    pub at: i64,
    pub by: Option<Uuid>,
    pub expiry_before: Option<i64>,
    pub expiry_after: Option<i64>,
    pub comment_changed: bool,
    pub comment_after: Option<String>,
    pub cancelled: bool,
}

/// The changes made after version `seen`, oldest first; empty when `seen` is current (or a
/// version the instance never had, from the future).
pub fn changes_since(instance: &Instance, seen: i64) -> Vec<ChangeSince> {
    let count = instance.history.len();
    let from = usize::try_from(seen.max(0))
        .unwrap_or(usize::MAX)
        .min(count);
    (from..count)
        .map(|k| {
            let before = &instance.history[k];
            let last = k + 1 == count;
            let (at, by, expiry, comment) = match instance.history.get(k + 1) {
                Some(next) => (
                    next.create_instant,
                    next.actioner_user_id,
                    next.expiry,
                    next.comment.clone(),
                ),
                None => (
                    instance.insert_instant,
                    instance.actioner_user_id,
                    instance.expiry,
                    instance.comment.clone(),
                ),
            };
            ChangeSince {
                at,
                by,
                expiry_before: before.expiry,
                expiry_after: expiry,
                comment_changed: before.comment != comment,
                comment_after: comment,
                cancelled: last && instance.cancelled,
            }
        })
        .collect()
}

/// Whether a change sent from a page that showed version `seen` may go ahead.
pub fn is_current(instance: &Instance, seen: i64) -> bool {
    version(instance) == seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::instance::Change;

    fn applied() -> Instance {
        Instance {
            actioner_user_id: None,
            ..Instance::example(Some(1_000), 0)
        }
    }

    fn change(by: Uuid, comment: &str) -> Change {
        Change {
            actioner_user_id: by,
            comment: Some(comment.into()),
            email_user: false,
            notify_user: false,
        }
    }

    #[test]
    fn each_change_moves_the_version_on() {
        let mut i = applied();
        assert_eq!(version(&i), 0);
        i.modify(&change(Uuid::nil(), "first"), 2_000, 10);
        assert_eq!(version(&i), 1);
        assert!(!is_current(&i, 0));
        assert!(is_current(&i, 1));
    }

    #[test]
    fn the_changes_since_a_version_say_what_moved_and_who_moved_it() {
        let agent = Uuid::from_u128(7);
        let mut i = applied();
        i.modify(&change(agent, "first"), 2_000, 10);
        i.cancel(&change(agent, "done"), true, 20);
        let since = changes_since(&i, 0);
        assert_eq!(since.len(), 2);
        assert_eq!(since[0].expiry_before, Some(1_000));
        assert_eq!(since[0].expiry_after, Some(2_000));
        assert!(!since[0].comment_changed);
        assert_eq!(since[0].by, Some(agent));
        assert_eq!(since[0].at, 10);
        assert!(!since[0].cancelled);
        assert_eq!(since[1].expiry_after, Some(20));
        assert!(since[1].comment_changed);
        assert!(since[1].cancelled);
        assert!(changes_since(&i, 2).is_empty());
        assert!(changes_since(&i, 99).is_empty());
        assert_eq!(changes_since(&i, -5).len(), 2);
    }
}
