//! Staff notes on users and instances.

use diesel::prelude::*;
use uuid::Uuid;

use super::{load_all, load_first, parse_id, parse_opt_id, FromRow, Loaded};
use crate::db::schema::staff_notes as n;
use crate::db::DbConnection;
use crate::domain::staff_note::StaffNote;

#[derive(Queryable, Selectable)]
#[diesel(table_name = n)]
pub(crate) struct Row {
    id: String,
    user_id: String,
    instance_id: Option<String>,
    author_id: String,
    body: String,
    created_instant: i64,
}

impl FromRow for StaffNote {
    type Row = Row;

    fn from_row(row: Row) -> QueryResult<StaffNote> {
        Ok(StaffNote {
            id: parse_id(&row.id)?,
            user_id: parse_id(&row.user_id)?,
            instance_id: parse_opt_id(row.instance_id.as_deref())?,
            author_id: parse_id(&row.author_id)?,
            body: row.body,
            created_instant: row.created_instant,
        })
    }
}

type Read = Loaded<StaffNote>;

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
    let by_id = n::table.filter(n::id.eq(id.to_string()));
    load_first(conn, by_id.select(Read::as_select()))
}

/// The notes that match `filter`, newest first (a fixed statement per filter, so each stays
/// prepared).
macro_rules! newest_first {
    ($conn:expr, $filter:expr) => {{
        let newest_first = n::table
            .filter($filter)
            .order((n::created_instant.desc(), n::id.desc()));
        load_all($conn, newest_first.select(Read::as_select()))
    }};
}

/// Every note on the user and on their instances, newest first.
pub fn list_for_user(conn: &mut DbConnection, user: Uuid) -> QueryResult<Vec<StaffNote>> {
    newest_first!(conn, n::user_id.eq(user.to_string()))
}

/// The notes on one instance, newest first.
pub fn list_for_instance(conn: &mut DbConnection, instance: Uuid) -> QueryResult<Vec<StaffNote>> {
    newest_first!(conn, n::instance_id.eq(instance.to_string()))
}

pub fn delete(conn: &mut DbConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(n::table.filter(n::id.eq(id.to_string()))).execute(conn)
}
