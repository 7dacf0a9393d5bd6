//! `/api/user-action`: action definitions; any key reads (a tenant key its tenant's), a global
//! key writes.

use actix_web::{web, HttpRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::{AnyKey, GlobalKey};
use super::body::{self, Query};
use super::error::ApiError;
use super::route::{missing, op, Api, Done, Id, MaybeId, Reply};
use super::{read, write};
use crate::app::AppState;
use crate::domain::locale::LocalizedStrings;
use crate::domain::user_action::{UserAction, UserActionInput};
use crate::openapi as doc;
use crate::service::user_actions as svc;

const WRAPPER: &str = "userAction";
const ID: &str = "userActionId";

pub fn declare(api: &mut Api) {
    let (all, one) = ("/user-action", "/user-action/{userActionId}");
    api.tag("User Actions")
        .post(all, create, op("createUserAction", "Create a definition with a random id")
            .body::<UserActionRequest>().errors(&[400, 413]))
        .get(all, list, op("retrieveUserAction",
            "List the active definitions (or the inactive ones with `inactive=true`), sorted by name")
            .query(doc::inactive()).errors(&[400]))
        .put(all, missing(ID), op("updateUserAction", "Always 400 `[missing]userActionId`").errors(&[400]))
        .patch(all, missing(ID), op("patchUserAction", "Always 400 `[missing]userActionId`").errors(&[400]))
        .delete(all, missing(ID), op("deleteUserAction", "Always 400 `[missing]userActionId`").errors(&[400]))
        .post(one, create, op("createUserActionWithId", "Create a definition with the given id")
            .body::<UserActionRequest>().errors(&[400, 404, 413]))
        .get(one, retrieve, op("retrieveUserActionWithId", "Retrieve a definition, active or inactive")
            .errors(&[400, 404]))
        .put(one, update, op("updateUserActionWithId",
            "Update a definition; with `reactivate=true`, reactivate it (the body is ignored)")
            .optional_body::<UserActionRequest>().query(doc::reactivate()).errors(&[400, 404, 413]))
        .patch(one, patch, op("patchUserActionWithId", "Partially update a definition")
            .patch::<UserActionRequest>().errors(&[400, 404, 413]))
        .delete(one, delete, op("deleteUserActionWithId",
            "Deactivate a definition, or delete it and its instances with `hardDelete=true`; empty body")
            .query(doc::hard_delete()).errors(&[400, 404]));
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionOption)]
pub struct OptionWire {
    #[serde(skip_serializing_if = "LocalizedStrings::is_empty")]
    #[schema(value_type = BTreeMap<String, String>)]
    pub localized_names: LocalizedStrings,
    pub name: String,
}

/// The `UserAction` object on the wire; properties in alphabetical order.
#[derive(Serialize, ToSchema)]
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

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserActionRequest {
    pub user_action: UserActionInput,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserActionResponse {
    pub user_action: UserActionWire,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserActionsResponse {
    pub user_actions: Vec<UserActionWire>,
}

type One = Result<Reply<UserActionResponse>, ApiError>;

fn one(action: &UserAction) -> One {
    Ok(Reply(UserActionResponse {
        user_action: UserActionWire::from(action),
    }))
}

fn input(bytes: &[u8]) -> Result<UserActionInput, ApiError> {
    Ok(body::request::<UserActionRequest>(bytes, WRAPPER)?.user_action)
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
    key: AnyKey,
    query: web::Query<Query>,
) -> Result<Reply<UserActionsResponse>, ApiError> {
    let inactive = body::query_bool(&query, "inactive")?.unwrap_or(false);
    let actions = read(&state, move |conn, _| {
        Ok(svc::list(conn, !inactive, key.scope)?)
    })
    .await?;
    Ok(Reply(UserActionsResponse {
        user_actions: actions.iter().map(UserActionWire::from).collect(),
    }))
}

async fn retrieve(state: web::Data<AppState>, key: AnyKey, Id(id): Id) -> One {
    one(&read(&state, move |conn, _| Ok(svc::find(conn, id, key.scope)?)).await?)
}

async fn update(
    state: web::Data<AppState>,
    _: GlobalKey,
    Id(id): Id,
    query: web::Query<Query>,
    bytes: web::Bytes,
) -> One {
    if body::query_bool(&query, "reactivate")? == Some(true) {
        return one(&write(&state, move |conn, _| Ok(svc::set_active(conn, id, true)?)).await?);
    }
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
        let stored = UserActionWire::from(&svc::find(conn, id, None)?);
        let input = body::patched::<UserActionRequest>(&stored, WRAPPER, &content_type, &bytes)?;
        Ok(svc::update(conn, now, id, input.user_action)?)
    })
    .await?)
}

async fn delete(
    state: web::Data<AppState>,
    _: GlobalKey,
    Id(id): Id,
    query: web::Query<Query>,
) -> Result<Done, ApiError> {
    let hard = body::query_bool(&query, "hardDelete")? == Some(true);
    write(&state, move |conn, now| {
        if hard {
            svc::delete(conn, now, id)?;
        } else {
            svc::set_active(conn, id, false)?;
        }
        Ok(())
    })
    .await?;
    Ok(Done)
}
