//! `/api/user-action-reason`: reasons an action is taken; any key reads, a global key writes.

use actix_web::{web, HttpRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::{AnyKey, GlobalKey};
use super::body;
use super::error::ApiError;
use super::route::{missing, op, Api, Done, Id, MaybeId, Reply};
use super::{read, write};
use crate::app::AppState;
use crate::domain::locale::LocalizedStrings;
use crate::domain::reason::{Reason, ReasonInput};
use crate::service::reasons as svc;

const WRAPPER: &str = "userActionReason";

pub fn declare(api: &mut Api) {
    let body = |id, summary| op(id, summary).body::<ReasonRequest>();
    api.tag("User Action Reasons")
        .post(
            "/user-action-reason",
            create,
            body("createUserActionReason", "Create a reason with a random id").errors(&[400, 413]),
        )
        .get(
            "/user-action-reason",
            list,
            op(
                "retrieveUserActionReason",
                "List the reasons in creation order",
            ),
        )
        .put(
            "/user-action-reason",
            missing("userActionReasonId"),
            op(
                "updateUserActionReason",
                "Always 400 `[missing]userActionReasonId`",
            )
            .errors(&[400]),
        )
        .patch(
            "/user-action-reason",
            missing("userActionReasonId"),
            op(
                "patchUserActionReason",
                "Always 400 `[missing]userActionReasonId`",
            )
            .errors(&[400]),
        )
        // FusionAuth names the definition's id here.
        .delete(
            "/user-action-reason",
            missing("userActionId"),
            op(
                "deleteUserActionReason",
                "Always 400 `[missing]userActionId`",
            )
            .errors(&[400]),
        )
        .post(
            "/user-action-reason/{userActionReasonId}",
            create,
            body(
                "createUserActionReasonWithId",
                "Create a reason with the given id",
            )
            .errors(&[400, 404, 413]),
        )
        .get(
            "/user-action-reason/{userActionReasonId}",
            retrieve,
            op("retrieveUserActionReasonWithId", "Retrieve a reason").errors(&[400, 404]),
        )
        .put(
            "/user-action-reason/{userActionReasonId}",
            update,
            body("updateUserActionReasonWithId", "Update a reason").errors(&[400, 404, 413]),
        )
        .patch(
            "/user-action-reason/{userActionReasonId}",
            patch,
            op("patchUserActionReasonWithId", "Partially update a reason")
                .patch::<ReasonRequest>()
                .errors(&[400, 404, 413]),
        )
        .delete(
            "/user-action-reason/{userActionReasonId}",
            delete,
            op(
                "deleteUserActionReasonWithId",
                "Delete a reason; empty body",
            )
            .errors(&[400, 404]),
        );
}

#[derive(Serialize, ToSchema)]
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

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionReasonRequest)]
pub struct ReasonRequest {
    pub user_action_reason: ReasonInput,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionReasonResponse)]
pub struct ReasonResponse {
    pub user_action_reason: ReasonWire,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserActionReasonsResponse)]
pub struct ReasonsResponse {
    pub user_action_reasons: Vec<ReasonWire>,
}

type One = Result<Reply<ReasonResponse>, ApiError>;

fn one(reason: &Reason) -> One {
    Ok(Reply(ReasonResponse {
        user_action_reason: ReasonWire::from(reason),
    }))
}

async fn create(state: web::Data<AppState>, _: GlobalKey, id: MaybeId, bytes: web::Bytes) -> One {
    let input = body::request::<ReasonRequest>(&bytes, WRAPPER)?.user_action_reason;
    one(&write(&state, move |conn, now| {
        Ok(svc::create(conn, now, id.0, input)?)
    })
    .await?)
}

async fn list(state: web::Data<AppState>, _: AnyKey) -> Result<Reply<ReasonsResponse>, ApiError> {
    let reasons = read(&state, |conn, _| Ok(svc::list(conn)?)).await?;
    Ok(Reply(ReasonsResponse {
        user_action_reasons: reasons.iter().map(ReasonWire::from).collect(),
    }))
}

async fn retrieve(state: web::Data<AppState>, _: AnyKey, Id(id): Id) -> One {
    one(&read(&state, move |conn, _| Ok(svc::find(conn, id)?)).await?)
}

async fn update(state: web::Data<AppState>, _: GlobalKey, Id(id): Id, bytes: web::Bytes) -> One {
    let input = body::request::<ReasonRequest>(&bytes, WRAPPER)?.user_action_reason;
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
        let stored = ReasonWire::from(&svc::find(conn, id)?);
        let input = body::patched::<ReasonRequest>(&stored, WRAPPER, &content_type, &bytes)?;
        Ok(svc::update(conn, now, id, input.user_action_reason)?)
    })
    .await?)
}

async fn delete(state: web::Data<AppState>, _: GlobalKey, Id(id): Id) -> Result<Done, ApiError> {
    write(&state, move |conn, _| Ok(svc::delete(conn, id)?)).await?;
    Ok(Done)
}
