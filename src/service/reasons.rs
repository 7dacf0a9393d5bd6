//! Creating, changing and deleting reasons.

use diesel::Connection;
use uuid::Uuid;

use super::{as_duplicate, check, deleted, new_id, ServiceError, ServiceResult, UniqueField};
use crate::db::DbConnection;
use crate::domain::reason::{self, Reason, ReasonFacts, ReasonInput};
use crate::domain::FieldErrors;
use crate::store;

fn checked(
    conn: &mut DbConnection,
    id: Uuid,
    input: ReasonInput,
    stored: Option<&reason::ReasonSpec>,
    mut errors: FieldErrors,
) -> ServiceResult<reason::ReasonSpec> {
    let spec = reason::normalise(input, stored);
    let (code_taken, text_taken) =
        store::reasons::taken_by_other(conn, &spec.code, &spec.text, id)?;
    reason::validate(
        &spec,
        &ReasonFacts {
            code_taken,
            text_taken,
        },
        &mut errors,
    );
    check(errors)?;
    Ok(spec)
}

/// What a reason's writes can collide on, and the field each collision is reported under.
pub const UNIQUE: &[UniqueField] = &[
    (store::reasons::ID, "userActionReasonId"),
    (store::reasons::CODE, "userActionReason.code"),
    (store::reasons::TEXT, "userActionReason.text"),
];

pub fn create(
    conn: &mut DbConnection,
    now: i64,
    id: Option<Uuid>,
    input: ReasonInput,
) -> ServiceResult<Reason> {
    conn.transaction(|conn| {
        let (id, errors) = new_id(id, "userActionReasonId", |id| {
            Ok(store::reasons::find(conn, id)?.is_some())
        })?;
        let spec = checked(conn, id, input, None, errors)?;
        let reason = Reason {
            id,
            spec,
            insert_instant: now,
            last_update_instant: now,
        };
        store::reasons::insert(conn, &reason).map_err(as_duplicate(UNIQUE))?;
        Ok(reason)
    })
}

pub fn update(
    conn: &mut DbConnection,
    now: i64,
    id: Uuid,
    input: ReasonInput,
) -> ServiceResult<Reason> {
    conn.transaction(|conn| {
        let stored = store::reasons::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        let spec = checked(conn, id, input, Some(&stored.spec), FieldErrors::new())?;
        let reason = Reason {
            spec,
            last_update_instant: now,
            ..stored
        };
        store::reasons::update(conn, &reason).map_err(as_duplicate(UNIQUE))?;
        Ok(reason)
    })
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> ServiceResult<Reason> {
    store::reasons::find(conn, id)?.ok_or(ServiceError::NotFound)
}

pub fn list(conn: &mut DbConnection) -> ServiceResult<Vec<Reason>> {
    Ok(store::reasons::list(conn)?)
}

pub fn delete(conn: &mut DbConnection, id: Uuid) -> ServiceResult<()> {
    deleted(store::reasons::delete(conn, id)?)
}
