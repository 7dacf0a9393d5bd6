//! `/api/webhook`: webhooks; global keys only.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::crud::{create, delete, list, patch, resource, retrieve, update};
use super::route::{self, op, Api};
use crate::domain::webhook::{Webhook, WebhookInput};
use crate::service::webhooks as svc;

pub fn declare(api: &mut Api) {
    let (all, one) = ("/webhook", "/webhook/{webhookId}");
    let missing = || route::missing("webhookId");
    api.tag("Webhooks")
        .post(
            all,
            create::<Webhooks>,
            op(
                "createWebhook",
                "Create a webhook with a new id; a `secret` is generated",
            )
            .body::<WebhookRequest>()
            .errors(&[400, 413]),
        )
        .get(
            all,
            list::<Webhooks>,
            op("retrieveWebhooks", "List the webhooks in creation order"),
        )
        .put(
            all,
            missing(),
            op("updateWebhook", "Always 400 `[missing]webhookId`").errors(&[400]),
        )
        .patch(
            all,
            missing(),
            op("patchWebhook", "Always 400 `[missing]webhookId`").errors(&[400]),
        )
        .delete(
            all,
            missing(),
            op("deleteWebhook", "Always 400 `[missing]webhookId`").errors(&[400]),
        )
        .post(
            one,
            create::<Webhooks>,
            op("createWebhookWithId", "Create a webhook with the given id")
                .body::<WebhookRequest>()
                .errors(&[400, 413]),
        )
        .get(
            one,
            retrieve::<Webhooks>,
            op("retrieveWebhookWithId", "Retrieve a webhook").errors(&[400, 404]),
        )
        .put(
            one,
            update::<Webhooks>,
            op(
                "updateWebhookWithId",
                "Update a webhook; the secret and an omitted password are kept",
            )
            .body::<WebhookRequest>()
            .errors(&[400, 404, 413]),
        )
        .patch(
            one,
            patch::<Webhooks>,
            op("patchWebhookWithId", "Partially update a webhook")
                .patch::<WebhookRequest>()
                .errors(&[400, 404, 413]),
        )
        .delete(
            one,
            delete::<Webhooks>,
            op(
                "deleteWebhookWithId",
                "Delete a webhook and its deliveries; empty body",
            )
            .errors(&[400, 404]),
        );
}

#[serde_with::skip_serializing_none]
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = WebhookSignatureConfiguration)]
pub struct SignatureConfigurationWire {
    pub enabled: bool,
    pub signing_key_id: Option<Uuid>,
}

#[serde_with::skip_serializing_none]
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = Webhook)]
pub struct WebhookWire {
    pub connect_timeout: i32,
    #[schema(value_type = Object)]
    pub data: serde_json::Map<String, serde_json::Value>,
    pub description: Option<String>,
    pub events_enabled: BTreeMap<String, bool>,
    pub global: bool,
    pub headers: BTreeMap<String, String>,
    pub http_authentication_username: Option<String>,
    pub id: Uuid,
    pub insert_instant: i64,
    pub last_update_instant: i64,
    pub read_timeout: i32,
    /// Standard Webhooks signing secret (`whsec_…`); read-only.
    pub secret: String,
    pub signature_configuration: SignatureConfigurationWire,
    pub tenant_ids: Vec<Uuid>,
    pub url: String,
    /// Definitions whose events this webhook receives; empty means all.
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

resource!(Webhooks(Webhook) by svc, deleting |c, _, id| svc::delete(c, id);
    "webhook" webhook, webhooks: WebhookRequest(WebhookInput), WebhookResponse(WebhookWire),
    WebhooksResponse);
