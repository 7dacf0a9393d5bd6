//! `/api/tenant`: tenants; global keys only.

use actix_web::web;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::GlobalKey;
use super::crud::{self, create, list, patch, resource, retrieve, update};
use super::error::ApiError;
use super::route::{op, Api, Done, Id};
use crate::app::AppState;
use crate::domain::tenant::{
    EmailConfiguration, EventConfiguration, FailedAuthConfig, Tenant, TenantInput,
};
use crate::service::tenants as svc;

pub fn declare(api: &mut Api) {
    let (all, one) = ("/tenant", "/tenant/{tenantId}");
    api.tag("Tenants")
        .post(
            all,
            create::<Tenants>,
            op("createTenant", "Create a tenant with a new id")
                .body::<TenantRequest>()
                .errors(&[400, 413]),
        )
        .get(
            all,
            list::<Tenants>,
            op("retrieveTenants", "List the tenants"),
        )
        .post(
            one,
            create::<Tenants>,
            op("createTenantWithId", "Create a tenant with the given id")
                .body::<TenantRequest>()
                .errors(&[400, 404, 413]),
        )
        .get(
            one,
            retrieve::<Tenants>,
            op("retrieveTenantWithId", "Retrieve a tenant").errors(&[400, 404]),
        )
        .put(
            one,
            update::<Tenants>,
            op("updateTenantWithId", "Update a tenant")
                .body::<TenantRequest>()
                .errors(&[400, 404, 413]),
        )
        .patch(
            one,
            patch::<Tenants>,
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

resource!(Tenants(Tenant) by svc, deleting |c, now, id| svc::delete(c, now, id);
    "tenant" tenant, tenants: TenantRequest(TenantInput), TenantResponse(TenantWire),
    TenantsResponse);

/// Deleting a tenant deletes its API keys: the key cache forgets them at once.
async fn delete(state: web::Data<AppState>, key: GlobalKey, id: Id) -> Result<Done, ApiError> {
    let done = crud::delete::<Tenants>(state.clone(), key, id).await?;
    state.keys.clear();
    Ok(done)
}
