//! Staff of the admin app: sign-in, sessions, the first administrator, managing members.
//!
//! A staff member is a user of the Default tenant plus a `staff` row with a role and the member's
//! own argon2 password. That password is never the user's: the API (whose keys may change users)
//! neither reads nor writes it, only the admin app does. A new password ends the member's other
//! sessions. Password hashing and checking are slow, so callers do them outside write
//! transactions (`hash_password`, `authenticate`, `password_matches`).

use diesel::Connection;
use uuid::Uuid;

use super::users::{self, LoginId};
use super::{as_duplicate, check, ServiceError, ServiceResult, UniqueField};
use crate::db::DbConnection;
use crate::domain::locale::is_valid_tag;
use crate::domain::staff::{Role, StaffMember, SESSION_SECONDS, SETUP_SECONDS};
use crate::domain::user::{UserInput, MAX_PASSWORD, MIN_PASSWORD};
use crate::domain::{FieldErrors, Kind};
use crate::store;

/// A random token for a cookie or link (256 bits, hex).
pub fn new_token() -> String {
    super::random_hex(32)
}

/// What is stored for a token: its SHA-256, so a database leak yields no usable session.
pub use crate::domain::token::token_hash;

/// Staff are users of the Default tenant, however many tenants there are.
fn staff_tenant(conn: &mut DbConnection) -> ServiceResult<Option<Uuid>> {
    Ok(store::tenants::list(conn)?
        .into_iter()
        .find(|t| t.is_default)
        .map(|t| t.id))
}

/// A signed-in session as the web layer sees it.
#[derive(Debug, Clone)]
pub struct Session {
    pub member: StaffMember,
    pub csrf_token: String,
    pub token_hash: String,
}

/// The member whose email and password match, else `None` (same timing either way).
pub fn authenticate(
    conn: &mut DbConnection,
    email: &str,
    password: &str,
) -> ServiceResult<Option<StaffMember>> {
    let tenant = staff_tenant(conn)?;
    let user = match users::find_by(conn, tenant, LoginId::Email(email.trim())) {
        Ok(user) => Some(user),
        Err(ServiceError::NotFound) => None,
        Err(e) => return Err(e),
    };
    let hash = match &user {
        Some(u) => store::staff::password_hash(conn, u.id)?,
        None => None,
    };
    if !users::verify_password(password, hash.as_deref()) {
        return Ok(None);
    }
    let Some(user) = user.filter(|u| u.active) else {
        return Ok(None);
    };
    Ok(store::staff::find(conn, user.id)?)
}

/// Starts a session; returns the cookie token (only its hash is stored).
pub fn start_session(conn: &mut DbConnection, now: i64, member: Uuid) -> ServiceResult<String> {
    let token = new_token();
    store::staff::delete_expired_sessions(conn, now)?;
    store::staff::insert_session(
        conn,
        &token_hash(&token),
        member,
        &new_token(),
        now + SESSION_SECONDS * 1000,
        now,
    )?;
    Ok(token)
}

pub fn session(conn: &mut DbConnection, now: i64, token: &str) -> ServiceResult<Option<Session>> {
    let hash = token_hash(token);
    Ok(
        store::staff::find_session(conn, &hash, now)?.map(|(member, csrf_token, _)| Session {
            member,
            csrf_token,
            token_hash: hash,
        }),
    )
}

pub fn end_session(conn: &mut DbConnection, token_hash: &str) -> ServiceResult<()> {
    Ok(store::staff::delete_session(conn, token_hash)?)
}

/// A new or changed staff member, as typed into a form.
#[derive(Debug, Clone, Default)]
pub struct MemberInput {
    pub email: String,
    pub name: String,
    /// Required for a new member; for an existing one, empty keeps the password.
    pub password: String,
    pub role: String,
    pub language: String,
    pub time_zone: String,
}

/// Hashes the input's password when it is acceptable (call before the write transaction).
pub fn hash_password(input: &MemberInput) -> ServiceResult<Option<String>> {
    users::hash_new_password(
        Some(&input.password)
            .filter(|p| !p.is_empty())
            .map(|p| p.as_str()),
    )
}

/// A new password's length; an empty one is an error only when `required`.
fn check_length(password: &str, required: bool, field: &str, errors: &mut FieldErrors) {
    let length = password.chars().count();
    if required && length == 0 {
        errors.add(Kind::Blank, field);
    } else if length > 0 && length < MIN_PASSWORD {
        errors.add(Kind::TooShort, field);
    } else if length > MAX_PASSWORD {
        errors.add(Kind::TooLong, field);
    }
}

fn validate(input: &MemberInput, new: bool, errors: &mut FieldErrors) -> Option<Role> {
    let role = Role::parse(input.role.trim());
    if role.is_none() {
        errors.add(Kind::Invalid, "role");
    }
    check_length(&input.password, new, "password", errors);
    let language = input.language.trim();
    if !language.is_empty() && !is_valid_tag(language) {
        errors.add(Kind::Invalid, "language");
    }
    let zone = input.time_zone.trim();
    if !zone.is_empty() && zone.parse::<chrono_tz::Tz>().is_err() {
        errors.add(Kind::Invalid, "timeZone");
    }
    role
}

/// What making a user staff can collide on (two admins adding the same person at once), and the
/// staff form's field a collision is reported under.
pub const UNIQUE: &[UniqueField] = &[(store::staff::MEMBER, "email")];

fn opt(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

/// Stores the member's role, and the language and time zone the form gave (blank: none).
fn save_settings(
    conn: &mut DbConnection,
    now: i64,
    id: Uuid,
    role: Role,
    input: &MemberInput,
) -> ServiceResult<()> {
    let (language, time_zone) = (opt(&input.language), opt(&input.time_zone));
    store::staff::update(conn, id, role, language, time_zone, now)?;
    Ok(())
}

/// Field names of user errors as the staff form names them.
fn staff_field_errors(errors: FieldErrors) -> FieldErrors {
    let mut out = FieldErrors::new();
    for (field, list) in errors.field_errors {
        let field = match field.as_str() {
            "user.email" | "user.loginId" => "email",
            "user.fullName" => "name",
            "user.password" => "password",
            other => other,
        };
        for e in list {
            let kind = match e.kind() {
                Some(Kind::Blank | Kind::Missing) => Kind::Blank,
                Some(kind @ (Kind::Duplicate | Kind::TooLong | Kind::TooShort)) => kind,
                _ => Kind::Invalid,
            };
            out.add(kind, field);
        }
    }
    out.general_errors = errors.general_errors;
    out
}

/// Creates a staff member (and their Default-tenant user, or makes an existing user staff).
pub fn create(
    conn: &mut DbConnection,
    now: i64,
    input: &MemberInput,
    password_hash: Option<String>,
) -> ServiceResult<StaffMember> {
    let mut errors = FieldErrors::new();
    let role = validate(input, true, &mut errors);
    if input.email.trim().is_empty() {
        errors.add(Kind::Blank, "email");
    }
    check(errors)?;
    let role = role.unwrap_or(Role::Support);
    conn.transaction(|conn| {
        let tenant = staff_tenant(conn)?;
        let existing = match users::find_by(conn, tenant, LoginId::Email(input.email.trim())) {
            Ok(user) => Some(user),
            Err(ServiceError::NotFound) => None,
            Err(e) => return Err(e),
        };
        let user_id = match existing {
            Some(user) => {
                if store::staff::find(conn, user.id)?.is_some() {
                    return Err(FieldErrors::single(Kind::Duplicate, "email").into());
                }
                // The user's own password (for the API login) stays as it is.
                user.id
            }
            None => {
                // No password for the user: the staff password is the member's alone.
                let user_input = UserInput {
                    email: Some(input.email.trim().to_string()),
                    full_name: opt(&input.name).map(str::to_string),
                    preferred_languages: opt(&input.language).map(|l| vec![l.to_string()]),
                    ..Default::default()
                };
                users::create(conn, now, tenant, None, user_input, None)
                    .map_err(|e| match e {
                        ServiceError::Invalid(errors) => {
                            ServiceError::Invalid(staff_field_errors(errors))
                        }
                        other => other,
                    })?
                    .id
            }
        };
        store::staff::insert(conn, user_id, role, now).map_err(as_duplicate(UNIQUE))?;
        save_settings(conn, now, user_id, role, input)?;
        if let Some(hash) = &password_hash {
            store::staff::set_password_hash(conn, user_id, hash)?;
        }
        store::staff::find(conn, user_id)?.ok_or(ServiceError::NotFound)
    })
}

/// Changes role, language, time zone and (when given) the password of a member. The last
/// administrator cannot stop being one. A new password ends the member's sessions except
/// `keep_session` (the token hash of the session making the change).
pub fn update(
    conn: &mut DbConnection,
    now: i64,
    id: Uuid,
    input: &MemberInput,
    password_hash: Option<String>,
    keep_session: Option<&str>,
) -> ServiceResult<StaffMember> {
    let current = find(conn, id)?;
    let mut errors = FieldErrors::new();
    let role = validate(input, false, &mut errors);
    if current.role == Role::Admin
        && role.is_some_and(|r| r != Role::Admin)
        && store::staff::count_admins(conn)? <= 1
    {
        errors.add(Kind::NotAllowed, "role");
    }
    check(errors)?;
    let role = role.unwrap_or(current.role);
    save_settings(conn, now, id, role, input)?;
    if let Some(hash) = password_hash {
        set_password(conn, id, &hash, keep_session)?;
    }
    find(conn, id)
}

/// Stores a member's new password and ends their sessions but `keep_session`.
fn set_password(
    conn: &mut DbConnection,
    id: Uuid,
    hash: &str,
    keep_session: Option<&str>,
) -> ServiceResult<()> {
    store::staff::set_password_hash(conn, id, hash)?;
    store::staff::delete_sessions_except(conn, id, keep_session)?;
    Ok(())
}

/// Whether `password` is the member's admin password (slow: argon2; call outside the writer).
pub fn password_matches(conn: &mut DbConnection, id: Uuid, password: &str) -> ServiceResult<bool> {
    let hash = store::staff::password_hash(conn, id)?;
    Ok(users::verify_password(password, hash.as_deref()))
}

/// A member's own new password, from the account page: `current_matches` says whether they typed
/// their current one (checked beforehand with `password_matches`). Their other sessions end;
/// `session` (the token hash of the one making the change) stays.
pub fn change_own_password(
    conn: &mut DbConnection,
    member: Uuid,
    session: &str,
    current_matches: bool,
    new_password: &str,
    new_hash: Option<String>,
) -> ServiceResult<()> {
    let mut errors = FieldErrors::new();
    if !current_matches {
        errors.add(Kind::Invalid, "currentPassword");
    }
    check_length(new_password, true, "newPassword", &mut errors);
    check(errors)?;
    let hash = new_hash.ok_or_else(|| ServiceError::Internal("new password not hashed".into()))?;
    find(conn, member)?;
    set_password(conn, member, &hash, Some(session))
}

/// A member's own language and time zone.
pub fn set_preferences(
    conn: &mut DbConnection,
    now: i64,
    member: &StaffMember,
    language: &str,
    time_zone: &str,
) -> ServiceResult<StaffMember> {
    let input = MemberInput {
        role: member.role.as_str().into(),
        language: language.into(),
        time_zone: time_zone.into(),
        ..Default::default()
    };
    update(conn, now, member.id, &input, None, None)
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> ServiceResult<StaffMember> {
    store::staff::find(conn, id)?.ok_or(ServiceError::NotFound)
}

pub fn list(conn: &mut DbConnection) -> ServiceResult<Vec<StaffMember>> {
    Ok(store::staff::list(conn)?)
}

/// Removes a member's staff access (their user stays); never the last administrator.
pub fn remove(conn: &mut DbConnection, id: Uuid) -> ServiceResult<()> {
    let member = find(conn, id)?;
    if member.role == Role::Admin && store::staff::count_admins(conn)? <= 1 {
        return Err(FieldErrors::single(Kind::CannotDelete, "staff").into());
    }
    store::staff::delete(conn, id)?;
    Ok(())
}

/// What the first start did about the first administrator.
#[derive(Debug, PartialEq, Eq)]
pub enum FirstAdmin {
    /// Staff exist already.
    Present,
    /// Created from ACTIONEER_ADMIN_EMAIL / ACTIONEER_ADMIN_PASSWORD.
    Created(String),
    /// No staff and no configured admin: this one-time token opens the setup page.
    SetupToken(String),
}

/// Makes sure someone can sign in: the configured admin, else a one-time setup token.
pub fn ensure_first_admin(
    conn: &mut DbConnection,
    now: i64,
    configured: Option<(&str, &str)>,
) -> ServiceResult<FirstAdmin> {
    if store::staff::count(conn)? > 0 {
        return Ok(FirstAdmin::Present);
    }
    if let Some((email, password)) = configured {
        let input = MemberInput {
            email: email.into(),
            name: "Administrator".into(),
            password: password.into(),
            role: Role::Admin.as_str().into(),
            ..Default::default()
        };
        let hash = hash_password(&input)?;
        create(conn, now, &input, hash)?;
        return Ok(FirstAdmin::Created(email.to_string()));
    }
    let token = new_token();
    store::staff::insert_setup_token(conn, &token_hash(&token), now + SETUP_SECONDS * 1000)?;
    Ok(FirstAdmin::SetupToken(token))
}

pub fn setup_token_valid(conn: &mut DbConnection, now: i64, token: &str) -> ServiceResult<bool> {
    Ok(store::staff::count(conn)? == 0
        && store::staff::setup_token_valid(conn, &token_hash(token), now)?)
}

/// Creates the first administrator through a setup link; the link stops working.
pub fn complete_setup(
    conn: &mut DbConnection,
    now: i64,
    token: &str,
    input: &MemberInput,
    password_hash: Option<String>,
) -> ServiceResult<StaffMember> {
    if !setup_token_valid(conn, now, token)? {
        return Err(ServiceError::NotFound);
    }
    let input = MemberInput {
        role: Role::Admin.as_str().into(),
        ..input.clone()
    };
    let member = create(conn, now, &input, password_hash)?;
    store::staff::delete_setup_tokens(conn)?;
    Ok(member)
}
