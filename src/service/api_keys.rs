//! API keys: created with a random value shown once, stored as a hash; and the short-lived cache
//! of key look-ups every API call goes through.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::Engine;
use diesel::Connection;
use uuid::Uuid;

use super::{as_duplicate, check, deleted, new_id, ServiceError, ServiceResult, UniqueField};
use crate::db::DbConnection;
use crate::domain::text::{too_long, MAX_DESCRIPTION};
use crate::domain::token::token_hash;
use crate::domain::Kind;
use crate::store;
pub use crate::store::api_keys::ApiKeyRecord;

pub const MIN_KEY_LENGTH: usize = 32;

/// What a key's writes can collide on, and the field each collision is reported under.
pub const UNIQUE: &[UniqueField] = &[
    (store::api_keys::ID, "apiKeyId"),
    (store::api_keys::KEY, "apiKey.key"),
];

pub fn generate_key() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(super::random_bytes(32))
}

/// What a client asked for when creating a key.
#[derive(Debug, Default)]
pub struct NewKey {
    pub id: Option<Uuid>,
    pub key: Option<String>,
    pub tenant_id: Option<Uuid>,
    pub description: Option<String>,
    pub has_permissions: bool,
}

/// Creates a key and returns it with its raw value (shown only now).
pub fn create(
    conn: &mut DbConnection,
    now: i64,
    new: NewKey,
) -> ServiceResult<(ApiKeyRecord, String)> {
    conn.transaction(|conn| {
        let (id, mut errors) = new_id(new.id, "apiKeyId", |id| {
            Ok(store::api_keys::find(conn, id)?.is_some())
        })?;
        if new.has_permissions {
            errors.add_with(
                Kind::NotAllowed,
                "apiKey.permissions",
                "Endpoint permissions are not supported; omit them.",
            );
        }
        if let Some(key) = &new.key {
            if key.chars().count() < MIN_KEY_LENGTH {
                errors.add_with(
                    Kind::TooShort,
                    "apiKey.key",
                    "An API key must have at least 32 characters.",
                );
            } else if store::api_keys::key_exists(conn, key)? {
                errors.add(Kind::Duplicate, "apiKey.key");
            }
        }
        if let Some(tenant) = new.tenant_id {
            if !store::tenants::exists(conn, tenant)? {
                errors.add(Kind::Invalid, "apiKey.tenantId");
            }
        }
        let description = new
            .description
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty());
        if description
            .as_deref()
            .is_some_and(|d| too_long(d, MAX_DESCRIPTION))
        {
            errors.add(Kind::TooLong, "apiKey.metaData.attributes.description");
        }
        check(errors)?;
        let raw = new.key.unwrap_or_else(generate_key);
        let record = ApiKeyRecord {
            id,
            tenant_id: new.tenant_id,
            description,
            insert_instant: now,
            last_update_instant: now,
        };
        store::api_keys::insert(conn, &record, &raw).map_err(as_duplicate(UNIQUE))?;
        Ok((record, raw))
    })
}

/// Makes sure the configured `ACTIONEER_API_KEY` exists as a global key (any length: the
/// operator chose it).
pub fn ensure_configured(conn: &mut DbConnection, now: i64, raw: &str) -> ServiceResult<()> {
    if store::api_keys::key_exists(conn, raw)? {
        return Ok(());
    }
    let record = ApiKeyRecord {
        id: Uuid::now_v7(),
        tenant_id: None,
        description: Some("From ACTIONEER_API_KEY".into()),
        insert_instant: now,
        last_update_instant: now,
    };
    store::api_keys::insert(conn, &record, raw)?;
    Ok(())
}

pub fn authenticate(conn: &mut DbConnection, raw: &str) -> ServiceResult<Option<ApiKeyRecord>> {
    Ok(store::api_keys::find_by_key(conn, raw)?)
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> ServiceResult<ApiKeyRecord> {
    store::api_keys::find(conn, id)?.ok_or(ServiceError::NotFound)
}

pub fn list(conn: &mut DbConnection) -> ServiceResult<Vec<ApiKeyRecord>> {
    Ok(store::api_keys::list(conn)?)
}

pub fn delete(conn: &mut DbConnection, id: Uuid) -> ServiceResult<()> {
    deleted(store::api_keys::delete(conn, id)?)
}

/// How long a key look-up is trusted; a key deleted in another process stops working after this.
const KEY_TTL: Duration = Duration::from_secs(5);

/// Key hash → (`Some(tenant scope)` of a known key or `None` for an unknown one, fetched at).
type KeyEntries = HashMap<String, (Option<Option<Uuid>>, Instant)>;

/// Recent key look-ups; whoever deletes a key (or a tenant, with its keys) clears it.
#[derive(Default)]
pub struct KeyCache {
    entries: Mutex<KeyEntries>,
}

impl KeyCache {
    /// `Some(Some(tenant))` / `Some(None)` (global) for a known key, `None` when not cached.
    fn get(&self, hash: &str) -> Option<Option<Option<Uuid>>> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(hash)
            .filter(|(_, at)| at.elapsed() < KEY_TTL)
            .map(|(v, _)| *v)
    }

    fn put(&self, hash: String, value: Option<Option<Uuid>>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() > 10_000 {
                entries.clear();
            }
            entries.insert(hash, (value, Instant::now()));
        }
    }

    /// Forgets every cached key (after a key is deleted in this process).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    /// A cached look-up of `raw`: `Some(Some(None))` a global key, `Some(Some(Some(tenant)))` a
    /// tenant-scoped one, `Some(None)` an unknown key, `None` when not cached.
    pub fn cached(&self, raw: &str) -> Option<Option<Option<Uuid>>> {
        self.get(&token_hash(raw))
    }

    /// Remembers what `raw` turned out to be (`None`: unknown).
    pub fn remember(&self, raw: &str, scope: Option<Option<Uuid>>) {
        self.put(token_hash(raw), scope);
    }
}
