//! Reading stored text back as what it stands for, strictly: an id that is not a UUID or JSON
//! that does not parse fails the query with a deserialization error (a 500, and a failed item
//! in a worker loop), never a nil id or an empty default that the next write would save.

use diesel::backend::Backend;
use diesel::deserialize::{self, Queryable};
use diesel::dsl::Limit;
use diesel::query_dsl::methods::LimitDsl;
use diesel::query_dsl::LoadQuery;
use diesel::result::{Error, QueryResult};
use diesel::{OptionalExtension, RunQueryDsl, Selectable};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::db::DbConnection;

/// The error of a stored value that does not read back as its type.
fn corrupt(message: String) -> Error {
    Error::DeserializationError(message.into())
}

/// Ids are stored as lowercase UUID text.
pub(crate) fn parse_id(text: &str) -> QueryResult<Uuid> {
    Uuid::parse_str(text).map_err(|e| corrupt(format!("stored id {text:?} is not a UUID: {e}")))
}

pub(crate) fn parse_opt_id(text: Option<&str>) -> QueryResult<Option<Uuid>> {
    text.map(parse_id).transpose()
}

/// A JSON text column. The text itself stays out of the error: it can be long.
pub(crate) fn parse_json<T: DeserializeOwned>(text: &str) -> QueryResult<T> {
    serde_json::from_str(text).map_err(|e| corrupt(format!("stored JSON does not read back: {e}")))
}

/// A nullable JSON text column.
pub(crate) fn parse_opt_json<T: DeserializeOwned>(text: Option<&str>) -> QueryResult<Option<T>> {
    text.map(parse_json).transpose()
}

/// A domain value read from one row type: the row as selected, and the conversion that may
/// find a column corrupt.
pub(crate) trait FromRow: Sized {
    type Row;
    fn from_row(row: Self::Row) -> QueryResult<Self>;
}

/// `T` read through its row type while the query loads: select `Loaded::<T>::as_select()`, and
/// a row that does not convert fails the load like a column diesel cannot read.
pub(crate) struct Loaded<T>(pub T);

impl<T> Loaded<T> {
    pub(crate) fn into_inner(self) -> T {
        self.0
    }
}

impl<T, ST, DB> Queryable<ST, DB> for Loaded<T>
where
    DB: Backend,
    T: FromRow,
    T::Row: Queryable<ST, DB>,
{
    type Row = <T::Row as Queryable<ST, DB>>::Row;

    fn build(row: Self::Row) -> deserialize::Result<Self> {
        let row = <T::Row as Queryable<ST, DB>>::build(row)?;
        Ok(Loaded(T::from_row(row)?))
    }
}

impl<T, DB> Selectable<DB> for Loaded<T>
where
    DB: Backend,
    T: FromRow,
    T::Row: Selectable<DB>,
{
    type SelectExpression = <T::Row as Selectable<DB>>::SelectExpression;

    fn construct_selection() -> Self::SelectExpression {
        <T::Row as Selectable<DB>>::construct_selection()
    }
}

/// The first row of `query` (if any) read as `T` through its row type.
pub(crate) fn load_first<'q, T, Q>(conn: &mut DbConnection, query: Q) -> QueryResult<Option<T>>
where
    Q: RunQueryDsl<DbConnection> + LimitDsl,
    Limit<Q>: LoadQuery<'q, DbConnection, Loaded<T>>,
{
    Ok(query.first(conn).optional()?.map(Loaded::into_inner))
}

/// Every row of `query` read as `T` through its row type.
pub(crate) fn load_all<'q, T, Q>(conn: &mut DbConnection, query: Q) -> QueryResult<Vec<T>>
where
    Q: RunQueryDsl<DbConnection> + LoadQuery<'q, DbConnection, Loaded<T>>,
{
    Ok(query
        .load(conn)?
        .into_iter()
        .map(Loaded::into_inner)
        .collect())
}

/// A JSON object column that must read back whole: text that is not a JSON object (corrupt, or
/// nested past serde_json's limit) fails the query instead of reading as `{}`, so that the next
/// write cannot silently save an empty object over it. Use with `#[diesel(deserialize_as)]`.
pub(crate) struct StrictJsonObject(serde_json::Map<String, serde_json::Value>);

impl<DB> Queryable<diesel::sql_types::Text, DB> for StrictJsonObject
where
    DB: Backend,
    String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
{
    type Row = String;

    fn build(text: String) -> deserialize::Result<Self> {
        Ok(StrictJsonObject(serde_json::from_str(&text)?))
    }
}

impl From<StrictJsonObject> for serde_json::Map<String, serde_json::Value> {
    fn from(object: StrictJsonObject) -> Self {
        object.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupt_id_or_json_is_a_deserialization_error() {
        assert!(matches!(
            parse_id("not-a-uuid"),
            Err(Error::DeserializationError(_))
        ));
        assert_eq!(parse_opt_id(None).ok(), Some(None));
        assert!(matches!(
            parse_json::<Vec<Uuid>>("{broken"),
            Err(Error::DeserializationError(_))
        ));
        assert_eq!(parse_json::<Vec<i32>>("[1]").ok(), Some(vec![1]));
    }
}
