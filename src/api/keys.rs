//! `/api/key`: HMAC signing keys for webhook signatures; global keys only.

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
use crate::domain::signing_key::{KeyInput, SigningKey};
use crate::service::signing_keys as svc;

const WRAPPER: &str = "key";

pub fn declare(api: &mut Api) {
    let r = Resource::new("/key", "/key/{keyId}", "Key", "a key");
    api.tag("Keys")
        // Before `/key/{keyId}`, so `generate` is never read as an id.
        .post(
            "/key/generate",
            generate,
            op(
                "generateKey",
                "Generate an HMAC key with a new id; the response alone carries the secret",
            ),
        )
        .post(
            "/key/generate/{keyId}",
            generate,
            op(
                "generateKeyWithId",
                "Generate an HMAC key with the given id",
            ),
        )
        .get(
            r.all,
            list,
            op("retrieveKeys", "List the keys, without their secrets"),
        )
        .get(r.one, retrieve, r.retrieve().note("without its secret"))
        .delete(
            r.one,
            delete,
            r.delete()
                .note("400 `[inUse]keyId` while a webhook signs with it"),
        );
}

#[serde_with::skip_serializing_none]
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Key)]
pub struct KeyWire {
    /// `HS256`, `HS384` or `HS512`.
    pub algorithm: String,
    pub id: Uuid,
    pub insert_instant: i64,
    pub kid: String,
    pub last_update_instant: i64,
    /// Bits of secret: 256, 384 or 512.
    pub length: u32,
    pub name: String,
    /// Only in the generate response.
    pub secret: Option<String>,
    /// Always `HMAC`.
    #[serde(rename = "type")]
    pub key_type: String,
}

fn wire(key: &SigningKey, with_secret: bool) -> KeyWire {
    KeyWire {
        algorithm: key.algorithm.as_str().to_string(),
        id: key.id,
        insert_instant: key.insert_instant,
        kid: key.kid.clone(),
        last_update_instant: key.last_update_instant,
        length: key.algorithm.length_bits(),
        name: key.name.clone(),
        secret: with_secret.then(|| key.secret.clone()),
        key_type: "HMAC".to_string(),
    }
}

/// `POST /api/key/generate[/{keyId}]`.
#[derive(Deserialize, ToSchema)]
pub struct KeyRequest {
    pub key: KeyInput,
}

/// `secret` is present only in the generate response.
#[derive(Serialize, ToSchema)]
pub struct KeyResponse {
    pub key: KeyWire,
}

#[derive(Serialize, ToSchema)]
pub struct KeysResponse {
    pub keys: Vec<KeyWire>,
}

type One = Result<Reply<KeyResponse>, ApiError>;

async fn generate(
    state: web::Data<AppState>,
    _: GlobalKey,
    id: MaybeId,
    body: Body<KeyRequest>,
) -> One {
    let input = body.request(WRAPPER)?.key;
    let key = write(&state, move |conn, now| {
        Ok(svc::generate(conn, now, id.0, input)?)
    })
    .await?;
    Ok(Reply(KeyResponse {
        key: wire(&key, true),
    }))
}

async fn list(state: web::Data<AppState>, _: GlobalKey) -> Result<Reply<KeysResponse>, ApiError> {
    let keys = read(&state, |conn, _| Ok(svc::list(conn)?)).await?;
    Ok(Reply(KeysResponse {
        keys: keys.iter().map(|k| wire(k, false)).collect(),
    }))
}

async fn retrieve(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> One {
    let key = read(&state, move |conn, _| Ok(svc::find(conn, id)?)).await?;
    Ok(Reply(KeyResponse {
        key: wire(&key, false),
    }))
}

async fn delete(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> Result<Done, ApiError> {
    write(&state, move |conn, _| Ok(svc::delete(conn, id)?)).await?;
    Ok(Done)
}
