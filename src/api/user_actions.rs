//! `/api/user-action`: action definitions (§5).

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;
use uuid::Uuid;

use super::auth::Caller;
use super::body::{self, Query};
use super::error::ApiError;
use super::{opt_id, read, wrapped, write};
use crate::app::AppState;
use crate::domain::locale::LocalizedStrings;
use crate::domain::user_action::{UserAction, UserActionInput};
use crate::domain::Kind;
use crate::service::user_actions as svc;

const WRAPPER: &str = "userAction";
const ID: &str = "userActionId";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/user-action")
            .route(web::post().to(create))
            .route(web::get().to(list))
            .route(web::put().to(missing_id))
            .route(web::patch().to(missing_id))
            .route(web::delete().to(missing_id)),
    )
    .service(
        web::resource("/user-action/{id}")
            .route(web::post().to(create))
            .route(web::get().to(retrieve))
            .route(web::put().to(update))
            .route(web::patch().to(patch))
            .route(web::delete().to(delete)),
    );
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionOption)]
pub struct OptionWire {
    #[serde(skip_serializing_if = "LocalizedStrings::is_empty")]
    #[schema(value_type = BTreeMap<String, String>)]
    pub localized_names: LocalizedStrings,
    pub name: String,
}

/// The `UserAction` object on the wire; properties in alphabetical order.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserAction)]
pub struct UserActionWire {
    pub active: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_email_template_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_email_template_id: Option<Uuid>,
    pub id: Uuid,
    #[serde(rename = "includeEmailInEventJSON")]
    pub include_email_in_event_json: bool,
    pub insert_instant: i64,
    pub last_update_instant: i64,
    #[serde(skip_serializing_if = "LocalizedStrings::is_empty")]
    #[schema(value_type = BTreeMap<String, String>)]
    pub localized_names: LocalizedStrings,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modify_email_template_id: Option<Uuid>,
    pub name: String,
    pub options: Vec<OptionWire>,
    pub prevent_login: bool,
    pub send_end_event: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_email_template_id: Option<Uuid>,
    pub temporal: bool,
    pub tenant_ids: Vec<Uuid>,
    #[schema(value_type = crate::openapi::TransactionType)]
    pub transaction_type: String,
    pub user_emailing_enabled: bool,
    pub user_notifications_enabled: bool,
    /// Actioneer's extensions: `kind`, `reminders`, `escalation`.
    #[serde(flatten)]
    pub beyond: crate::domain::lifecycle::Beyond,
}

impl From<&UserAction> for UserActionWire {
    fn from(a: &UserAction) -> Self {
        let s = &a.spec;
        UserActionWire {
            active: a.active,
            cancel_email_template_id: s.cancel_email_template_id,
            end_email_template_id: s.end_email_template_id,
            id: a.id,
            include_email_in_event_json: s.include_email_in_event_json,
            insert_instant: a.insert_instant,
            last_update_instant: a.last_update_instant,
            localized_names: s.localized_names.clone(),
            modify_email_template_id: s.modify_email_template_id,
            name: s.name.clone(),
            options: s
                .options
                .iter()
                .map(|o| OptionWire {
                    localized_names: o.localized_names.clone(),
                    name: o.name.clone(),
                })
                .collect(),
            prevent_login: s.prevent_login,
            send_end_event: s.send_end_event,
            start_email_template_id: s.start_email_template_id,
            temporal: s.temporal,
            tenant_ids: s.tenant_ids.clone(),
            transaction_type: s.transaction_type.clone(),
            user_emailing_enabled: s.user_emailing_enabled,
            user_notifications_enabled: s.user_notifications_enabled,
            beyond: s.beyond.clone(),
        }
    }
}

fn one(action: &UserAction) -> Result<HttpResponse, ApiError> {
    wrapped(WRAPPER, UserActionWire::from(action))
}

async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    path: Option<web::Path<String>>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = opt_id(path, ID)?;
    let input: UserActionInput = body::wrapped(&bytes, WRAPPER)?;
    let action = write(&state, move |conn, now| {
        Ok(svc::create(conn, now, id, input)?)
    })
    .await?;
    one(&action)
}

async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<Query>,
) -> Result<HttpResponse, ApiError> {
    let inactive = body::query_bool(&query, "inactive")?.unwrap_or(false);
    let scope = caller.read_scope();
    let actions = read(&state, move |conn, _| {
        Ok(svc::list(conn, !inactive, scope)?)
    })
    .await?;
    wrapped(
        "userActions",
        actions.iter().map(UserActionWire::from).collect::<Vec<_>>(),
    )
}

async fn retrieve(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = body::path_id(&path, ID)?;
    let scope = caller.read_scope();
    let action = read(&state, move |conn, _| Ok(svc::find(conn, id, scope)?)).await?;
    one(&action)
}

async fn update(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    query: web::Query<Query>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    if body::query_bool(&query, "reactivate")? == Some(true) {
        let action = write(&state, move |conn, _| Ok(svc::set_active(conn, id, true)?)).await?;
        return one(&action);
    }
    let input: UserActionInput = body::wrapped(&bytes, WRAPPER)?;
    let action = write(&state, move |conn, now| {
        Ok(svc::update(conn, now, id, input)?)
    })
    .await?;
    one(&action)
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
    let action = write(&state, move |conn, now| {
        let stored = UserActionWire::from(&svc::find(conn, id, None)?);
        let input: UserActionInput = body::patched(&stored, WRAPPER, &content_type, &bytes)?;
        Ok(svc::update(conn, now, id, input)?)
    })
    .await?;
    one(&action)
}

async fn delete(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
    query: web::Query<Query>,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = body::path_id(&path, ID)?;
    if body::query_bool(&query, "hardDelete")? == Some(true) {
        write(&state, move |conn, now| Ok(svc::delete(conn, now, id)?)).await?;
    } else {
        write(&state, move |conn, _| Ok(svc::set_active(conn, id, false)?)).await?;
    }
    Ok(HttpResponse::Ok().finish())
}

async fn missing_id(caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    Err(ApiError::field(Kind::Missing, ID))
}
