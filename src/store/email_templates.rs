//! Email templates with their localized subjects, bodies and from-names.

use diesel::prelude::*;
use uuid::Uuid;

use super::localizations::{self, EMAIL_TEMPLATE};
use super::{parse_id, UniqueKey};
use crate::db::schema::email_templates as e;
use crate::db::DbConnection;
use crate::domain::email_template::{EmailTemplate, EmailTemplateSpec};

/// The primary key.
pub const ID: UniqueKey = UniqueKey::new("email_templates", &["id"]);

/// Localized fields, as named in the `localizations` table.
const SUBJECT: &str = "subject";
const HTML: &str = "html_template";
const TEXT: &str = "text_template";
const FROM_NAME: &str = "from_name";

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = e)]
#[diesel(treat_none_as_null = true)]
struct Row {
    id: String,
    name: String,
    default_subject: String,
    default_html_template: String,
    default_text_template: String,
    default_from_name: Option<String>,
    from_email: Option<String>,
    insert_instant: i64,
    last_update_instant: i64,
}

pub fn exists(conn: &mut DbConnection, id: Uuid) -> QueryResult<bool> {
    super::matches_any(conn, e::table.filter(e::id.eq(id.to_string())))
}

fn assemble(conn: &mut DbConnection, rows: Vec<Row>) -> QueryResult<Vec<EmailTemplate>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut maps = localizations::load(conn, EMAIL_TEMPLATE, &ids)?;
    let mut take = |id: &str, field: &str| {
        maps.remove(&(id.to_string(), field.to_string()))
            .unwrap_or_default()
    };
    rows.into_iter()
        .map(|row| {
            Ok(EmailTemplate {
                id: parse_id(&row.id)?,
                spec: EmailTemplateSpec {
                    localized_subjects: take(&row.id, SUBJECT),
                    localized_html_templates: take(&row.id, HTML),
                    localized_text_templates: take(&row.id, TEXT),
                    localized_from_names: take(&row.id, FROM_NAME),
                    name: row.name,
                    default_subject: row.default_subject,
                    default_html_template: row.default_html_template,
                    default_text_template: row.default_text_template,
                    default_from_name: row.default_from_name,
                    from_email: row.from_email,
                },
                insert_instant: row.insert_instant,
                last_update_instant: row.last_update_instant,
            })
        })
        .collect()
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> QueryResult<Option<EmailTemplate>> {
    let rows: Vec<Row> = e::table
        .filter(e::id.eq(id.to_string()))
        .select(Row::as_select())
        .load(conn)?;
    Ok(assemble(conn, rows)?.pop())
}

/// Every template in creation order.
pub fn list(conn: &mut DbConnection) -> QueryResult<Vec<EmailTemplate>> {
    let rows: Vec<Row> = e::table
        .order((e::insert_instant, e::id))
        .select(Row::as_select())
        .load(conn)?;
    assemble(conn, rows)
}

fn row(template: &EmailTemplate) -> Row {
    let spec = &template.spec;
    Row {
        id: template.id.to_string(),
        name: spec.name.clone(),
        default_subject: spec.default_subject.clone(),
        default_html_template: spec.default_html_template.clone(),
        default_text_template: spec.default_text_template.clone(),
        default_from_name: spec.default_from_name.clone(),
        from_email: spec.from_email.clone(),
        insert_instant: template.insert_instant,
        last_update_instant: template.last_update_instant,
    }
}

fn write_localized(conn: &mut DbConnection, template: &EmailTemplate) -> QueryResult<()> {
    let id = template.id.to_string();
    let spec = &template.spec;
    for (field, map) in [
        (SUBJECT, &spec.localized_subjects),
        (HTML, &spec.localized_html_templates),
        (TEXT, &spec.localized_text_templates),
        (FROM_NAME, &spec.localized_from_names),
    ] {
        localizations::replace(conn, EMAIL_TEMPLATE, &id, field, map)?;
    }
    Ok(())
}

pub fn insert(conn: &mut DbConnection, template: &EmailTemplate) -> QueryResult<()> {
    diesel::insert_into(e::table)
        .values(row(template))
        .execute(conn)?;
    write_localized(conn, template)
}

pub fn update(conn: &mut DbConnection, template: &EmailTemplate) -> QueryResult<()> {
    diesel::update(e::table.filter(e::id.eq(template.id.to_string())))
        .set(row(template))
        .execute(conn)?;
    write_localized(conn, template)
}

/// Deletes a template and its localized values; the number of templates deleted.
pub fn delete(conn: &mut DbConnection, id: Uuid) -> QueryResult<usize> {
    let id = id.to_string();
    localizations::delete_owners(conn, EMAIL_TEMPLATE, std::slice::from_ref(&id))?;
    diesel::delete(e::table.filter(e::id.eq(&id))).execute(conn)
}
