//! Generating, listing and deleting HMAC signing keys.

use base64::Engine;
use diesel::Connection;
use uuid::Uuid;

use super::{as_duplicate, check, new_id, ServiceError, ServiceResult, UniqueField};
use crate::db::DbConnection;
use crate::domain::signing_key::{self, KeyFacts, KeyInput, SigningKey};
use crate::domain::{FieldErrors, Kind};
use crate::store;

/// What a key's writes can collide on, and the field each collision is reported under. The kid
/// is random, never a client's.
pub const UNIQUE: &[UniqueField] = &[
    (store::signing_keys::ID, "keyId"),
    (store::signing_keys::NAME, "key.name"),
];

/// Generates a key with a random secret and kid; the result is the only time the secret is shown.
pub fn generate(
    conn: &mut DbConnection,
    now: i64,
    id: Option<Uuid>,
    input: KeyInput,
) -> ServiceResult<SigningKey> {
    conn.transaction(|conn| {
        let (id, mut errors) = new_id(id, "keyId", |id| {
            Ok(store::signing_keys::find(conn, id)?.is_some())
        })?;
        let name_taken = match input.name.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => store::signing_keys::name_taken(conn, name)?,
            _ => false,
        };
        let spec = signing_key::validate(input, &KeyFacts { name_taken }, &mut errors);
        check(errors)?;
        let spec = spec.ok_or_else(|| ServiceError::Internal("unchecked key".into()))?;
        let engine = &base64::engine::general_purpose::STANDARD;
        let key = SigningKey {
            id,
            name: spec.name,
            algorithm: spec.algorithm,
            kid: base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(super::random_bytes(16)),
            secret: engine.encode(super::random_bytes(spec.algorithm.secret_bytes())),
            insert_instant: now,
            last_update_instant: now,
        };
        store::signing_keys::insert(conn, &key).map_err(as_duplicate(UNIQUE))?;
        Ok(key)
    })
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> ServiceResult<SigningKey> {
    store::signing_keys::find(conn, id)?.ok_or(ServiceError::NotFound)
}

pub fn list(conn: &mut DbConnection) -> ServiceResult<Vec<SigningKey>> {
    Ok(store::signing_keys::list(conn)?)
}

/// Deletes a key no webhook signs with: `[inUse]keyId` otherwise.
pub fn delete(conn: &mut DbConnection, id: Uuid) -> ServiceResult<()> {
    conn.transaction(|conn| {
        store::signing_keys::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        if store::signing_keys::webhooks_using(conn, id)? > 0 {
            return Err(FieldErrors::single(Kind::InUse, "keyId").into());
        }
        store::signing_keys::delete(conn, id)?;
        Ok(())
    })
}
