//! `/api/webhook`: webhooks; global keys only.

use std::collections::BTreeMap;

use actix_web::{web, HttpRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::GlobalKey;
use super::body;
use super::error::ApiError;
use super::route::{missing, op, Api, Done, Id, MaybeId, Reply};
use super::{read, write};
use crate::app::AppState;
use crate::domain::webhook::{Webhook, WebhookInput};
use crate::service::webhooks as svc;

const WRAPPER: &str = "webhook";
const ID: &str = "webhookId";

pub fn declare(api: &mut Api) {
    let (all, one) = ("/webhook", "/webhook/{webhookId}");
    api.tag("Webhooks")
        .post(
            all,
            create,
            op(
                "createWebhook",
                "Create a webhook with a random id; a `secret` is generated",
            )
            .body::<WebhookRequest>()
            .errors(&[400, 413]),
        )
        .get(
            all,
            list,
            op("retrieveWebhooks", "List the webhooks in creation order"),
        )
        .put(
            all,
            missing(ID),
            op("updateWebhook", "Always 400 `[missing]webhookId`").errors(&[400]),
        )
        .patch(
            all,
            missing(ID),
            op("patchWebhook", "Always 400 `[missing]webhookId`").errors(&[400]),
        )
        .delete(
            all,
            missing(ID),
            op("deleteWebhook", "Always 400 `[missing]webhookId`").errors(&[400]),
        )
        .post(
            one,
            create,
            op("createWebhookWithId", "Create a webhook with the given id")
                .body::<WebhookRequest>()
                .errors(&[400, 413]),
        )
        .get(
            one,
            retrieve,
            op("retrieveWebhookWithId", "Retrieve a webhook").errors(&[400, 404]),
        )
        .put(
            one,
            update,
            op(
                "updateWebhookWithId",
                "Update a webhook; the secret and an omitted password are kept",
            )
            .body::<WebhookRequest>()
            .errors(&[400, 404, 413]),
        )
        .patch(
            one,
            patch,
            op("patchWebhookWithId", "Partially update a webhook")
                .patch::<WebhookRequest>()
                .errors(&[400, 404, 413]),
        )
        .delete(
            one,
            delete,
            op(
                "deleteWebhookWithId",
                "Delete a webhook and its deliveries; empty body",
            )
            .errors(&[400, 404]),
        );
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = WebhookSignatureConfiguration)]
pub struct SignatureConfigurationWire {
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_key_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
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

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookRequest {
    pub webhook: WebhookInput,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhookResponse {
    pub webhook: WebhookWire,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WebhooksResponse {
    pub webhooks: Vec<WebhookWire>,
}

type One = Result<Reply<WebhookResponse>, ApiError>;

fn one(item: &Webhook) -> One {
    Ok(Reply(WebhookResponse {
        webhook: WebhookWire::from(item),
    }))
}

fn input(bytes: &[u8]) -> Result<WebhookInput, ApiError> {
    Ok(body::request::<WebhookRequest>(bytes, WRAPPER)?.webhook)
}

async fn create(state: web::Data<AppState>, _: GlobalKey, id: MaybeId, bytes: web::Bytes) -> One {
    let input = input(&bytes)?;
    one(&write(&state, move |conn, now| {
        Ok(svc::create(conn, now, id.0, input)?)
    })
    .await?)
}

async fn list(
    state: web::Data<AppState>,
    _: GlobalKey,
) -> Result<Reply<WebhooksResponse>, ApiError> {
    let all = read(&state, |conn, _| Ok(svc::list(conn)?)).await?;
    Ok(Reply(WebhooksResponse {
        webhooks: all.iter().map(WebhookWire::from).collect(),
    }))
}

async fn retrieve(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> One {
    one(&read(&state, move |conn, _| Ok(svc::find(conn, id)?)).await?)
}

async fn update(state: web::Data<AppState>, _: GlobalKey, Id(id): Id, bytes: web::Bytes) -> One {
    let input = input(&bytes)?;
    one(&write(&state, move |conn, now| {
        Ok(svc::update(conn, now, id, input)?)
    })
    .await?)
}

async fn patch(
    state: web::Data<AppState>,
    _: GlobalKey,
    req: HttpRequest,
    Id(id): Id,
    bytes: web::Bytes,
) -> One {
    let content_type = body::content_type(&req);
    one(&write(&state, move |conn, now| {
        let stored = WebhookWire::from(&svc::find(conn, id)?);
        let input = body::patched::<WebhookRequest>(&stored, WRAPPER, &content_type, &bytes)?;
        Ok(svc::update(conn, now, id, input.webhook)?)
    })
    .await?)
}

async fn delete(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> Result<Done, ApiError> {
    write(&state, move |conn, _| Ok(svc::delete(conn, id)?)).await?;
    Ok(Done)
}
