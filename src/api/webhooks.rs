//! `/api/webhook` (§13.5): webhooks; global keys only.

use std::collections::BTreeMap;

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;
use uuid::Uuid;

use super::auth::Caller;
use super::body;
use super::error::ApiError;
use super::{opt_id, read, wrapped, write};
use crate::app::AppState;
use crate::domain::webhook::{Webhook, WebhookInput};
use crate::domain::Kind;
use crate::service::webhooks as svc;

const WRAPPER: &str = "webhook";
const ID: &str = "webhookId";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/webhook")
            .route(web::post().to(create))
            .route(web::get().to(list))
            .route(web::put().to(missing_id))
            .route(web::patch().to(missing_id))
            .route(web::delete().to(missing_id)),
    )
    .service(
        web::resource("/webhook/{id}")
            .route(web::post().to(create))
            .route(web::get().to(retrieve))
            .route(web::put().to(update))
            .route(web::patch().to(patch))
            .route(web::delete().to(delete)),
    );
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = WebhookSignatureConfiguration)]
pub struct SignatureConfigurationWire {
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_key_id: Option<Uuid>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Webhook)]
pub struct WebhookWire {
    pub connect_timeout: i32,
    #[schema(value_type = Object)]
    pub data: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub events_enabled: BTreeMap<String, bool>,
    pub global: bool,
    pub headers: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_authentication_username: Option<String>,
    pub id: Uuid,
    pub insert_instant: i64,
    pub last_update_instant: i64,
    pub read_timeout: i32,
    /// Standard Webhooks signing secret (`whsec_…`); read-only (§14.4).
    pub secret: String,
    pub signature_configuration: SignatureConfigurationWire,
    pub tenant_ids: Vec<Uuid>,
    pub url: String,
    /// Definitions whose events this webhook receives; empty means all (§14.7).
    pub user_action_ids: Vec<Uuid>,
}

impl From<&Webhook> for WebhookWire {
    fn from(h: &Webhook) -> Self {
        let s = &h.spec;
        WebhookWire {
            connect_timeout: s.connect_timeout,
            data: s.data.clone(),
            description: s.description.clone(),
            events_enabled: s.events_enabled.clone(),
            global: s.global,
            headers: s.headers.clone(),
            http_authentication_username: s.http_authentication_username.clone(),
            id: h.id,
            insert_instant: h.insert_instant,
            last_update_instant: h.last_update_instant,
            read_timeout: s.read_timeout,
            secret: h.secret.clone(),
            signature_configuration: SignatureConfigurationWire {
                enabled: s.signature_configuration.enabled,
                signing_key_id: s.signature_configuration.signing_key_id,
            },
            tenant_ids: s.tenant_ids.clone(),
            url: s.url.clone(),
            user_action_ids: s.user_action_ids.clone(),
        }
    }
}

fn one(hook: &Webhook) -> Result<HttpResponse, ApiError> {
    wrapped(WRAPPER, WebhookWire::from(hook))
}

async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    path: Option<web::Path<String>>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = opt_id(path, ID)?;
    let input: WebhookInput = body::wrapped(&bytes, WRAPPER)?;
    one(&write(&state, move |conn, now| {
        Ok(svc::create(conn, now, id, input)?)
    })
    .await?)
}

async fn list(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let hooks = read(&state, |conn, _| Ok(svc::list(conn)?)).await?;
    wrapped(
        "webhooks",
        hooks.iter().map(WebhookWire::from).collect::<Vec<_>>(),
    )
}

async fn retrieve(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    one(&read(&state, move |conn, _| Ok(svc::find(conn, id)?)).await?)
}

async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    let input: WebhookInput = body::wrapped(&bytes, WRAPPER)?;
    one(&write(&state, move |conn, now| {
        Ok(svc::update(conn, now, id, input)?)
    })
    .await?)
}

async fn patch(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<String>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    let content_type = body::content_type(&req);
    let hook = write(&state, move |conn, now| {
        let stored = WebhookWire::from(&svc::find(conn, id)?);
        let input: WebhookInput = body::patched(&stored, WRAPPER, &content_type, &bytes)?;
        Ok(svc::update(conn, now, id, input)?)
    })
    .await?;
    one(&hook)
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

async fn missing_id(caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    Err(ApiError::field(Kind::Missing, ID))
}
