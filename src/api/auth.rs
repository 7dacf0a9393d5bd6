//! API keys on every call: the `Caller` extractor and a short-lived cache of key look-ups.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::{web, FromRequest, HttpRequest};
use uuid::Uuid;

use super::error::ApiError;
use crate::app::AppState;
use crate::service::{self, TenantHint};
use crate::store::api_keys::hash_key;

/// How long a key look-up is trusted; a key deleted in another process stops working after this.
const KEY_TTL: Duration = Duration::from_secs(5);

/// Key hash → (`Some(tenant scope)` of a known key or `None` for an unknown one, fetched at).
type KeyEntries = HashMap<String, (Option<Option<Uuid>>, Instant)>;

#[derive(Default)]
pub struct KeyCache {
    entries: Mutex<KeyEntries>,
}

impl KeyCache {
    /// `Some(Some(tenant))` / `Some(None)` (global) for a known key, `None` when not cached.
    fn get(&self, hash: &str) -> Option<Option<Option<Uuid>>> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(hash)
            .filter(|(_, at)| at.elapsed() < KEY_TTL)
            .map(|(v, _)| *v)
    }

    fn put(&self, hash: String, value: Option<Option<Uuid>>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() > 10_000 {
                entries.clear();
            }
            entries.insert(hash, (value, Instant::now()));
        }
    }

    /// Forgets every cached key (after a key is deleted in this process).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

/// An authenticated API caller.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The key's tenant, for a tenant-scoped key.
    pub key_tenant: Option<Uuid>,
    /// `X-FusionAuth-TenantId`, as sent.
    pub header_tenant: Option<String>,
}

impl Caller {
    /// Global endpoints (§4.4): tenant-scoped keys get 401.
    pub fn require_global(&self) -> Result<(), ApiError> {
        match self.key_tenant {
            None => Ok(()),
            Some(_) => Err(ApiError::Unauthorized),
        }
    }

    /// What tenant-aware endpoints resolve the request tenant from.
    pub fn tenant_hint(&self) -> TenantHint {
        TenantHint {
            key_tenant: self.key_tenant,
            header: self.header_tenant.clone(),
        }
    }

    /// The key's tenant for read access to global objects (definitions, reasons).
    pub fn read_scope(&self) -> Option<Uuid> {
        self.key_tenant
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Caller, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let key = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty());
        let header_tenant = req
            .headers()
            .get("x-fusionauth-tenantid")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty());
        Box::pin(async move {
            let (Some(state), Some(key)) = (state, key) else {
                return Err(ApiError::Unauthorized);
            };
            let hash = hash_key(&key);
            let found = match state.keys.get(&hash) {
                Some(cached) => cached,
                None => {
                    let db = state.db.clone();
                    let record = web::block(move || {
                        let mut conn = db.read()?;
                        Ok::<_, ApiError>(service::api_keys::authenticate(&mut conn, &key)?)
                    })
                    .await
                    .map_err(|e| ApiError::Internal(e.to_string()))??;
                    let value = record.map(|r| r.tenant_id);
                    state.keys.put(hash, value);
                    value
                }
            };
            let key_tenant = found.ok_or(ApiError::Unauthorized)?;
            if let (Some(tenant), Some(header)) = (key_tenant, header_tenant.as_deref()) {
                if Uuid::parse_str(header).ok() != Some(tenant) {
                    return Err(ApiError::Unauthorized);
                }
            }
            Ok(Caller {
                key_tenant,
                header_tenant,
            })
        })
    }
}
