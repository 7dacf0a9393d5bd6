//! Throttled staff sign-in: attempts are counted per email address and per client address, and
//! refused while either is blocked, before the slow password check runs.

use diesel::Connection;

use super::staff::{self, token_hash};
use super::{ServiceError, ServiceResult};
use crate::db::writer::{WriteError, Writer};
use crate::db::{Db, DbConnection};
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

/// How a sign-in ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignIn {
    /// Too many failures: the password was not even checked.
    Refused { until: i64 },
    /// Unknown address or wrong password (told apart to no one).
    WrongPassword,
    /// A new session: the token for its cookie.
    SignedIn { token: String },
}

/// A write's failure as a service error: overload stays "unavailable" (503, retry).
fn write_failed(e: WriteError) -> ServiceError {
    match e {
        WriteError::Unavailable(e) => ServiceError::Unavailable(e),
        WriteError::Commit(e) if crate::db::is_unavailable_message(&e) => {
            ServiceError::Unavailable(e)
        }
        other => ServiceError::Internal(other.to_string()),
    }
}

/// The whole sign-in: admit (counted and throttled), check the password on a blocking thread
/// (argon2 is slow; the writer must not wait for it), then clear the failures and open a
/// session in one write.
pub async fn sign_in(
    db: &Db,
    writer: &Writer,
    now: i64,
    email: &str,
    password: &str,
    client_ip: Option<String>,
) -> ServiceResult<SignIn> {
    let address = email.to_string();
    let admission = writer
        .run(move |conn| admit(conn, now, &address, client_ip.as_deref()))
        .await
        .map_err(write_failed)??;
    if let Admission::Refused { until } = admission {
        return Ok(SignIn::Refused { until });
    }
    let (db, address, typed) = (db.clone(), email.to_string(), password.to_string());
    let member = actix_web::rt::task::spawn_blocking(move || {
        let mut conn = db.read()?;
        staff::authenticate(&mut conn, &address, &typed)
    })
    .await
    .map_err(|e| ServiceError::Internal(e.to_string()))??;
    let Some(member) = member else {
        return Ok(SignIn::WrongPassword);
    };
    let address = email.to_string();
    let token = writer
        .run(move |conn| {
            succeeded(conn, &address)?;
            staff::start_session(conn, now, member.id)
        })
        .await
        .map_err(write_failed)??;
    Ok(SignIn::SignedIn { token })
}
