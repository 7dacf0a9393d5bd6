//! Finding users for the admin app: by id, email or name, a page at a time.

use diesel::prelude::*;
use uuid::Uuid;

use super::fold;
use crate::db::schema::users as u;
use crate::db::DbConnection;
use crate::domain::user::User;

/// Users matching `text` (an exact id, or part of the email), ordered by email, with the total.
pub fn search(
    conn: &mut DbConnection,
    text: &str,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<User>, i64)> {
    let text = text.trim();
    let filtered = || {
        let mut query = u::table.into_boxed();
        if let Ok(id) = Uuid::parse_str(text) {
            query = query.filter(u::id.eq(id.to_string()));
        } else if !text.is_empty() {
            let pattern = format!("%{}%", fold(text).replace(['%', '_'], ""));
            query = query.filter(u::email_ci.like(pattern));
        }
        query
    };
    let total = filtered().count().get_result(conn)?;
    let rows: Vec<super::users::Row> = filtered()
        .order((u::email_ci.asc(), u::id.asc()))
        .offset(offset)
        .limit(limit)
        .select(super::users::Row::as_select())
        .load(conn)?;
    Ok((rows.into_iter().map(User::from).collect(), total))
}
