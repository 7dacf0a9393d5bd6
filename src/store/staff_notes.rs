//! Staff notes on users and instances.

use diesel::prelude::*;
use uuid::Uuid;

use super::{parse_id, parse_opt_id, FromRow, Loaded};
use crate::db::schema::staff_notes as n;
use crate::db::DbConnection;
use crate::domain::staff_note::StaffNote;

type Row = (String, String, Option<String>, String, String, i64);

fn columns() -> (
    n::id,
    n::user_id,
    n::instance_id,
    n::author_id,
    n::body,
    n::created_instant,
) {
    (
        n::id,
        n::user_id,
        n::instance_id,
        n::author_id,
        n::body,
        n::created_instant,
    )
}

impl FromRow for StaffNote {
    type Row = Row;

    fn from_row(row: Row) -> QueryResult<StaffNote> {
        let (id, user_id, instance_id, author_id, body, created_instant) = row;
        Ok(StaffNote {
            id: parse_id(&id)?,
            user_id: parse_id(&user_id)?,
            instance_id: parse_opt_id(instance_id.as_deref())?,
            author_id: parse_id(&author_id)?,
            body,
            created_instant,
        })
    }
}

type Read = Loaded<StaffNote>;

fn note(Loaded(note): Read) -> StaffNote {
    note
}

pub fn insert(conn: &mut DbConnection, note: &StaffNote) -> QueryResult<()> {
    diesel::insert_into(n::table)
        .values((
            n::id.eq(note.id.to_string()),
            n::user_id.eq(note.user_id.to_string()),
            n::instance_id.eq(note.instance_id.map(|i| i.to_string())),
            n::author_id.eq(note.author_id.to_string()),
            n::body.eq(&note.body),
            n::created_instant.eq(note.created_instant),
        ))
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> QueryResult<Option<StaffNote>> {
    n::table
        .filter(n::id.eq(id.to_string()))
        .select(columns())
        .first::<Read>(conn)
        .optional()
        .map(|r| r.map(note))
}

/// Every note on the user and on their instances, newest first.
pub fn list_for_user(conn: &mut DbConnection, user: Uuid) -> QueryResult<Vec<StaffNote>> {
    n::table
        .filter(n::user_id.eq(user.to_string()))
        .order((n::created_instant.desc(), n::id.desc()))
        .select(columns())
        .load::<Read>(conn)
        .map(|rows| rows.into_iter().map(note).collect())
}

/// The notes on one instance, newest first.
pub fn list_for_instance(conn: &mut DbConnection, instance: Uuid) -> QueryResult<Vec<StaffNote>> {
    n::table
        .filter(n::instance_id.eq(instance.to_string()))
        .order((n::created_instant.desc(), n::id.desc()))
        .select(columns())
        .load::<Read>(conn)
        .map(|rows| rows.into_iter().map(note).collect())
}

pub fn delete(conn: &mut DbConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(n::table.filter(n::id.eq(id.to_string()))).execute(conn)
}
