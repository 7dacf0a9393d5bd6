//! `/api/api-key` (§13.4): global keys only.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::auth::Caller;
use super::body;
use super::error::ApiError;
use super::{opt_id, read, wrapped, write};
use crate::app::AppState;
use crate::service::api_keys::{self as svc, NewKey};
use crate::store::api_keys::ApiKeyRecord;

const WRAPPER: &str = "apiKey";
const ID: &str = "apiKeyId";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/api-key")
            .route(web::post().to(create))
            .route(web::get().to(list)),
    )
    .service(
        web::resource("/api-key/{id}")
            .route(web::post().to(create))
            .route(web::get().to(retrieve))
            .route(web::delete().to(delete)),
    );
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[schema(as = ApiKeyAttributes)]
struct Attributes {
    description: Option<String>,
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[schema(as = ApiKeyMetaData)]
struct MetaData {
    attributes: Option<Attributes>,
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[schema(as = ApiKeyPermissions)]
struct Permissions {
    endpoints: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ApiKeyInput)]
pub(crate) struct ApiKeyInput {
    key: Option<String>,
    tenant_id: Option<Uuid>,
    meta_data: Option<MetaData>,
    permissions: Option<Permissions>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ApiKey)]
pub struct ApiKeyWire {
    pub id: Uuid,
    pub insert_instant: i64,
    /// Only in the create response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub last_update_instant: i64,
    #[schema(value_type = Object)]
    pub meta_data: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<Uuid>,
}

fn wire(record: &ApiKeyRecord, key: Option<String>) -> ApiKeyWire {
    let attributes = match &record.description {
        Some(d) => serde_json::json!({"description": d}),
        None => serde_json::json!({}),
    };
    ApiKeyWire {
        id: record.id,
        insert_instant: record.insert_instant,
        key,
        last_update_instant: record.last_update_instant,
        meta_data: serde_json::json!({ "attributes": attributes }),
        tenant_id: record.tenant_id,
    }
}

async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    path: Option<web::Path<String>>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = opt_id(path, ID)?;
    let input: ApiKeyInput = body::wrapped(&bytes, WRAPPER)?;
    let new = NewKey {
        id,
        key: input.key,
        tenant_id: input.tenant_id,
        description: input
            .meta_data
            .and_then(|m| m.attributes)
            .and_then(|a| a.description),
        has_permissions: input
            .permissions
            .and_then(|p| p.endpoints)
            .is_some_and(|e| !e.is_empty()),
    };
    let (record, raw) = write(&state, move |conn, now| Ok(svc::create(conn, now, new)?)).await?;
    wrapped(WRAPPER, wire(&record, Some(raw)))
}

async fn list(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let keys = read(&state, |conn, _| Ok(svc::list(conn)?)).await?;
    wrapped(
        "apiKeys",
        keys.iter().map(|k| wire(k, None)).collect::<Vec<_>>(),
    )
}

async fn retrieve(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    let key = read(&state, move |conn, _| Ok(svc::find(conn, id)?)).await?;
    wrapped(WRAPPER, wire(&key, None))
}

async fn delete(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    write(&state, move |conn, _| Ok(svc::delete(conn, id)?)).await?;
    state.keys.clear();
    Ok(HttpResponse::Ok().finish())
}
