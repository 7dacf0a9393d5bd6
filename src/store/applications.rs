//! Applications of a tenant.

use diesel::prelude::*;
use uuid::Uuid;

use super::{
    fold, load_all, load_first, parse_id, parse_json, to_json, within_tenant, FromRow, Loaded,
    UniqueKey,
};
use crate::db::schema::applications as a;
use crate::db::DbConnection;
use crate::domain::application::Application;

/// The primary key.
pub const ID: UniqueKey = UniqueKey::new("applications", &["id"]);
/// Application names are unique within a tenant, case-insensitively.
pub const NAME: UniqueKey = UniqueKey::new("applications", &["tenant_id", "name_ci"]);

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = a)]
pub(crate) struct Row {
    id: String,
    tenant_id: String,
    name: String,
    name_ci: String,
    active: bool,
    data: String,
    insert_instant: i64,
    last_update_instant: i64,
}

impl FromRow for Application {
    type Row = Row;

    fn from_row(r: Row) -> QueryResult<Application> {
        Ok(Application {
            id: parse_id(&r.id)?,
            tenant_id: parse_id(&r.tenant_id)?,
            name: r.name,
            active: r.active,
            data: parse_json(&r.data)?,
            insert_instant: r.insert_instant,
            last_update_instant: r.last_update_instant,
        })
    }
}

type Read = Loaded<Application>;

fn row(app: &Application) -> Row {
    Row {
        id: app.id.to_string(),
        tenant_id: app.tenant_id.to_string(),
        name: app.name.clone(),
        name_ci: fold(&app.name),
        active: app.active,
        data: to_json(&app.data),
        insert_instant: app.insert_instant,
        last_update_instant: app.last_update_instant,
    }
}

/// An application by id, limited to `tenant` when given.
pub fn find(
    conn: &mut DbConnection,
    id: Uuid,
    tenant: Option<Uuid>,
) -> QueryResult<Option<Application>> {
    let query = a::table
        .filter(a::id.eq(id.to_string()))
        .select(Read::as_select())
        .into_boxed();
    load_first(conn, within_tenant(query, a::tenant_id, tenant))
}

pub fn list(
    conn: &mut DbConnection,
    active: bool,
    tenant: Option<Uuid>,
) -> QueryResult<Vec<Application>> {
    let query = a::table
        .filter(a::active.eq(active))
        .order((a::name, a::id))
        .select(Read::as_select())
        .into_boxed();
    load_all(conn, within_tenant(query, a::tenant_id, tenant))
}

/// How many of `ids` are applications of `tenant`.
pub fn count_in_tenant(conn: &mut DbConnection, ids: &[Uuid], tenant: Uuid) -> QueryResult<i64> {
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    a::table
        .filter(a::id.eq_any(ids))
        .filter(a::tenant_id.eq(tenant.to_string()))
        .count()
        .get_result(conn)
}

pub fn name_taken_by_other(
    conn: &mut DbConnection,
    tenant: Uuid,
    name: &str,
    id: Uuid,
) -> QueryResult<bool> {
    super::matches_any(
        conn,
        a::table
            .filter(a::tenant_id.eq(tenant.to_string()))
            .filter(a::name_ci.eq(fold(name)))
            .filter(a::id.ne(id.to_string())),
    )
}

pub fn exists(conn: &mut DbConnection, id: Uuid) -> QueryResult<bool> {
    super::matches_any(conn, a::table.filter(a::id.eq(id.to_string())))
}

pub fn insert(conn: &mut DbConnection, app: &Application) -> QueryResult<()> {
    diesel::insert_into(a::table)
        .values(row(app))
        .execute(conn)?;
    Ok(())
}

pub fn update(conn: &mut DbConnection, app: &Application) -> QueryResult<()> {
    diesel::update(a::table.filter(a::id.eq(app.id.to_string())))
        .set(row(app))
        .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(a::table.filter(a::id.eq(id.to_string()))).execute(conn)
}
