//! Password login with `preventLogin` and the failed-login lockout.

use chrono::{Duration, Months, TimeZone, Utc};
use diesel::Connection;
use serde::Serialize;
use uuid::Uuid;

use super::actioning::{insert_instance, NewInstance};
use super::events::{self, Change, Outbound};
use super::users::verify_password;
use super::{tenants, ServiceResult};
use crate::db::DbConnection;
use crate::domain::event::Flags;
use crate::domain::instance::{Instance, Phase};
use crate::domain::tenant::{DurationUnit, FailedAuthConfig, Tenant};
use crate::domain::user::User;
use crate::domain::{FieldErrors, Kind};
use crate::store;
use crate::store::instances::UserFilter;

pub const LOCKOUT_COMMENT: &str = "Failed Login Attempts Exceeded.";
const TOKEN_LIFETIME_MS: i64 = 3_600_000;

pub struct LoginRequest {
    pub login_id: Option<String>,
    pub password: Option<String>,
    pub application_id: Option<Uuid>,
    /// The client's address, for the lockout event's `info.ipAddress`.
    pub ip_address: Option<String>,
}

/// One blocking instance in a 409 answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = LoginPreventedAction)]
pub struct PreventingAction {
    /// The definition id, as FusionAuth sends it.
    pub action_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actioner_user_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localized_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localized_reason: Option<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
}

impl From<&Instance> for PreventingAction {
    fn from(i: &Instance) -> Self {
        PreventingAction {
            action_id: i.user_action_id,
            actioner_user_id: i.actioner_user_id,
            expiry: i.expiry,
            localized_name: i.localized_name.clone(),
            localized_reason: i.localized_reason.clone(),
            name: i.name.clone(),
            reason: i.reason.clone(),
            reason_code: i.reason_code.clone(),
        }
    }
}

pub enum LoginOutcome {
    Success {
        token: String,
        expires: i64,
        user: Box<User>,
    },
    /// Unknown user or wrong password: the same answer for both.
    NotFound,
    Deactivated,
    Prevented(Vec<PreventingAction>),
}

/// What checking the credentials found; decided on a read connection, because argon2 is slow and
/// must not hold the (on SQLite: only) write connection.
pub enum Credentials {
    /// Unknown login id or wrong password of an unknown user: the same answer for both.
    Unknown,
    WrongPassword(Uuid),
    Right(Uuid),
}

/// Validates the request and checks the password. Returns the request tenant with the finding.
pub fn check_credentials(
    conn: &mut DbConnection,
    scope: Option<Uuid>,
    req: &LoginRequest,
) -> ServiceResult<(Uuid, Credentials)> {
    let mut errors = FieldErrors::new();
    let login_id = req
        .login_id
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let password = req.password.as_deref().filter(|s| !s.is_empty());
    if login_id.is_none() {
        errors.add(Kind::Blank, "loginId");
    }
    if password.is_none() {
        errors.add(Kind::Blank, "password");
    }
    let tenant_id = tenants::required(conn, scope)?;
    if let Some(app) = req.application_id {
        if !store::applications::find(conn, app, Some(tenant_id))?.is_some_and(|a| a.active) {
            errors.add(Kind::Invalid, "applicationId");
        }
    }
    super::check(errors)?;
    let (Some(login_id), Some(password)) = (login_id, password) else {
        return Ok((tenant_id, Credentials::Unknown));
    };
    let user = match store::users::find_by_email(conn, tenant_id, login_id)? {
        Some(user) => Some(user),
        None => store::users::find_by_username(conn, tenant_id, login_id)?,
    };
    let Some(user) = user else {
        verify_password(password, None);
        return Ok((tenant_id, Credentials::Unknown));
    };
    let (hash, _, _) = store::users::login_state(conn, user.id)?;
    if verify_password(password, hash.as_deref()) {
        Ok((tenant_id, Credentials::Right(user.id)))
    } else {
        Ok((tenant_id, Credentials::WrongPassword(user.id)))
    }
}

/// Records what the credentials check found: a failed attempt (and maybe the lockout), or the
/// login with its token. Runs in a write transaction.
pub fn complete_login(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    tenant_id: Uuid,
    credentials: Credentials,
    req: LoginRequest,
) -> ServiceResult<LoginOutcome> {
    let (id, right) = match credentials {
        Credentials::Unknown => return Ok(LoginOutcome::NotFound),
        Credentials::WrongPassword(id) => (id, false),
        Credentials::Right(id) => (id, true),
    };
    // Deleted since the check: as if it never existed.
    let Some(user) = store::users::find(conn, id, Some(tenant_id))? else {
        return Ok(LoginOutcome::NotFound);
    };
    if !right {
        return record_failure(conn, now, out, tenant_id, &user, req.ip_address.clone());
    }
    if !user.active {
        return Ok(LoginOutcome::Deactivated);
    }
    let preventing = preventing(conn, now, &user, req.application_id)?;
    if !preventing.is_empty() {
        return Ok(LoginOutcome::Prevented(preventing));
    }
    store::users::record_login(conn, user.id, now)?;
    let tenant = tenants::find(conn, tenant_id)?;
    let token = sign_token(&tenant, &user, req.application_id, &out.base_url, now)?;
    Ok(LoginOutcome::Success {
        token,
        expires: now + TOKEN_LIFETIME_MS,
        user: Box::new(User {
            last_login_instant: Some(now),
            ..user
        }),
    })
}

/// Current instances whose definition prevents login, for this application.
fn preventing(
    conn: &mut DbConnection,
    now: i64,
    user: &User,
    app: Option<Uuid>,
) -> ServiceResult<Vec<PreventingAction>> {
    Ok(
        store::instances::list_for_user(conn, user.id, UserFilter::PreventingLogin, now)?
            .iter()
            .filter(|i| {
                i.application_ids.is_empty() || app.is_some_and(|a| i.application_ids.contains(&a))
            })
            .map(PreventingAction::from)
            .collect(),
    )
}

/// Counts a wrong password and applies the tenant's lockout when the threshold is reached.
fn record_failure(
    conn: &mut DbConnection,
    now: i64,
    out: &Outbound,
    tenant_id: Uuid,
    user: &User,
    ip_address: Option<String>,
) -> ServiceResult<LoginOutcome> {
    conn.transaction(|conn| {
        // Concurrent failures must neither lose counts nor apply the lockout twice.
        store::users::lock(conn, user.id)?;
        let tenant = tenants::find(conn, tenant_id)?;
        let config = &tenant.failed_authentication_configuration;
        let (_, count, last) = store::users::login_state(conn, user.id)?;
        let window_ms = config.reset_count_in_seconds.saturating_mul(1000);
        let count = match last {
            Some(last) if now - last <= window_ms => count.saturating_add(1),
            _ => 1,
        };
        store::users::set_failed_logins(conn, user.id, count, Some(now))?;
        if i64::from(count) < config.too_many_attempts {
            return Ok(LoginOutcome::NotFound);
        }
        let Some(definition) = config
            .user_action_id
            .map(|id| store::user_actions::find(conn, id))
            .transpose()?
            .flatten()
            .filter(|d| d.is_usable(Some(tenant_id)) && d.spec.temporal)
        else {
            return Ok(LoginOutcome::NotFound);
        };
        if store::instances::has_current(conn, user.id, definition.id, now)? {
            return Ok(LoginOutcome::NotFound);
        }
        let spec = &definition.spec;
        let instance = insert_instance(
            conn,
            now,
            NewInstance {
                definition: &definition,
                actionee: user,
                actioner: None,
                option: None,
                reason: None,
                comment: Some(LOCKOUT_COMMENT.to_string()),
                expiry: Some(lockout_expiry(now, config)),
                email_user: config.email_user && spec.user_emailing_enabled,
                notify_user: spec.user_notifications_enabled,
                application_ids: vec![],
            },
        )?;
        // The lockout always broadcasts.
        let info = events::client_info(ip_address);
        events::record(
            conn,
            now,
            out,
            Change {
                definition: &definition,
                instance: &instance,
                phase: Phase::Start,
                flags: Flags {
                    notify_user: spec.user_notifications_enabled,
                    email_user: config.email_user && spec.user_emailing_enabled,
                },
                broadcast: true,
                info,
            },
        )?;
        Ok(LoginOutcome::Prevented(preventing(conn, now, user, None)?))
    })
}

/// now + duration × unit; months and years by the calendar, in UTC.
pub fn lockout_expiry(now: i64, config: &FailedAuthConfig) -> i64 {
    let amount = config.action_duration.max(1);
    let start = Utc.timestamp_millis_opt(now).single().unwrap_or_default();
    let months = |n: i64| {
        start
            .checked_add_months(Months::new(u32::try_from(n).unwrap_or(u32::MAX)))
            .map(|t| t.timestamp_millis())
    };
    let fixed = |d: Option<Duration>| {
        d.and_then(|d| start.checked_add_signed(d))
            .map(|t| t.timestamp_millis())
    };
    let result =
        match DurationUnit::parse(&config.action_duration_unit).unwrap_or(DurationUnit::Minutes) {
            DurationUnit::Minutes => fixed(Duration::try_minutes(amount)),
            DurationUnit::Hours => fixed(Duration::try_hours(amount)),
            DurationUnit::Days => fixed(Duration::try_days(amount)),
            DurationUnit::Weeks => fixed(Duration::try_weeks(amount)),
            DurationUnit::Months => months(amount),
            DurationUnit::Years => months(amount.saturating_mul(12)),
        };
    result.unwrap_or(crate::domain::instance::FOREVER)
}

#[derive(Serialize)]
struct Claims<'a> {
    sub: Uuid,
    tid: Uuid,
    iat: i64,
    exp: i64,
    jti: Uuid,
    iss: &'a str,
    #[serde(rename = "authenticationType")]
    authentication_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preferred_username: Option<&'a str>,
    #[serde(rename = "applicationId", skip_serializing_if = "Option::is_none")]
    application_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aud: Option<Uuid>,
}

fn sign_token(
    tenant: &Tenant,
    user: &User,
    app: Option<Uuid>,
    issuer: &str,
    now: i64,
) -> ServiceResult<String> {
    let claims = Claims {
        sub: user.id,
        tid: tenant.id,
        iat: now / 1000,
        exp: (now + TOKEN_LIFETIME_MS) / 1000,
        jti: Uuid::new_v4(),
        iss: issuer,
        authentication_type: "PASSWORD",
        email: user.email.as_deref(),
        preferred_username: user.username.as_deref(),
        application_id: app,
        aud: app,
    };
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(tenant.signing_secret.as_bytes()),
    )
    .map_err(|e| super::ServiceError::Internal(format!("token signing failed: {e}")))
}
