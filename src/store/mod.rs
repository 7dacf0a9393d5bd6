//! Diesel queries, one file per aggregate. No business rules: load, insert, update, delete.

pub mod api_keys;
pub mod applications;
pub mod email_templates;
#[macro_use]
pub(crate) mod fixed_sql;
pub mod flashes;
pub mod insights;
pub mod instances;
pub mod lifecycle;
pub mod localizations;
mod native;
pub mod outbox;
mod queue;
pub mod read_cache;
pub mod reasons;
pub mod signin_attempts;
pub mod signing_keys;
pub mod staff;
pub mod staff_notes;
mod strict;
pub mod tenants;
pub mod user_actions;
pub mod user_directory;
pub mod users;
pub mod webhooks;
pub mod write_batch;

use diesel::query_dsl::methods::FilterDsl;
use diesel::query_dsl::LoadQuery;
use diesel::sql_types::Text;
use diesel::{Expression, ExpressionMethods, QueryDsl, QueryResult, RunQueryDsl};
use uuid::Uuid;

use crate::db::DbConnection;

/// Case-folded form used for case-insensitive uniqueness, look-ups and the user search.
pub use crate::db::fold;
pub(crate) use strict::{
    load_all, load_first, parse_id, parse_json, parse_opt_id, parse_opt_json, FromRow, Loaded,
    StrictJsonObject,
};

/// `query` limited to the rows of `tenant` (its tenant column `column`) when one is given: a
/// tenant scope, or a filter by tenant.
pub(crate) fn within_tenant<Q, C>(query: Q, column: C, tenant: Option<Uuid>) -> Q
where
    C: ExpressionMethods + Expression<SqlType = Text>,
    Q: FilterDsl<diesel::dsl::Eq<C, String>, Output = Q>,
{
    match tenant {
        Some(tenant) => query.filter(column.eq(tenant.to_string())),
        None => query,
    }
}

/// Whether `query` matches any row.
pub(crate) fn matches_any<'q, Q>(conn: &mut DbConnection, query: Q) -> QueryResult<bool>
where
    Q: QueryDsl + diesel::query_dsl::methods::SelectDsl<diesel::dsl::CountStar>,
    diesel::dsl::Select<Q, diesel::dsl::CountStar>: LoadQuery<'q, DbConnection, i64>,
{
    Ok(query.count().get_result::<i64>(conn)? > 0)
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

/// A unique key (a primary key or a UNIQUE constraint) as the migrations declare it, named the
/// same way on both backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UniqueKey {
    pub table: &'static str,
    pub columns: &'static [&'static str],
}

impl UniqueKey {
    pub const fn new(table: &'static str, columns: &'static [&'static str]) -> UniqueKey {
        UniqueKey { table, columns }
    }

    /// Whether `e` is a violation of this key (a concurrent writer took the value between our
    /// check and our write). SQLite says `UNIQUE constraint failed: t.a, t.b`; PostgreSQL names
    /// the table and says `Key (a, b)=(…) already exists.`
    pub fn violated_by(&self, e: &diesel::result::Error) -> bool {
        use diesel::result::{DatabaseErrorKind, Error};
        let Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) = e else {
            return false;
        };
        let sqlite = self
            .columns
            .iter()
            .map(|c| format!("{}.{c}", self.table))
            .collect::<Vec<_>>()
            .join(", ");
        let postgres = format!("Key ({})=", self.columns.join(", "));
        info.message() == format!("UNIQUE constraint failed: {sqlite}")
            || (info.table_name() == Some(self.table)
                && info.details().is_some_and(|d| d.starts_with(&postgres)))
    }
}

/// The SQL of `query` as SQLite would prepare it, without the bound values diesel's debug form
/// appends.
pub fn sqlite_sql_text<Q>(query: &Q) -> String
where
    Q: diesel::query_builder::QueryFragment<diesel::sqlite::Sqlite>,
{
    let text = diesel::debug_query::<diesel::sqlite::Sqlite, _>(query).to_string();
    text.split(" -- binds:")
        .next()
        .unwrap_or_default()
        .to_string()
}
