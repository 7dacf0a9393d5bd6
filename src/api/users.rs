//! `/api/user` (§13.3).

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;
use uuid::Uuid;

use super::auth::Caller;
use super::body::{self, Query};
use super::error::ApiError;
use super::{opt_id, read, wrapped, write};
use crate::app::AppState;
use crate::domain::user::{User, UserInput};
use crate::domain::Kind;
use crate::service::users::{KeyReach, LoginId};
use crate::service::{tenants, users as svc};

const WRAPPER: &str = "user";
const ID: &str = "userId";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/user")
            .route(web::post().to(create))
            .route(web::get().to(lookup)),
    )
    .service(
        web::resource("/user/{id}")
            .route(web::post().to(create))
            .route(web::get().to(retrieve))
            .route(web::put().to(update))
            .route(web::patch().to(patch))
            .route(web::delete().to(delete)),
    );
}

/// The user on the wire: never the password or its hash.
#[derive(Serialize, utoipa::ToSchema)]
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

/// Hashes a new password on the blocking pool, outside any write batch.
async fn hash(password: Option<String>) -> Result<Option<String>, ApiError> {
    web::block(move || svc::hash_new_password(password.as_deref()))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(ApiError::from)
}

fn one(u: &User) -> Result<HttpResponse, ApiError> {
    wrapped(WRAPPER, UserWire::from(u))
}

/// What the caller's key may change: staff-linked users only with a global key.
fn reach(caller: &Caller) -> KeyReach {
    match caller.key_tenant {
        Some(_) => KeyReach::Tenant,
        None => KeyReach::Global,
    }
}

async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    path: Option<web::Path<String>>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let id = opt_id(path, ID)?;
    let input: UserInput = body::wrapped(&bytes, WRAPPER)?;
    let hash = hash(input.password.clone()).await?;
    let hint = caller.tenant_hint();
    one(&write(&state, move |conn, now| {
        let scope = tenants::resolve(conn, &hint)?;
        Ok(svc::create(conn, now, scope, id, input, hash)?)
    })
    .await?)
}

/// `GET /api/user?email=…` or `?username=…`.
async fn lookup(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<Query>,
) -> Result<HttpResponse, ApiError> {
    let email = query.get("email").cloned();
    let username = query.get("username").cloned();
    if email.is_none() && username.is_none() {
        return Err(ApiError::field(Kind::Missing, ID));
    }
    let hint = caller.tenant_hint();
    one(&read(&state, move |conn, _| {
        let scope = tenants::resolve(conn, &hint)?;
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

async fn retrieve(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = body::path_id(&path, ID)?;
    let hint = caller.tenant_hint();
    one(&read(&state, move |conn, _| {
        let scope = tenants::resolve(conn, &hint)?;
        Ok(svc::find(conn, scope, id)?)
    })
    .await?)
}

async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    query: web::Query<Query>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let id = body::path_id(&path, ID)?;
    let hint = caller.tenant_hint();
    let reach = reach(&caller);
    if body::query_bool(&query, "reactivate")? == Some(true) {
        return one(&write(&state, move |conn, _| {
            let scope = tenants::resolve(conn, &hint)?;
            svc::writable(conn, scope, id, reach)?;
            Ok(svc::set_active(conn, scope, id, true)?)
        })
        .await?);
    }
    let input: UserInput = body::wrapped(&bytes, WRAPPER)?;
    let hash = hash(input.password.clone()).await?;
    one(&write(&state, move |conn, now| {
        let scope = tenants::resolve(conn, &hint)?;
        svc::writable(conn, scope, id, reach)?;
        Ok(svc::update(conn, now, scope, id, input, hash)?)
    })
    .await?)
}

async fn patch(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<String>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let id = body::path_id(&path, ID)?;
    let hint = caller.tenant_hint();
    let reach = reach(&caller);
    let content_type = body::content_type(&req);
    one(&write(&state, move |conn, now| {
        let scope = tenants::resolve(conn, &hint)?;
        let stored = UserWire::from(&svc::writable(conn, scope, id, reach)?);
        let input: UserInput = body::patched(&stored, WRAPPER, &content_type, &bytes)?;
        // A PATCH that sets a password hashes inside the batch; rare enough to accept.
        let hash = svc::hash_new_password(input.password.as_deref())?;
        Ok(svc::update(conn, now, scope, id, input, hash)?)
    })
    .await?)
}

async fn delete(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    query: web::Query<Query>,
) -> Result<HttpResponse, ApiError> {
    let id = body::path_id(&path, ID)?;
    let hard = body::query_bool(&query, "hardDelete")? == Some(true);
    let hint = caller.tenant_hint();
    let reach = reach(&caller);
    write(&state, move |conn, _| {
        let scope = tenants::resolve(conn, &hint)?;
        svc::writable(conn, scope, id, reach)?;
        if hard {
            svc::delete(conn, scope, id)?;
        } else {
            svc::set_active(conn, scope, id, false)?;
        }
        Ok(())
    })
    .await?;
    Ok(HttpResponse::Ok().finish())
}
