//! Creating, changing, deactivating and deleting action definitions.

use uuid::Uuid;

use super::{as_duplicate, check, new_id, ServiceError, ServiceResult, UniqueField};
use crate::db::DbConnection;
use crate::domain::lifecycle;
use crate::domain::user_action::{
    self, DefinitionFacts, UserAction, UserActionInput, UserActionSpec, Write,
};
use crate::domain::{FieldErrors, Kind};
use crate::store;
use diesel::Connection;

/// What a definition's writes can collide on, and the field each collision is reported under.
pub const UNIQUE: &[UniqueField] = &[
    (store::user_actions::ID, "userActionId"),
    (store::user_actions::NAME, "userAction.name"),
];

fn facts(
    conn: &mut DbConnection,
    spec: &UserActionSpec,
    id: Uuid,
) -> ServiceResult<DefinitionFacts> {
    let mut facts = DefinitionFacts {
        same_name_other: store::user_actions::name_taken_by_other(conn, &spec.name, id)?,
        ..Default::default()
    };
    for (field, template) in [
        ("startEmailTemplateId", spec.start_email_template_id),
        ("modifyEmailTemplateId", spec.modify_email_template_id),
        ("cancelEmailTemplateId", spec.cancel_email_template_id),
        ("endEmailTemplateId", spec.end_email_template_id),
    ] {
        if let Some(template) = template {
            if !store::email_templates::exists(conn, template)? {
                facts.unknown_templates.push(field);
            }
        }
    }
    for tenant in &spec.tenant_ids {
        if !store::tenants::exists(conn, *tenant)? {
            facts.unknown_tenant = true;
        }
    }
    Ok(facts)
}

/// The definition `input` asks for, checked as a create and an update both check it; `errors`
/// are those found before (an update of an inactive definition).
fn checked(
    conn: &mut DbConnection,
    id: Uuid,
    input: UserActionInput,
    write: Write,
    stored: Option<&UserActionSpec>,
    mut errors: FieldErrors,
) -> ServiceResult<UserActionSpec> {
    lifecycle::validate(&input.beyond, &mut errors);
    let spec = user_action::normalise(
        input,
        write,
        stored.map(|s| s.transaction_type.as_str()),
        stored.map(|s| &s.beyond),
    );
    user_action::validate(&spec, &facts(conn, &spec, id)?, &mut errors);
    super::lifecycle::check_definition(conn, &spec, &mut errors)?;
    check(errors)?;
    Ok(spec)
}

pub fn create(
    conn: &mut DbConnection,
    now: i64,
    id: Option<Uuid>,
    input: UserActionInput,
) -> ServiceResult<UserAction> {
    conn.transaction(|conn| {
        let (id, errors) = new_id(id, "userActionId", |id| {
            Ok(store::user_actions::find(conn, id)?.is_some())
        })?;
        let spec = checked(conn, id, input, Write::Create, None, errors)?;
        let action = UserAction {
            id,
            active: true,
            spec,
            insert_instant: now,
            last_update_instant: now,
        };
        store::user_actions::insert(conn, &action).map_err(as_duplicate(UNIQUE))?;
        Ok(action)
    })
}

/// PUT (and PATCH, after merging): replaces the definition.
pub fn update(
    conn: &mut DbConnection,
    now: i64,
    id: Uuid,
    input: UserActionInput,
) -> ServiceResult<UserAction> {
    conn.transaction(|conn| {
        let stored = store::user_actions::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        let mut errors = FieldErrors::new();
        if !stored.active {
            errors.add_with(
                Kind::Inactive,
                "userActionId",
                "An inactive user action cannot be updated; reactivate it first.",
            );
        }
        let spec = checked(conn, id, input, Write::Update, Some(&stored.spec), errors)?;
        let action = UserAction {
            spec,
            last_update_instant: now,
            ..stored
        };
        store::user_actions::update(conn, &action).map_err(as_duplicate(UNIQUE))?;
        Ok(action)
    })
}

pub fn find(conn: &mut DbConnection, id: Uuid, tenant: Option<Uuid>) -> ServiceResult<UserAction> {
    store::user_actions::find(conn, id)?
        .filter(|a| tenant.is_none_or(|t| a.available_in(t)))
        .ok_or(ServiceError::NotFound)
}

pub fn list(
    conn: &mut DbConnection,
    active: bool,
    tenant: Option<Uuid>,
) -> ServiceResult<Vec<UserAction>> {
    Ok(store::user_actions::list(conn, active)?
        .into_iter()
        .filter(|a| tenant.is_none_or(|t| a.available_in(t)))
        .collect())
}

pub fn set_active(conn: &mut DbConnection, id: Uuid, active: bool) -> ServiceResult<UserAction> {
    conn.transaction(|conn| {
        if store::user_actions::set_active(conn, id, active)? == 0 {
            return Err(ServiceError::NotFound);
        }
        store::user_actions::find(conn, id)?.ok_or(ServiceError::NotFound)
    })
}

/// Hard delete: the definition, its instances, and its place as any tenant's lockout action.
pub fn delete(conn: &mut DbConnection, now: i64, id: Uuid) -> ServiceResult<()> {
    conn.transaction(|conn| {
        store::user_actions::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        for mut tenant in store::tenants::list(conn)? {
            if tenant.failed_authentication_configuration.user_action_id == Some(id) {
                tenant.failed_authentication_configuration.user_action_id = None;
                tenant.last_update_instant = now;
                store::tenants::update(conn, &tenant)?;
            }
        }
        super::webhooks::forget_user_action(conn, now, id)?;
        store::user_actions::delete(conn, id)?;
        Ok(())
    })
}

/// The definition and how many instances a hard delete of it would remove.
pub fn find_with_instance_count(
    conn: &mut DbConnection,
    id: Uuid,
) -> ServiceResult<(UserAction, i64)> {
    let action = store::user_actions::find(conn, id)?.ok_or(ServiceError::NotFound)?;
    let count = store::user_actions::count_instances(conn, id)?;
    Ok((action, count))
}

/// What the definition form offers: the email templates and the tenants.
pub fn form_choices(
    conn: &mut DbConnection,
) -> ServiceResult<(
    Vec<crate::domain::email_template::EmailTemplate>,
    Vec<crate::domain::tenant::Tenant>,
)> {
    Ok((
        super::email_templates::list(conn)?,
        super::tenants::list(conn)?,
    ))
}
