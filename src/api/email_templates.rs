//! `/api/email/template`: email templates and their preview; global keys only.

use actix_web::web;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::GlobalKey;
use super::crud::{create, delete, list, patch, resource, retrieve, update};
use super::error::ApiError;
use super::extract::Body;
use super::resource::Resource;
use super::route::{op, Api, Reply};
use super::wire::Wrapped;
use crate::app::AppState;
use crate::domain::email_template::{EmailTemplate, EmailTemplateInput, RenderedEmail};
use crate::domain::locale::LocalizedStrings;
use crate::domain::FieldErrors;
use crate::service::email_templates as svc;

pub fn declare(api: &mut Api) {
    let r = Resource::new(
        "/email/template",
        "/email/template/{emailTemplateId}",
        "EmailTemplate",
        "an email template",
    );
    api.tag("Email Templates")
        // Before `one`, which would read `preview` as an id.
        .post("/email/template/preview", preview, op("retrieveEmailTemplatePreview",
            "Render an unsaved template with sample values; always 200 once the body parses, with \
             the template's problems in `errors`"))
        .post(r.all, create::<EmailTemplates>, r.create())
        .get(r.all, list::<EmailTemplates>, op("retrieveEmailTemplates",
            "List the email templates in creation order"))
        .refuse_without_id(&r)
        .post(r.one, create::<EmailTemplates>, r.create_with_id())
        .get(r.one, retrieve::<EmailTemplates>, r.retrieve())
        .put(r.one, update::<EmailTemplates>, r.update())
        .patch(r.one, patch::<EmailTemplates>, r.patch())
        .delete(r.one, delete::<EmailTemplates>, r.delete()
            .note("400 `[inUse]emailTemplateId` while a definition uses it"));
}

#[serde_with::skip_serializing_none]
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = EmailTemplate)]
pub struct EmailTemplateWire {
    pub default_from_name: Option<String>,
    pub default_html_template: String,
    pub default_subject: String,
    pub default_text_template: String,
    pub from_email: Option<String>,
    pub id: Uuid,
    pub insert_instant: i64,
    pub last_update_instant: i64,
    #[serde(skip_serializing_if = "LocalizedStrings::is_empty")]
    #[schema(value_type = BTreeMap<String, String>)]
    pub localized_from_names: LocalizedStrings,
    #[serde(skip_serializing_if = "LocalizedStrings::is_empty")]
    #[schema(value_type = BTreeMap<String, String>)]
    pub localized_html_templates: LocalizedStrings,
    #[serde(skip_serializing_if = "LocalizedStrings::is_empty")]
    #[schema(value_type = BTreeMap<String, String>)]
    pub localized_subjects: LocalizedStrings,
    #[serde(skip_serializing_if = "LocalizedStrings::is_empty")]
    #[schema(value_type = BTreeMap<String, String>)]
    pub localized_text_templates: LocalizedStrings,
    pub name: String,
}

impl From<&EmailTemplate> for EmailTemplateWire {
    fn from(t: &EmailTemplate) -> Self {
        let s = t.spec.clone();
        EmailTemplateWire {
            default_from_name: s.default_from_name,
            default_html_template: s.default_html_template,
            default_subject: s.default_subject,
            default_text_template: s.default_text_template,
            from_email: s.from_email,
            id: t.id,
            insert_instant: t.insert_instant,
            last_update_instant: t.last_update_instant,
            localized_from_names: s.localized_from_names,
            localized_html_templates: s.localized_html_templates,
            localized_subjects: s.localized_subjects,
            localized_text_templates: s.localized_text_templates,
            name: s.name,
        }
    }
}

/// FusionAuth's `EmailAddress`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EmailAddress)]
pub struct EmailAddressWire {
    pub address: Option<String>,
    pub display: Option<String>,
}

/// FusionAuth's `Email`, as in an email event: Actioneer emits no attachments, cc or bcc, and no `replyTo`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Email)]
pub struct EmailWire {
    #[schema(value_type = Vec<Object>)]
    pub attachments: Vec<serde_json::Value>,
    pub bcc: Vec<EmailAddressWire>,
    pub cc: Vec<EmailAddressWire>,
    pub from: Option<EmailAddressWire>,
    pub html: String,
    pub subject: String,
    pub text: String,
    pub to: Vec<EmailAddressWire>,
}

impl EmailWire {
    /// A rendered email addressed to `to`.
    pub fn new(email: &RenderedEmail, to: Vec<EmailAddressWire>) -> Self {
        let from =
            (email.from_email.is_some() || email.from_name.is_some()).then(|| EmailAddressWire {
                address: email.from_email.clone(),
                display: email.from_name.clone(),
            });
        EmailWire {
            attachments: Vec::new(),
            bcc: Vec::new(),
            cc: Vec::new(),
            from,
            html: email.html.clone(),
            subject: email.subject.clone(),
            text: email.text.clone(),
            to,
        }
    }
}

/// `POST /api/email/template/preview`: always 200 once the body parses.
#[derive(Serialize, ToSchema)]
pub struct PreviewResponse {
    pub email: EmailWire,
    pub errors: FieldErrors,
}

resource!(EmailTemplates(EmailTemplate) by svc, deleting |c, _, id| svc::delete(c, id);
    "emailTemplate" email_template, email_templates: EmailTemplateRequest(EmailTemplateInput),
    EmailTemplateResponse(EmailTemplateWire), EmailTemplatesResponse);

/// `POST /api/email/template/preview`: an unsaved template, rendered with sample values.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRequest {
    pub email_template: EmailTemplateInput,
    /// Selects localized values as if it were the user's only preferred language.
    pub locale: Option<String>,
}

async fn preview(
    state: web::Data<AppState>,
    _: GlobalKey,
    body: Body<PreviewRequest>,
) -> Result<Reply<PreviewResponse>, ApiError> {
    let request = body.request(EmailTemplates::WRAPPER)?;
    let preview = svc::preview(
        request.email_template,
        request.locale,
        state.now(),
        &state.config.base_url,
    );
    let to = EmailAddressWire {
        address: Some("jane.doe@example.com".into()),
        display: Some("Jane Doe".into()),
    };
    Ok(Reply(PreviewResponse {
        email: EmailWire::new(&preview.email, vec![to]),
        errors: preview.errors,
    }))
}
