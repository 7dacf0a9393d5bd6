//! `/api/key` (§13.7): HMAC signing keys; global keys only.

use actix_web::{web, HttpResponse};
use serde::Serialize;
use uuid::Uuid;

use super::auth::Caller;
use super::body;
use super::error::ApiError;
use super::{opt_id, read, wrapped, write};
use crate::app::AppState;
use crate::domain::signing_key::{KeyInput, SigningKey};
use crate::service::signing_keys as svc;

const WRAPPER: &str = "key";
const ID: &str = "keyId";

pub fn routes(cfg: &mut web::ServiceConfig) {
    // Before `/key/{id}`, so `generate` is never read as an id.
    cfg.service(web::resource("/key/generate").route(web::post().to(generate)))
        .service(web::resource("/key/generate/{id}").route(web::post().to(generate)))
        .service(web::resource("/key").route(web::get().to(list)))
        .service(
            web::resource("/key/{id}")
                .route(web::get().to(retrieve))
                .route(web::delete().to(delete)),
        );
}

#[derive(Serialize, utoipa::ToSchema)]
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
    #[serde(skip_serializing_if = "Option::is_none")]
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

async fn generate(
    state: web::Data<AppState>,
    caller: Caller,
    path: Option<web::Path<String>>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = opt_id(path, ID)?;
    let input: KeyInput = body::wrapped(&bytes, WRAPPER)?;
    let key = write(&state, move |conn, now| {
        Ok(svc::generate(conn, now, id, input)?)
    })
    .await?;
    wrapped(WRAPPER, wire(&key, true))
}

async fn list(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let keys = read(&state, |conn, _| Ok(svc::list(conn)?)).await?;
    wrapped(
        "keys",
        keys.iter().map(|k| wire(k, false)).collect::<Vec<_>>(),
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
    wrapped(WRAPPER, wire(&key, false))
}

async fn delete(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    write(&state, move |conn, _| Ok(svc::delete(conn, id)?)).await?;
    Ok(HttpResponse::Ok().finish())
}
