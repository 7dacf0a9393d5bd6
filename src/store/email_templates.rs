//! Email templates (the full API arrives with events; definitions already reference them).

use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::email_templates as e;
use crate::db::DbConnection;

pub fn exists(conn: &mut DbConnection, id: Uuid) -> QueryResult<bool> {
    Ok(e::table
        .filter(e::id.eq(id.to_string()))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}
