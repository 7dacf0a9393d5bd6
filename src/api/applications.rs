//! `/api/application` (§13.2).

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;
use uuid::Uuid;

use super::auth::Caller;
use super::body::{self, Query};
use super::error::ApiError;
use super::{opt_id, read, wrapped, write};
use crate::app::AppState;
use crate::domain::application::{Application, ApplicationInput};
use crate::service::{applications as svc, tenants};

const WRAPPER: &str = "application";
const ID: &str = "applicationId";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/application")
            .route(web::post().to(create))
            .route(web::get().to(list)),
    )
    .service(
        web::resource("/application/{id}")
            .route(web::post().to(create))
            .route(web::get().to(retrieve))
            .route(web::put().to(update))
            .route(web::patch().to(patch))
            .route(web::delete().to(delete)),
    );
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Application)]
pub struct ApplicationWire {
    pub active: bool,
    #[schema(value_type = Object)]
    pub data: serde_json::Map<String, serde_json::Value>,
    pub id: Uuid,
    pub insert_instant: i64,
    pub last_update_instant: i64,
    pub name: String,
    pub tenant_id: Uuid,
}

impl From<&Application> for ApplicationWire {
    fn from(a: &Application) -> Self {
        ApplicationWire {
            active: a.active,
            data: a.data.clone(),
            id: a.id,
            insert_instant: a.insert_instant,
            last_update_instant: a.last_update_instant,
            name: a.name.clone(),
            tenant_id: a.tenant_id,
        }
    }
}

fn one(a: &Application) -> Result<HttpResponse, ApiError> {
    wrapped(WRAPPER, ApplicationWire::from(a))
}

async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    path: Option<web::Path<String>>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let id = opt_id(path, ID)?;
    let input: ApplicationInput = body::wrapped(&bytes, WRAPPER)?;
    let hint = caller.tenant_hint();
    one(&write(&state, move |conn, now| {
        let scope = tenants::resolve(conn, &hint)?;
        Ok(svc::create(conn, now, scope, id, input)?)
    })
    .await?)
}

async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<Query>,
) -> Result<HttpResponse, ApiError> {
    let inactive = body::query_bool(&query, "inactive")?.unwrap_or(false);
    let hint = caller.tenant_hint();
    let apps = read(&state, move |conn, _| {
        let scope = tenants::resolve(conn, &hint)?;
        Ok(svc::list(conn, scope, !inactive)?)
    })
    .await?;
    wrapped(
        "applications",
        apps.iter().map(ApplicationWire::from).collect::<Vec<_>>(),
    )
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
    if body::query_bool(&query, "reactivate")? == Some(true) {
        return one(&write(&state, move |conn, _| {
            let scope = tenants::resolve(conn, &hint)?;
            Ok(svc::set_active(conn, scope, id, true)?)
        })
        .await?);
    }
    let input: ApplicationInput = body::wrapped(&bytes, WRAPPER)?;
    one(&write(&state, move |conn, now| {
        let scope = tenants::resolve(conn, &hint)?;
        Ok(svc::update(conn, now, scope, id, input)?)
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
    let content_type = body::content_type(&req);
    one(&write(&state, move |conn, now| {
        let scope = tenants::resolve(conn, &hint)?;
        let stored = ApplicationWire::from(&svc::find(conn, scope, id)?);
        let input: ApplicationInput = body::patched(&stored, WRAPPER, &content_type, &bytes)?;
        Ok(svc::update(conn, now, scope, id, input)?)
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
    write(&state, move |conn, _| {
        let scope = tenants::resolve(conn, &hint)?;
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
