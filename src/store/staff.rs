//! Staff members, their sessions and first-start setup tokens.

use diesel::prelude::*;
use uuid::Uuid;

use super::{load_all, load_first, parse_id, FromRow, Loaded, UniqueKey};
use crate::db::schema::{setup_tokens, staff, staff_sessions, users};
use crate::db::DbConnection;
use crate::domain::staff::{Role, StaffMember};

/// A user is a staff member at most once.
pub const MEMBER: UniqueKey = UniqueKey::new("staff", &["user_id"]);

/// A member's columns: the staff row and the linked user's name and email.
#[derive(Queryable, Selectable)]
#[diesel(table_name = staff)]
pub(crate) struct MemberRow {
    user_id: String,
    role: String,
    language: Option<String>,
    time_zone: Option<String>,
    #[diesel(select_expression = users::email)]
    email: Option<String>,
    #[diesel(select_expression = users::full_name)]
    full_name: Option<String>,
    #[diesel(select_expression = users::first_name)]
    first_name: Option<String>,
    #[diesel(select_expression = users::last_name)]
    last_name: Option<String>,
}

impl FromRow for StaffMember {
    type Row = MemberRow;

    fn from_row(row: MemberRow) -> QueryResult<StaffMember> {
        let email = row.email.unwrap_or_default();
        let name = row
            .full_name
            .or_else(|| {
                let joined = [row.first_name, row.last_name]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                (!joined.is_empty()).then_some(joined)
            })
            .unwrap_or_else(|| email.clone());
        Ok(StaffMember {
            id: parse_id(&row.user_id)?,
            email,
            name,
            // An unknown role (edited by hand) reaches only the account pages.
            role: Role::parse(&row.role).unwrap_or(Role::Translator),
            language: row.language,
            time_zone: row.time_zone,
        })
    }
}

type Read = Loaded<StaffMember>;

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    staff::table.count().get_result(conn)
}

pub fn count_admins(conn: &mut DbConnection) -> QueryResult<i64> {
    staff::table
        .filter(staff::role.eq(Role::Admin.as_str()))
        .count()
        .get_result(conn)
}

pub fn insert(conn: &mut DbConnection, user_id: Uuid, role: Role, now: i64) -> QueryResult<()> {
    diesel::insert_into(staff::table)
        .values((
            staff::user_id.eq(user_id.to_string()),
            staff::role.eq(role.as_str()),
            staff::insert_instant.eq(now),
            staff::last_update_instant.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, user_id: Uuid) -> QueryResult<Option<StaffMember>> {
    let member = staff::table
        .inner_join(users::table)
        .filter(staff::user_id.eq(user_id.to_string()));
    load_first(conn, member.select(Read::as_select()))
}

/// Every member, by email. The filter repeats the join so that SQLite starts at the few staff
/// rows: ordered by email alone, it walked every user's email index (70-90 ms with 200,000
/// users) to avoid sorting a handful of rows.
macro_rules! staff_by_email {
    () => {{
        let members = diesel::alias!(staff as members);
        staff::table
            .inner_join(users::table)
            .filter(users::id.eq_any(members.select(members.field(staff::user_id))))
            .order(users::email_ci.asc())
            .select(Read::as_select())
    }};
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<StaffMember>> {
    load_all(conn, staff_by_email!())
}

/// The statement `list` runs on SQLite (placeholders unbound), so tests can check its plan.
pub fn list_sql_sqlite() -> String {
    super::sqlite_sql_text(&staff_by_email!())
}

pub fn update(
    conn: &mut DbConnection,
    user_id: Uuid,
    role: Role,
    language: Option<&str>,
    time_zone: Option<&str>,
    now: i64,
) -> QueryResult<usize> {
    diesel::update(staff::table.filter(staff::user_id.eq(user_id.to_string())))
        .set((
            staff::role.eq(role.as_str()),
            staff::language.eq(language),
            staff::time_zone.eq(time_zone),
            staff::last_update_instant.eq(now),
        ))
        .execute(conn)
}

/// The member's admin-app password hash; `None` for no member or a member without a password.
pub fn password_hash(conn: &mut DbConnection, user_id: Uuid) -> QueryResult<Option<String>> {
    Ok(staff::table
        .filter(staff::user_id.eq(user_id.to_string()))
        .select(staff::password_hash)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten())
}

pub fn set_password_hash(conn: &mut DbConnection, user_id: Uuid, hash: &str) -> QueryResult<usize> {
    diesel::update(staff::table.filter(staff::user_id.eq(user_id.to_string())))
        .set(staff::password_hash.eq(hash))
        .execute(conn)
}

pub fn exists(conn: &mut DbConnection, user_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        staff::table.filter(staff::user_id.eq(user_id.to_string())),
    ))
    .get_result(conn)
}

pub fn delete(conn: &mut DbConnection, user_id: Uuid) -> QueryResult<usize> {
    delete_sessions_of(conn, user_id)?;
    diesel::delete(staff::table.filter(staff::user_id.eq(user_id.to_string()))).execute(conn)
}

pub fn insert_session(
    conn: &mut DbConnection,
    token_hash: &str,
    staff_id: Uuid,
    csrf_token: &str,
    expires_at: i64,
    now: i64,
) -> QueryResult<()> {
    diesel::insert_into(staff_sessions::table)
        .values((
            staff_sessions::token_hash.eq(token_hash),
            staff_sessions::staff_id.eq(staff_id.to_string()),
            staff_sessions::csrf_token.eq(csrf_token),
            staff_sessions::expires_at.eq(expires_at),
            staff_sessions::insert_instant.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// The member, CSRF token and expiry of an unexpired session.
pub fn find_session(
    conn: &mut DbConnection,
    token_hash: &str,
    now: i64,
) -> QueryResult<Option<(StaffMember, String, i64)>> {
    let row = staff_sessions::table
        .inner_join(staff::table.inner_join(users::table))
        .filter(staff_sessions::token_hash.eq(token_hash))
        .filter(staff_sessions::expires_at.gt(now))
        .filter(users::active.eq(true))
        .select((
            Read::as_select(),
            staff_sessions::csrf_token,
            staff_sessions::expires_at,
        ))
        .first::<(Read, String, i64)>(conn)
        .optional()?;
    Ok(row.map(|(Loaded(member), csrf, expires)| (member, csrf, expires)))
}

pub fn extend_session(
    conn: &mut DbConnection,
    token_hash: &str,
    expires_at: i64,
) -> QueryResult<()> {
    diesel::update(staff_sessions::table.filter(staff_sessions::token_hash.eq(token_hash)))
        .set(staff_sessions::expires_at.eq(expires_at))
        .execute(conn)
        .map(drop)
}

pub fn delete_session(conn: &mut DbConnection, token_hash: &str) -> QueryResult<()> {
    diesel::delete(staff_sessions::table.filter(staff_sessions::token_hash.eq(token_hash)))
        .execute(conn)
        .map(drop)
}

pub fn delete_sessions_of(conn: &mut DbConnection, staff_id: Uuid) -> QueryResult<()> {
    diesel::delete(staff_sessions::table.filter(staff_sessions::staff_id.eq(staff_id.to_string())))
        .execute(conn)
        .map(drop)
}

/// Ends every session of the member but `keep` (the token hash of the session to keep, if any).
pub fn delete_sessions_except(
    conn: &mut DbConnection,
    staff_id: Uuid,
    keep: Option<&str>,
) -> QueryResult<usize> {
    let of_member = staff_sessions::staff_id.eq(staff_id.to_string());
    match keep {
        Some(keep) => diesel::delete(
            staff_sessions::table.filter(of_member.and(staff_sessions::token_hash.ne(keep))),
        )
        .execute(conn),
        None => diesel::delete(staff_sessions::table.filter(of_member)).execute(conn),
    }
}

pub fn delete_expired_sessions(conn: &mut DbConnection, now: i64) -> QueryResult<usize> {
    diesel::delete(staff_sessions::table.filter(staff_sessions::expires_at.le(now))).execute(conn)
}

pub fn insert_setup_token(
    conn: &mut DbConnection,
    token_hash: &str,
    expires_at: i64,
) -> QueryResult<()> {
    diesel::insert_into(setup_tokens::table)
        .values((
            setup_tokens::token_hash.eq(token_hash),
            setup_tokens::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(drop)
}

pub fn setup_token_valid(conn: &mut DbConnection, token_hash: &str, now: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        setup_tokens::table
            .filter(setup_tokens::token_hash.eq(token_hash))
            .filter(setup_tokens::expires_at.gt(now)),
    ))
    .get_result(conn)
}

pub fn delete_setup_tokens(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::delete(setup_tokens::table).execute(conn).map(drop)
}
