//! Translated values of data, keyed by (owner kind, owner id, field, locale).

use std::collections::HashMap;

use diesel::prelude::*;

use crate::db::schema::localizations as l;
use crate::db::DbConnection;
use crate::domain::locale::LocalizedStrings;

pub const ACTION: &str = "user_action";
pub const OPTION: &str = "user_action_option";
pub const REASON: &str = "reason";
pub const EMAIL_TEMPLATE: &str = "email_template";

/// All localized maps of the given owners: (owner id, field) → map.
pub fn load(
    conn: &mut DbConnection,
    kind: &str,
    owner_ids: &[String],
) -> QueryResult<HashMap<(String, String), LocalizedStrings>> {
    let mut out: HashMap<(String, String), LocalizedStrings> = HashMap::new();
    if owner_ids.is_empty() {
        return Ok(out);
    }
    let rows: Vec<(String, String, String, String)> = l::table
        .filter(l::owner_kind.eq(kind))
        .filter(l::owner_id.eq_any(owner_ids))
        .select((l::owner_id, l::field, l::locale, l::value))
        .load(conn)?;
    for (owner, field, locale, value) in rows {
        out.entry((owner, field)).or_default().insert(locale, value);
    }
    Ok(out)
}

/// Replaces the map of one owner's field.
pub fn replace(
    conn: &mut DbConnection,
    kind: &str,
    owner_id: &str,
    field: &str,
    map: &LocalizedStrings,
) -> QueryResult<()> {
    diesel::delete(
        l::table
            .filter(l::owner_kind.eq(kind))
            .filter(l::owner_id.eq(owner_id))
            .filter(l::field.eq(field)),
    )
    .execute(conn)?;
    // MultiConnection has no batch insert; maps are small.
    for (locale, value) in map {
        diesel::insert_into(l::table)
            .values((
                l::owner_kind.eq(kind),
                l::owner_id.eq(owner_id),
                l::field.eq(field),
                l::locale.eq(locale),
                l::value.eq(value),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Removes every localized value of the given owners.
pub fn delete_owners(conn: &mut DbConnection, kind: &str, owner_ids: &[String]) -> QueryResult<()> {
    if owner_ids.is_empty() {
        return Ok(());
    }
    diesel::delete(
        l::table
            .filter(l::owner_kind.eq(kind))
            .filter(l::owner_id.eq_any(owner_ids)),
    )
    .execute(conn)?;
    Ok(())
}
