//! Who may call: the API key on every call, as an extractor in each handler's signature.
//! `GlobalKey` (global keys only), `TenantKey` (any key; the request tenant comes from the key or
//! `X-FusionAuth-TenantId`) and `AnyKey` (any key; a tenant key reads only its tenant's objects).

use std::future::{ready, Ready};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use uuid::Uuid;

use super::error::ApiError;
use crate::app::AppState;
use crate::service::users::KeyReach;
use crate::service::{api_keys, runner, tenants, TenantHint};

/// An authenticated caller: the key's tenant (for a tenant-scoped key) and the tenant header.
struct Caller {
    key_tenant: Option<Uuid>,
    header_tenant: Option<String>,
}

/// The outcome of authenticating a request, left for the handler's key extractor.
struct Authenticated(Result<Caller, ApiError>);

fn header(req: &HttpRequest, name: &str) -> Option<String> {
    req.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Authenticates every API request before its handler's arguments are extracted, so that a
/// missing or wrong key is 401 whatever else is wrong with the request.
pub async fn authenticate(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let key = header(req.request(), "authorization");
    if let (Some(state), Some(key)) = (state, key) {
        let header_tenant = header(req.request(), "x-fusionauth-tenantid");
        let caller = caller(&state, key, header_tenant).await;
        req.extensions_mut().insert(Authenticated(caller));
    }
    next.call(req).await
}

/// 401 for an unknown key, or a tenant key with a tenant header naming another tenant.
async fn caller(
    state: &AppState,
    key: String,
    header_tenant: Option<String>,
) -> Result<Caller, ApiError> {
    let scope = match state.keys.cached(&key) {
        Some(scope) => scope,
        None => {
            let raw = key.clone();
            let record = runner::read(state, move |conn, _| {
                Ok::<_, ApiError>(api_keys::authenticate(conn, &raw)?)
            })
            .await?;
            let scope = record.map(|r| r.tenant_id);
            state.keys.remember(&key, scope);
            scope
        }
    };
    let key_tenant = scope.ok_or(ApiError::Unauthorized)?;
    if let (Some(tenant), Some(header)) = (key_tenant, header_tenant.as_deref()) {
        if Uuid::parse_str(header).ok() != Some(tenant) {
            return Err(ApiError::Unauthorized);
        }
    }
    Ok(Caller {
        key_tenant,
        header_tenant,
    })
}

/// The caller `authenticate` found: 401 without a key.
fn authenticated(req: &HttpRequest) -> Result<Caller, ApiError> {
    match req.extensions_mut().remove::<Authenticated>() {
        Some(Authenticated(caller)) => caller,
        None => Err(ApiError::Unauthorized),
    }
}

/// A global API key: tenant-scoped keys get 401.
pub struct GlobalKey;

impl FromRequest for GlobalKey {
    type Error = ApiError;
    type Future = Ready<Result<GlobalKey, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(
            authenticated(req).and_then(|caller| match caller.key_tenant {
                None => Ok(GlobalKey),
                Some(_) => Err(ApiError::Unauthorized),
            }),
        )
    }
}

/// Any API key, on a tenant-aware endpoint.
#[derive(Clone)]
pub struct TenantKey {
    hint: TenantHint,
}

impl TenantKey {
    /// The request tenant (`None`: every tenant, for a global key without the header); 400
    /// `[invalid]tenantId` when the header names no tenant.
    pub fn tenant(&self, conn: &mut runner::Connection) -> Result<Option<Uuid>, ApiError> {
        Ok(tenants::resolve(conn, &self.hint)?)
    }

    /// What the key may change: staff-linked users only with a global key.
    pub fn reach(&self) -> KeyReach {
        match self.hint.key_tenant {
            Some(_) => KeyReach::Tenant,
            None => KeyReach::Global,
        }
    }
}

impl FromRequest for TenantKey {
    type Error = ApiError;
    type Future = Ready<Result<TenantKey, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(authenticated(req).map(|caller| TenantKey {
            hint: TenantHint {
                key_tenant: caller.key_tenant,
                header: caller.header_tenant,
            },
        }))
    }
}

/// Any API key, reading global objects (definitions, reasons).
pub struct AnyKey {
    /// The key's tenant, for a tenant-scoped key: what it may read is limited to it.
    pub scope: Option<Uuid>,
}

impl FromRequest for AnyKey {
    type Error = ApiError;
    type Future = Ready<Result<AnyKey, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        ready(authenticated(req).map(|caller| AnyKey {
            scope: caller.key_tenant,
        }))
    }
}
