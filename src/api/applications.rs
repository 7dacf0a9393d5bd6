//! `/api/application`: applications, in the request tenant.

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::TenantKey;
use super::deactivatable::{
    create, delete, list, patch, retrieve, update, Deactivatable, Listed, Tenancy,
};
use super::error::ApiError;
use super::resource::Resource;
use super::route::{op, Api};
use super::wire::wrappers;
use crate::domain::application::{Application, ApplicationInput};
use crate::openapi as doc;
use crate::service::applications as svc;
use crate::service::runner::Connection;
use crate::service::ServiceResult;

pub fn declare(api: &mut Api) {
    let r = Resource::new(
        "/application",
        "/application/{applicationId}",
        "Application",
        "an application",
    );
    api.tag("Applications")
        .post(r.all, create::<Applications>, r.create())
        .get(
            r.all,
            list::<Applications>,
            op(
                "retrieveApplications",
                "List the active applications (or the inactive ones with `inactive=true`)",
            )
            .query(doc::inactive()),
        )
        .post(
            r.one,
            create::<Applications>,
            r.create_with_id().errors(&[404]),
        )
        .get(
            r.one,
            retrieve::<Applications>,
            r.retrieve().note("active or inactive"),
        )
        .put(r.one, update::<Applications>, r.reactivate("it"))
        .patch(r.one, patch::<Applications>, r.patch())
        .delete(r.one, delete::<Applications>, r.deactivate("it"));
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

wrappers!(Applications(Application), "application" application: ApplicationRequest(ApplicationInput),
    ApplicationResponse(ApplicationWire), applications: ApplicationsResponse);

pub struct Applications;

impl Deactivatable for Applications {
    type Reader = TenantKey;
    type Writer = TenantKey;
    type Prepared = ();

    async fn prepare(_: &ApplicationInput) -> Result<(), ApiError> {
        Ok(())
    }
    fn prepare_in_batch(_: &ApplicationInput) -> ServiceResult<()> {
        Ok(())
    }
    fn create(
        c: &mut Connection,
        now: i64,
        scope: &Tenancy,
        id: Option<Uuid>,
        input: ApplicationInput,
        _: (),
    ) -> ServiceResult<Application> {
        svc::create(c, now, scope.tenant, id, input)
    }
    fn find(c: &mut Connection, scope: &Tenancy, id: Uuid) -> ServiceResult<Application> {
        svc::find(c, scope.tenant, id)
    }
    fn stored(c: &mut Connection, scope: &Tenancy, id: Uuid) -> ServiceResult<Application> {
        svc::find(c, scope.tenant, id)
    }
    fn update(
        c: &mut Connection,
        now: i64,
        scope: &Tenancy,
        id: Uuid,
        input: ApplicationInput,
        _: (),
    ) -> ServiceResult<Application> {
        svc::update(c, now, scope.tenant, id, input)
    }
    fn set_active(
        c: &mut Connection,
        scope: &Tenancy,
        id: Uuid,
        active: bool,
    ) -> ServiceResult<Application> {
        svc::set_active(c, scope.tenant, id, active)
    }
    fn delete(c: &mut Connection, _: i64, scope: &Tenancy, id: Uuid) -> ServiceResult<()> {
        svc::delete(c, scope.tenant, id)
    }
}

impl Listed for Applications {
    type Many = ApplicationsResponse;
    fn list(c: &mut Connection, scope: &Tenancy, active: bool) -> ServiceResult<Vec<Application>> {
        svc::list(c, scope.tenant, active)
    }
}
