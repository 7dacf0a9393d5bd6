//! Users, always read within a tenant scope when one is given.

use diesel::prelude::*;
use uuid::Uuid;

use super::native::on_backend;
use super::{fold, matches_any, parse_id, parse_json, to_json, FromRow, Loaded, UniqueKey};
use crate::db::schema::users as u;
use crate::db::DbConnection;
use crate::domain::user::User;

/// The primary key.
pub const ID: UniqueKey = UniqueKey::new("users", &["id"]);
/// Emails are unique within a tenant, case-insensitively.
pub const EMAIL: UniqueKey = UniqueKey::new("users", &["tenant_id", "email_ci"]);
/// Usernames are unique within a tenant, case-insensitively.
pub const USERNAME: UniqueKey = UniqueKey::new("users", &["tenant_id", "username_ci"]);

/// A user's columns as selected.
#[derive(Queryable, Selectable)]
#[diesel(table_name = u)]
pub(crate) struct Selected {
    id: String,
    tenant_id: String,
    email: Option<String>,
    username: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    full_name: Option<String>,
    preferred_languages: String,
    timezone: Option<String>,
    active: bool,
    #[diesel(deserialize_as = super::StrictJsonObject)]
    data: serde_json::Map<String, serde_json::Value>,
    insert_instant: i64,
    last_update_instant: i64,
    last_login_instant: Option<i64>,
}

/// A user as read, checked while the query loads; the user search selects it too.
pub(crate) type Row = Loaded<User>;

impl FromRow for User {
    type Row = Selected;

    fn from_row(r: Selected) -> QueryResult<User> {
        Ok(User {
            id: parse_id(&r.id)?,
            tenant_id: parse_id(&r.tenant_id)?,
            email: r.email,
            username: r.username,
            first_name: r.first_name,
            last_name: r.last_name,
            full_name: r.full_name,
            preferred_languages: parse_json(&r.preferred_languages)?,
            timezone: r.timezone,
            active: r.active,
            data: r.data,
            insert_instant: r.insert_instant,
            last_update_instant: r.last_update_instant,
            last_login_instant: r.last_login_instant,
        })
    }
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = u, treat_none_as_null = true)]
struct Changes<'a> {
    email: Option<&'a str>,
    email_ci: Option<String>,
    username: Option<&'a str>,
    username_ci: Option<String>,
    first_name: Option<&'a str>,
    last_name: Option<&'a str>,
    full_name: Option<&'a str>,
    preferred_languages: String,
    timezone: Option<&'a str>,
    active: bool,
    data: String,
    last_update_instant: i64,
}

fn changes(user: &User) -> Changes<'_> {
    Changes {
        email: user.email.as_deref(),
        email_ci: user.email.as_deref().map(fold),
        username: user.username.as_deref(),
        username_ci: user.username.as_deref().map(fold),
        first_name: user.first_name.as_deref(),
        last_name: user.last_name.as_deref(),
        full_name: user.full_name.as_deref(),
        preferred_languages: to_json(&user.preferred_languages),
        timezone: user.timezone.as_deref(),
        active: user.active,
        data: to_json(&user.data),
        last_update_instant: user.last_update_instant,
    }
}

/// A user by id, within `tenant` when one is given. (Two fixed statements rather than one built
/// per call, so that both stay prepared.)
pub fn find(conn: &mut DbConnection, id: Uuid, tenant: Option<Uuid>) -> QueryResult<Option<User>> {
    let by_id = u::table
        .filter(u::id.eq(id.to_string()))
        .select(Row::as_select());
    let row = match tenant {
        None => by_id.first(conn).optional()?,
        Some(tenant) => by_id
            .filter(u::tenant_id.eq(tenant.to_string()))
            .first(conn)
            .optional()?,
    };
    Ok(row.map(Loaded::into_inner))
}

super::fixed_sql::fixed_sql!(
    CacheVersion,
    diesel::sql_types::BigInt,
    super::read_cache::VERSION_SQL
);

/// What an apply reads about people: the actionee and the actioner (within `tenant` when one is
/// given), and the read cache's version (`read_cache`), in one statement.
pub struct Pair {
    pub actionee: Option<User>,
    pub actioner: Option<User>,
    pub cache_version: i64,
}

pub fn find_pair(
    conn: &mut DbConnection,
    actionee: Option<Uuid>,
    actioner: Option<Uuid>,
    tenant: Option<Uuid>,
) -> QueryResult<Pair> {
    let ids = [actionee, actioner];
    let mut wanted = ids.iter().flatten().map(Uuid::to_string);
    let (Some(first), second) = (wanted.next(), wanted.next()) else {
        return Ok(Pair {
            actionee: None,
            actioner: None,
            cache_version: super::read_cache::version(conn)?,
        });
    };
    let second = second.unwrap_or_else(|| first.clone());
    let tenant = tenant.map(|t| t.to_string());
    // Every apply's look-up: on the backend's own connection (`native`).
    let rows: Vec<(Row, i64)> = on_backend!(conn, c => {
        let query = u::table
            .filter(u::id.eq(&first).or(u::id.eq(&second)))
            .select((Row::as_select(), CacheVersion));
        match &tenant {
            None => query.load(c)?,
            Some(tenant) => query.filter(u::tenant_id.eq(tenant)).load(c)?,
        }
    });
    let (users, cache_version) = with_version(conn, rows)?;
    let pick = |id: Option<Uuid>| id.and_then(|id| users.iter().find(|u| u.id == id).cloned());
    Ok(Pair {
        actionee: pick(actionee),
        actioner: pick(actioner),
        cache_version,
    })
}

/// The users of rows selected with the read cache's version, and that version (read on its
/// own when no row came back).
fn with_version(conn: &mut DbConnection, rows: Vec<(Row, i64)>) -> QueryResult<(Vec<User>, i64)> {
    let cache_version = match rows.first() {
        Some((_, version)) => *version,
        None => super::read_cache::version(conn)?,
    };
    let users = rows.into_iter().map(|(row, _)| row.into_inner()).collect();
    Ok((users, cache_version))
}

/// The users a write batch's applies will look up, read in one statement (with the read cache's
/// version) before the first of them runs: each apply then finds its pair here instead of
/// asking the database again (`pair`). A batch's applies change no user, so what was read holds
/// until they have all run.
#[derive(Default)]
pub struct KnownUsers {
    /// Every id that was read, found or not; empty when nothing was read.
    read: Vec<Uuid>,
    found: Vec<User>,
    cache_version: i64,
}

impl KnownUsers {
    /// Reads the users among `ids` that exist, and the read cache's version.
    pub fn read(conn: &mut DbConnection, ids: &[Uuid]) -> QueryResult<KnownUsers> {
        let mut read = ids.to_vec();
        read.sort_unstable();
        read.dedup();
        if read.is_empty() {
            return Ok(KnownUsers::default());
        }
        let wanted: Vec<String> = read.iter().map(Uuid::to_string).collect();
        let rows: Vec<(Row, i64)> = on_backend!(conn, c => u::table
            .filter(u::id.eq_any(&wanted))
            .select((Row::as_select(), CacheVersion))
            .load(c)?);
        let (found, cache_version) = with_version(conn, rows)?;
        Ok(KnownUsers {
            read,
            found,
            cache_version,
        })
    }

    /// What `find_pair` would answer, when both ids were read; `None` sends the caller to the
    /// database.
    pub fn pair(
        &self,
        actionee: Option<Uuid>,
        actioner: Option<Uuid>,
        tenant: Option<Uuid>,
    ) -> Option<Pair> {
        let covered = |id: Option<Uuid>| id.is_none_or(|id| self.read.binary_search(&id).is_ok());
        if self.read.is_empty() || !covered(actionee) || !covered(actioner) {
            return None;
        }
        let pick = |id: Option<Uuid>| {
            let id = id?;
            self.found
                .iter()
                .find(|u| u.id == id && tenant.is_none_or(|t| u.tenant_id == t))
                .cloned()
        };
        Some(Pair {
            actionee: pick(actionee),
            actioner: pick(actioner),
            cache_version: self.cache_version,
        })
    }
}

/// The users among `ids` that exist, in no particular order; one query per 500 ids.
pub fn find_many(conn: &mut DbConnection, ids: &[Uuid]) -> QueryResult<Vec<User>> {
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows: Vec<Row> = u::table
            .filter(u::id.eq_any(chunk))
            .select(Row::as_select())
            .load(conn)?;
        found.extend(rows.into_iter().map(Loaded::into_inner));
    }
    Ok(found)
}

/// The tenant's user whose case-folded `column` is `value` folded (a fixed statement per
/// column, so each stays prepared).
macro_rules! find_folded {
    ($conn:expr, $tenant:expr, $column:expr, $value:expr) => {
        Ok(u::table
            .filter(u::tenant_id.eq($tenant.to_string()))
            .filter($column.eq(fold($value)))
            .select(Row::as_select())
            .first($conn)
            .optional()?
            .map(Loaded::into_inner))
    };
}

pub fn find_by_email(
    conn: &mut DbConnection,
    tenant: Uuid,
    email: &str,
) -> QueryResult<Option<User>> {
    find_folded!(conn, tenant, u::email_ci, email)
}

pub fn find_by_username(
    conn: &mut DbConnection,
    tenant: Uuid,
    username: &str,
) -> QueryResult<Option<User>> {
    find_folded!(conn, tenant, u::username_ci, username)
}

/// (email taken, username taken) by another user of the tenant.
pub fn taken_by_other(
    conn: &mut DbConnection,
    tenant: Uuid,
    email: Option<&str>,
    username: Option<&str>,
    id: Uuid,
) -> QueryResult<(bool, bool)> {
    let others = || {
        u::table
            .filter(u::tenant_id.eq(tenant.to_string()))
            .filter(u::id.ne(id.to_string()))
    };
    let email_taken = match email {
        Some(email) => matches_any(conn, others().filter(u::email_ci.eq(fold(email))))?,
        None => false,
    };
    let username_taken = match username {
        Some(name) => matches_any(conn, others().filter(u::username_ci.eq(fold(name))))?,
        None => false,
    };
    Ok((email_taken, username_taken))
}

pub fn exists(conn: &mut DbConnection, id: Uuid) -> QueryResult<bool> {
    matches_any(conn, u::table.filter(u::id.eq(id.to_string())))
}

pub fn insert(
    conn: &mut DbConnection,
    user: &User,
    password_hash: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(u::table)
        .values((
            u::id.eq(user.id.to_string()),
            u::tenant_id.eq(user.tenant_id.to_string()),
            changes(user),
            u::password_hash.eq(password_hash),
            u::failed_login_count.eq(0),
            u::insert_instant.eq(user.insert_instant),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn update(conn: &mut DbConnection, user: &User) -> QueryResult<()> {
    diesel::update(u::table.filter(u::id.eq(user.id.to_string())))
        .set(changes(user))
        .execute(conn)?;
    Ok(())
}

pub fn set_password_hash(conn: &mut DbConnection, id: Uuid, hash: &str) -> QueryResult<()> {
    diesel::update(u::table.filter(u::id.eq(id.to_string())))
        .set(u::password_hash.eq(hash))
        .execute(conn)?;
    Ok(())
}

/// Serialises, until the transaction ends, the writes that check and then change one user's
/// instances or failed logins (so two applies cannot both pass the duplicate check).
///
/// SQLite needs nothing: its single writer runs one job at a time. PostgreSQL takes the user's
/// advisory lock (`db::writer::LockKey::user`), which touches no row: writing the user's row
/// would make the database check every instance that references it, a cost that grows with
/// the user's history. A batch that declared the key already holds it, so this returns at once.
pub fn lock(conn: &mut DbConnection, id: Uuid) -> QueryResult<()> {
    crate::db::writer::lock(conn, &[crate::db::writer::LockKey::user(id)])
}

pub fn set_active(conn: &mut DbConnection, id: Uuid, active: bool) -> QueryResult<()> {
    diesel::update(u::table.filter(u::id.eq(id.to_string())))
        .set(u::active.eq(active))
        .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(u::table.filter(u::id.eq(id.to_string()))).execute(conn)
}

/// Login data: (password hash, failed count, last failure instant).
pub fn login_state(
    conn: &mut DbConnection,
    id: Uuid,
) -> QueryResult<(Option<String>, i32, Option<i64>)> {
    u::table
        .filter(u::id.eq(id.to_string()))
        .select((
            u::password_hash,
            u::failed_login_count,
            u::last_failed_login_instant,
        ))
        .first(conn)
}

pub fn set_failed_logins(
    conn: &mut DbConnection,
    id: Uuid,
    count: i32,
    last: Option<i64>,
) -> QueryResult<()> {
    diesel::update(u::table.filter(u::id.eq(id.to_string())))
        .set((
            u::failed_login_count.eq(count),
            u::last_failed_login_instant.eq(last),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn record_login(conn: &mut DbConnection, id: Uuid, now: i64) -> QueryResult<()> {
    diesel::update(u::table.filter(u::id.eq(id.to_string())))
        .set((
            u::last_login_instant.eq(now),
            u::failed_login_count.eq(0),
            u::last_failed_login_instant.eq(None::<i64>),
        ))
        .execute(conn)?;
    Ok(())
}
