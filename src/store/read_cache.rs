//! In-process copies of the rows every apply reads and that rarely change: definitions (with
//! options and localized names), reasons and tenants.
//!
//! Every write to those tables (and to their localized texts) bumps the one-row
//! `read_cache_version` in the same transaction (`bump`). A reader passes the version it read in
//! its own transaction (`users::find_pair` reads it with the users, at no extra statement); a
//! copy made at another version is dropped. So a change is seen at once, by this process and by
//! every other process on the same PostgreSQL, and an uncommitted or rolled-back change never
//! stays in the cache: its version is not the one the next reader sees.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use diesel::prelude::*;
use uuid::Uuid;

use crate::db::schema::read_cache_version as v;
use crate::db::DbConnection;
use crate::domain::reason::Reason;
use crate::domain::tenant::Tenant;
use crate::domain::user_action::UserAction;

/// Copies kept per kind at most; a full map is emptied (ids come from requests).
const MAX_ENTRIES: usize = 4096;

/// The version as a select expression, to read it along with another query.
pub(crate) const VERSION_SQL: &str = "(SELECT version FROM read_cache_version WHERE id = 1)";

/// Marks definitions, reasons and tenants as changed, in the caller's transaction.
pub fn bump(conn: &mut DbConnection) -> QueryResult<()> {
    diesel::update(v::table.filter(v::id.eq(1)))
        .set(v::version.eq(v::version + 1))
        .execute(conn)?;
    Ok(())
}

/// The current version, as the caller's transaction sees it.
pub fn version(conn: &mut DbConnection) -> QueryResult<i64> {
    Ok(v::table
        .filter(v::id.eq(1))
        .select(v::version)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

#[derive(Default)]
struct Copies {
    version: i64,
    definitions: HashMap<Uuid, Arc<UserAction>>,
    reasons: HashMap<Uuid, Arc<Reason>>,
    tenants: HashMap<Uuid, Arc<Tenant>>,
}

/// Shared by every thread of a process (one per database).
#[derive(Default)]
pub struct ReadCache {
    copies: Mutex<Copies>,
}

macro_rules! cached {
    ($name:ident, $field:ident, $ty:ty, $load:path) => {
        /// The row as of `version` (read in the caller's transaction), from the cache or loaded.
        pub fn $name(
            &self,
            conn: &mut DbConnection,
            version: i64,
            id: Uuid,
        ) -> QueryResult<Option<Arc<$ty>>> {
            if let Some(found) = self.with(version, |c| c.$field.get(&id).cloned()) {
                return Ok(Some(found));
            }
            let Some(loaded) = $load(conn, id)?.map(Arc::new) else {
                return Ok(None);
            };
            self.with(version, |c| {
                if c.$field.len() >= MAX_ENTRIES {
                    c.$field.clear();
                }
                c.$field.insert(id, loaded.clone());
            });
            Ok(Some(loaded))
        }
    };
}

impl ReadCache {
    /// Runs `f` on the copies of `version`, dropping copies of any other version first.
    fn with<T>(&self, version: i64, f: impl FnOnce(&mut Copies) -> T) -> T {
        let mut copies = match self.copies.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if copies.version != version {
            *copies = Copies {
                version,
                ..Copies::default()
            };
        }
        f(&mut copies)
    }

    /// The copy of a definition last loaded, at whatever version: a hint for decisions that
    /// are checked again in the transaction (which locks an apply's batch takes).
    pub fn last_definition(&self, id: Uuid) -> Option<Arc<UserAction>> {
        let copies = match self.copies.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        copies.definitions.get(&id).cloned()
    }

    cached!(
        definition,
        definitions,
        UserAction,
        super::user_actions::find
    );
    cached!(reason, reasons, Reason, super::reasons::find);
    cached!(tenant, tenants, Tenant, super::tenants::find);
}
