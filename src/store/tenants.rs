//! Tenants.

use diesel::prelude::*;
use uuid::Uuid;

use super::{
    fold, load_all, load_first, parse_id, parse_json, to_json, FromRow, Loaded, UniqueKey,
};
use crate::db::schema::{action_instances, api_keys, applications, tenants as t, users};
use crate::db::DbConnection;
use crate::domain::tenant::Tenant;

/// The primary key.
pub const ID: UniqueKey = UniqueKey::new("tenants", &["id"]);
/// Tenant names are unique, case-insensitively.
pub const NAME: UniqueKey = UniqueKey::new("tenants", &["name_ci"]);

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = t)]
pub(crate) struct Row {
    id: String,
    name: String,
    name_ci: String,
    is_default: bool,
    data: String,
    event_configuration: String,
    email_configuration: String,
    failed_authentication_configuration: String,
    signing_secret: String,
    insert_instant: i64,
    last_update_instant: i64,
}

impl FromRow for Tenant {
    type Row = Row;

    fn from_row(r: Row) -> QueryResult<Tenant> {
        Ok(Tenant {
            id: parse_id(&r.id)?,
            name: r.name,
            is_default: r.is_default,
            data: parse_json(&r.data)?,
            event_configuration: parse_json(&r.event_configuration)?,
            email_configuration: parse_json(&r.email_configuration)?,
            failed_authentication_configuration: parse_json(
                &r.failed_authentication_configuration,
            )?,
            signing_secret: r.signing_secret,
            insert_instant: r.insert_instant,
            last_update_instant: r.last_update_instant,
        })
    }
}

type Read = Loaded<Tenant>;

fn row(tenant: &Tenant) -> Row {
    Row {
        id: tenant.id.to_string(),
        name: tenant.name.clone(),
        name_ci: fold(&tenant.name),
        is_default: tenant.is_default,
        data: to_json(&tenant.data),
        event_configuration: to_json(&tenant.event_configuration),
        email_configuration: to_json(&tenant.email_configuration),
        failed_authentication_configuration: to_json(&tenant.failed_authentication_configuration),
        signing_secret: tenant.signing_secret.clone(),
        insert_instant: tenant.insert_instant,
        last_update_instant: tenant.last_update_instant,
    }
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> QueryResult<Option<Tenant>> {
    let by_id = t::table.filter(t::id.eq(id.to_string()));
    load_first(conn, by_id.select(Read::as_select()))
}

pub fn exists(conn: &mut DbConnection, id: Uuid) -> QueryResult<bool> {
    super::matches_any(conn, t::table.filter(t::id.eq(id.to_string())))
}

pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Tenant>> {
    let in_order = t::table.order((t::insert_instant, t::id));
    load_all(conn, in_order.select(Read::as_select()))
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    t::table.count().get_result(conn)
}

/// The id of the only tenant, when there is exactly one.
pub fn only_tenant(conn: &mut DbConnection) -> QueryResult<Option<Uuid>> {
    let ids: Vec<String> = t::table.select(t::id).limit(2).load(conn)?;
    match ids.as_slice() {
        [one] => parse_id(one).map(Some),
        _ => Ok(None),
    }
}

pub fn name_taken_by_other(conn: &mut DbConnection, name: &str, id: Uuid) -> QueryResult<bool> {
    super::matches_any(
        conn,
        t::table
            .filter(t::name_ci.eq(fold(name)))
            .filter(t::id.ne(id.to_string())),
    )
}

pub fn insert(conn: &mut DbConnection, tenant: &Tenant) -> QueryResult<()> {
    diesel::insert_into(t::table)
        .values(row(tenant))
        .execute(conn)?;
    super::read_cache::bump(conn)
}

pub fn update(conn: &mut DbConnection, tenant: &Tenant) -> QueryResult<()> {
    diesel::update(t::table.filter(t::id.eq(tenant.id.to_string())))
        .set(row(tenant))
        .execute(conn)?;
    super::read_cache::bump(conn)
}

pub fn delete(conn: &mut DbConnection, id: Uuid) -> QueryResult<usize> {
    super::read_cache::bump(conn)?;
    diesel::delete(t::table.filter(t::id.eq(id.to_string()))).execute(conn)
}

/// What deleting a tenant takes with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TenantContents {
    pub users: i64,
    pub applications: i64,
    pub instances: i64,
    pub api_keys: i64,
}

pub fn contents(conn: &mut DbConnection, id: Uuid) -> QueryResult<TenantContents> {
    let id = id.to_string();
    // The rows of `table` in the tenant.
    macro_rules! count_in {
        ($table:ident) => {
            $table::table
                .filter($table::tenant_id.eq(&id))
                .count()
                .get_result(conn)?
        };
    }
    Ok(TenantContents {
        users: count_in!(users),
        applications: count_in!(applications),
        instances: count_in!(action_instances),
        api_keys: count_in!(api_keys),
    })
}
