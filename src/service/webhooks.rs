//! Creating, changing and deleting webhooks, and keeping them consistent when tenants and
//! definitions go away.

use base64::Engine;
use diesel::Connection;
use uuid::Uuid;

use super::{
    as_duplicate, check, deleted, new_id_after, OmittedPassword, ServiceError, ServiceResult,
    UniqueField,
};
use crate::db::DbConnection;
use crate::domain::webhook::{
    self, Webhook, WebhookDraft, WebhookFacts, WebhookInput, WebhookSpec,
};
use crate::domain::webhook_reach::{self, Silenced};
use crate::domain::FieldErrors;
use crate::store;

/// What a webhook's writes can collide on, and the field each collision is reported under.
pub const UNIQUE: &[UniqueField] = &[(store::webhooks::ID, "webhookId")];

/// `whsec_` followed by the standard base64 of 32 random bytes.
pub fn generate_secret() -> String {
    let secret = base64::engine::general_purpose::STANDARD.encode(super::random_bytes(32));
    format!("{}{secret}", webhook::SECRET_PREFIX)
}

fn facts(conn: &mut DbConnection, draft: &WebhookDraft) -> ServiceResult<WebhookFacts> {
    let mut facts = WebhookFacts::default();
    for id in &draft.tenant_ids {
        if !store::tenants::exists(conn, *id)? {
            facts.unknown_tenant = true;
        }
    }
    for id in &draft.user_action_ids {
        if store::user_actions::find(conn, *id)?.is_none() {
            facts.unknown_user_action = true;
        }
    }
    if let Some(key) = draft.signature_configuration.signing_key_id {
        facts.signing_key_known = store::signing_keys::find(conn, key)?.is_some();
    }
    Ok(facts)
}

/// Normalises and checks `input`; an omitted password keeps `stored_password`.
fn checked(
    conn: &mut DbConnection,
    input: WebhookInput,
    stored_password: Option<String>,
    mut errors: FieldErrors,
) -> ServiceResult<WebhookSpec> {
    let draft = webhook::normalise(input);
    let facts = facts(conn, &draft)?;
    let mut spec = webhook::validate(draft, &facts, &mut errors);
    check(errors)?;
    if spec.http_authentication_password.is_none() {
        spec.http_authentication_password = stored_password;
    }
    Ok(spec)
}

pub fn create(
    conn: &mut DbConnection,
    now: i64,
    id: Option<Uuid>,
    input: WebhookInput,
) -> ServiceResult<Webhook> {
    create_with(conn, now, id, input, FieldErrors::new())
}

/// `create`, reporting `errors` found before (a form's unreadable numbers) with the rest.
pub fn create_with(
    conn: &mut DbConnection,
    now: i64,
    id: Option<Uuid>,
    input: WebhookInput,
    errors: FieldErrors,
) -> ServiceResult<Webhook> {
    conn.transaction(|conn| {
        let (id, errors) = new_id_after(id, "webhookId", errors, |id| {
            Ok(store::webhooks::find(conn, id)?.is_some())
        })?;
        let spec = checked(conn, input, None, errors)?;
        let hook = Webhook {
            id,
            spec,
            secret: generate_secret(),
            insert_instant: now,
            last_update_instant: now,
        };
        store::webhooks::insert(conn, &hook).map_err(as_duplicate(UNIQUE))?;
        Ok(hook)
    })
}

/// Replaces everything but the id, the secret, the insert instant and an omitted password.
pub fn update(
    conn: &mut DbConnection,
    now: i64,
    id: Uuid,
    input: WebhookInput,
) -> ServiceResult<Webhook> {
    update_with(
        conn,
        now,
        id,
        input,
        FieldErrors::new(),
        OmittedPassword::Keep,
    )
}

/// `update`, reporting `errors` found before with the rest; `omitted` says whether a stored
/// password the input does not replace is kept or removed.
pub fn update_with(
    conn: &mut DbConnection,
    now: i64,
    id: Uuid,
    input: WebhookInput,
    errors: FieldErrors,
    omitted: OmittedPassword,
) -> ServiceResult<Webhook> {
    conn.transaction(|conn| {
        let stored = store::webhooks::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        let password = match omitted {
            OmittedPassword::Keep => stored.spec.http_authentication_password.clone(),
            OmittedPassword::Remove => None,
        };
        let spec = checked(conn, input, password, errors)?;
        let hook = Webhook {
            spec,
            last_update_instant: now,
            ..stored
        };
        store::webhooks::update(conn, &hook)?;
        Ok(hook)
    })
}

/// Replaces the Standard Webhooks secret: receivers must switch to the new one.
pub fn regenerate_secret(conn: &mut DbConnection, now: i64, id: Uuid) -> ServiceResult<Webhook> {
    conn.transaction(|conn| {
        let stored = store::webhooks::find(conn, id)?.ok_or(ServiceError::NotFound)?;
        let hook = Webhook {
            secret: generate_secret(),
            last_update_instant: now,
            ..stored
        };
        store::webhooks::update(conn, &hook)?;
        Ok(hook)
    })
}

pub fn find(conn: &mut DbConnection, id: Uuid) -> ServiceResult<Webhook> {
    store::webhooks::find(conn, id)?.ok_or(ServiceError::NotFound)
}

pub fn list(conn: &mut DbConnection) -> ServiceResult<Vec<Webhook>> {
    Ok(store::webhooks::list(conn)?)
}

pub fn delete(conn: &mut DbConnection, id: Uuid) -> ServiceResult<()> {
    deleted(store::webhooks::delete(conn, id)?)
}

/// A tenant is being deleted: drop it from every webhook's `tenantIds`.
/// Runs inside the caller's transaction.
pub fn forget_tenant(conn: &mut DbConnection, now: i64, tenant_id: Uuid) -> ServiceResult<()> {
    update_each(conn, now, |hook| hook.forget_tenant(tenant_id))
}

/// A definition is being hard-deleted: drop it from every webhook's `userActionIds`, turning
/// `user.action` off where the list becomes empty. Runs inside the caller's
/// transaction.
pub fn forget_user_action(
    conn: &mut DbConnection,
    now: i64,
    user_action_id: Uuid,
) -> ServiceResult<()> {
    update_each(conn, now, |hook| hook.forget_user_action(user_action_id))
}

/// Applies `change` to every webhook and stores those it says it changed.
fn update_each(
    conn: &mut DbConnection,
    now: i64,
    change: impl Fn(&mut Webhook) -> bool,
) -> ServiceResult<()> {
    for mut hook in store::webhooks::list(conn)? {
        if change(&mut hook) {
            hook.last_update_instant = now;
            store::webhooks::update(conn, &hook)?;
        }
    }
    Ok(())
}

/// Names for the ids a webhook form shows: tenants, definitions (active and not, by name) and
/// signing keys.
pub struct Names {
    pub tenants: Vec<(Uuid, String)>,
    pub actions: Vec<(Uuid, String)>,
    pub keys: Vec<(Uuid, String)>,
    /// Events webhooks wait for that a tenant they serve has switched off.
    pub silenced: Vec<Silenced>,
}

pub fn names(conn: &mut DbConnection) -> ServiceResult<Names> {
    let tenants = super::tenants::list(conn)?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let mut actions: Vec<(Uuid, String)> = super::user_actions::list(conn, true, None)?
        .into_iter()
        .chain(super::user_actions::list(conn, false, None)?)
        .map(|a| (a.id, a.spec.name))
        .collect();
    actions.sort_by(|a, b| a.1.cmp(&b.1));
    let keys = super::signing_keys::list(conn)?
        .into_iter()
        .map(|k| (k.id, format!("{} ({})", k.name, k.algorithm.as_str())))
        .collect();
    Ok(Names {
        tenants,
        actions,
        keys,
        silenced: silenced(conn)?,
    })
}

/// Every event a webhook waits for that a tenant it serves has switched off, by webhook.
pub fn silenced(conn: &mut DbConnection) -> ServiceResult<Vec<Silenced>> {
    let tenants = super::tenants::list(conn)?;
    Ok(list(conn)?
        .iter()
        .flat_map(|h| webhook_reach::silenced(h, &tenants))
        .collect())
}
