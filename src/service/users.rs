//! Users: create, update, deactivate, delete, look up.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use diesel::Connection;
use uuid::Uuid;

use super::{as_duplicate, check, new_id, tenants, ServiceError, ServiceResult, UniqueField};
use crate::db::DbConnection;
use crate::domain::user::{self, User, UserFacts, UserInput};
use crate::domain::FieldErrors;
use crate::store;

/// Hashes a new password when it is within the allowed length (slow: call it before, not inside,
/// a write transaction); an out-of-range one is left to validation.
pub fn hash_new_password(password: Option<&str>) -> ServiceResult<Option<String>> {
    match password {
        Some(p) if (user::MIN_PASSWORD..=user::MAX_PASSWORD).contains(&p.chars().count()) => {
            hash_password(p).map(Some)
        }
        _ => Ok(None),
    }
}

pub fn hash_password(password: &str) -> ServiceResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(format!("password hashing failed: {e}")))
}

/// Verifies against `hash`; with no hash, a dummy hash is checked so timing reveals nothing.
pub fn verify_password(password: &str, hash: Option<&str>) -> bool {
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$wgKQKJj8IeCqCh3GAX8BHBPyX7GX4eVHl5PLU0sKTyM";
    let target = hash.unwrap_or(DUMMY);
    let ok = PasswordHash::new(target)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    ok && hash.is_some()
}

fn checked(
    conn: &mut DbConnection,
    tenant: Uuid,
    id: Uuid,
    input: UserInput,
    mut errors: FieldErrors,
) -> ServiceResult<user::UserProfile> {
    let profile = user::normalise(input);
    let (email_taken, username_taken) = store::users::taken_by_other(
        conn,
        tenant,
        profile.email.as_deref(),
        profile.username.as_deref(),
        id,
    )?;
    user::validate(
        &profile,
        &UserFacts {
            email_taken,
            username_taken,
        },
        &mut errors,
    );
    check(errors)?;
    Ok(profile)
}

/// What a user's writes can collide on, and the field each collision is reported under.
pub const UNIQUE: &[UniqueField] = &[
    (store::users::ID, "userId"),
    (store::users::EMAIL, "user.email"),
    (store::users::USERNAME, "user.username"),
];

fn apply_profile(user: &mut User, p: user::UserProfile) {
    user.email = p.email;
    user.username = p.username;
    user.first_name = p.first_name;
    user.last_name = p.last_name;
    user.full_name = p.full_name;
    user.preferred_languages = p.preferred_languages;
    user.timezone = p.timezone;
    user.data = p.data;
}

pub fn create(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    id: Option<Uuid>,
    input: UserInput,
    password_hash: Option<String>,
) -> ServiceResult<User> {
    let tenant = tenants::required(conn, scope)?;
    let (id, errors) = new_id(id, "userId", |id| store::users::exists(conn, id))?;
    let profile = checked(conn, tenant, id, input, errors)?;
    let hash = password_hash.filter(|_| profile.password.is_some());
    conn.transaction(|conn| {
        let mut user = User {
            id,
            tenant_id: tenant,
            email: None,
            username: None,
            first_name: None,
            last_name: None,
            full_name: None,
            preferred_languages: vec![],
            timezone: None,
            active: true,
            data: Default::default(),
            insert_instant: now,
            last_update_instant: now,
            last_login_instant: None,
        };
        apply_profile(&mut user, profile);
        store::users::insert(conn, &user, hash.as_deref()).map_err(as_duplicate(UNIQUE))?;
        Ok(user)
    })
}

pub fn update(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    id: Uuid,
    input: UserInput,
    password_hash: Option<String>,
) -> ServiceResult<User> {
    let mut user = find(conn, scope, id)?;
    let profile = checked(conn, user.tenant_id, id, input, FieldErrors::new())?;
    let hash = password_hash.filter(|_| profile.password.is_some());
    conn.transaction(|conn| {
        apply_profile(&mut user, profile);
        user.last_update_instant = now;
        store::users::update(conn, &user).map_err(as_duplicate(UNIQUE))?;
        if let Some(hash) = &hash {
            store::users::set_password_hash(conn, id, hash)?;
        }
        Ok(user)
    })
}

pub fn find(conn: &mut DbConnection, scope: Option<Uuid>, id: Uuid) -> ServiceResult<User> {
    store::users::find(conn, id, scope)?.ok_or(ServiceError::NotFound)
}

/// Who is changing a user through the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyReach {
    /// A global API key.
    Global,
    /// A key scoped to one tenant.
    Tenant,
}

/// The user, when `reach` may change it. A user linked to a staff member carries their admin-app
/// access (email, being active, existing), so only a global key may change, deactivate or delete
/// it; a tenant-scoped key gets `Unauthorized`, as for a call it is not allowed to make. A user
/// the key cannot see stays `NotFound`.
pub fn writable(
    conn: &mut DbConnection,
    scope: Option<Uuid>,
    id: Uuid,
    reach: KeyReach,
) -> ServiceResult<User> {
    let user = find(conn, scope, id)?;
    if reach == KeyReach::Tenant && store::staff::exists(conn, id)? {
        return Err(ServiceError::Unauthorized);
    }
    Ok(user)
}

pub enum LoginId<'a> {
    Email(&'a str),
    Username(&'a str),
}

pub fn find_by(conn: &mut DbConnection, scope: Option<Uuid>, by: LoginId) -> ServiceResult<User> {
    let tenant = tenants::required(conn, scope)?;
    match by {
        LoginId::Email(email) => store::users::find_by_email(conn, tenant, email),
        LoginId::Username(name) => store::users::find_by_username(conn, tenant, name),
    }?
    .ok_or(ServiceError::NotFound)
}

pub fn set_active(
    conn: &mut DbConnection,
    scope: Option<Uuid>,
    id: Uuid,
    active: bool,
) -> ServiceResult<User> {
    let mut user = find(conn, scope, id)?;
    store::users::set_active(conn, id, active)?;
    user.active = active;
    Ok(user)
}

/// Hard delete: the user and the instances where they are the actionee.
pub fn delete(conn: &mut DbConnection, scope: Option<Uuid>, id: Uuid) -> ServiceResult<()> {
    find(conn, scope, id)?;
    store::users::delete(conn, id)?;
    Ok(())
}
