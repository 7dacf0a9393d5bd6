//! `/api/webhook`: webhooks; global keys only.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::crud::{create, delete, list, patch, resource, retrieve, update};
use super::resource::Resource;
use super::route::{op, Api};
use crate::domain::webhook::{Webhook, WebhookInput};
use crate::service::webhooks as svc;

pub fn declare(api: &mut Api) {
    let r = Resource::new("/webhook", "/webhook/{webhookId}", "Webhook", "a webhook");
    api.tag("Webhooks")
        .post(
            r.all,
            create::<Webhooks>,
            r.create().note("a `secret` is generated"),
        )
        .get(
            r.all,
            list::<Webhooks>,
            op("retrieveWebhooks", "List the webhooks in creation order"),
        )
        .refuse_without_id(&r)
        .post(r.one, create::<Webhooks>, r.create_with_id())
        .get(r.one, retrieve::<Webhooks>, r.retrieve())
        .put(
            r.one,
            update::<Webhooks>,
            r.update()
                .note("the secret and an omitted password are kept"),
        )
        .patch(r.one, patch::<Webhooks>, r.patch())
        .delete(
            r.one,
            delete::<Webhooks>,
            r.delete().note("its deliveries go with it"),
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
