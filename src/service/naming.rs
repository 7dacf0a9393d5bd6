//! What a page needs to name actions, options and reasons in its viewer's language.

use crate::db::DbConnection;
use crate::domain::naming::Naming;
use crate::store;

use super::ServiceResult;

/// Every definition (inactive ones too: old instances name them) and every reason.
pub fn for_language(conn: &mut DbConnection, lang: &str) -> ServiceResult<Naming> {
    let mut actions = store::user_actions::list(conn, true)?;
    actions.extend(store::user_actions::list(conn, false)?);
    let reasons = store::reasons::list(conn)?;
    Ok(Naming::for_language(lang, actions, reasons))
}
