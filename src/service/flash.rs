//! One-time values a form's answer shows on the page after its redirect (Post/Redirect/Get),
//! such as a new API key: reloading that page does not repeat the form, and shows nothing twice.

use diesel::Connection;

use super::ServiceResult;
use crate::db::DbConnection;
use crate::store;

/// How long a value waits for its page.
pub const KEEP_MILLIS: i64 = 10 * 60 * 1000;

/// Keeps `sealed` for the session until shown; old values of every session are swept here.
pub fn put(
    conn: &mut DbConnection,
    now: i64,
    token_hash: &str,
    name: &str,
    sealed: &str,
) -> ServiceResult<()> {
    conn.transaction(|conn| {
        store::flashes::delete_expired(conn, now)?;
        store::flashes::put(conn, token_hash, name, sealed, now + KEEP_MILLIS)
    })?;
    Ok(())
}

/// The value kept under `name`, once: it is gone after this.
pub fn take(
    conn: &mut DbConnection,
    now: i64,
    token_hash: &str,
    name: &str,
) -> ServiceResult<Option<String>> {
    Ok(conn.transaction(|conn| store::flashes::take(conn, token_hash, name, now))?)
}
