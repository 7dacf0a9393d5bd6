//! Webhooks; maps and id lists are JSON text columns.

use diesel::prelude::*;
use uuid::Uuid;

use super::{
    load_all, load_first, parse_id, parse_json, parse_opt_id, to_json, FromRow, Loaded, UniqueKey,
};
use crate::db::schema::webhooks as w;
use crate::db::DbConnection;
use crate::domain::webhook::{SignatureConfiguration, Webhook, WebhookSpec};

/// The primary key.
pub const ID: UniqueKey = UniqueKey::new("webhooks", &["id"]);

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = w, treat_none_as_null = true)]
pub(crate) struct Row {
    id: String,
    url: String,
    connect_timeout: i32,
    read_timeout: i32,
    description: Option<String>,
    events_enabled: String,
    is_global: bool,
    tenant_ids: String,
    headers: String,
    http_authentication_username: Option<String>,
    http_authentication_password: Option<String>,
    signature_enabled: bool,
    signing_key_id: Option<String>,
    user_action_ids: String,
    secret: String,
    data: String,
    insert_instant: i64,
    last_update_instant: i64,
}

impl Row {
    fn from_domain(hook: &Webhook) -> Row {
        let s = &hook.spec;
        Row {
            id: hook.id.to_string(),
            url: s.url.clone(),
            connect_timeout: s.connect_timeout,
            read_timeout: s.read_timeout,
            description: s.description.clone(),
            events_enabled: to_json(&s.events_enabled),
            is_global: s.global,
            tenant_ids: to_json(&s.tenant_ids),
            headers: to_json(&s.headers),
            http_authentication_username: s.http_authentication_username.clone(),
            http_authentication_password: s.http_authentication_password.clone(),
            signature_enabled: s.signature_configuration.enabled,
            signing_key_id: s
                .signature_configuration
                .signing_key_id
                .map(|k| k.to_string()),
            user_action_ids: to_json(&s.user_action_ids),
            secret: hook.secret.clone(),
            data: to_json(&s.data),
            insert_instant: hook.insert_instant,
            last_update_instant: hook.last_update_instant,
        }
    }
}

impl FromRow for Webhook {
    type Row = Row;

    fn from_row(r: Row) -> QueryResult<Webhook> {
        Ok(Webhook {
            id: parse_id(&r.id)?,
            spec: WebhookSpec {
                url: r.url,
                connect_timeout: r.connect_timeout,
                read_timeout: r.read_timeout,
                description: r.description,
                events_enabled: parse_json(&r.events_enabled)?,
                global: r.is_global,
                tenant_ids: parse_json(&r.tenant_ids)?,
                headers: parse_json(&r.headers)?,
                http_authentication_username: r.http_authentication_username,
                http_authentication_password: r.http_authentication_password,
                signature_configuration: SignatureConfiguration {
                    enabled: r.signature_enabled,
                    signing_key_id: parse_opt_id(r.signing_key_id.as_deref())?,
                },
                user_action_ids: parse_json(&r.user_action_ids)?,
                data: parse_json(&r.data)?,
            },
            secret: r.secret,
            insert_instant: r.insert_instant,
            last_update_instant: r.last_update_instant,
        })
    }
}

type Read = Loaded<Webhook>;

pub fn find(conn: &mut DbConnection, id: Uuid) -> QueryResult<Option<Webhook>> {
    let by_id = w::table.filter(w::id.eq(id.to_string()));
    load_first(conn, by_id.select(Read::as_select()))
}

/// Every webhook in creation order.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Webhook>> {
    let in_order = w::table.order((w::insert_instant, w::id));
    load_all(conn, in_order.select(Read::as_select()))
}

/// The webhooks that receive a `user.action` event of this definition in this tenant; the tenant's own event configuration is the caller's concern. Webhooks are few, so
/// the JSON columns are filtered here rather than in SQL.
pub fn receiving(
    conn: &mut DbConnection,
    tenant_id: Uuid,
    user_action_id: Uuid,
) -> QueryResult<Vec<Webhook>> {
    Ok(list(conn)?
        .into_iter()
        .filter(|hook| hook.receives(tenant_id, user_action_id))
        .collect())
}

pub fn insert(conn: &mut DbConnection, hook: &Webhook) -> QueryResult<()> {
    diesel::insert_into(w::table)
        .values(Row::from_domain(hook))
        .execute(conn)?;
    Ok(())
}

pub fn update(conn: &mut DbConnection, hook: &Webhook) -> QueryResult<()> {
    diesel::update(w::table.filter(w::id.eq(hook.id.to_string())))
        .set(Row::from_domain(hook))
        .execute(conn)?;
    Ok(())
}

/// Deletes the webhook; its outbox deliveries go with it (`ON DELETE CASCADE`).
pub fn delete(conn: &mut DbConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(w::table.filter(w::id.eq(id.to_string()))).execute(conn)
}
