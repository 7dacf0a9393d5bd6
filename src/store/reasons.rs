//! Reasons with their localized texts.

use diesel::prelude::*;
use uuid::Uuid;

use super::localizations::{self, REASON};
use super::{fold, matches_any, parse_id, parse_opt_json, to_json, UniqueKey};
use crate::db::schema::user_action_reasons as r;
use crate::db::DbConnection;
use crate::domain::reason::{Reason, ReasonSpec};

/// The primary key.
pub const ID: UniqueKey = UniqueKey::new("user_action_reasons", &["id"]);
/// Reason codes are unique, case-insensitively.
pub const CODE: UniqueKey = UniqueKey::new("user_action_reasons", &["code_ci"]);
/// Reason texts are unique, case-insensitively.
pub const TEXT: UniqueKey = UniqueKey::new("user_action_reasons", &["text_ci"]);

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = r, treat_none_as_null = true)]
struct Row {
    id: String,
    text: String,
    text_ci: String,
    code: String,
    code_ci: String,
    insert_instant: i64,
    last_update_instant: i64,
    escalation: Option<String>,
}

fn assemble(conn: &mut DbConnection, rows: Vec<Row>) -> QueryResult<Vec<Reason>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut texts = localizations::load(conn, REASON, &ids)?;
    rows.into_iter()
        .map(|row| {
            Ok(Reason {
                id: parse_id(&row.id)?,
                spec: ReasonSpec {
                    localized_texts: texts
                        .remove(&(row.id, "text".to_string()))
                        .unwrap_or_default(),
                    text: row.text,
                    code: row.code,
                    escalation: parse_opt_json(row.escalation.as_deref())?,
                },
                insert_instant: row.insert_instant,
                last_update_instant: row.last_update_instant,
            })
        })
        .collect()
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> QueryResult<Option<Reason>> {
    let rows: Vec<Row> = r::table
        .filter(r::id.eq(id.to_string()))
        .select(Row::as_select())
        .load(conn)?;
    Ok(assemble(conn, rows)?.pop())
}

/// Every reason in creation order.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<Reason>> {
    let rows: Vec<Row> = r::table
        .order((r::insert_instant, r::id))
        .select(Row::as_select())
        .load(conn)?;
    assemble(conn, rows)
}

/// (code taken, text taken) by a reason other than `id`.
pub fn taken_by_other(
    conn: &mut DbConnection,
    code: &str,
    text: &str,
    id: Uuid,
) -> QueryResult<(bool, bool)> {
    let other = || r::table.filter(r::id.ne(id.to_string()));
    let code_taken = matches_any(conn, other().filter(r::code_ci.eq(fold(code))))?;
    let text_taken = matches_any(conn, other().filter(r::text_ci.eq(fold(text))))?;
    Ok((code_taken, text_taken))
}

fn row(reason: &Reason) -> Row {
    Row {
        id: reason.id.to_string(),
        text: reason.spec.text.clone(),
        text_ci: fold(&reason.spec.text),
        code: reason.spec.code.clone(),
        code_ci: fold(&reason.spec.code),
        insert_instant: reason.insert_instant,
        last_update_instant: reason.last_update_instant,
        escalation: reason.spec.escalation.as_ref().map(to_json),
    }
}

pub fn insert(conn: &mut DbConnection, reason: &Reason) -> QueryResult<()> {
    diesel::insert_into(r::table)
        .values(row(reason))
        .execute(conn)?;
    written(conn, reason)
}

pub fn update(conn: &mut DbConnection, reason: &Reason) -> QueryResult<()> {
    diesel::update(r::table.filter(r::id.eq(reason.id.to_string())))
        .set(row(reason))
        .execute(conn)?;
    written(conn, reason)
}

/// After the reason's row is written: its localized texts, and the read cache told.
fn written(conn: &mut DbConnection, reason: &Reason) -> QueryResult<()> {
    super::read_cache::bump(conn)?;
    localizations::replace(
        conn,
        REASON,
        &reason.id.to_string(),
        "text",
        &reason.spec.localized_texts,
    )
}

pub fn delete(conn: &mut DbConnection, id: Uuid) -> QueryResult<usize> {
    let id = id.to_string();
    localizations::delete_owners(conn, REASON, std::slice::from_ref(&id))?;
    super::read_cache::bump(conn)?;
    diesel::delete(r::table.filter(r::id.eq(&id))).execute(conn)
}
