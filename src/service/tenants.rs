//! Tenants: the Default tenant, request-tenant resolution, and tenant CRUD.

use diesel::Connection;
use uuid::Uuid;

use super::{
    as_duplicate, check, new_id, OmittedPassword, ServiceError, ServiceResult, TenantHint,
    UniqueField,
};
use crate::db::DbConnection;
use crate::domain::tenant::{self, Tenant, TenantFacts, TenantInput};
use crate::domain::{FieldErrors, Kind};
use crate::store;

/// How many users, applications, instances and keys a tenant holds.
pub use crate::store::tenants::TenantContents;

/// What a tenant's writes can collide on, and the field each collision is reported under.
pub const UNIQUE: &[UniqueField] = &[
    (store::tenants::ID, "tenantId"),
    (store::tenants::NAME, "tenant.name"),
];

/// Creates the `Default` tenant on first start.
pub fn ensure_default(conn: &mut DbConnection, now: i64) -> ServiceResult<()> {
    conn.transaction(|conn| {
        if store::tenants::count(conn)? > 0 {
            return Ok(());
        }
        store::tenants::insert(
            conn,
            &Tenant {
                id: Uuid::now_v7(),
                name: "Default".into(),
                is_default: true,
                data: Default::default(),
                event_configuration: Default::default(),
                email_configuration: Default::default(),
                failed_authentication_configuration: Default::default(),
                signing_secret: super::random_hex(32),
                insert_instant: now,
                last_update_instant: now,
            },
        )?;
        Ok(())
    })
}

/// The request tenant on a tenant-aware endpoint: the key's tenant, else the header's.
pub fn resolve(conn: &mut DbConnection, hint: &TenantHint) -> ServiceResult<Option<Uuid>> {
    if let Some(tenant) = hint.key_tenant {
        return Ok(Some(tenant));
    }
    let Some(header) = hint.header.as_deref() else {
        return Ok(None);
    };
    let id = Uuid::parse_str(header.trim())
        .map_err(|_| FieldErrors::single(Kind::Invalid, "tenantId"))?;
    if !store::tenants::exists(conn, id)? {
        return Err(FieldErrors::single(Kind::Invalid, "tenantId").into());
    }
    Ok(Some(id))
}

/// The request tenant, or the only tenant; `[TenantIdRequired]` when several exist.
pub fn required(conn: &mut DbConnection, tenant: Option<Uuid>) -> ServiceResult<Uuid> {
    if let Some(tenant) = tenant {
        return Ok(tenant);
    }
    store::tenants::only_tenant(conn)?.ok_or_else(|| {
        let mut errors = FieldErrors::new();
        errors.add_general(
            "TenantIdRequired",
            "A tenant id is required because more than one tenant exists; send the X-FusionAuth-TenantId header.",
        );
        ServiceError::Invalid(errors)
    })
}

fn build(
    conn: &mut DbConnection,
    id: Uuid,
    input: TenantInput,
    stored: Option<&Tenant>,
    mut errors: FieldErrors,
    now: i64,
    omitted: OmittedPassword,
) -> ServiceResult<Tenant> {
    let name_taken = input
        .name
        .as_deref()
        .map(str::trim)
        .map(|n| store::tenants::name_taken_by_other(conn, n, id))
        .transpose()?
        .unwrap_or(false);
    let lockout = input
        .failed_authentication_configuration
        .as_ref()
        .and_then(|f| f.user_action_id)
        .map(|a| store::user_actions::find(conn, a))
        .transpose()?
        .flatten();
    let facts = TenantFacts {
        name_taken,
        lockout_action: lockout.as_ref(),
    };
    let data = input.data.clone().unwrap_or_default();
    let stored_password = stored
        .filter(|_| omitted == OmittedPassword::Keep)
        .and_then(|t| t.email_configuration.password.clone());
    let (name, events, email, failed) =
        tenant::build(input, stored_password, id, &facts, &mut errors);
    check(errors)?;
    Ok(Tenant {
        id,
        name,
        is_default: stored.is_some_and(|t| t.is_default),
        data,
        event_configuration: events,
        email_configuration: email,
        failed_authentication_configuration: failed,
        signing_secret: stored
            .map(|t| t.signing_secret.clone())
            .unwrap_or_else(|| super::random_hex(32)),
        insert_instant: stored.map_or(now, |t| t.insert_instant),
        last_update_instant: now,
    })
}

pub fn create(
    conn: &mut DbConnection,
    now: i64,
    id: Option<Uuid>,
    input: TenantInput,
) -> ServiceResult<Tenant> {
    conn.transaction(|conn| {
        let (id, errors) = new_id(id, "tenantId", |id| store::tenants::exists(conn, id))?;
        let tenant = build(conn, id, input, None, errors, now, OmittedPassword::Keep)?;
        store::tenants::insert(conn, &tenant).map_err(as_duplicate(UNIQUE))?;
        Ok(tenant)
    })
}

pub fn update(
    conn: &mut DbConnection,
    now: i64,
    id: Uuid,
    input: TenantInput,
) -> ServiceResult<Tenant> {
    replace(conn, now, id, input, OmittedPassword::Keep)
}

fn replace(
    conn: &mut DbConnection,
    now: i64,
    id: Uuid,
    input: TenantInput,
    omitted: OmittedPassword,
) -> ServiceResult<Tenant> {
    conn.transaction(|conn| {
        let stored = store::tenants::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        let tenant = build(
            conn,
            id,
            input,
            Some(&stored),
            FieldErrors::new(),
            now,
            omitted,
        )?;
        store::tenants::update(conn, &tenant).map_err(as_duplicate(UNIQUE))?;
        Ok(tenant)
    })
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> ServiceResult<Tenant> {
    store::tenants::find(conn, id)?.ok_or(ServiceError::NotFound)
}

pub fn list(conn: &mut DbConnection) -> ServiceResult<Vec<Tenant>> {
    Ok(store::tenants::list(conn)?)
}

/// Deletes a tenant with everything in it; definitions limited to it alone are deactivated.
pub fn delete(conn: &mut DbConnection, now: i64, id: Uuid) -> ServiceResult<()> {
    conn.transaction(|conn| {
        let tenant = store::tenants::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        tenant.check_deletable()?;
        for mut action in store::user_actions::all(conn)? {
            if action.forget_tenant(id) {
                action.last_update_instant = now;
                store::user_actions::update(conn, &action)?;
            }
        }
        super::webhooks::forget_tenant(conn, now, id)?;
        store::tenants::delete(conn, id)?;
        Ok(())
    })
}

/// Updates what `input` carries and keeps what it leaves out (`TenantInput::keeping_rest_of`):
/// the admin form edits only some parts of a tenant. `omitted` says whether a stored SMTP
/// password the input does not replace is kept or removed.
pub fn update_keeping_rest(
    conn: &mut DbConnection,
    now: i64,
    id: Uuid,
    input: TenantInput,
    omitted: OmittedPassword,
) -> ServiceResult<Tenant> {
    conn.transaction(|conn| {
        let input = input.keeping_rest_of(&find(conn, id)?);
        replace(conn, now, id, input, omitted)
    })
}

/// How many users, applications, instances and tenant-scoped keys a tenant holds.
pub fn contents(conn: &mut DbConnection, id: Uuid) -> ServiceResult<TenantContents> {
    find(conn, id)?;
    Ok(store::tenants::contents(conn, id)?)
}

/// Whether "Email the user" can reach anyone in `tenant`: the tenant names an SMTP server, or
/// the server has one (`server_smtp`, from `Outbound`).
pub fn email_delivery_available(
    conn: &mut DbConnection,
    tenant: Uuid,
    server_smtp: bool,
) -> ServiceResult<bool> {
    Ok(find(conn, tenant)?.sends_email(server_smtp))
}

/// The webhooks serving tenant `id` that wait for an event it has switched off, with the event.
pub fn silenced_webhooks(
    conn: &mut DbConnection,
    id: Uuid,
) -> ServiceResult<Vec<crate::domain::webhook_reach::Silenced>> {
    let tenant = find(conn, id)?;
    let hooks = super::webhooks::list(conn)?;
    Ok(crate::domain::webhook_reach::silenced_by(&tenant, &hooks))
}
