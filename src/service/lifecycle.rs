//! Actioneer's lifecycle extensions for the pages: penalties kept apart from entitlements.

use uuid::Uuid;

use super::ServiceResult;
use crate::db::DbConnection;
use crate::domain::instance::Instance;
use crate::domain::lifecycle::ActionKind;
use crate::store;
use crate::store::instances::UserFilter;

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

/// Current instances counted by kind, every kind listed (zero included), within `tenant` when
/// one is given. For the dashboard.
pub fn current_counts_by_kind(
    conn: &mut DbConnection,
    now: i64,
    tenant: Option<Uuid>,
) -> ServiceResult<Vec<(ActionKind, i64)>> {
    let found = store::lifecycle::current_counts_by_kind(conn, now, tenant)?;
    Ok(ActionKind::ALL
        .iter()
        .map(|k| {
            let n = found.iter().find(|(f, _)| f == k).map_or(0, |(_, n)| *n);
            (*k, n)
        })
        .collect())
}
