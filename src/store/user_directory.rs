//! Finding users for the admin app: by id, email or name, a page at a time; and the names of
//! the people (actioners, tenants) a user's page mentions.

use diesel::prelude::*;
use diesel::sql_types::{Bool, Nullable, Text};
use uuid::Uuid;

use super::{fold, parse_id, Loaded};
use crate::db::schema::{tenants as t, users as u};
use crate::db::{unicode_lower, DbConnection};
use crate::domain::user::User;

diesel::define_sql_function! {
    /// Unicode-aware on PostgreSQL (SQLite's folds only ASCII: it gets `unicode_lower`).
    fn lower(text: Nullable<Text>) -> Nullable<Text>;
}

diesel::define_sql_function! {
    /// Characters in a text.
    fn length(text: Nullable<Text>) -> Nullable<BigInt>;
}

diesel::define_sql_function! {
    /// Bytes in a text (SQLite 3.43 and later).
    fn octet_length(text: Nullable<Text>) -> Nullable<BigInt>;
}

/// `%word%` for `LIKE … ESCAPE '\'`, folded, with the word's own wildcards taken literally.
fn contains_pattern(word: &str) -> String {
    let mut pattern = String::with_capacity(word.len() + 2);
    pattern.push('%');
    for c in fold(word).chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

type Backend = <DbConnection as diesel::Connection>::Backend;
type Boxed<'a> = u::BoxedQuery<'a, Backend>;
type Condition = Box<dyn BoxableExpression<u::table, Backend, SqlType = Nullable<Bool>>>;

/// How a name column is compared, ignoring case, with a folded pattern.
#[derive(Debug, Clone, Copy)]
enum NameCase {
    /// PostgreSQL: `lower(name) LIKE pattern`.
    Lower,
    /// SQLite: `name LIKE pattern`, whose `LIKE` ignores ASCII case, which is all there is to
    /// fold in an ASCII name; a name with other characters (more bytes than characters) is also
    /// tried as `unicode_lower(name)`, so the scan calls into Rust only for those (lowering every
    /// name, even with SQLite's own `lower()`, made the search scan three times slower).
    AsciiOrUnicode,
}

/// `column LIKE pattern`, ignoring the case of the column as `case` says.
macro_rules! like {
    ($column:expr, $pattern:expr, $case:expr) => {
        match $case {
            NameCase::Lower => Box::new(lower($column).like($pattern).escape('\\')) as Condition,
            NameCase::AsciiOrUnicode => Box::new(
                $column
                    .like($pattern.clone())
                    .escape('\\')
                    .or(length($column)
                        .ne(octet_length($column))
                        .and(unicode_lower($column).like($pattern).escape('\\'))),
            ) as Condition,
        }
    };
}

/// Users matching `text`: an exact id, or every word found in the email, first, last or full
/// name (case-insensitive, Unicode-aware on both backends). The columns read are those of the
/// `users_search` index, so a scan reads the index, not the table. `email_ci` is stored folded.
fn matching<'a>(text: &str, case: NameCase) -> Boxed<'a> {
    let mut query = u::table.into_boxed();
    if let Ok(id) = Uuid::parse_str(text) {
        return query.filter(u::id.eq(id.to_string()));
    }
    for word in text.split_whitespace() {
        let p = contains_pattern(word);
        let email: Condition = Box::new(u::email_ci.like(p.clone()).escape('\\'));
        query = query.filter(
            email
                .or(like!(u::first_name, p.clone(), case))
                .or(like!(u::last_name, p.clone(), case))
                .or(like!(u::full_name, p, case)),
        );
    }
    query
}

/// One page of users matching `text`, ordered by email then id, and the number of all matches.
pub fn search(
    conn: &mut DbConnection,
    text: &str,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<User>, i64)> {
    let text = text.trim();
    let case = match conn {
        DbConnection::Pg(_) => NameCase::Lower,
        DbConnection::Sqlite(_) => NameCase::AsciiOrUnicode,
    };
    let rows: Vec<super::users::Row> = matching(text, case)
        .order((u::email_ci.asc(), u::id.asc()))
        .offset(offset)
        .limit(limit)
        .select(super::users::Row::as_select())
        .load(conn)?;
    // A short first page is every match: no second scan to count them.
    let total = if offset == 0 && (rows.len() as i64) < limit {
        rows.len() as i64
    } else {
        matching(text, case).count().get_result(conn)?
    };
    Ok((rows.into_iter().map(Loaded::into_inner).collect(), total))
}

/// What a page shows of a person it mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: Uuid,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub full_name: Option<String>,
}

/// The people with these ids (unknown ids are left out).
pub fn people(conn: &mut DbConnection, ids: &[Uuid]) -> QueryResult<Vec<Person>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    type PersonRow = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<PersonRow> = u::table
        .filter(u::id.eq_any(ids))
        .select((u::id, u::email, u::first_name, u::last_name, u::full_name))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, email, first_name, last_name, full_name)| {
            Ok(Person {
                id: parse_id(&id)?,
                email,
                first_name,
                last_name,
                full_name,
            })
        })
        .collect()
}

/// (id, name) of the tenants with these ids.
pub fn tenant_names(conn: &mut DbConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, String)>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let rows: Vec<(String, String)> = t::table
        .filter(t::id.eq_any(ids))
        .select((t::id, t::name))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, name)| Ok((parse_id(&id)?, name)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn wildcards_typed_are_literal() {
        assert_eq!(contains_pattern("Jo_n%"), "%jo\\_n\\%%");
        assert_eq!(contains_pattern("a\\b"), "%a\\\\b%");
    }
}
