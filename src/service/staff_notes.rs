//! Staff notes: written, listed and deleted by staff in the admin app, and read nowhere else
//! (no event, email or API response carries them).

use std::collections::{BTreeSet, HashMap};

use diesel::Connection;
use uuid::Uuid;

use super::{ServiceError, ServiceResult};
use crate::db::DbConnection;
use crate::domain::staff_note::{self, StaffNote};
use crate::store;
use crate::store::user_directory::Person;

/// Notes with their authors, for a page.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    /// Newest first.
    pub notes: Vec<StaffNote>,
    pub authors: HashMap<Uuid, Person>,
}

/// What a note is about: a user, or one of the user's instances.
#[derive(Debug, Clone, Copy)]
pub struct About {
    pub user: Uuid,
    pub instance: Option<Uuid>,
}

/// Adds a note by `author` (a staff member's user id). An unknown user, or an instance that is
/// not the user's, is `NotFound`; a blank or too long note is `Invalid`.
pub fn add(
    conn: &mut DbConnection,
    now: i64,
    author: Uuid,
    about: About,
    body: &str,
) -> ServiceResult<StaffNote> {
    let body = staff_note::check_body(body)?;
    conn.transaction(|conn| {
        store::users::find(conn, about.user, None)?.ok_or(ServiceError::NotFound)?;
        if let Some(instance) = about.instance {
            let found = store::instances::find(conn, instance, None)?;
            if found.is_none_or(|i| i.actionee_user_id != about.user) {
                return Err(ServiceError::NotFound);
            }
        }
        let note = StaffNote {
            id: Uuid::now_v7(),
            user_id: about.user,
            instance_id: about.instance,
            author_id: author,
            body,
            created_instant: now,
        };
        store::staff_notes::insert(conn, &note)?;
        Ok(note)
    })
}

/// Every note on the user and on their instances.
pub fn for_user(conn: &mut DbConnection, user: Uuid) -> ServiceResult<Notes> {
    let notes = store::staff_notes::list_for_user(conn, user)?;
    with_authors(conn, notes)
}

/// The notes on one instance.
pub fn for_instance(conn: &mut DbConnection, instance: Uuid) -> ServiceResult<Notes> {
    let notes = store::staff_notes::list_for_instance(conn, instance)?;
    with_authors(conn, notes)
}

fn with_authors(conn: &mut DbConnection, notes: Vec<StaffNote>) -> ServiceResult<Notes> {
    let ids: BTreeSet<Uuid> = notes.iter().map(|n| n.author_id).collect();
    let ids: Vec<Uuid> = ids.into_iter().collect();
    let authors = store::user_directory::people(conn, &ids)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(Notes { notes, authors })
}

/// Deletes note `id` of `user` for `member`: its author or an administrator (`Unauthorized`
/// otherwise); a note that is not the user's is `NotFound`.
pub fn delete(
    conn: &mut DbConnection,
    user: Uuid,
    id: Uuid,
    member: Uuid,
    is_admin: bool,
) -> ServiceResult<StaffNote> {
    conn.transaction(|conn| {
        let note = store::staff_notes::find(conn, id)?
            .filter(|n| n.user_id == user)
            .ok_or(ServiceError::NotFound)?;
        if !staff_note::may_delete(&note, member, is_admin) {
            return Err(ServiceError::Unauthorized);
        }
        store::staff_notes::delete(conn, id)?;
        Ok(note)
    })
}
