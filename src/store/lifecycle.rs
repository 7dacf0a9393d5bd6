//! Rows behind Actioneer's lifecycle extensions: kinds of definitions (and, below, the queues
//! of scheduled starts and reminders).

use std::collections::HashMap;

use diesel::dsl::count_star;
use diesel::prelude::*;
use uuid::Uuid;

use super::parse_id;
use crate::db::schema::{action_instances as i, user_actions as ua};
use crate::db::DbConnection;
use crate::domain::lifecycle::ActionKind;

/// The kind of each of these definitions that exists.
pub fn kinds_of(conn: &mut DbConnection, ids: &[Uuid]) -> QueryResult<HashMap<Uuid, ActionKind>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let rows: Vec<(String, String)> = ua::table
        .filter(ua::id.eq_any(ids))
        .select((ua::id, ua::kind))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, kind)| (parse_id(&id), ActionKind::parse(&kind).unwrap_or_default()))
        .collect())
}

/// Current instances (not expired, not cancelled) counted by their definition's kind, within
/// `tenant` when one is given.
pub fn current_counts_by_kind(
    conn: &mut DbConnection,
    now: i64,
    tenant: Option<Uuid>,
) -> QueryResult<Vec<(ActionKind, i64)>> {
    let mut q = i::table
        .inner_join(ua::table)
        .filter(i::expiry.gt(now))
        .filter(i::cancelled.eq(false))
        .group_by(ua::kind)
        .select((ua::kind, count_star()))
        .into_boxed();
    if let Some(t) = tenant {
        q = q.filter(i::tenant_id.eq(t.to_string()));
    }
    let rows: Vec<(String, i64)> = q.load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(k, n)| ActionKind::parse(&k).map(|k| (k, n)))
        .collect())
}
