//! `/api/email/template`: email templates and their preview; global keys only.

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
use crate::domain::email_template::{EmailTemplate, EmailTemplateInput, RenderedEmail};
use crate::domain::locale::LocalizedStrings;
use crate::domain::FieldErrors;
use crate::service::email_templates as svc;

const WRAPPER: &str = "emailTemplate";
const ID: &str = "emailTemplateId";

pub fn declare(api: &mut Api) {
    let (all, one) = ("/email/template", "/email/template/{emailTemplateId}");
    api.tag("Email Templates")
        // Before `one`, which would read `preview` as an id.
        .post("/email/template/preview", preview, op("retrieveEmailTemplatePreview",
            "Render an unsaved template with sample values; always 200 once the body parses, with \
             the template's problems in `errors`").body::<PreviewRequest>().errors(&[400, 413]))
        .post(all, create, op("createEmailTemplate", "Create an email template with a random id")
            .body::<EmailTemplateRequest>().errors(&[400, 413]))
        .get(all, list, op("retrieveEmailTemplates", "List the email templates in creation order"))
        .put(all, missing(ID), op("updateEmailTemplate", "Always 400 `[missing]emailTemplateId`").errors(&[400]))
        .patch(all, missing(ID), op("patchEmailTemplate", "Always 400 `[missing]emailTemplateId`").errors(&[400]))
        .delete(all, missing(ID), op("deleteEmailTemplate", "Always 400 `[missing]emailTemplateId`").errors(&[400]))
        .post(one, create, op("createEmailTemplateWithId", "Create an email template with the given id")
            .body::<EmailTemplateRequest>().errors(&[400, 413]))
        .get(one, retrieve, op("retrieveEmailTemplateWithId", "Retrieve an email template")
            .errors(&[400, 404]))
        .put(one, update, op("updateEmailTemplateWithId", "Update an email template")
            .body::<EmailTemplateRequest>().errors(&[400, 404, 413]))
        .patch(one, patch, op("patchEmailTemplateWithId", "Partially update an email template")
            .patch::<EmailTemplateRequest>().errors(&[400, 404, 413]))
        .delete(one, delete, op("deleteEmailTemplateWithId",
            "Delete an email template no definition uses (else 400 `[inUse]emailTemplateId`); empty body")
            .errors(&[400, 404]));
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = EmailTemplate)]
pub struct EmailTemplateWire {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_from_name: Option<String>,
    pub default_html_template: String,
    pub default_subject: String,
    pub default_text_template: String,
    #[serde(skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = EmailAddress)]
pub struct EmailAddressWire {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

/// FusionAuth's `Email` (§8.1): Actioneer emits no attachments, cc or bcc, and no `replyTo`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = Email)]
pub struct EmailWire {
    #[schema(value_type = Vec<Object>)]
    pub attachments: Vec<serde_json::Value>,
    pub bcc: Vec<EmailAddressWire>,
    pub cc: Vec<EmailAddressWire>,
    #[serde(skip_serializing_if = "Option::is_none")]
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

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailTemplateRequest {
    pub email_template: EmailTemplateInput,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailTemplateResponse {
    pub email_template: EmailTemplateWire,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EmailTemplatesResponse {
    pub email_templates: Vec<EmailTemplateWire>,
}

type One = Result<Reply<EmailTemplateResponse>, ApiError>;

fn one(item: &EmailTemplate) -> One {
    Ok(Reply(EmailTemplateResponse {
        email_template: EmailTemplateWire::from(item),
    }))
}

fn input(bytes: &[u8]) -> Result<EmailTemplateInput, ApiError> {
    Ok(body::request::<EmailTemplateRequest>(bytes, WRAPPER)?.email_template)
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
) -> Result<Reply<EmailTemplatesResponse>, ApiError> {
    let all = read(&state, |conn, _| Ok(svc::list(conn)?)).await?;
    Ok(Reply(EmailTemplatesResponse {
        email_templates: all.iter().map(EmailTemplateWire::from).collect(),
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
        let stored = EmailTemplateWire::from(&svc::find(conn, id)?);
        let input = body::patched::<EmailTemplateRequest>(&stored, WRAPPER, &content_type, &bytes)?;
        Ok(svc::update(conn, now, id, input.email_template)?)
    })
    .await?)
}

async fn delete(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> Result<Done, ApiError> {
    write(&state, move |conn, _| Ok(svc::delete(conn, id)?)).await?;
    Ok(Done)
}

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
    bytes: web::Bytes,
) -> Result<Reply<PreviewResponse>, ApiError> {
    let request = body::request::<PreviewRequest>(&bytes, WRAPPER)?;
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
