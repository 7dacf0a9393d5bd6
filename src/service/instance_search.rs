//! Instances as the API reads them: a user's, filtered by state, and the search.

use uuid::Uuid;

use super::search_totals::SaturatedTotals;
use super::ServiceResult;
use crate::db::DbConnection;
use crate::domain::instance::Instance;
use crate::domain::instance_search::{InstanceSearch, MAX_USERS_MATCHED};
use crate::store;
use crate::store::instances::{Found, Search, UserFilter, TOTAL_BOUND};

/// Which of a user's instances a list asks for: all; current (`active`); the others
/// (`!active`); or those preventing login (`preventing_login`, which wins over `active`).
fn user_filter(active: Option<bool>, preventing_login: Option<bool>) -> UserFilter {
    match (preventing_login, active) {
        (Some(true), _) => UserFilter::PreventingLogin,
        (_, Some(true)) => UserFilter::Current,
        (_, Some(false)) => UserFilter::NotCurrent,
        _ => UserFilter::All,
    }
}

/// A user's instances, as `user_filter` says.
pub fn list_for_user(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    user: Uuid,
    active: Option<bool>,
    preventing_login: Option<bool>,
) -> ServiceResult<Vec<Instance>> {
    let filter = user_filter(active, preventing_login);
    super::actioning::list_for_user(conn, now, scope, user, filter)
}

/// `list_for_user`, or `None` when there are more than `at_most`.
pub fn list_for_user_within(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    user: Uuid,
    active: Option<bool>,
    preventing_login: Option<bool>,
    at_most: usize,
) -> ServiceResult<Option<Vec<Instance>>> {
    let filter = user_filter(active, preventing_login);
    super::actioning::list_for_user_within(conn, now, scope, user, filter, at_most)
}

/// One page of a search in the tenant `scope` (`None`: every tenant), and how many match. A total
/// that reached its bound a moment ago is taken from `totals` instead of counted again.
pub fn search(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    s: InstanceSearch,
    totals: &SaturatedTotals,
) -> ServiceResult<Found> {
    let search = Search {
        tenant_scope: scope,
        criteria: s.criteria,
        order: s.page.order,
        descending: s.page.descending,
        start_row: s.page.start_row,
        number_of_results: s.page.number_of_results,
        accurate_total: s.accurate_total,
    };
    let reused = !search.accurate_total && totals.reached(scope, &search.criteria);
    let (total, exact) = if reused {
        (TOTAL_BOUND, false)
    } else {
        let counted = store::instances::total(conn, &search, now)?;
        // Only a count made now starts the second: a reused total is never reused past it.
        if !counted.1 {
            totals.remember(scope, &search.criteria);
        }
        counted
    };
    Ok(Found {
        instances: store::instances::page(conn, &search, now)?,
        total,
        exact,
    })
}

/// The users a typed "user" filter stands for, as the user search finds them: an id, or words of
/// an email or name. `None` when more than `MAX_USERS_MATCHED` match (too broad to list by).
pub fn users_matching(conn: &mut DbConnection, text: &str) -> ServiceResult<Option<Vec<Uuid>>> {
    // No stored text holds U+0000 (and PostgreSQL cannot compare with it): nobody matches.
    if text.contains('\0') {
        return Ok(Some(Vec::new()));
    }
    let bound = MAX_USERS_MATCHED as i64;
    let (users, _) = crate::store::user_directory::search(conn, text, 0, bound + 1)?;
    if users.len() > MAX_USERS_MATCHED {
        return Ok(None);
    }
    Ok(Some(users.into_iter().map(|u| u.id).collect()))
}
