//! `/api/application`: applications, in the request tenant.

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
use crate::domain::application::{Application, ApplicationInput};
use crate::openapi as doc;
use crate::service::applications as svc;

const WRAPPER: &str = "application";

pub fn declare(api: &mut Api) {
    let (all, one) = ("/application", "/application/{applicationId}");
    api.tag("Applications")
        .post(all, create, op("createApplication", "Create an application with a random id")
            .body::<ApplicationRequest>().errors(&[400, 413]))
        .get(all, list, op("retrieveApplications",
            "List the active applications (or the inactive ones with `inactive=true`)")
            .query(doc::inactive()).errors(&[400]))
        .post(one, create, op("createApplicationWithId", "Create an application with the given id")
            .body::<ApplicationRequest>().errors(&[400, 404, 413]))
        .get(one, retrieve, op("retrieveApplicationWithId",
            "Retrieve an application, active or inactive").errors(&[400, 404]))
        .put(one, update, op("updateApplicationWithId",
            "Update an application; with `reactivate=true`, reactivate it (the body is ignored)")
            .optional_body::<ApplicationRequest>().query(doc::reactivate()).errors(&[400, 404, 413]))
        .patch(one, patch, op("patchApplicationWithId", "Partially update an application")
            .patch::<ApplicationRequest>().errors(&[400, 404, 413]))
        .delete(one, delete, op("deleteApplicationWithId",
            "Deactivate an application, or delete it with `hardDelete=true`; empty body")
            .query(doc::hard_delete()).errors(&[400, 404]));
}

#[derive(Serialize, ToSchema)]
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

#[derive(Deserialize, ToSchema)]
pub struct ApplicationRequest {
    pub application: ApplicationInput,
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationResponse {
    pub application: ApplicationWire,
}

#[derive(Serialize, ToSchema)]
pub struct ApplicationsResponse {
    pub applications: Vec<ApplicationWire>,
}

type One = Result<Reply<ApplicationResponse>, ApiError>;

fn one(a: &Application) -> One {
    Ok(Reply(ApplicationResponse {
        application: ApplicationWire::from(a),
    }))
}

fn input(bytes: &[u8]) -> Result<ApplicationInput, ApiError> {
    Ok(body::request::<ApplicationRequest>(bytes, WRAPPER)?.application)
}

async fn create(state: web::Data<AppState>, key: TenantKey, id: MaybeId, bytes: web::Bytes) -> One {
    let input = input(&bytes)?;
    one(&write(&state, move |conn, now| {
        let scope = key.tenant(conn)?;
        Ok(svc::create(conn, now, scope, id.0, input)?)
    })
    .await?)
}

async fn list(
    state: web::Data<AppState>,
    key: TenantKey,
    query: web::Query<Query>,
) -> Result<Reply<ApplicationsResponse>, ApiError> {
    let inactive = body::query_bool(&query, "inactive")?.unwrap_or(false);
    let apps = read(&state, move |conn, _| {
        let scope = key.tenant(conn)?;
        Ok(svc::list(conn, scope, !inactive)?)
    })
    .await?;
    Ok(Reply(ApplicationsResponse {
        applications: apps.iter().map(ApplicationWire::from).collect(),
    }))
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
    if body::query_bool(&query, "reactivate")? == Some(true) {
        return one(&write(&state, move |conn, _| {
            let scope = key.tenant(conn)?;
            Ok(svc::set_active(conn, scope, id, true)?)
        })
        .await?);
    }
    let input = input(&bytes)?;
    one(&write(&state, move |conn, now| {
        let scope = key.tenant(conn)?;
        Ok(svc::update(conn, now, scope, id, input)?)
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
        let stored = ApplicationWire::from(&svc::find(conn, scope, id)?);
        let input = body::patched::<ApplicationRequest>(&stored, WRAPPER, &content_type, &bytes)?;
        Ok(svc::update(conn, now, scope, id, input.application)?)
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
