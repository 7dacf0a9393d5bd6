//! `/api/user-action-reason`: reasons (§6).

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Serialize;
use uuid::Uuid;

use super::auth::Caller;
use super::body;
use super::error::ApiError;
use super::{opt_id, read, wrapped, write};
use crate::app::AppState;
use crate::domain::locale::LocalizedStrings;
use crate::domain::reason::{Reason, ReasonInput};
use crate::domain::Kind;
use crate::service::reasons as svc;

const WRAPPER: &str = "userActionReason";
const ID: &str = "userActionReasonId";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/user-action-reason")
            .route(web::post().to(create))
            .route(web::get().to(list))
            .route(web::put().to(missing_id))
            .route(web::patch().to(missing_id))
            .route(web::delete().to(missing_delete_id)),
    )
    .service(
        web::resource("/user-action-reason/{id}")
            .route(web::post().to(create))
            .route(web::get().to(retrieve))
            .route(web::put().to(update))
            .route(web::patch().to(patch))
            .route(web::delete().to(delete)),
    );
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionReason)]
pub struct ReasonWire {
    pub code: String,
    pub id: Uuid,
    pub insert_instant: i64,
    pub last_update_instant: i64,
    #[serde(skip_serializing_if = "LocalizedStrings::is_empty")]
    #[schema(value_type = BTreeMap<String, String>)]
    pub localized_texts: LocalizedStrings,
    pub text: String,
}

impl From<&Reason> for ReasonWire {
    fn from(r: &Reason) -> Self {
        ReasonWire {
            code: r.spec.code.clone(),
            id: r.id,
            insert_instant: r.insert_instant,
            last_update_instant: r.last_update_instant,
            localized_texts: r.spec.localized_texts.clone(),
            text: r.spec.text.clone(),
        }
    }
}

fn one(reason: &Reason) -> Result<HttpResponse, ApiError> {
    wrapped(WRAPPER, ReasonWire::from(reason))
}

async fn create(
    state: web::Data<AppState>,
    caller: Caller,
    path: Option<web::Path<String>>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    let id = opt_id(path, ID)?;
    let input: ReasonInput = body::wrapped(&bytes, WRAPPER)?;
    one(&write(&state, move |conn, now| {
        Ok(svc::create(conn, now, id, input)?)
    })
    .await?)
}

async fn list(state: web::Data<AppState>, _caller: Caller) -> Result<HttpResponse, ApiError> {
    let reasons = read(&state, |conn, _| Ok(svc::list(conn)?)).await?;
    wrapped(
        "userActionReasons",
        reasons.iter().map(ReasonWire::from).collect::<Vec<_>>(),
    )
}

async fn retrieve(
    state: web::Data<AppState>,
    _caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
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
    let input: ReasonInput = body::wrapped(&bytes, WRAPPER)?;
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
    let reason = write(&state, move |conn, now| {
        let stored = ReasonWire::from(&svc::find(conn, id)?);
        let input: ReasonInput = body::patched(&stored, WRAPPER, &content_type, &bytes)?;
        Ok(svc::update(conn, now, id, input)?)
    })
    .await?;
    one(&reason)
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

/// FusionAuth reports a reason DELETE without id under `userActionId` (§6.3).
async fn missing_delete_id(caller: Caller) -> Result<HttpResponse, ApiError> {
    caller.require_global()?;
    Err(ApiError::field(Kind::Missing, "userActionId"))
}
