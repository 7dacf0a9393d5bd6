//! `/api/user`: users, in the request tenant; staff-linked users change only with a global key.

use actix_web::web;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::TenantKey;
use super::body::Query;
use super::deactivatable::{create, delete, patch, retrieve, update, Deactivatable, Tenancy};
use super::error::ApiError;
use super::read;
use super::resource::Resource;
use super::route::{op, Api};
use super::wire::{one, wrappers, One};
use crate::app::AppState;
use crate::domain::user::{User, UserInput};
use crate::domain::Kind;
use crate::openapi as doc;
use crate::service::runner::{self, Connection};
use crate::service::users::{self as svc, LoginId};
use crate::service::ServiceResult;

pub fn declare(api: &mut Api) {
    let r = Resource::new("/user", "/user/{userId}", "User", "a user");
    api.tag("Users")
        .post(r.all, create::<Users>, r.create())
        .get(r.all, lookup, op("retrieveUser",
            "Retrieve a user by `email` (preferred) or `username`; 400 `[missing]userId` without either")
            .query(doc::user_lookup()).errors(&[404]))
        .post(r.one, create::<Users>, r.create_with_id().errors(&[404]))
        .get(r.one, retrieve::<Users>, r.retrieve())
        .put(r.one, update::<Users>, r.reactivate("them"))
        .patch(r.one, patch::<Users>, r.patch())
        .delete(r.one, delete::<Users>, r.deactivate("them and their instances"));
}

/// The user on the wire: never the password or its hash.
#[serde_with::skip_serializing_none]
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = User)]
pub struct UserWire {
    pub active: bool,
    #[schema(value_type = Object)]
    pub data: serde_json::Map<String, serde_json::Value>,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub full_name: Option<String>,
    pub id: Uuid,
    pub insert_instant: i64,
    pub last_login_instant: Option<i64>,
    pub last_name: Option<String>,
    pub last_update_instant: i64,
    pub preferred_languages: Vec<String>,
    pub tenant_id: Uuid,
    pub timezone: Option<String>,
    pub username: Option<String>,
}

impl From<&User> for UserWire {
    fn from(u: &User) -> Self {
        UserWire {
            active: u.active,
            data: u.data.clone(),
            email: u.email.clone(),
            first_name: u.first_name.clone(),
            full_name: u.full_name.clone(),
            id: u.id,
            insert_instant: u.insert_instant,
            last_login_instant: u.last_login_instant,
            last_name: u.last_name.clone(),
            last_update_instant: u.last_update_instant,
            preferred_languages: u.preferred_languages.clone(),
            tenant_id: u.tenant_id,
            timezone: u.timezone.clone(),
            username: u.username.clone(),
        }
    }
}

// No list wrapper: users are looked up, not listed.
wrappers!(Users(User), "user" user:
    /// FusionAuth's other top-level flags (`sendSetPasswordEmail`, `skipVerification`, …) are
    /// accepted and ignored.
    UserRequest(UserInput), UserResponse(UserWire));

/// Users of the request tenant; a user linked to a staff member changes only with a global key.
pub struct Users;

impl Deactivatable for Users {
    type Reader = TenantKey;
    type Writer = TenantKey;
    /// The new password's hash.
    type Prepared = Option<String>;

    /// Hashes a new password on the blocking pool, outside any write batch.
    async fn prepare(input: &UserInput) -> Result<Option<String>, ApiError> {
        let password = input.password.clone();
        runner::blocking(move || Ok(svc::hash_new_password(password.as_deref())?)).await
    }
    /// A PATCH that sets a password hashes inside the batch; rare enough to accept.
    fn prepare_in_batch(input: &UserInput) -> ServiceResult<Option<String>> {
        svc::hash_new_password(input.password.as_deref())
    }
    fn create(
        c: &mut Connection,
        now: i64,
        scope: &Tenancy,
        id: Option<Uuid>,
        input: UserInput,
        hash: Option<String>,
    ) -> ServiceResult<User> {
        svc::create(c, now, scope.tenant, id, input, hash)
    }
    fn find(c: &mut Connection, scope: &Tenancy, id: Uuid) -> ServiceResult<User> {
        svc::find(c, scope.tenant, id)
    }
    fn stored(c: &mut Connection, scope: &Tenancy, id: Uuid) -> ServiceResult<User> {
        svc::writable(c, scope.tenant, id, scope.reach)
    }
    fn check_writable(c: &mut Connection, scope: &Tenancy, id: Uuid) -> ServiceResult<()> {
        svc::writable(c, scope.tenant, id, scope.reach).map(|_| ())
    }
    fn update(
        c: &mut Connection,
        now: i64,
        scope: &Tenancy,
        id: Uuid,
        input: UserInput,
        hash: Option<String>,
    ) -> ServiceResult<User> {
        svc::update(c, now, scope.tenant, id, input, hash)
    }
    fn set_active(
        c: &mut Connection,
        scope: &Tenancy,
        id: Uuid,
        active: bool,
    ) -> ServiceResult<User> {
        svc::set_active(c, scope.tenant, id, active)
    }
    fn delete(c: &mut Connection, _: i64, scope: &Tenancy, id: Uuid) -> ServiceResult<()> {
        svc::delete(c, scope.tenant, id)
    }
}

/// `GET /api/user?email=…` or `?username=…`.
async fn lookup(
    state: web::Data<AppState>,
    key: TenantKey,
    query: web::Query<Query>,
) -> One<Users> {
    let email = query.get("email").cloned();
    let username = query.get("username").cloned();
    if email.is_none() && username.is_none() {
        return Err(ApiError::field(Kind::Missing, "userId"));
    }
    one::<Users>(
        &read(&state, move |conn, _| {
            let scope = key.tenant(conn)?;
            // No stored login id holds U+0000 (and PostgreSQL cannot compare with it): no match.
            if email
                .as_deref()
                .or(username.as_deref())
                .is_some_and(|v| v.contains('\0'))
            {
                return Err(ApiError::NotFound);
            }
            let by = match (&email, &username) {
                (Some(email), _) => LoginId::Email(email),
                (None, Some(username)) => LoginId::Username(username),
                (None, None) => return Err(ApiError::NotFound),
            };
            Ok(svc::find_by(conn, scope, by)?)
        })
        .await?,
    )
}
