//! `/api/user/action`: applying, modifying, cancelling and listing instances (§7, §14.3).

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::auth::Caller;
use super::body::{self, Query};
use super::error::ApiError;
use super::{read, wrapped};
use crate::app::AppState;
use crate::db::writer::LockKey;
use crate::domain::instance::{ActionInput, HistoryItem, Instance};
use crate::domain::instance_search::{self, SearchAsked};
use crate::domain::Kind;
use crate::service::actioning::Publish;
use crate::service::{actioning as svc, tenants};
use crate::store::instances::{Search, UserFilter};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/user/action/search").route(web::post().to(search)))
        .service(
            web::resource("/user/action")
                .route(web::post().to(apply))
                .route(web::get().to(list)),
        )
        .service(
            web::resource("/user/action/{id}")
                .route(web::get().to(retrieve))
                .route(web::put().to(modify))
                .route(web::delete().to(cancel)),
        );
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = LogHistory)]
pub struct History {
    pub history_items: Vec<HistoryItem>,
}

/// `UserActionLog` on the wire, with Actioneer's `state` and `tenantId`; alphabetical.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionLog)]
pub struct InstanceWire {
    pub actionee_user_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actioner_user_id: Option<Uuid>,
    pub application_ids: Vec<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub email_user_on_end: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_event_sent: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiry: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<History>,
    pub id: Uuid,
    pub insert_instant: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localized_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localized_option: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub localized_reason: Option<String>,
    pub name: String,
    pub notify_user_on_end: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
    #[schema(value_type = crate::domain::instance::State)]
    pub state: &'static str,
    pub tenant_id: Uuid,
    pub user_action_id: Uuid,
    /// Actioneer's extensions: `startInstant`, `escalationStep`.
    #[serde(flatten)]
    pub beyond: crate::domain::lifecycle::InstanceExtras,
}

impl InstanceWire {
    pub fn new(i: &Instance, now: i64) -> Self {
        InstanceWire {
            actionee_user_id: i.actionee_user_id,
            actioner_user_id: i.actioner_user_id,
            application_ids: i.application_ids.clone(),
            comment: i.comment.clone(),
            email_user_on_end: i.email_user_on_end,
            end_event_sent: i.end_event_sent,
            expiry: i.expiry,
            history: (!i.history.is_empty()).then(|| History {
                history_items: i.history.clone(),
            }),
            id: i.id,
            insert_instant: i.insert_instant,
            localized_name: i.localized_name.clone(),
            localized_option: i.localized_option.clone(),
            localized_reason: i.localized_reason.clone(),
            name: i.name.clone(),
            notify_user_on_end: i.notify_user_on_end,
            option: i.option.clone(),
            reason: i.reason.clone(),
            reason_code: i.reason_code.clone(),
            state: i.state(now).as_str(),
            tenant_id: i.tenant_id,
            user_action_id: i.user_action_id,
            beyond: crate::domain::lifecycle::InstanceExtras::of(i),
        }
    }
}

/// An ActionRequest: `broadcast`, `eventInfo` and the `action` object (§7.1).
struct ActionRequest {
    broadcast: bool,
    info: serde_json::Map<String, serde_json::Value>,
    action: ActionInput,
}

impl ActionRequest {
    /// Publishing settings; `eventInfo.ipAddress` defaults to the client's address (§8.1).
    fn publish<'a>(&self, state: &'a AppState, client_ip: Option<String>) -> Publish<'a> {
        let mut info = self.info.clone();
        if let Some(ip) = client_ip {
            info.entry("ipAddress")
                .or_insert(serde_json::Value::String(ip));
        }
        Publish {
            out: &state.outbound,
            broadcast: self.broadcast,
            info: (!info.is_empty()).then_some(info),
        }
    }
}

fn parse_request(bytes: &[u8]) -> Result<ActionRequest, ApiError> {
    let mut top = body::object(bytes, "action")?;
    let broadcast = body::take_opt::<bool>(&mut top, "broadcast")?.unwrap_or(false);
    let info = body::take_opt::<serde_json::Map<String, serde_json::Value>>(&mut top, "eventInfo")?
        .unwrap_or_default();
    let action = body::take_wrapped(&mut top, "action")?;
    Ok(ActionRequest {
        broadcast,
        info,
        action,
    })
}

async fn apply(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let request = parse_request(&bytes)?;
    let (app, ip) = (state.get_ref().clone(), state.client_ip(&req));
    let hint = caller.tenant_hint();
    let locks = request.action.actionee_user_id.map(LockKey::user);
    let cache = state.writer.cache();
    let (instance, now) = write_locking(&state, locks, move |conn, now| {
        let scope = tenants::resolve(conn, &hint)?;
        let publish = request.publish(&app, ip);
        Ok((
            svc::apply_with(conn, &cache, now, scope, request.action, publish)?,
            now,
        ))
    })
    .await?;
    wrapped("action", InstanceWire::new(&instance, now))
}

/// `write`, with the batch holding `lock` (on PostgreSQL) from before any of its jobs runs, so
/// that batches lock in one order (see `db::writer`).
async fn write_locking<T, F>(
    state: &web::Data<AppState>,
    lock: Option<LockKey>,
    f: F,
) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut crate::db::DbConnection, i64) -> Result<T, ApiError> + Send + 'static,
{
    let now = state.now();
    state
        .writer
        .run_locking(lock.into_iter().collect(), move |conn| f(conn, now))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
}

async fn retrieve(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = body::path_id(&path, "actionId")?;
    let hint = caller.tenant_hint();
    let (instance, now) = read(&state, move |conn, now| {
        let scope = tenants::resolve(conn, &hint)?;
        Ok((svc::find(conn, scope, id)?, now))
    })
    .await?;
    wrapped("action", InstanceWire::new(&instance, now))
}

async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<Query>,
) -> Result<HttpResponse, ApiError> {
    let user = body::query_uuid(&query, "userId")?
        .ok_or_else(|| ApiError::field(Kind::Missing, "actionId"))?;
    let active = body::query_bool(&query, "active")?;
    let preventing = body::query_bool(&query, "preventingLogin")?;
    let filter = match (preventing, active) {
        (Some(true), _) => UserFilter::PreventingLogin,
        (_, Some(true)) => UserFilter::Current,
        (_, Some(false)) => UserFilter::NotCurrent,
        _ => UserFilter::All,
    };
    let hint = caller.tenant_hint();
    let (instances, now) = read(&state, move |conn, now| {
        let scope = tenants::resolve(conn, &hint)?;
        Ok((svc::list_for_user(conn, now, scope, user, filter)?, now))
    })
    .await?;
    wrapped(
        "actions",
        instances
            .iter()
            .map(|i| InstanceWire::new(i, now))
            .collect::<Vec<_>>(),
    )
}

async fn modify(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<String>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let id = body::path_id(&path, "actionId")?;
    let request = parse_request(&bytes)?;
    let (app, ip) = (state.get_ref().clone(), state.client_ip(&req));
    let hint = caller.tenant_hint();
    let (instance, now) = write_locking(&state, Some(LockKey::instance(id)), move |conn, now| {
        let scope = tenants::resolve(conn, &hint)?;
        let publish = request.publish(&app, ip);
        Ok((
            svc::modify(conn, now, scope, id, request.action.clone(), publish)?,
            now,
        ))
    })
    .await?;
    wrapped("action", InstanceWire::new(&instance, now))
}

async fn cancel(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<String>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let id = body::path_id(&path, "actionId")?;
    let request = parse_request(&bytes)?;
    let (app, ip) = (state.get_ref().clone(), state.client_ip(&req));
    let hint = caller.tenant_hint();
    let (instance, now) = write_locking(&state, Some(LockKey::instance(id)), move |conn, now| {
        let scope = tenants::resolve(conn, &hint)?;
        Ok((
            svc::cancel(
                conn,
                now,
                scope,
                id,
                request.action.clone(),
                request.publish(&app, ip),
            )?,
            now,
        ))
    })
    .await?;
    wrapped("action", InstanceWire::new(&instance, now))
}

/// The body of `POST /api/user/action/search` (§14.3); every property optional.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionLogSearchRequest)]
pub struct SearchRequest {
    pub user_action_id: Option<Uuid>,
    pub actionee_user_id: Option<Uuid>,
    pub actioner_user_id: Option<Uuid>,
    pub reason_code: Option<String>,
    pub option: Option<String>,
    #[schema(value_type = Option<crate::domain::instance::State>)]
    pub state: Option<String>,
    pub expires_before: Option<i64>,
    pub expires_after: Option<i64>,
    pub created_before: Option<i64>,
    pub created_after: Option<i64>,
    pub tenant_id: Option<Uuid>,
    #[schema(minimum = 0)]
    pub start_row: Option<i64>,
    #[schema(minimum = 1, maximum = 500)]
    pub number_of_results: Option<i64>,
    #[schema(value_type = Option<crate::openapi::SearchOrderBy>)]
    pub order_by: Option<String>,
    /// Default false: `total` counts matches up to 10,000 and stops there (`totalIsExact`
    /// false). True counts every match, however many (it may be slow).
    pub accurate_total: Option<bool>,
    /// Only instances of definitions of this kind: `penalty`, `entitlement`, `survey` or `other`.
    #[schema(value_type = Option<crate::domain::lifecycle::ActionKind>)]
    pub kind: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionLogSearchResponse)]
pub struct SearchResponse {
    pub actions: Vec<InstanceWire>,
    /// The number of matches, ignoring paging: exact up to 10,000; beyond that 10,000 unless
    /// the request set `accurateTotal`.
    pub total: i64,
    /// False when `total` stopped at 10,000 and more instances match.
    pub total_is_exact: bool,
}

fn to_search(req: SearchRequest) -> Result<Search, ApiError> {
    let page = instance_search::check(SearchAsked {
        state: req.state.as_deref(),
        order_by: req.order_by.as_deref(),
        start_row: req.start_row,
        number_of_results: req.number_of_results,
    })?;
    Ok(Search {
        tenant_scope: None,
        tenant_id: req.tenant_id,
        user_action_id: req.user_action_id,
        actionee_user_id: req.actionee_user_id,
        actioner_user_id: req.actioner_user_id,
        reason_code: req.reason_code,
        option: req.option,
        state: page.state,
        expires_before: req.expires_before,
        expires_after: req.expires_after,
        created_before: req.created_before,
        created_after: req.created_after,
        order: page.order,
        descending: page.descending,
        start_row: page.start_row,
        number_of_results: page.number_of_results,
        accurate_total: req.accurate_total.unwrap_or(false),
        kind: crate::domain::lifecycle::parse_kind_filter(req.kind.as_deref())?,
    })
}

async fn search(
    state: web::Data<AppState>,
    caller: Caller,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let request: SearchRequest = if bytes.iter().all(u8::is_ascii_whitespace) {
        SearchRequest::default()
    } else {
        body::typed(
            serde_json::Value::Object(body::object(&bytes, "search")?),
            "",
        )?
    };
    let search = to_search(request)?;
    let hint = caller.tenant_hint();
    let (found, now) = read(&state, move |conn, now| {
        let scope = tenants::resolve(conn, &hint)?;
        Ok((svc::search(conn, now, scope, search)?, now))
    })
    .await?;
    Ok(HttpResponse::Ok().json(SearchResponse {
        actions: found
            .instances
            .iter()
            .map(|i| InstanceWire::new(i, now))
            .collect(),
        total: found.total,
        total_is_exact: found.exact,
    }))
}
