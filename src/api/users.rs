//! `/api/user`: users, in the request tenant; staff-linked users change only with a global key.

use actix_web::{web, HttpRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::TenantKey;
use super::body::{self, Query};
use super::error::ApiError;
use super::route::{op, Api, Done, Id, MaybeId, Reply};
use super::{read, write};
use crate::app::AppState;
use crate::domain::user::{User, UserInput};
use crate::domain::Kind;
use crate::openapi as doc;
use crate::service::runner;
use crate::service::users::{self as svc, LoginId};

const WRAPPER: &str = "user";

pub fn declare(api: &mut Api) {
    let (all, one) = ("/user", "/user/{userId}");
    api.tag("Users")
        .post(all, create, op("createUser", "Create a user with a random id")
            .body::<UserRequest>().errors(&[400, 413]))
        .get(all, lookup, op("retrieveUser",
            "Retrieve a user by `email` (preferred) or `username`; 400 `[missing]userId` without either")
            .query(doc::user_lookup()).errors(&[400, 404]))
        .post(one, create, op("createUserWithId", "Create a user with the given id")
            .body::<UserRequest>().errors(&[400, 404, 413]))
        .get(one, retrieve, op("retrieveUserWithId", "Retrieve a user").errors(&[400, 404]))
        .put(one, update, op("updateUserWithId",
            "Update a user; with `reactivate=true`, reactivate them (the body is ignored)")
            .optional_body::<UserRequest>().query(doc::reactivate()).errors(&[400, 404, 413]))
        .patch(one, patch, op("patchUserWithId", "Partially update a user")
            .patch::<UserRequest>().errors(&[400, 404, 413]))
        .delete(one, delete, op("deleteUserWithId",
            "Deactivate a user, or delete them and their instances with `hardDelete=true`; empty body")
            .query(doc::hard_delete()).errors(&[400, 404]));
}

/// The user on the wire: never the password or its hash.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = User)]
pub struct UserWire {
    pub active: bool,
    #[schema(value_type = Object)]
    pub data: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    pub id: Uuid,
    pub insert_instant: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_login_instant: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    pub last_update_instant: i64,
    pub preferred_languages: Vec<String>,
    pub tenant_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
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

/// FusionAuth's other top-level flags (`sendSetPasswordEmail`, `skipVerification`, …) are
/// accepted and ignored.
#[derive(Deserialize, ToSchema)]
pub struct UserRequest {
    pub user: UserInput,
}

#[derive(Serialize, ToSchema)]
pub struct UserResponse {
    pub user: UserWire,
}

type One = Result<Reply<UserResponse>, ApiError>;

fn one(u: &User) -> One {
    Ok(Reply(UserResponse {
        user: UserWire::from(u),
    }))
}

fn input(bytes: &[u8]) -> Result<UserInput, ApiError> {
    Ok(body::request::<UserRequest>(bytes, WRAPPER)?.user)
}

/// Hashes a new password on the blocking pool, outside any write batch.
async fn hash(password: Option<String>) -> Result<Option<String>, ApiError> {
    runner::blocking(move || Ok(svc::hash_new_password(password.as_deref())?)).await
}

async fn create(state: web::Data<AppState>, key: TenantKey, id: MaybeId, bytes: web::Bytes) -> One {
    let input = input(&bytes)?;
    let hash = hash(input.password.clone()).await?;
    one(&write(&state, move |conn, now| {
        let scope = key.tenant(conn)?;
        Ok(svc::create(conn, now, scope, id.0, input, hash)?)
    })
    .await?)
}

/// `GET /api/user?email=…` or `?username=…`.
async fn lookup(state: web::Data<AppState>, key: TenantKey, query: web::Query<Query>) -> One {
    let email = query.get("email").cloned();
    let username = query.get("username").cloned();
    if email.is_none() && username.is_none() {
        return Err(ApiError::field(Kind::Missing, "userId"));
    }
    one(&read(&state, move |conn, _| {
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
    .await?)
}

async fn retrieve(state: web::Data<AppState>, key: TenantKey, Id(id): Id) -> One {
    one(&read(&state, move |conn, _| {
        let scope = key.tenant(conn)?;
        Ok(svc::find(conn, scope, id)?)
    })
    .await?)
}

async fn update(
    state: web::Data<AppState>,
    key: TenantKey,
    Id(id): Id,
    query: web::Query<Query>,
    bytes: web::Bytes,
) -> One {
    let reach = key.reach();
    if body::query_bool(&query, "reactivate")? == Some(true) {
        return one(&write(&state, move |conn, _| {
            let scope = key.tenant(conn)?;
            svc::writable(conn, scope, id, reach)?;
            Ok(svc::set_active(conn, scope, id, true)?)
        })
        .await?);
    }
    let input = input(&bytes)?;
    let hash = hash(input.password.clone()).await?;
    one(&write(&state, move |conn, now| {
        let scope = key.tenant(conn)?;
        svc::writable(conn, scope, id, reach)?;
        Ok(svc::update(conn, now, scope, id, input, hash)?)
    })
    .await?)
}

async fn patch(
    state: web::Data<AppState>,
    key: TenantKey,
    req: HttpRequest,
    Id(id): Id,
    bytes: web::Bytes,
) -> One {
    let content_type = body::content_type(&req);
    one(&write(&state, move |conn, now| {
        let scope = key.tenant(conn)?;
        let stored = UserWire::from(&svc::writable(conn, scope, id, key.reach())?);
        let input = body::patched::<UserRequest>(&stored, WRAPPER, &content_type, &bytes)?.user;
        // A PATCH that sets a password hashes inside the batch; rare enough to accept.
        let hash = svc::hash_new_password(input.password.as_deref())?;
        Ok(svc::update(conn, now, scope, id, input, hash)?)
    })
    .await?)
}

async fn delete(
    state: web::Data<AppState>,
    key: TenantKey,
    Id(id): Id,
    query: web::Query<Query>,
) -> Result<Done, ApiError> {
    let hard = body::query_bool(&query, "hardDelete")? == Some(true);
    write(&state, move |conn, _| {
        let scope = key.tenant(conn)?;
        svc::writable(conn, scope, id, key.reach())?;
        if hard {
            svc::delete(conn, scope, id)?;
        } else {
            svc::set_active(conn, scope, id, false)?;
        }
        Ok(())
    })
    .await?;
    Ok(Done)
}
