//! Applications of a tenant.

use diesel::Connection;
use uuid::Uuid;

use super::{as_duplicate, check, new_id, tenants, ServiceError, ServiceResult, UniqueField};
use crate::db::DbConnection;
use crate::domain::application::{check_name, Application, ApplicationInput};
use crate::domain::{FieldErrors, Kind};
use crate::store;

/// What an application's writes can collide on, and the field each collision is reported under.
pub const UNIQUE: &[UniqueField] = &[
    (store::applications::ID, "applicationId"),
    (store::applications::NAME, "application.name"),
];

pub fn create(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    id: Option<Uuid>,
    input: ApplicationInput,
) -> ServiceResult<Application> {
    conn.transaction(|conn| {
        let (id, mut errors) = new_id(id, "applicationId", |id| {
            store::applications::exists(conn, id)
        })?;
        let tenant = match (scope, input.tenant_id) {
            (Some(scope), Some(given)) if scope != given => {
                errors.add(Kind::Invalid, "application.tenantId");
                scope
            }
            (Some(scope), _) => scope,
            (None, Some(given)) => {
                if !store::tenants::exists(conn, given)? {
                    errors.add(Kind::Invalid, "application.tenantId");
                }
                given
            }
            (None, None) => tenants::required(conn, None)?,
        };
        let name = checked_name(conn, tenant, id, input.name, &mut errors)?;
        check(errors)?;
        let app = Application {
            id,
            tenant_id: tenant,
            name,
            active: true,
            data: input.data.unwrap_or_default(),
            insert_instant: now,
            last_update_instant: now,
        };
        store::applications::insert(conn, &app).map_err(as_duplicate(UNIQUE))?;
        Ok(app)
    })
}

pub fn update(
    conn: &mut DbConnection,
    now: i64,
    scope: Option<Uuid>,
    id: Uuid,
    input: ApplicationInput,
) -> ServiceResult<Application> {
    conn.transaction(|conn| {
        let stored = find(conn, scope, id)?;
        let mut errors = FieldErrors::new();
        let name = checked_name(conn, stored.tenant_id, id, input.name, &mut errors)?;
        check(errors)?;
        let app = Application {
            name,
            data: input.data.unwrap_or_default(),
            last_update_instant: now,
            ..stored
        };
        store::applications::update(conn, &app).map_err(as_duplicate(UNIQUE))?;
        Ok(app)
    })
}

/// The trimmed name of application `id`, with its errors: blank, too long, or taken by another
/// application of `tenant`.
fn checked_name(
    conn: &mut DbConnection,
    tenant: Uuid,
    id: Uuid,
    name: Option<String>,
    errors: &mut FieldErrors,
) -> ServiceResult<String> {
    let taken = match name.as_deref() {
        Some(name) => store::applications::name_taken_by_other(conn, tenant, name.trim(), id)?,
        None => false,
    };
    Ok(check_name(name, taken, errors))
}

pub fn find(conn: &mut DbConnection, scope: Option<Uuid>, id: Uuid) -> ServiceResult<Application> {
    store::applications::find(conn, id, scope)?.ok_or(ServiceError::NotFound)
}

pub fn list(
    conn: &mut DbConnection,
    scope: Option<Uuid>,
    active: bool,
) -> ServiceResult<Vec<Application>> {
    Ok(store::applications::list(conn, active, scope)?)
}

pub fn set_active(
    conn: &mut DbConnection,
    scope: Option<Uuid>,
    id: Uuid,
    active: bool,
) -> ServiceResult<Application> {
    conn.transaction(|conn| {
        let mut app = find(conn, scope, id)?;
        app.active = active;
        store::applications::update(conn, &app)?;
        Ok(app)
    })
}

pub fn delete(conn: &mut DbConnection, scope: Option<Uuid>, id: Uuid) -> ServiceResult<()> {
    find(conn, scope, id)?;
    store::applications::delete(conn, id)?;
    Ok(())
}

/// Creates an application in `tenant`, inactive from the start when `active` is false.
pub fn create_in(
    conn: &mut DbConnection,
    now: i64,
    tenant: Option<Uuid>,
    name: String,
    active: bool,
) -> ServiceResult<Application> {
    conn.transaction(|conn| {
        let input = ApplicationInput {
            name: Some(name),
            tenant_id: tenant,
            data: None,
        };
        let app = create(conn, now, None, None, input)?;
        if active {
            return Ok(app);
        }
        set_active(conn, None, app.id, false)
    })
}

/// Renames an application and sets whether it is active; its tenant and data stay.
pub fn update_name_and_active(
    conn: &mut DbConnection,
    now: i64,
    id: Uuid,
    name: String,
    active: bool,
) -> ServiceResult<Application> {
    conn.transaction(|conn| {
        let stored = find(conn, None, id)?;
        let input = ApplicationInput {
            name: Some(name),
            tenant_id: None,
            data: Some(stored.data),
        };
        let app = update(conn, now, None, id, input)?;
        if app.active == active {
            return Ok(app);
        }
        set_active(conn, None, id, active)
    })
}
