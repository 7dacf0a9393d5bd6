//! `/api/api-key`: API keys; global keys only.

use actix_web::web;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::GlobalKey;
use super::error::ApiError;
use super::extract::{Body, Id, MaybeId};
use super::resource::Resource;
use super::route::{op, Api, Done, Reply};
use super::{read, write};
use crate::app::AppState;
use crate::service::api_keys::{self as svc, ApiKeyRecord, NewKey};

const WRAPPER: &str = "apiKey";

pub fn declare(api: &mut Api) {
    let r = Resource::new("/api-key", "/api-key/{apiKeyId}", "APIKey", "an API key");
    api.tag("API Keys")
        .post(
            r.all,
            create,
            r.create().note("the response alone carries the key"),
        )
        .get(
            r.all,
            list,
            op("retrieveAPIKeys", "List the API keys, without their keys"),
        )
        .post(r.one, create, r.create_with_id().errors(&[404]))
        .get(r.one, retrieve, r.retrieve().note("without the key"))
        .delete(r.one, delete, r.delete());
}

#[derive(Deserialize, Default, ToSchema)]
#[schema(as = ApiKeyAttributes)]
struct Attributes {
    #[schema(max_length = 1024)]
    description: Option<String>,
}

#[derive(Deserialize, Default, ToSchema)]
#[schema(as = ApiKeyMetaData)]
struct MetaData {
    attributes: Option<Attributes>,
}

#[derive(Deserialize, Default, ToSchema)]
#[schema(as = ApiKeyPermissions)]
struct Permissions {
    /// Endpoint permissions are not supported: only an empty object is accepted.
    #[schema(schema_with = crate::openapi::empty_object)]
    endpoints: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Deserialize, Default, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ApiKeyInput)]
pub struct ApiKeyInput {
    /// At least 32 characters; a random key when absent.
    #[schema(min_length = 32)]
    key: Option<String>,
    tenant_id: Option<Uuid>,
    meta_data: Option<MetaData>,
    permissions: Option<Permissions>,
}

#[serde_with::skip_serializing_none]
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ApiKey)]
pub struct ApiKeyWire {
    pub id: Uuid,
    pub insert_instant: i64,
    /// Only in the create response.
    pub key: Option<String>,
    pub last_update_instant: i64,
    #[schema(value_type = Object)]
    pub meta_data: serde_json::Value,
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

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyRequest {
    api_key: ApiKeyInput,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyResponse {
    pub api_key: ApiKeyWire,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeysResponse {
    pub api_keys: Vec<ApiKeyWire>,
}

type One = Result<Reply<ApiKeyResponse>, ApiError>;

fn one(record: &ApiKeyRecord, key: Option<String>) -> One {
    Ok(Reply(ApiKeyResponse {
        api_key: wire(record, key),
    }))
}

async fn create(
    state: web::Data<AppState>,
    _: GlobalKey,
    id: MaybeId,
    body: Body<ApiKeyRequest>,
) -> One {
    let input = body.request(WRAPPER)?.api_key;
    let new = NewKey {
        id: id.0,
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
    one(&record, Some(raw))
}

async fn list(
    state: web::Data<AppState>,
    _: GlobalKey,
) -> Result<Reply<ApiKeysResponse>, ApiError> {
    let keys = read(&state, |conn, _| Ok(svc::list(conn)?)).await?;
    Ok(Reply(ApiKeysResponse {
        api_keys: keys.iter().map(|k| wire(k, None)).collect(),
    }))
}

async fn retrieve(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> One {
    one(
        &read(&state, move |conn, _| Ok(svc::find(conn, id)?)).await?,
        None,
    )
}

/// The key cache forgets a deleted key at once (other processes within its lifetime).
async fn delete(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> Result<Done, ApiError> {
    write(&state, move |conn, _| Ok(svc::delete(conn, id)?)).await?;
    state.keys.clear();
    Ok(Done)
}
