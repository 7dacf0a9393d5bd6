//! `/api/user-action-reason`: reasons an action is taken; any key reads, a global key writes.

use actix_web::web;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::AnyKey;
use super::crud::{create, delete, patch, resource, update};
use super::error::ApiError;
use super::extract::Id;
use super::read;
use super::resource::Resource;
use super::route::{op, Api, Reply};
use super::wire::{many, one, One};
use crate::app::AppState;
use crate::domain::lifecycle::Escalation;
use crate::domain::locale::LocalizedStrings;
use crate::domain::reason::{Reason, ReasonInput};
use crate::service::reasons as svc;

pub fn declare(api: &mut Api) {
    let r = Resource::new(
        "/user-action-reason",
        "/user-action-reason/{userActionReasonId}",
        "UserActionReason",
        "a reason",
    );
    api.tag("User Action Reasons")
        .post(r.all, create::<Reasons>, r.create())
        .get(
            r.all,
            list_any,
            op(
                "retrieveUserActionReason",
                "List the reasons in creation order",
            ),
        )
        // FusionAuth names the definition's id on a DELETE.
        .refuse_without_id_naming(
            &r,
            ["userActionReasonId", "userActionReasonId", "userActionId"],
        )
        .post(r.one, create::<Reasons>, r.create_with_id().errors(&[404]))
        .get(r.one, retrieve_any, r.retrieve())
        .put(r.one, update::<Reasons>, r.update())
        .patch(r.one, patch::<Reasons>, r.patch())
        .delete(r.one, delete::<Reasons>, r.delete());
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

resource!(Reasons(Reason) by svc, deleting |c, _, id| svc::delete(c, id);
    "userActionReason" user_action_reason, user_action_reasons:
    UserActionReasonRequest(ReasonInput), UserActionReasonResponse(ReasonWire),
    UserActionReasonsResponse);

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
