//! Staff sign-in attempts: recorded before the password is checked, deleted on success.

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use uuid::Uuid;

use crate::db::schema::signin_attempts as a;
use crate::db::DbConnection;

/// Takes the lock on the attempts counted under a key (a hex digest: an email address's, or a
/// client address's) until the transaction ends, without waiting: `false` when another
/// transaction holds it (PostgreSQL, where several writers run at once; SQLite has one writer,
/// so it always succeeds). Concurrent attempts thus cannot all pass the count before any is
/// recorded, and a sign-in never waits on a lock it could deadlock on inside a group-committed
/// batch.
pub fn try_lock(conn: &mut DbConnection, key_hash: &str) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Locked {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        locked: bool,
    }
    let DbConnection::Pg(c) = conn else {
        return Ok(true);
    };
    let key = i64::from_str_radix(key_hash.get(..15).unwrap_or("0"), 16).unwrap_or(0);
    let row: Locked = diesel::sql_query("SELECT pg_try_advisory_xact_lock($1) AS locked")
        .bind::<BigInt, _>(key)
        .get_result(c)?;
    Ok(row.locked)
}

pub fn insert(
    conn: &mut DbConnection,
    email_hash: &str,
    client_ip: Option<&str>,
    now: i64,
) -> QueryResult<()> {
    diesel::insert_into(a::table)
        .values((
            a::id.eq(Uuid::now_v7().to_string()),
            a::email_hash.eq(email_hash),
            a::client_ip.eq(client_ip),
            a::instant.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Instants of the attempts whose `column` is `value`, since `since`.
macro_rules! instants_since {
    ($conn:expr, $column:expr, $value:expr, $since:expr) => {
        a::table
            .filter($column.eq($value))
            .filter(a::instant.ge($since))
            .select(a::instant)
            .load($conn)
    };
}

/// Instants of the attempts for an email address since `since`.
pub fn instants_for_email(
    conn: &mut DbConnection,
    email_hash: &str,
    since: i64,
) -> QueryResult<Vec<i64>> {
    instants_since!(conn, a::email_hash, email_hash, since)
}

/// Instants of the attempts from a client address since `since`.
pub fn instants_for_client(
    conn: &mut DbConnection,
    client_ip: &str,
    since: i64,
) -> QueryResult<Vec<i64>> {
    instants_since!(conn, a::client_ip, client_ip, since)
}

pub fn delete_for_email(conn: &mut DbConnection, email_hash: &str) -> QueryResult<usize> {
    diesel::delete(a::table.filter(a::email_hash.eq(email_hash))).execute(conn)
}

pub fn delete_before(conn: &mut DbConnection, instant: i64) -> QueryResult<usize> {
    diesel::delete(a::table.filter(a::instant.lt(instant))).execute(conn)
}
