//! The instances list's rows with the emails of the users they name, as the admin app shows them
//! a page at a time and exports them batch by batch.

use std::collections::HashMap;

use uuid::Uuid;

use super::insights::{self, Criteria};
use super::{ServiceError, ServiceResult};
use crate::app::AppState;
use crate::db::DbConnection;
use crate::domain::instance::Instance;

/// Emails of the users `rows` name (actionees and actioners), for showing who each is about.
pub fn emails_named(
    conn: &mut DbConnection,
    rows: &[Instance],
) -> ServiceResult<HashMap<Uuid, String>> {
    let people: Vec<Uuid> = rows
        .iter()
        .flat_map(|i| [Some(i.actionee_user_id), i.actioner_user_id])
        .flatten()
        .collect();
    insights::emails(conn, &people)
}

/// Reads every instance `filter` finds, newest first, `batch` at a time, each batch with the
/// emails it names, on a read connection of its own, until none are left or `each` returns
/// false (the reader went away). It blocks: a download runs it on a blocking thread.
pub fn each_batch(
    state: &AppState,
    now: i64,
    filter: &Criteria,
    batch: i64,
    mut each: impl FnMut(Vec<Instance>, HashMap<Uuid, String>) -> ServiceResult<bool>,
) -> ServiceResult<()> {
    // A busy pool is "unavailable" (503), as for every other read.
    let mut conn = state.db.read().map_err(ServiceError::from)?;
    insights::each_batch(&mut conn, now, filter, batch, |conn, rows| {
        let emails = emails_named(conn, &rows)?;
        each(rows, emails)
    })
}
