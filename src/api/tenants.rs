//! `/api/tenant` (§13.1).

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;
use uuid::Uuid;

use super::auth::Caller;
use super::body;
use super::error::ApiError;
use super::{opt_id, read, wrapped, write};
use crate::app::AppState;
use crate::domain::tenant::{
    EmailConfiguration, EventConfiguration, FailedAuthConfig, Tenant, TenantInput,
};
use crate::service::tenants as svc;

const WRAPPER: &str = "tenant";
const ID: &str = "tenantId";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/tenant")
            .route(web::post().to(create))
            .route(web::get().to(list)),
    )
    .service(
        web::resource("/tenant/{id}")
            .route(web::post().to(create))
            .route(web::get().to(retrieve))
            .route(web::put().to(update))
            .route(web::patch().to(patch))
            .route(web::delete().to(delete)),
    );
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Tenant)]
pub struct TenantWire {
    #[schema(value_type = Object)]
    pub data: serde_json::Map<String, serde_json::Value>,
    pub email_configuration: EmailConfiguration,
    pub event_configuration: EventConfiguration,
    pub failed_authentication_configuration: FailedAuthConfig,
    pub id: Uuid,
    pub insert_instant: i64,
    pub last_update_instant: i64,
    pub name: String,
}

impl From<&Tenant> for TenantWire {
    fn from(t: &Tenant) -> Self {
        TenantWire {
            data: t.data.clone(),
            // The SMTP password is write-only.
            email_configuration: EmailConfiguration {
                password: None,
                ..t.email_configuration.clone()
            },
            event_configuration: t.event_configuration.clone(),
            failed_authentication_configuration: t.failed_authentication_configuration.clone(),
            id: t.id,
            insert_instant: t.insert_instant,
            last_update_instant: t.last_update_instant,
            name: t.name.clone(),
        }
    }
}

fn one(t: &Tenant) -> Result<HttpResponse, ApiError> {
    wrapped(WRAPPER, TenantWire::from(t))
}

async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    path: Option<web::Path<String>>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = opt_id(path, ID)?;
    let input: TenantInput = body::wrapped(&bytes, WRAPPER)?;
    one(&write(&state, move |conn, now| {
        Ok(svc::create(conn, now, id, input)?)
    })
    .await?)
}

async fn list(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let tenants = read(&state, |conn, _| Ok(svc::list(conn)?)).await?;
    wrapped(
        "tenants",
        tenants.iter().map(TenantWire::from).collect::<Vec<_>>(),
    )
}

async fn retrieve(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    one(&read(&state, move |conn, _| Ok(svc::find(conn, id)?)).await?)
}

async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    let input: TenantInput = body::wrapped(&bytes, WRAPPER)?;
    one(&write(&state, move |conn, now| {
        Ok(svc::update(conn, now, id, input)?)
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
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    let content_type = body::content_type(&req);
    let tenant = write(&state, move |conn, now| {
        let stored = TenantWire::from(&svc::find(conn, id)?);
        let input: TenantInput = body::patched(&stored, WRAPPER, &content_type, &bytes)?;
        Ok(svc::update(conn, now, id, input)?)
    })
    .await?;
    one(&tenant)
}

async fn delete(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    write(&state, move |conn, now| Ok(svc::delete(conn, now, id)?)).await?;
    state.keys.clear();
    Ok(HttpResponse::Ok().finish())
}
