//! Webhooks (administrators): list with delivery health, create and edit, signing secret,
//! test event, delete. The delivery log is in `deliveries`.

mod deliveries;

use std::collections::BTreeMap;

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::editor::{self, Editor};
use super::{checkbox, read, render, Admin, Ctx, FormErrors, PageError, Staff, Tick};
use crate::app::AppState;
use crate::domain::webhook::{SignatureConfigurationInput, Webhook, WebhookInput, USER_ACTION};
use crate::domain::webhook_reach::Silenced;
use crate::domain::{FieldErrors, Kind};
use crate::i18n::Tr;
use crate::service::deliveries::{health, Health};
use crate::service::runner::Connection;
use crate::service::ServiceResult;
use crate::service::{events, webhooks as svc, OmittedPassword};
use crate::web::confirm::{self, ConfirmDelete, Delete, Deletion};
use crate::web::form::number;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/webhooks", web::get().to(list))
        // Before `/webhooks/{id}`, which would read `deliveries` as an id.
        .configure(deliveries::routes)
        .configure(|cfg| editor::routes::<Editing>(cfg, "/webhooks"))
        .configure(|cfg| {
            confirm::button(
                cfg,
                "/webhooks/{id}/secret",
                |conn, now, id| svc::regenerate_secret(conn, now, id).map(|_| ()),
                |id| format!("/admin/webhooks/{id}?done=saved#secret"),
            );
            confirm::button(
                cfg,
                "/webhooks/{id}/test",
                |conn, now, id| events::queue_test_event(conn, now, id).map(|_| ()),
                |id| format!("/admin/webhooks/{id}/deliveries?done=sent"),
            );
            confirm::routes::<Delete<Deleting>>(cfg, "/webhooks/{id}/delete");
        });
}

/// Fields the webhook form shows errors for.
const FIELDS: &[&str] = &[
    "url",
    "description",
    "connectTimeout",
    "readTimeout",
    "headers",
    "httpAuthenticationUsername",
    "tenantIds",
    "userActionIds",
    "signatureConfiguration.signingKeyId",
];

use svc::Names;

/// The name of `id` in `list`, else the id itself.
fn name_of(list: &[(Uuid, String)], id: Uuid) -> String {
    list.iter()
        .find(|(i, _)| *i == id)
        .map_or_else(|| id.to_string(), |(_, n)| n.clone())
}
/// What keeps webhook `id` from hearing events.
fn silenced_of(names: &Names, id: Uuid) -> Vec<Silenced> {
    names
        .silenced
        .iter()
        .filter(|s| s.webhook_id == id)
        .cloned()
        .collect()
}

/// One webhook in the list.
struct ListRow {
    hook: Webhook,
    user_action: bool,
    tenants: Vec<String>,
    actions: Vec<String>,
    health: Health,
    /// Events it waits for that a tenant it serves has off.
    silenced: Vec<Silenced>,
}

#[derive(Template)]
#[template(path = "admin/webhooks/list.html")]
struct ListPage {
    ctx: Ctx,
    rows: Vec<ListRow>,
}

async fn list(state: web::Data<AppState>, staff: Staff<Admin>) -> Result<HttpResponse, PageError> {
    let rows = read(&state, |conn, _| {
        let names = svc::names(conn)?;
        let mut rows = Vec::new();
        for hook in svc::list(conn)? {
            let health = health(conn, hook.id)?;
            rows.push(ListRow {
                silenced: silenced_of(&names, hook.id),
                user_action: hook
                    .spec
                    .events_enabled
                    .get(USER_ACTION)
                    .copied()
                    .unwrap_or(false),
                tenants: hook
                    .spec
                    .tenant_ids
                    .iter()
                    .map(|t| name_of(&names.tenants, *t))
                    .collect(),
                actions: hook
                    .spec
                    .user_action_ids
                    .iter()
                    .map(|a| name_of(&names.actions, *a))
                    .collect(),
                health,
                hook,
            });
        }
        Ok(rows)
    })
    .await?;
    render(&ListPage {
        ctx: staff.ctx("webhooks"),
        rows,
    })
}

/// The webhook form as typed. Header rows are repeated `header_name`/`header_value` pairs;
/// `tenant` and `user_action` are the checked ids.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct WebhookForm {
    url: String,
    description: String,
    connect_timeout: String,
    read_timeout: String,
    header_name: Vec<String>,
    header_value: Vec<String>,
    auth_username: String,
    /// Empty keeps the stored password, unless `remove_password` is ticked.
    auth_password: String,
    #[serde(with = "checkbox")]
    remove_password: bool,
    #[serde(with = "checkbox")]
    global: bool,
    tenant: Vec<String>,
    #[serde(with = "checkbox")]
    user_action_enabled: bool,
    user_action: Vec<String>,
    signing_key: String,
}

impl WebhookForm {
    /// A new webhook: `user.action` on, for every tenant, FusionAuth's usual timeouts.
    fn blank() -> WebhookForm {
        WebhookForm {
            connect_timeout: "1000".into(),
            read_timeout: "2000".into(),
            global: true,
            user_action_enabled: true,
            ..WebhookForm::default()
        }
    }

    fn from_hook(h: &Webhook) -> WebhookForm {
        let s = &h.spec;
        WebhookForm {
            url: s.url.clone(),
            description: s.description.clone().unwrap_or_default(),
            connect_timeout: s.connect_timeout.to_string(),
            read_timeout: s.read_timeout.to_string(),
            header_name: s.headers.keys().cloned().collect(),
            header_value: s.headers.values().cloned().collect(),
            auth_username: s.http_authentication_username.clone().unwrap_or_default(),
            auth_password: String::new(),
            remove_password: false,
            global: s.global,
            tenant: s.tenant_ids.iter().map(Uuid::to_string).collect(),
            user_action_enabled: s.events_enabled.get(USER_ACTION).copied().unwrap_or(false),
            user_action: s.user_action_ids.iter().map(Uuid::to_string).collect(),
            signing_key: s
                .signature_configuration
                .signing_key_id
                .filter(|_| s.signature_configuration.enabled)
                .map(|k| k.to_string())
                .unwrap_or_default(),
        }
    }

    /// What saving does with a stored password when none is typed.
    fn omitted_password(&self) -> OmittedPassword {
        if self.remove_password {
            OmittedPassword::Remove
        } else {
            OmittedPassword::Keep
        }
    }

    /// Header rows typed, without the empty ones.
    fn header_rows(&self) -> Vec<(String, String)> {
        self.header_name
            .iter()
            .zip(self.header_value.iter())
            .filter(|(n, v)| !n.trim().is_empty() || !v.is_empty())
            .map(|(n, v)| (n.trim().to_string(), v.clone()))
            .collect()
    }

    /// The API input, merged over what the form does not show (other events, `data`), and the
    /// errors of what could not be read (a timeout that is not a number).
    fn input(&self, stored: Option<&Webhook>) -> (WebhookInput, FieldErrors) {
        let mut errors = FieldErrors::new();
        let mut events: BTreeMap<String, bool> = stored
            .map(|h| h.spec.events_enabled.clone())
            .unwrap_or_default();
        events.insert(USER_ACTION.to_string(), self.user_action_enabled);
        let headers: Map<String, Value> = self
            .header_rows()
            .into_iter()
            .map(|(n, v)| (n, Value::String(v)))
            .collect();
        let signing_key = match self.signing_key.trim() {
            "" => None,
            raw => match Uuid::parse_str(raw) {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.add(Kind::Invalid, "webhook.signatureConfiguration.signingKeyId");
                    None
                }
            },
        };
        let input = WebhookInput {
            url: Some(self.url.clone()),
            connect_timeout: millis(&self.connect_timeout, "webhook.connectTimeout", &mut errors),
            read_timeout: millis(&self.read_timeout, "webhook.readTimeout", &mut errors),
            description: Some(self.description.clone()),
            events_enabled: Some(events),
            global: Some(self.global),
            tenant_ids: Some(ids(&self.tenant, "webhook.tenantIds", &mut errors)),
            headers: Some(headers),
            http_authentication_username: Some(self.auth_username.clone()),
            http_authentication_password: Some(self.auth_password.clone())
                .filter(|p| !p.is_empty()),
            signature_configuration: Some(SignatureConfigurationInput {
                enabled: Some(signing_key.is_some()),
                signing_key_id: signing_key,
            }),
            ssl_certificate_key_id: None,
            ssl_certificate: None,
            user_action_ids: Some(ids(&self.user_action, "webhook.userActionIds", &mut errors)),
            data: stored.map(|h| h.spec.data.clone()),
        };
        (input, errors)
    }
}

/// A timeout in milliseconds; empty is left to the service (required). Text is an error, and
/// then any positive value, so that the service does not also call it missing.
fn millis(raw: &str, field: &str, errors: &mut FieldErrors) -> Option<i64> {
    number(raw, field, errors).or_else(|| (!raw.trim().is_empty()).then_some(1))
}

fn ids(raw: &[String], field: &str, errors: &mut FieldErrors) -> Vec<Uuid> {
    raw.iter()
        .filter(|r| !r.trim().is_empty())
        .filter_map(|r| match Uuid::parse_str(r.trim()) {
            Ok(id) => Some(id),
            Err(_) => {
                errors.add(Kind::Invalid, field);
                None
            }
        })
        .collect()
}

/// The checkboxes (or options) of `list`, ticked where `chosen`.
fn choices(list: &[(Uuid, String)], chosen: &[String]) -> Vec<Tick> {
    Tick::all(
        list.iter().map(|(id, l)| (id.to_string(), l.clone())),
        chosen,
    )
}

#[derive(Template)]
#[template(path = "admin/webhooks/form.html")]
struct FormPage {
    ctx: Ctx,
    /// `None` for a new webhook.
    id: Option<Uuid>,
    form: WebhookForm,
    headers: Vec<(String, String)>,
    tenants: Vec<Tick>,
    actions: Vec<Tick>,
    keys: Vec<Tick>,
    has_password: bool,
    /// The Standard Webhooks secret of a saved webhook.
    secret: String,
    /// Events it waits for that a tenant it serves has off (a saved webhook).
    silenced: Vec<Silenced>,
    errors: FormErrors,
}

fn form_page(
    ctx: Ctx,
    stored: Option<&Webhook>,
    form: WebhookForm,
    names: &Names,
    errors: FormErrors,
) -> FormPage {
    let mut headers = form.header_rows();
    headers.push((String::new(), String::new()));
    let key = vec![form.signing_key.trim().to_string()];
    FormPage {
        id: stored.map(|h| h.id),
        headers,
        tenants: choices(&names.tenants, &form.tenant),
        actions: choices(&names.actions, &form.user_action),
        keys: choices(&names.keys, &key),
        has_password: stored.is_some_and(|h| h.spec.http_authentication_password.is_some()),
        secret: stored.map(|h| h.secret.clone()).unwrap_or_default(),
        silenced: stored.map_or_else(Vec::new, |h| silenced_of(names, h.id)),
        ctx,
        form,
        errors,
    }
}

/// Adding a webhook or changing one.
struct Editing;

impl Editor for Editing {
    const SECTION: &'static str = "webhooks";
    type Form = WebhookForm;
    type Loaded = (Option<Webhook>, Names);
    /// The form itself: what it means depends on the stored webhook, read in the write.
    type Input = WebhookForm;
    type Saved = Webhook;
    type Errors = FormErrors;
    type Page = FormPage;

    fn load(conn: &mut Connection, id: Option<Uuid>) -> ServiceResult<Self::Loaded> {
        let hook = id.map(|id| svc::find(conn, id)).transpose()?;
        Ok((hook, svc::names(conn)?))
    }

    fn form((hook, _): &Self::Loaded) -> WebhookForm {
        hook.as_ref()
            .map_or_else(WebhookForm::blank, WebhookForm::from_hook)
    }

    fn page(
        ctx: Ctx,
        _: Option<Uuid>,
        form: WebhookForm,
        (hook, names): Self::Loaded,
        errors: FormErrors,
    ) -> FormPage {
        form_page(ctx, hook.as_ref(), form, &names, errors)
    }

    fn input(
        form: &WebhookForm,
        _: Option<Uuid>,
        _: &Staff<Admin>,
    ) -> Result<WebhookForm, FormErrors> {
        Ok(form.clone())
    }

    fn save(
        conn: &mut Connection,
        now: i64,
        id: Option<Uuid>,
        form: WebhookForm,
    ) -> ServiceResult<Webhook> {
        match id {
            None => {
                let (input, errors) = form.input(None);
                svc::create_with(conn, now, None, input, errors)
            }
            Some(id) => {
                let stored = svc::find(conn, id)?;
                let (input, errors) = form.input(Some(&stored));
                svc::update_with(conn, now, id, input, errors, form.omitted_password())
            }
        }
    }

    fn errors(errors: &FieldErrors, tr: &Tr) -> FormErrors {
        FormErrors::new(errors, tr, FIELDS)
    }

    fn done(_: &Staff<Admin>, id: Option<Uuid>, hook: Webhook) -> String {
        match id {
            None => format!("/admin/webhooks/{}?done=created", hook.id),
            Some(id) => format!("/admin/webhooks/{id}?done=saved"),
        }
    }
}

struct Deleting;

impl Deletion for Deleting {
    const SECTION: &'static str = "webhooks";
    const LIST: &'static str = "/admin/webhooks";
    type Thing = Webhook;

    fn find(conn: &mut Connection, id: Uuid) -> ServiceResult<Webhook> {
        svc::find(conn, id)
    }

    fn delete(conn: &mut Connection, _: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(conn, id)
    }

    fn page(ctx: Ctx, hook: Webhook) -> ConfirmDelete {
        let question = ctx.tr.t1("webhooks-delete-confirm", "url", &hook.spec.url);
        ConfirmDelete::new(ctx, "webhooks-delete-title", question, Self::LIST)
    }
}
