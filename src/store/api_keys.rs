//! API keys, stored only as SHA-256 hashes of the raw key.

use diesel::prelude::*;
use uuid::Uuid;

use super::{load_all, load_first, parse_id, parse_opt_id, FromRow, UniqueKey};
use crate::db::schema::api_keys as k;
use crate::db::DbConnection;
use crate::domain::token::token_hash;

/// The primary key.
pub const ID: UniqueKey = UniqueKey::new("api_keys", &["id"]);
/// Key values are unique (compared by their hash).
pub const KEY: UniqueKey = UniqueKey::new("api_keys", &["key_hash"]);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyRecord {
    pub id: Uuid,
    pub tenant_id: Option<Uuid>,
    pub description: Option<String>,
    pub insert_instant: i64,
    pub last_update_instant: i64,
}

type Row = (String, Option<String>, Option<String>, i64, i64);

impl FromRow for ApiKeyRecord {
    type Row = Row;

    fn from_row(r: Row) -> QueryResult<ApiKeyRecord> {
        Ok(ApiKeyRecord {
            id: parse_id(&r.0)?,
            tenant_id: parse_opt_id(r.1.as_deref())?,
            description: r.2,
            insert_instant: r.3,
            last_update_instant: r.4,
        })
    }
}

const COLUMNS: (
    k::id,
    k::tenant_id,
    k::description,
    k::insert_instant,
    k::last_update_instant,
) = (
    k::id,
    k::tenant_id,
    k::description,
    k::insert_instant,
    k::last_update_instant,
);

pub fn find_by_key(conn: &mut DbConnection, raw: &str) -> QueryResult<Option<ApiKeyRecord>> {
    let by_key = k::table.filter(k::key_hash.eq(token_hash(raw)));
    load_first(conn, by_key.select(COLUMNS))
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> QueryResult<Option<ApiKeyRecord>> {
    let by_id = k::table.filter(k::id.eq(id.to_string()));
    load_first(conn, by_id.select(COLUMNS))
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<ApiKeyRecord>> {
    let in_order = k::table.order((k::insert_instant, k::id));
    load_all(conn, in_order.select(COLUMNS))
}

pub fn key_exists(conn: &mut DbConnection, raw: &str) -> QueryResult<bool> {
    super::matches_any(conn, k::table.filter(k::key_hash.eq(token_hash(raw))))
}

pub fn insert(conn: &mut DbConnection, key: &ApiKeyRecord, raw: &str) -> QueryResult<()> {
    diesel::insert_into(k::table)
        .values((
            k::id.eq(key.id.to_string()),
            k::key_hash.eq(token_hash(raw)),
            k::tenant_id.eq(key.tenant_id.map(|t| t.to_string())),
            k::description.eq(&key.description),
            k::insert_instant.eq(key.insert_instant),
            k::last_update_instant.eq(key.last_update_instant),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(k::table.filter(k::id.eq(id.to_string()))).execute(conn)
}
