//! HMAC signing keys, secrets stored as generated.

use diesel::prelude::*;
use uuid::Uuid;

use super::{fold, load_all, load_first, parse_id, FromRow, Loaded, UniqueKey};
use crate::db::schema::signing_keys as k;
use crate::db::schema::webhooks as w;
use crate::db::DbConnection;
use crate::domain::signing_key::{Algorithm, SigningKey};

/// The primary key.
pub const ID: UniqueKey = UniqueKey::new("signing_keys", &["id"]);
/// Key names are unique, case-insensitively.
pub const NAME: UniqueKey = UniqueKey::new("signing_keys", &["name_ci"]);

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = k)]
pub(crate) struct Row {
    id: String,
    name: String,
    name_ci: String,
    algorithm: String,
    kid: String,
    secret: String,
    insert_instant: i64,
    last_update_instant: i64,
}

impl FromRow for SigningKey {
    type Row = Row;

    fn from_row(row: Row) -> QueryResult<SigningKey> {
        Ok(SigningKey {
            id: parse_id(&row.id)?,
            name: row.name,
            // Only HMAC keys are ever written; an unknown value reads as HS256.
            algorithm: Algorithm::parse(&row.algorithm).unwrap_or(Algorithm::Hs256),
            kid: row.kid,
            secret: row.secret,
            insert_instant: row.insert_instant,
            last_update_instant: row.last_update_instant,
        })
    }
}

type Read = Loaded<SigningKey>;

pub fn find(conn: &mut DbConnection, id: Uuid) -> QueryResult<Option<SigningKey>> {
    let by_id = k::table.filter(k::id.eq(id.to_string()));
    load_first(conn, by_id.select(Read::as_select()))
}

/// Every key in creation order.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<SigningKey>> {
    let in_order = k::table.order((k::insert_instant, k::id));
    load_all(conn, in_order.select(Read::as_select()))
}

pub fn name_taken(conn: &mut DbConnection, name: &str) -> QueryResult<bool> {
    super::matches_any(conn, k::table.filter(k::name_ci.eq(fold(name))))
}

pub fn insert(conn: &mut DbConnection, key: &SigningKey) -> QueryResult<()> {
    diesel::insert_into(k::table)
        .values(Row {
            id: key.id.to_string(),
            name: key.name.clone(),
            name_ci: fold(&key.name),
            algorithm: key.algorithm.as_str().to_string(),
            kid: key.kid.clone(),
            secret: key.secret.clone(),
            insert_instant: key.insert_instant,
            last_update_instant: key.last_update_instant,
        })
        .execute(conn)?;
    Ok(())
}

/// How many webhooks name this key in their signature configuration.
pub fn webhooks_using(conn: &mut DbConnection, id: Uuid) -> QueryResult<i64> {
    w::table
        .filter(w::signing_key_id.eq(id.to_string()))
        .count()
        .get_result(conn)
}

pub fn delete(conn: &mut DbConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(k::table.filter(k::id.eq(id.to_string()))).execute(conn)
}
