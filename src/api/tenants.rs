//! `/api/tenant`: tenants; global keys only.

use actix_web::{web, HttpRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::GlobalKey;
use super::body;
use super::error::ApiError;
use super::route::{op, Api, Done, Id, MaybeId, Reply};
use super::{read, write};
use crate::app::AppState;
use crate::domain::tenant::{
    EmailConfiguration, EventConfiguration, FailedAuthConfig, Tenant, TenantInput,
};
use crate::service::tenants as svc;

const WRAPPER: &str = "tenant";

pub fn declare(api: &mut Api) {
    let (all, one) = ("/tenant", "/tenant/{tenantId}");
    api.tag("Tenants")
        .post(
            all,
            create,
            op("createTenant", "Create a tenant with a random id")
                .body::<TenantRequest>()
                .errors(&[400, 413]),
        )
        .get(all, list, op("retrieveTenants", "List the tenants"))
        .post(
            one,
            create,
            op("createTenantWithId", "Create a tenant with the given id")
                .body::<TenantRequest>()
                .errors(&[400, 404, 413]),
        )
        .get(
            one,
            retrieve,
            op("retrieveTenantWithId", "Retrieve a tenant").errors(&[400, 404]),
        )
        .put(
            one,
            update,
            op("updateTenantWithId", "Update a tenant")
                .body::<TenantRequest>()
                .errors(&[400, 404, 413]),
        )
        .patch(
            one,
            patch,
            op("patchTenantWithId", "Partially update a tenant")
                .patch::<TenantRequest>()
                .errors(&[400, 404, 413]),
        )
        .delete(
            one,
            delete,
            op(
                "deleteTenantWithId",
                "Delete a tenant and everything in it; empty body",
            )
            .errors(&[400, 404]),
        );
}

#[derive(Serialize, ToSchema)]
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

#[derive(Deserialize, ToSchema)]
pub struct TenantRequest {
    pub tenant: TenantInput,
}

#[derive(Serialize, ToSchema)]
pub struct TenantResponse {
    pub tenant: TenantWire,
}

#[derive(Serialize, ToSchema)]
pub struct TenantsResponse {
    pub tenants: Vec<TenantWire>,
}

type One = Result<Reply<TenantResponse>, ApiError>;

fn one(t: &Tenant) -> One {
    Ok(Reply(TenantResponse {
        tenant: TenantWire::from(t),
    }))
}

fn input(bytes: &[u8]) -> Result<TenantInput, ApiError> {
    Ok(body::request::<TenantRequest>(bytes, WRAPPER)?.tenant)
}

async fn create(state: web::Data<AppState>, _: GlobalKey, id: MaybeId, bytes: web::Bytes) -> One {
    let input = input(&bytes)?;
    one(&write(&state, move |conn, now| {
        Ok(svc::create(conn, now, id.0, input)?)
    })
    .await?)
}

async fn list(
    state: web::Data<AppState>,
    _: GlobalKey,
) -> Result<Reply<TenantsResponse>, ApiError> {
    let tenants = read(&state, |conn, _| Ok(svc::list(conn)?)).await?;
    Ok(Reply(TenantsResponse {
        tenants: tenants.iter().map(TenantWire::from).collect(),
    }))
}

async fn retrieve(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> One {
    one(&read(&state, move |conn, _| Ok(svc::find(conn, id)?)).await?)
}

async fn update(state: web::Data<AppState>, _: GlobalKey, Id(id): Id, bytes: web::Bytes) -> One {
    let input = input(&bytes)?;
    one(&write(&state, move |conn, now| {
        Ok(svc::update(conn, now, id, input)?)
    })
    .await?)
}

async fn patch(
    state: web::Data<AppState>,
    _: GlobalKey,
    req: HttpRequest,
    Id(id): Id,
    bytes: web::Bytes,
) -> One {
    let content_type = body::content_type(&req);
    one(&write(&state, move |conn, now| {
        let stored = TenantWire::from(&svc::find(conn, id)?);
        let input = body::patched::<TenantRequest>(&stored, WRAPPER, &content_type, &bytes)?;
        Ok(svc::update(conn, now, id, input.tenant)?)
    })
    .await?)
}

/// Deleting a tenant deletes its API keys: the key cache forgets them at once.
async fn delete(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> Result<Done, ApiError> {
    write(&state, move |conn, now| Ok(svc::delete(conn, now, id)?)).await?;
    state.keys.clear();
    Ok(Done)
}
