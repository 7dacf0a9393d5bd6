//! `/api/user-action-reason`: reasons an action is taken; any key reads, a global key writes.

use actix_web::web;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::AnyKey;
use super::crud::{create, delete, patch, update, Crud};
use super::error::ApiError;
use super::read;
use super::route::{missing, op, Api, Id, Reply};
use super::wire::{many, one, wrappers, One};
use crate::app::AppState;
use crate::domain::lifecycle::Escalation;
use crate::domain::locale::LocalizedStrings;
use crate::domain::reason::{Reason, ReasonInput};
use crate::service::reasons as svc;
use crate::service::runner::Connection;
use crate::service::ServiceResult;

pub fn declare(api: &mut Api) {
    let (all, one) = (
        "/user-action-reason",
        "/user-action-reason/{userActionReasonId}",
    );
    let missing_op = |id, field| op(id, field).errors(&[400]);
    api.tag("User Action Reasons")
        .post(
            all,
            create::<Reasons>,
            op("createUserActionReason", "Create a reason with a new id")
                .body::<UserActionReasonRequest>()
                .errors(&[400, 413]),
        )
        .get(
            all,
            list_any,
            op(
                "retrieveUserActionReason",
                "List the reasons in creation order",
            ),
        )
        .put(
            all,
            missing("userActionReasonId"),
            missing_op(
                "updateUserActionReason",
                "Always 400 `[missing]userActionReasonId`",
            ),
        )
        .patch(
            all,
            missing("userActionReasonId"),
            missing_op(
                "patchUserActionReason",
                "Always 400 `[missing]userActionReasonId`",
            ),
        )
        // FusionAuth names the definition's id here.
        .delete(
            all,
            missing("userActionId"),
            missing_op(
                "deleteUserActionReason",
                "Always 400 `[missing]userActionId`",
            ),
        )
        .post(
            one,
            create::<Reasons>,
            op(
                "createUserActionReasonWithId",
                "Create a reason with the given id",
            )
            .body::<UserActionReasonRequest>()
            .errors(&[400, 404, 413]),
        )
        .get(
            one,
            retrieve_any,
            op("retrieveUserActionReasonWithId", "Retrieve a reason").errors(&[400, 404]),
        )
        .put(
            one,
            update::<Reasons>,
            op("updateUserActionReasonWithId", "Update a reason")
                .body::<UserActionReasonRequest>()
                .errors(&[400, 404, 413]),
        )
        .patch(
            one,
            patch::<Reasons>,
            op("patchUserActionReasonWithId", "Partially update a reason")
                .patch::<UserActionReasonRequest>()
                .errors(&[400, 404, 413]),
        )
        .delete(
            one,
            delete::<Reasons>,
            op(
                "deleteUserActionReasonWithId",
                "Delete a reason; empty body",
            )
            .errors(&[400, 404]),
        );
}

#[serde_with::skip_serializing_none]
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
    /// Actioneer's extension: the ladder an escalating apply with this reason climbs.
    pub escalation: Option<Escalation>,
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
            escalation: r.spec.escalation.clone(),
        }
    }
}

wrappers!(Reasons(Reason), "userActionReason" user_action_reason: UserActionReasonRequest(ReasonInput),
    UserActionReasonResponse(ReasonWire), user_action_reasons: UserActionReasonsResponse);

pub struct Reasons;

impl Crud for Reasons {
    type Many = UserActionReasonsResponse;

    fn create(
        c: &mut Connection,
        now: i64,
        id: Option<Uuid>,
        i: ReasonInput,
    ) -> ServiceResult<Reason> {
        svc::create(c, now, id, i)
    }
    fn list(c: &mut Connection) -> ServiceResult<Vec<Reason>> {
        svc::list(c)
    }
    fn find(c: &mut Connection, id: Uuid) -> ServiceResult<Reason> {
        svc::find(c, id)
    }
    fn update(c: &mut Connection, now: i64, id: Uuid, i: ReasonInput) -> ServiceResult<Reason> {
        svc::update(c, now, id, i)
    }
    fn delete(c: &mut Connection, _: i64, id: Uuid) -> ServiceResult<()> {
        svc::delete(c, id)
    }
}

/// Any key reads reasons.
async fn list_any(
    state: web::Data<AppState>,
    _: AnyKey,
) -> Result<Reply<UserActionReasonsResponse>, ApiError> {
    Ok(many::<Reasons, _>(
        &read(&state, |conn, _| Ok(svc::list(conn)?)).await?,
    ))
}

async fn retrieve_any(state: web::Data<AppState>, _: AnyKey, Id(id): Id) -> One<Reasons> {
    one::<Reasons>(&read(&state, move |conn, _| Ok(svc::find(conn, id)?)).await?)
}
