//! One-time values of a staff session, shown on the page after a form's redirect.

use diesel::prelude::*;

use crate::db::schema::staff_flashes as f;
use crate::db::DbConnection;

/// Stores `sealed` under `name` for the session, replacing what was there.
pub fn put(
    conn: &mut DbConnection,
    token_hash: &str,
    name: &str,
    sealed: &str,
    expires_at: i64,
) -> QueryResult<()> {
    diesel::delete(
        f::table
            .filter(f::token_hash.eq(token_hash))
            .filter(f::name.eq(name)),
    )
    .execute(conn)?;
    diesel::insert_into(f::table)
        .values((
            f::token_hash.eq(token_hash),
            f::name.eq(name),
            f::sealed.eq(sealed),
            f::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(drop)
}

/// The value under `name` if it has not expired; the row is deleted either way.
pub fn take(
    conn: &mut DbConnection,
    token_hash: &str,
    name: &str,
    now: i64,
) -> QueryResult<Option<String>> {
    let found: Option<(String, i64)> = f::table
        .filter(f::token_hash.eq(token_hash))
        .filter(f::name.eq(name))
        .select((f::sealed, f::expires_at))
        .first(conn)
        .optional()?;
    diesel::delete(
        f::table
            .filter(f::token_hash.eq(token_hash))
            .filter(f::name.eq(name)),
    )
    .execute(conn)?;
    Ok(found
        .filter(|(_, expires_at)| *expires_at > now)
        .map(|(v, _)| v))
}

/// Deletes every expired value (of any session).
pub fn delete_expired(conn: &mut DbConnection, now: i64) -> QueryResult<usize> {
    diesel::delete(f::table.filter(f::expires_at.le(now))).execute(conn)
}
