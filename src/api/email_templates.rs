//! `/api/email/template` (§13.6): email templates and their preview; global keys only.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;
use uuid::Uuid;

use super::auth::Caller;
use super::body;
use super::error::ApiError;
use super::{opt_id, read, wrapped, write};
use crate::app::AppState;
use crate::domain::email_template::{EmailTemplate, EmailTemplateInput, RenderedEmail};
use crate::domain::locale::LocalizedStrings;
use crate::domain::{FieldErrors, Kind};
use crate::service::email_templates as svc;

const WRAPPER: &str = "emailTemplate";
const ID: &str = "emailTemplateId";

pub fn routes(cfg: &mut web::ServiceConfig) {
    // Before `/{id}`, which would read `preview` as an id.
    cfg.service(web::resource("/email/template/preview").route(web::post().to(preview)))
        .service(
            web::resource("/email/template")
                .route(web::post().to(create))
                .route(web::get().to(list))
                .route(web::put().to(missing_id))
                .route(web::patch().to(missing_id))
                .route(web::delete().to(missing_id)),
        )
        .service(
            web::resource("/email/template/{id}")
                .route(web::post().to(create))
                .route(web::get().to(retrieve))
                .route(web::put().to(update))
                .route(web::patch().to(patch))
                .route(web::delete().to(delete)),
        );
}

#[derive(Serialize, utoipa::ToSchema)]
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
#[derive(Serialize, utoipa::ToSchema)]
pub struct PreviewResponse {
    pub email: EmailWire,
    pub errors: FieldErrors,
}

fn one(template: &EmailTemplate) -> Result<HttpResponse, ApiError> {
    wrapped(WRAPPER, EmailTemplateWire::from(template))
}

async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    path: Option<web::Path<String>>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = opt_id(path, ID)?;
    let input: EmailTemplateInput = body::wrapped(&bytes, WRAPPER)?;
    one(&write(&state, move |conn, now| {
        Ok(svc::create(conn, now, id, input)?)
    })
    .await?)
}

async fn list(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let templates = read(&state, |conn, _| Ok(svc::list(conn)?)).await?;
    wrapped(
        "emailTemplates",
        templates
            .iter()
            .map(EmailTemplateWire::from)
            .collect::<Vec<_>>(),
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
    let input: EmailTemplateInput = body::wrapped(&bytes, WRAPPER)?;
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
    let template = write(&state, move |conn, now| {
        let stored = EmailTemplateWire::from(&svc::find(conn, id)?);
        let input: EmailTemplateInput = body::patched(&stored, WRAPPER, &content_type, &bytes)?;
        Ok(svc::update(conn, now, id, input)?)
    })
    .await?;
    one(&template)
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

async fn preview(
    state: web::Data<AppState>,
    caller: Caller,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let mut top = body::object(&bytes, WRAPPER)?;
    let input: EmailTemplateInput = body::take_wrapped(&mut top, WRAPPER)?;
    let locale: Option<String> = body::take_opt(&mut top, "locale")?;
    let preview = svc::preview(input, locale, state.now(), &state.config.base_url);
    let to = EmailAddressWire {
        address: Some("jane.doe@example.com".into()),
        display: Some("Jane Doe".into()),
    };
    Ok(HttpResponse::Ok().json(PreviewResponse {
        email: EmailWire::new(&preview.email, vec![to]),
        errors: preview.errors,
    }))
}

async fn missing_id(caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    Err(ApiError::field(Kind::Missing, ID))
}
