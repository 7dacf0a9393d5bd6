//! `/api/user/action`: applying, modifying, cancelling, listing and searching instances, in the
//! request tenant.

use actix_web::{web, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::TenantKey;
use super::body::{self, Query};
use super::error::ApiError;
use super::extract::{Body, Id, OptionalBody};
use super::route::{op, Api, Reply};
use super::{read, read_bounded, write_repeatable};
use crate::app::AppState;
use crate::domain::instance::{ActionInput, HistoryItem, Instance};
use crate::domain::instance_search::{self, Criteria, InstanceSearch, SearchAsked};
use crate::domain::Kind;
use crate::openapi as doc;
use crate::service::actioning::{self as svc, Publish};
use crate::service::instance_search as searches;
use crate::service::runner::{Connection, Lock, WriteBatch};
use crate::service::ServiceResult;

pub fn declare(api: &mut Api) {
    let (all, one) = ("/user/action", "/user/action/{actionId}");
    api.tag("Actioning Users")
        .post("/user/action/search", search, op("searchUserActions",
            "Search instances (Actioneer extension); the body has no wrapper and may be empty"))
        .post(all, apply, op("actionUserWithId", "Apply an action to a user"))
        .get(all, list, op("retrieveUserActioning",
            "List a user's instances: all, current (`active=true`), the others (`active=false`) or \
             those preventing login (`preventingLogin=true`)")
            .query(doc::actioning()))
        .get(one, retrieve, op("retrieveActionWithId", "Retrieve an instance in any state"))
        .put(one, change(svc::modify), op("modifyActionWithId", "Modify a current temporal instance")
            .errors(&[409]))
        .delete(one, change(svc::cancel), op("cancelActionWithId",
            "Cancel a current temporal instance; the ActionRequest body is required")
            .errors(&[409]));
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = LogHistory)]
pub struct History {
    pub history_items: Vec<HistoryItem>,
}

/// `UserActionLog` on the wire, with Actioneer's `state` and `tenantId`; alphabetical.
#[serde_with::skip_serializing_none]
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionLog)]
pub struct InstanceWire {
    pub actionee_user_id: Uuid,
    pub actioner_user_id: Option<Uuid>,
    pub application_ids: Vec<Uuid>,
    pub comment: Option<String>,
    pub email_user_on_end: bool,
    pub end_event_sent: Option<bool>,
    pub expiry: Option<i64>,
    pub history: Option<History>,
    pub id: Uuid,
    pub insert_instant: i64,
    pub localized_name: Option<String>,
    pub localized_option: Option<String>,
    pub localized_reason: Option<String>,
    pub name: String,
    pub notify_user_on_end: bool,
    pub option: Option<String>,
    pub reason: Option<String>,
    pub reason_code: Option<String>,
    #[schema(value_type = crate::domain::instance::State)]
    pub state: &'static str,
    pub tenant_id: Uuid,
    pub user_action_id: Uuid,
    /// Actioneer's extension: how many times the instance has been modified or cancelled. Send
    /// it back as `action.version` on a modify or cancel to refuse the change (409) if another
    /// change came first.
    pub version: i64,
    /// Actioneer's extension: when a scheduled instance starts (or started).
    pub start_instant: Option<i64>,
    /// Actioneer's extension: the ladder step an escalating apply took (1 for the first).
    pub escalation_step: Option<i32>,
}

impl InstanceWire {
    /// The instance as sent, taking its strings and lists rather than copying them.
    pub fn new(i: Instance, now: i64) -> Self {
        let state = i.state(now).as_str();
        let version = crate::domain::instance_version::version(&i);
        InstanceWire {
            actionee_user_id: i.actionee_user_id,
            actioner_user_id: i.actioner_user_id,
            application_ids: i.application_ids,
            comment: i.comment,
            email_user_on_end: i.email_user_on_end,
            end_event_sent: i.end_event_sent,
            expiry: i.expiry,
            history: (!i.history.is_empty()).then_some(History {
                history_items: i.history,
            }),
            id: i.id,
            insert_instant: i.insert_instant,
            localized_name: i.localized_name,
            localized_option: i.localized_option,
            localized_reason: i.localized_reason,
            name: i.name,
            notify_user_on_end: i.notify_user_on_end,
            option: i.option,
            reason: i.reason,
            reason_code: i.reason_code,
            state,
            tenant_id: i.tenant_id,
            user_action_id: i.user_action_id,
            version,
            start_instant: i.start_instant,
            escalation_step: i.escalation_step,
        }
    }
}

/// An ActionRequest: apply (`POST`), modify (`PUT`) or cancel (`DELETE`).
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActionRequest {
    /// Record the `user.action` webhook event. Default `false`.
    pub broadcast: Option<bool>,
    /// Copied into the event's `info`.
    #[schema(value_type = Option<Object>)]
    pub event_info: Option<serde_json::Map<String, serde_json::Value>>,
    pub action: ActionInput,
}

impl ActionRequest {
    fn parse(bytes: &[u8]) -> Result<ActionRequest, ApiError> {
        body::request(bytes, "action")
    }

    /// Publishing settings; `eventInfo.ipAddress` defaults to the client's address.
    fn publish<'a>(&self, state: &'a AppState, client_ip: Option<String>) -> Publish<'a> {
        let mut info = self.event_info.clone().unwrap_or_default();
        if let Some(ip) = client_ip {
            info.entry("ipAddress")
                .or_insert(serde_json::Value::String(ip));
        }
        Publish {
            out: &state.outbound,
            broadcast: self.broadcast.unwrap_or(false),
            info: (!info.is_empty()).then_some(info),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ActionResponse {
    pub action: InstanceWire,
}

#[derive(Serialize, ToSchema)]
pub struct ActionsResponse {
    pub actions: Vec<InstanceWire>,
}

type One = Result<Reply<ActionResponse>, ApiError>;

/// The most instances a user's list reads on the request's thread (`read_bounded`): about a
/// millisecond of SQLite at most. A longer list is read again on the pool.
const LIST_INLINE: usize = 100;

fn one(instance: Instance, now: i64) -> One {
    Ok(Reply(ActionResponse {
        action: InstanceWire::new(instance, now),
    }))
}

async fn apply(
    state: web::Data<AppState>,
    key: TenantKey,
    req: HttpRequest,
    body: Body<ActionRequest>,
) -> One {
    let request = ActionRequest::parse(&body)?;
    let cache = state.writer.cache();
    let locks = svc::apply_locks(&cache, &request.action);
    let reads = svc::apply_reads(&request.action);
    act(
        &state,
        &req,
        key,
        request,
        &locks,
        reads,
        move |conn, batch, now, scope, input, publish| {
            svc::apply_with(conn, &cache, Some(batch), now, scope, input, publish)
        },
    )
    .await
}

async fn retrieve(state: web::Data<AppState>, key: TenantKey, Id(id): Id) -> One {
    let (instance, now) = read(&state, move |conn, now| {
        let scope = key.tenant(conn)?;
        Ok((svc::find(conn, scope, id)?, now))
    })
    .await?;
    one(instance, now)
}

async fn list(
    state: web::Data<AppState>,
    key: TenantKey,
    query: web::Query<Query>,
) -> Result<Reply<ActionsResponse>, ApiError> {
    let user = body::query_uuid(&query, "userId")?
        .ok_or_else(|| ApiError::field(Kind::Missing, "actionId"))?;
    let active = body::query_bool(&query, "active")?;
    let preventing = body::query_bool(&query, "preventingLogin")?;
    // Most users hold a handful: read on this thread (`read_bounded`); more, on the pool.
    let inline_key = key.clone();
    let listed = read_bounded(&state, move |conn, now| {
        let scope = inline_key.tenant(conn)?;
        let found = searches::list_for_user_within(
            conn,
            now,
            scope,
            user,
            active,
            preventing,
            LIST_INLINE,
        )?;
        Ok(found.map(|found| (found, now)))
    })
    .await?;
    let (instances, now) = match listed {
        Some(listed) => listed,
        None => {
            read(&state, move |conn, now| {
                let scope = key.tenant(conn)?;
                let found = searches::list_for_user(conn, now, scope, user, active, preventing)?;
                Ok((found, now))
            })
            .await?
        }
    };
    Ok(Reply(ActionsResponse {
        actions: instances
            .into_iter()
            .map(|i| InstanceWire::new(i, now))
            .collect(),
    }))
}

/// A modify or a cancel: the service's change to one instance, holding its lock.
type Change = for<'a> fn(
    &mut Connection,
    i64,
    Option<Uuid>,
    Uuid,
    ActionInput,
    Publish<'a>,
) -> ServiceResult<Instance>;

/// The handler of a modify or a cancel: the same request, a different change.
fn change(
    service: Change,
) -> impl Fn(
    web::Data<AppState>,
    TenantKey,
    HttpRequest,
    Id,
    Body<ActionRequest>,
) -> LocalBoxFuture<'static, One>
       + Clone
       + 'static {
    move |state, key, req, Id(id), body| {
        Box::pin(async move {
            let request = ActionRequest::parse(&body)?;
            let locks = [Lock::Instance(id)];
            act(
                &state,
                &req,
                key,
                request,
                &locks,
                Vec::new(),
                // The instance changed was committed before the request named it: nothing a
                // batch keeps waiting (`WriteBatch`) can be it.
                move |conn, _, now, scope, input, publish| {
                    service(conn, now, scope, id, input, publish)
                },
            )
            .await
        })
    }
}

/// An apply, modify or cancel: `change` runs in a write batch holding `locks` and reading the
/// users in `reads` ahead, in the request tenant, with the request's publishing settings.
async fn act<F>(
    state: &AppState,
    req: &HttpRequest,
    key: TenantKey,
    request: ActionRequest,
    locks: &[Lock],
    reads: Vec<Uuid>,
    change: F,
) -> One
where
    F: for<'a> Fn(
            &mut Connection,
            &mut WriteBatch,
            i64,
            Option<Uuid>,
            ActionInput,
            Publish<'a>,
        ) -> ServiceResult<Instance>
        + Send
        + 'static,
{
    let (app, ip) = (state.clone(), state.client_ip(req));
    // A change writes only rows, so its batch may run it a second time (`write_repeatable`).
    let (instance, now) = write_repeatable(state, locks, reads, move |conn, batch, now| {
        let scope = key.tenant(conn)?;
        let publish = request.publish(&app, ip.clone());
        let input = request.action.clone();
        Ok((change(conn, batch, now, scope, input, publish)?, now))
    })
    .await?;
    one(instance, now)
}

/// The body of `POST /api/user/action/search`; every property optional.
#[derive(Debug, Default, Deserialize, ToSchema)]
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
    /// Later than `expiresAfter` when both are given, else 400 `[invalid]expiresBefore`.
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

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionLogSearchResponse)]
pub struct SearchResponse {
    pub actions: Vec<InstanceWire>,
    /// The number of matches, ignoring paging: exact up to 10,000; beyond that 10,000 unless
    /// the request set `accurateTotal`. The same search repeated within a second of a count
    /// that reached 10,000 answers 10,000 without counting again.
    pub total: i64,
    /// False when `total` stopped at 10,000 and more instances match (or matched a moment ago).
    pub total_is_exact: bool,
}

impl SearchRequest {
    /// The search this asks for, checked.
    fn check(self) -> Result<InstanceSearch, ApiError> {
        let (state, page) = instance_search::check(SearchAsked {
            state: self.state.as_deref(),
            order_by: self.order_by.as_deref(),
            start_row: self.start_row,
            number_of_results: self.number_of_results,
            expires_after: self.expires_after,
            expires_before: self.expires_before,
        })?;
        let criteria = Criteria {
            tenant_id: self.tenant_id,
            user_action_id: self.user_action_id,
            actionee_user_id: self.actionee_user_id,
            actioner_user_id: self.actioner_user_id,
            reason_code: self.reason_code,
            option: self.option,
            state,
            expires_before: self.expires_before,
            expires_after: self.expires_after,
            created_before: self.created_before,
            created_after: self.created_after,
            kind: crate::domain::lifecycle::parse_kind_filter(self.kind.as_deref())?,
            actionee_user_ids: None,
        };
        Ok(InstanceSearch {
            criteria,
            page,
            accurate_total: self.accurate_total.unwrap_or(false),
        })
    }
}

async fn search(
    state: web::Data<AppState>,
    key: TenantKey,
    body: OptionalBody<SearchRequest>,
) -> Result<Reply<SearchResponse>, ApiError> {
    let search = body.read("search")?.check()?;
    let totals = state.search_totals.clone();
    let (found, now) = read(&state, move |conn, now| {
        let scope = key.tenant(conn)?;
        Ok((searches::search(conn, now, scope, search, &totals)?, now))
    })
    .await?;
    Ok(Reply(SearchResponse {
        actions: found
            .instances
            .into_iter()
            .map(|i| InstanceWire::new(i, now))
            .collect(),
        total: found.total,
        total_is_exact: found.exact,
    }))
}
