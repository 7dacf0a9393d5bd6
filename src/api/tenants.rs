//! `/api/tenant`: tenants; global keys only.

use actix_web::web;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::GlobalKey;
use super::crud::{self, create, list, patch, resource, retrieve, update};
use super::error::ApiError;
use super::extract::Id;
use super::resource::Resource;
use super::route::{op, Api, Done};
use crate::app::AppState;
use crate::domain::tenant::{
    EmailConfiguration, EventConfiguration, FailedAuthConfig, Tenant, TenantInput,
};
use crate::service::tenants as svc;

pub fn declare(api: &mut Api) {
    let r = Resource::new("/tenant", "/tenant/{tenantId}", "Tenant", "a tenant");
    api.tag("Tenants")
        .post(r.all, create::<Tenants>, r.create())
        .get(
            r.all,
            list::<Tenants>,
            op("retrieveTenants", "List the tenants"),
        )
        .post(r.one, create::<Tenants>, r.create_with_id().errors(&[404]))
        .get(r.one, retrieve::<Tenants>, r.retrieve())
        .put(r.one, update::<Tenants>, r.update())
        .patch(r.one, patch::<Tenants>, r.patch())
        .delete(r.one, delete, r.delete().note("everything in it goes too"));
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
