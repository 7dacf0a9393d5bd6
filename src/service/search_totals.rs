//! Searches whose total reached its bound a moment ago. Counting to the bound reads 10,000
//! index entries (on PostgreSQL each checked against its table row until a vacuum has run), so
//! a search that many clients repeat — a dashboard, a poller — would count them on every
//! request. For a second after a count reached the bound, the same search in the same tenant
//! scope answers "at least the bound" without counting again; a total below the bound is
//! always counted afresh, so every exact total is current.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::store::instances::Criteria;

/// How long a total that reached the bound is reused.
const REUSED_FOR: Duration = Duration::from_secs(1);
/// The most searches remembered at once; older ones are forgotten first.
const MOST_REMEMBERED: usize = 256;

type Key = (Option<Uuid>, Criteria);

#[derive(Default)]
pub struct SaturatedTotals {
    counted: Mutex<HashMap<Key, Instant>>,
}

impl SaturatedTotals {
    /// Whether `criteria` in `scope` reached the bound less than a second ago.
    pub fn reached(&self, scope: Option<Uuid>, criteria: &Criteria) -> bool {
        let Ok(counted) = self.counted.lock() else {
            return false;
        };
        counted
            .get(&(scope, criteria.clone()))
            .is_some_and(|at| at.elapsed() < REUSED_FOR)
    }

    /// Records that `criteria` in `scope` has just reached the bound.
    pub fn remember(&self, scope: Option<Uuid>, criteria: &Criteria) {
        let Ok(mut counted) = self.counted.lock() else {
            return;
        };
        if counted.len() >= MOST_REMEMBERED {
            counted.retain(|_, at| at.elapsed() < REUSED_FOR);
        }
        if counted.len() >= MOST_REMEMBERED {
            counted.clear();
        }
        counted.insert((scope, criteria.clone()), Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::instance::State;

    fn active() -> Criteria {
        Criteria {
            state: Some(State::Active),
            ..Criteria::default()
        }
    }

    #[test]
    fn a_search_is_reused_only_in_its_own_scope_and_criteria() {
        let totals = SaturatedTotals::default();
        let tenant = Some(Uuid::now_v7());
        assert!(!totals.reached(tenant, &active()));
        totals.remember(tenant, &active());
        assert!(totals.reached(tenant, &active()));
        assert!(!totals.reached(None, &active()));
        assert!(!totals.reached(tenant, &Criteria::default()));
    }

    #[test]
    fn remembered_searches_stay_bounded() {
        let totals = SaturatedTotals::default();
        for n in 0..(MOST_REMEMBERED as i64 * 3) {
            let criteria = Criteria {
                created_after: Some(n),
                ..Criteria::default()
            };
            totals.remember(None, &criteria);
        }
        let held = totals.counted.lock().map(|c| c.len()).unwrap_or_default();
        assert!(held <= MOST_REMEMBERED, "{held}");
    }
}
