//! Action definitions with their options and localized names.

use std::collections::HashMap;

use diesel::prelude::*;
use uuid::Uuid;

use super::localizations::{self, ACTION, OPTION};
use super::{fold, parse_id, parse_json, parse_opt_id, parse_opt_json, to_json, UniqueKey};
use crate::db::schema::{user_action_options as o, user_actions as ua};
use crate::db::DbConnection;
use crate::domain::lifecycle::{ActionKind, Beyond};
use crate::domain::user_action::{NamedOption, UserAction, UserActionSpec};

/// The primary key.
pub const ID: UniqueKey = UniqueKey::new("user_actions", &["id"]);
/// Definition names are unique, case-insensitively.
pub const NAME: UniqueKey = UniqueKey::new("user_actions", &["name_ci"]);

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = ua, treat_none_as_null = true)]
struct Row {
    id: String,
    name: String,
    name_ci: String,
    active: bool,
    temporal: bool,
    prevent_login: bool,
    send_end_event: bool,
    include_email_in_event_json: bool,
    user_emailing_enabled: bool,
    user_notifications_enabled: bool,
    start_email_template_id: Option<String>,
    modify_email_template_id: Option<String>,
    cancel_email_template_id: Option<String>,
    end_email_template_id: Option<String>,
    transaction_type: String,
    tenant_ids: String,
    insert_instant: i64,
    last_update_instant: i64,
    kind: String,
    reminders: String,
    escalation: Option<String>,
}

impl Row {
    fn from_domain(a: &UserAction) -> Row {
        let s = &a.spec;
        let id = |v: Option<Uuid>| v.map(|u| u.to_string());
        Row {
            id: a.id.to_string(),
            name: s.name.clone(),
            name_ci: fold(&s.name),
            active: a.active,
            temporal: s.temporal,
            prevent_login: s.prevent_login,
            send_end_event: s.send_end_event,
            include_email_in_event_json: s.include_email_in_event_json,
            user_emailing_enabled: s.user_emailing_enabled,
            user_notifications_enabled: s.user_notifications_enabled,
            start_email_template_id: id(s.start_email_template_id),
            modify_email_template_id: id(s.modify_email_template_id),
            cancel_email_template_id: id(s.cancel_email_template_id),
            end_email_template_id: id(s.end_email_template_id),
            transaction_type: s.transaction_type.clone(),
            tenant_ids: to_json(&s.tenant_ids),
            insert_instant: a.insert_instant,
            last_update_instant: a.last_update_instant,
            kind: s.beyond.kind.as_str().to_string(),
            reminders: to_json(&s.beyond.reminders),
            escalation: s.beyond.escalation.as_ref().map(to_json),
        }
    }
}

/// Loads definitions with their options and localized names, in the rows' order.
fn assemble(conn: &mut DbConnection, rows: Vec<Row>) -> QueryResult<Vec<UserAction>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut names = localizations::load(conn, ACTION, &ids)?;
    let option_rows: Vec<(String, String, String)> = o::table
        .filter(o::user_action_id.eq_any(&ids))
        .order((o::user_action_id, o::position))
        .select((o::id, o::user_action_id, o::name))
        .load(conn)?;
    let option_ids: Vec<String> = option_rows.iter().map(|r| r.0.clone()).collect();
    let mut option_names = localizations::load(conn, OPTION, &option_ids)?;
    let mut options: HashMap<String, Vec<NamedOption>> = HashMap::new();
    for (option_id, action_id, name) in option_rows {
        let localized_names = option_names
            .remove(&(option_id, "name".to_string()))
            .unwrap_or_default();
        options.entry(action_id).or_default().push(NamedOption {
            name,
            localized_names,
        });
    }
    rows.into_iter()
        .map(|r| {
            Ok(UserAction {
                id: parse_id(&r.id)?,
                active: r.active,
                insert_instant: r.insert_instant,
                last_update_instant: r.last_update_instant,
                spec: UserActionSpec {
                    localized_names: names
                        .remove(&(r.id.clone(), "name".to_string()))
                        .unwrap_or_default(),
                    options: options.remove(&r.id).unwrap_or_default(),
                    name: r.name,
                    temporal: r.temporal,
                    prevent_login: r.prevent_login,
                    send_end_event: r.send_end_event,
                    include_email_in_event_json: r.include_email_in_event_json,
                    user_emailing_enabled: r.user_emailing_enabled,
                    user_notifications_enabled: r.user_notifications_enabled,
                    start_email_template_id: parse_opt_id(r.start_email_template_id.as_deref())?,
                    modify_email_template_id: parse_opt_id(r.modify_email_template_id.as_deref())?,
                    cancel_email_template_id: parse_opt_id(r.cancel_email_template_id.as_deref())?,
                    end_email_template_id: parse_opt_id(r.end_email_template_id.as_deref())?,
                    transaction_type: r.transaction_type,
                    tenant_ids: parse_json(&r.tenant_ids)?,
                    beyond: Beyond {
                        kind: ActionKind::parse(&r.kind).unwrap_or_default(),
                        reminders: parse_json(&r.reminders)?,
                        escalation: parse_opt_json(r.escalation.as_deref())?,
                    },
                },
            })
        })
        .collect()
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> QueryResult<Option<UserAction>> {
    let rows: Vec<Row> = ua::table
        .filter(ua::id.eq(id.to_string()))
        .select(Row::as_select())
        .load(conn)?;
    Ok(assemble(conn, rows)?.pop())
}

/// Definitions with the given `active` flag, sorted by name (ordinal).
pub fn list(conn: &mut DbConnection, active: bool) -> QueryResult<Vec<UserAction>> {
    let rows: Vec<Row> = ua::table
        .filter(ua::active.eq(active))
        .select(Row::as_select())
        .load(conn)?;
    let mut all = assemble(conn, rows)?;
    all.sort_by(|a, b| a.spec.name.cmp(&b.spec.name).then(a.id.cmp(&b.id)));
    Ok(all)
}

/// `Some(active)` of another definition with this name (case-insensitive).
pub fn name_taken_by_other(
    conn: &mut DbConnection,
    name: &str,
    id: Uuid,
) -> QueryResult<Option<bool>> {
    ua::table
        .filter(ua::name_ci.eq(fold(name)))
        .filter(ua::id.ne(id.to_string()))
        .select(ua::active)
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut DbConnection, action: &UserAction) -> QueryResult<()> {
    diesel::insert_into(ua::table)
        .values(Row::from_domain(action))
        .execute(conn)?;
    super::read_cache::bump(conn)?;
    write_children(conn, action)
}

pub fn update(conn: &mut DbConnection, action: &UserAction) -> QueryResult<()> {
    diesel::update(ua::table.filter(ua::id.eq(action.id.to_string())))
        .set(Row::from_domain(action))
        .execute(conn)?;
    super::read_cache::bump(conn)?;
    write_children(conn, action)
}

pub fn set_active(conn: &mut DbConnection, id: Uuid, active: bool) -> QueryResult<usize> {
    super::read_cache::bump(conn)?;
    diesel::update(ua::table.filter(ua::id.eq(id.to_string())))
        .set(ua::active.eq(active))
        .execute(conn)
}

/// Deletes the definition; its options and instances go with it (foreign keys cascade).
pub fn delete(conn: &mut DbConnection, id: Uuid) -> QueryResult<usize> {
    let id = id.to_string();
    let option_ids: Vec<String> = o::table
        .filter(o::user_action_id.eq(&id))
        .select(o::id)
        .load(conn)?;
    localizations::delete_owners(conn, OPTION, &option_ids)?;
    localizations::delete_owners(conn, ACTION, std::slice::from_ref(&id))?;
    super::read_cache::bump(conn)?;
    diesel::delete(ua::table.filter(ua::id.eq(&id))).execute(conn)
}

/// Ids of definitions that use the template in any phase.
pub fn using_template(conn: &mut DbConnection, template_id: Uuid) -> QueryResult<i64> {
    let t = template_id.to_string();
    ua::table
        .filter(
            ua::start_email_template_id
                .eq(&t)
                .or(ua::modify_email_template_id.eq(&t))
                .or(ua::cancel_email_template_id.eq(&t))
                .or(ua::end_email_template_id.eq(&t)),
        )
        .count()
        .get_result(conn)
}

/// Every definition (for tenant clean-up); small table.
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<UserAction>> {
    let rows: Vec<Row> = ua::table.select(Row::as_select()).load(conn)?;
    assemble(conn, rows)
}

fn write_children(conn: &mut DbConnection, action: &UserAction) -> QueryResult<()> {
    let id = action.id.to_string();
    localizations::replace(conn, ACTION, &id, "name", &action.spec.localized_names)?;
    let old: Vec<String> = o::table
        .filter(o::user_action_id.eq(&id))
        .select(o::id)
        .load(conn)?;
    localizations::delete_owners(conn, OPTION, &old)?;
    diesel::delete(o::table.filter(o::user_action_id.eq(&id))).execute(conn)?;
    for (position, option) in action.spec.options.iter().enumerate() {
        let option_id = Uuid::now_v7().to_string();
        diesel::insert_into(o::table)
            .values((
                o::id.eq(&option_id),
                o::user_action_id.eq(&id),
                o::position.eq(position as i32),
                o::name.eq(&option.name),
            ))
            .execute(conn)?;
        localizations::replace(conn, OPTION, &option_id, "name", &option.localized_names)?;
    }
    Ok(())
}

/// How many instances of the definition exist, in any state and tenant (what a hard delete
/// removes).
pub fn count_instances(conn: &mut DbConnection, id: Uuid) -> QueryResult<i64> {
    use crate::db::schema::action_instances as i;
    i::table
        .filter(i::user_action_id.eq(id.to_string()))
        .count()
        .get_result(conn)
}
