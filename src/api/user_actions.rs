//! `/api/user-action`: action definitions; any key reads (a tenant key its tenant's), a global
//! key writes.

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::{AnyKey, GlobalKey};
use super::deactivatable::{create, delete, list, patch, retrieve, update, Deactivatable, Listed};
use super::error::ApiError;
use super::route::{missing, op, Api};
use super::wire::wrappers;
use crate::domain::locale::LocalizedStrings;
use crate::domain::user_action::{UserAction, UserActionInput};
use crate::openapi as doc;
use crate::service::runner::Connection;
use crate::service::user_actions as svc;
use crate::service::ServiceResult;

const ID: &str = "userActionId";

pub fn declare(api: &mut Api) {
    let (all, one) = ("/user-action", "/user-action/{userActionId}");
    api.tag("User Actions")
        .post(all, create::<UserActions>, op("createUserAction", "Create a definition with a new id")
            .body::<UserActionRequest>().errors(&[400, 413]))
        .get(all, list::<UserActions>, op("retrieveUserAction",
            "List the active definitions (or the inactive ones with `inactive=true`), sorted by name")
            .query(doc::inactive()).errors(&[400]))
        .put(all, missing(ID), op("updateUserAction", "Always 400 `[missing]userActionId`").errors(&[400]))
        .patch(all, missing(ID), op("patchUserAction", "Always 400 `[missing]userActionId`").errors(&[400]))
        .delete(all, missing(ID), op("deleteUserAction", "Always 400 `[missing]userActionId`").errors(&[400]))
        .post(one, create::<UserActions>, op("createUserActionWithId", "Create a definition with the given id")
            .body::<UserActionRequest>().errors(&[400, 404, 413]))
        .get(one, retrieve::<UserActions>, op("retrieveUserActionWithId", "Retrieve a definition, active or inactive")
            .errors(&[400, 404]))
        .put(one, update::<UserActions>, op("updateUserActionWithId",
            "Update a definition; with `reactivate=true`, reactivate it (the body is ignored)")
            .body::<UserActionRequest>().query(doc::reactivate()).errors(&[400, 404, 413]))
        .patch(one, patch::<UserActions>, op("patchUserActionWithId", "Partially update a definition")
            .patch::<UserActionRequest>().errors(&[400, 404, 413]))
        .delete(one, delete::<UserActions>, op("deleteUserActionWithId",
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
#[serde_with::skip_serializing_none]
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = UserAction)]
pub struct UserActionWire {
    pub active: bool,
    pub cancel_email_template_id: Option<Uuid>,
    pub end_email_template_id: Option<Uuid>,
    pub id: Uuid,
    #[serde(rename = "includeEmailInEventJSON")]
    pub include_email_in_event_json: bool,
    pub insert_instant: i64,
    pub last_update_instant: i64,
    #[serde(skip_serializing_if = "LocalizedStrings::is_empty")]
    #[schema(value_type = BTreeMap<String, String>)]
    pub localized_names: LocalizedStrings,
    pub modify_email_template_id: Option<Uuid>,
    pub name: String,
    pub options: Vec<OptionWire>,
    pub prevent_login: bool,
    pub send_end_event: bool,
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

wrappers!(UserActions(UserAction), "userAction" user_action: UserActionRequest(UserActionInput),
    UserActionResponse(UserActionWire), user_actions: UserActionsResponse);

/// Any key reads (a tenant key its tenant's definitions), a global key writes.
pub struct UserActions;

impl Deactivatable for UserActions {
    type Reader = AnyKey;
    type Writer = GlobalKey;
    type Prepared = ();

    async fn prepare(_: &UserActionInput) -> Result<(), ApiError> {
        Ok(())
    }
    fn prepare_in_batch(_: &UserActionInput) -> ServiceResult<()> {
        Ok(())
    }
    fn create(
        c: &mut Connection,
        now: i64,
        _: &(),
        id: Option<Uuid>,
        input: UserActionInput,
        _: (),
    ) -> ServiceResult<UserAction> {
        svc::create(c, now, id, input)
    }
    fn find(c: &mut Connection, tenant: &Option<Uuid>, id: Uuid) -> ServiceResult<UserAction> {
        svc::find(c, id, *tenant)
    }
    fn stored(c: &mut Connection, _: &(), id: Uuid) -> ServiceResult<UserAction> {
        svc::find(c, id, None)
    }
    fn update(
        c: &mut Connection,
        now: i64,
        _: &(),
        id: Uuid,
        input: UserActionInput,
        _: (),
    ) -> ServiceResult<UserAction> {
        svc::update(c, now, id, input)
    }
    fn set_active(c: &mut Connection, _: &(), id: Uuid, active: bool) -> ServiceResult<UserAction> {
        svc::set_active(c, id, active)
    }
    fn delete(c: &mut Connection, now: i64, _: &(), id: Uuid) -> ServiceResult<()> {
        svc::delete(c, now, id)
    }
}

impl Listed for UserActions {
    type Many = UserActionsResponse;
    fn list(
        c: &mut Connection,
        tenant: &Option<Uuid>,
        active: bool,
    ) -> ServiceResult<Vec<UserAction>> {
        svc::list(c, active, *tenant)
    }
}
