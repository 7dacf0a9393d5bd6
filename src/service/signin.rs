//! Throttled staff sign-in: attempts are counted per email address and per client address, and
//! refused while either is blocked, before the slow password check runs.

use diesel::Connection;

use super::staff::token_hash;
use super::ServiceResult;
use crate::db::DbConnection;
use crate::domain::signin::{email_key, KEEP_MS, PER_CLIENT, PER_EMAIL};
use crate::store::signin_attempts as store;

/// Whether a sign-in attempt may go on to the password check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// Recorded; it counts as a failure unless `succeeded` is called for the address.
    Admitted,
    /// Too many failures for this address or from this client: refused until this instant.
    Refused { until: i64 },
}

/// How long an attempt that raced another for the same address is told to wait.
const BUSY_MS: i64 = 1_000;

/// What failures are counted under: a digest of the address, never the text typed.
fn email_hash(email: &str) -> String {
    token_hash(&email_key(email))
}

/// What a client address's count is locked under: apart from every email address's.
fn client_lock(client_ip: &str) -> String {
    token_hash(&format!("client {client_ip}"))
}

/// Records an attempt unless the address or the client is blocked. A known and an unknown
/// address are treated alike. Runs in a write transaction; old attempts are forgotten here.
pub fn admit(
    conn: &mut DbConnection,
    now: i64,
    email: &str,
    client_ip: Option<&str>,
) -> ServiceResult<Admission> {
    let hash = email_hash(email);
    conn.transaction(|conn| {
        for lock in std::iter::once(hash.clone()).chain(client_ip.map(client_lock)) {
            if !store::try_lock(conn, &lock)? {
                // Another attempt for this address, or from this client, is being counted this
                // very moment.
                return Ok(Admission::Refused {
                    until: now + BUSY_MS,
                });
            }
        }
        store::delete_before(conn, now.saturating_sub(KEEP_MS))?;
        let by_email = store::instants_for_email(conn, &hash, PER_EMAIL.since(now))?;
        let mut until = PER_EMAIL.blocked_until(&by_email, now);
        if let Some(ip) = client_ip {
            let by_client = store::instants_for_client(conn, ip, PER_CLIENT.since(now))?;
            until = until.max(PER_CLIENT.blocked_until(&by_client, now));
        }
        if let Some(until) = until {
            return Ok(Admission::Refused { until });
        }
        store::insert(conn, &hash, client_ip, now)?;
        Ok(Admission::Admitted)
    })
}

/// A successful sign-in clears the failures counted for its address.
pub fn succeeded(conn: &mut DbConnection, email: &str) -> ServiceResult<()> {
    store::delete_for_email(conn, &email_hash(email))?;
    Ok(())
}
