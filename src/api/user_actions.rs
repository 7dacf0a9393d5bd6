//! `/api/user-action`: action definitions; any key reads (a tenant key its tenant's), a global
//! key writes.

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::auth::{AnyKey, GlobalKey};
use super::deactivatable::{create, delete, list, patch, retrieve, update, Deactivatable, Listed};
use super::error::ApiError;
use super::resource::Resource;
use super::route::{op, Api};
use super::wire::wrappers;
use crate::domain::locale::LocalizedStrings;
use crate::domain::user_action::{UserAction, UserActionInput};
use crate::openapi as doc;
use crate::service::runner::Connection;
use crate::service::user_actions as svc;
use crate::service::ServiceResult;

pub fn declare(api: &mut Api) {
    let r = Resource::new(
        "/user-action",
        "/user-action/{userActionId}",
        "UserAction",
        "a definition",
    );
    api.tag("User Actions")
        .post(r.all, create::<UserActions>, r.create())
        .get(r.all, list::<UserActions>, op("retrieveUserAction",
            "List the active definitions (or the inactive ones with `inactive=true`), sorted by name")
            .query(doc::inactive()))
        .refuse_without_id(&r)
        .post(r.one, create::<UserActions>, r.create_with_id().errors(&[404]))
        .get(r.one, retrieve::<UserActions>, r.retrieve().note("active or inactive"))
        .put(r.one, update::<UserActions>, r.reactivate("it"))
        .patch(r.one, patch::<UserActions>, r.patch())
        .delete(r.one, delete::<UserActions>, r.deactivate("it and its instances"));
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
