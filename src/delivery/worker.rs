//! The background worker inside `actioneer serve`: ends expired instances and delivers the
//! outbox (webhooks and emails), with retries. Safe to run in several processes on PostgreSQL.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::time::Duration;

use diesel::Connection;

use super::schedule::{self, Next};
use super::webhook::Agents;
use super::{smtp, webhook};
use crate::app::AppState;
use crate::domain::signing_key::SigningKey;
use crate::domain::webhook::Webhook;
use crate::service;
use crate::store;
use crate::store::outbox::{Attempt, OutboxItem, EMAIL, FAILED, SUCCEEDED, WEBHOOK};

/// How long a claimed item is hidden from other workers while this one delivers it.
const LEASE_MS: i64 = 120_000;
const BATCH: i64 = 50;
/// How often the worker looks for work when there was none.
const IDLE: Duration = Duration::from_millis(200);

/// Starts the worker thread; it stops when `state.shutdown` is set.
pub fn spawn(state: AppState) {
    for _ in 0..THREADS {
        let state = state.clone();
        std::thread::spawn(move || work(state));
    }
}

/// Delivery threads per process. One, so that a webhook's events are attempted in the order they
/// were recorded (§9.3); several threads would need per-webhook claiming first.
const THREADS: usize = 1;

fn work(state: AppState) {
    let mut agents = Agents::default();
    while !state.shutdown.load(Ordering::Relaxed) {
        match run_once(&state, &mut agents) {
            Ok(0) => std::thread::sleep(IDLE),
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "worker round failed; retrying");
                std::thread::sleep(Duration::from_secs(1));
            }
        }
    }
}

/// One round: end due instances, then deliver due outbox items. Returns how much was done.
pub fn run_once(state: &AppState, agents: &mut Agents) -> Result<usize, String> {
    let now = state.now();
    let mut conn = state.db.write().map_err(|e| e.to_string())?;
    let ended = service::expiry::end_expired(&mut conn, now, &state.outbound, 500)
        .map_err(|e| e.to_string())?;
    let claimed = conn
        .transaction(|c| store::outbox::claim_due(c, now, BATCH, LEASE_MS))
        .map_err(|e| e.to_string())?;
    // Deliver without holding the (on SQLite: only) write connection.
    drop(conn);
    let delivered = claimed.len();
    // A batch usually goes to few webhooks: look each (and its key) up once.
    let mut hooks = HookCache::new();
    let outcomes: Vec<Outcome> = claimed
        .iter()
        .map(|item| deliver(state, agents, &mut hooks, item))
        .collect();
    // One transaction records the whole batch: on SQLite every commit takes the only writer.
    if !outcomes.is_empty() {
        let mut conn = state.db.write().map_err(|e| e.to_string())?;
        conn.transaction(|c| {
            for o in &outcomes {
                store::outbox::record_outcome(
                    c,
                    o.id,
                    &o.attempts_json,
                    o.status,
                    o.count,
                    o.next,
                    o.now,
                )?;
            }
            Ok::<_, diesel::result::Error>(())
        })
        .map_err(|e| e.to_string())?;
    }
    Ok(ended + delivered)
}

/// Webhooks and their signing keys by id, for one batch; a lookup failure is remembered too.
type HookCache = HashMap<uuid::Uuid, Result<(Webhook, Option<SigningKey>), Failure>>;

/// The result of one attempt, to be recorded.
struct Outcome {
    id: uuid::Uuid,
    /// Every attempt so far, this one last, as stored JSON.
    attempts_json: String,
    status: &'static str,
    count: i32,
    next: Option<i64>,
    now: i64,
}

fn deliver(
    state: &AppState,
    agents: &mut Agents,
    hooks: &mut HookCache,
    item: &OutboxItem,
) -> Outcome {
    let started = std::time::Instant::now();
    let attempt_instant = state.now();
    let result = match item.kind.as_str() {
        WEBHOOK => attempt_webhook(state, agents, hooks, item),
        EMAIL => attempt_email(state, item),
        other => Err(Failure::permanent(
            None,
            format!("unknown outbox kind {other}"),
        )),
    };
    let duration = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let now = state.now();
    let failures = item.attempt_count + 1;
    let (attempt, status, next) = match result {
        Ok(code) => (
            Attempt {
                attempt_instant,
                status_code: code,
                duration,
                error: None,
            },
            SUCCEEDED,
            None,
        ),
        Err(failure) => {
            let next = if failure.permanent {
                Next::GiveUp
            } else if item.kind == EMAIL {
                schedule::email(failures, now)
            } else {
                schedule::webhook(failures, now)
            };
            let attempt = Attempt {
                attempt_instant,
                status_code: failure.status,
                duration,
                error: Some(failure.error),
            };
            match next {
                Next::RetryAt(at) => (attempt, store::outbox::PENDING, Some(at)),
                Next::GiveUp => (attempt, FAILED, None),
            }
        }
    };
    let mut attempts = item.attempts.clone();
    attempts.push(attempt);
    Outcome {
        id: item.id,
        attempts_json: store::outbox::attempts_json(&attempts),
        status,
        count: failures,
        next,
        now,
    }
}

/// Why an attempt failed.
#[derive(Clone)]
pub struct Failure {
    pub status: Option<u16>,
    pub error: String,
    /// No retry: 410 Gone, a permanent SMTP rejection, a corrupt item.
    pub permanent: bool,
}

impl Failure {
    pub fn transient(status: Option<u16>, error: String) -> Self {
        Failure {
            status,
            error,
            permanent: false,
        }
    }
    pub fn permanent(status: Option<u16>, error: String) -> Self {
        Failure {
            status,
            error,
            permanent: true,
        }
    }
}

fn attempt_webhook(
    state: &AppState,
    agents: &mut Agents,
    hooks: &mut HookCache,
    item: &OutboxItem,
) -> Result<Option<u16>, Failure> {
    let Some(id) = item.webhook_id else {
        return Err(Failure::permanent(
            None,
            "the delivery names no webhook".into(),
        ));
    };
    let found = hooks.entry(id).or_insert_with(|| load_hook(state, id));
    let (hook, key) = match found {
        Ok(found) => found,
        Err(failure) => return Err(failure.clone()),
    };
    let event_id = item.event_id.map(|e| e.to_string()).unwrap_or_default();
    webhook::post(
        agents,
        hook,
        key.as_ref(),
        &event_id,
        item.payload.as_bytes(),
        state.now() / 1000,
    )
}

/// A webhook and its signing key, as the delivery needs them.
fn load_hook(state: &AppState, id: uuid::Uuid) -> Result<(Webhook, Option<SigningKey>), Failure> {
    let mut conn = state
        .db
        .read()
        .map_err(|e| Failure::transient(None, e.to_string()))?;
    let hook = store::webhooks::find(&mut conn, id)
        .map_err(|e| Failure::transient(None, e.to_string()))?
        .ok_or_else(|| Failure::permanent(None, "the webhook was deleted".into()))?;
    let key = match hook.spec.signature_configuration.signing_key_id {
        Some(key_id) => store::signing_keys::find(&mut conn, key_id)
            .map_err(|e| Failure::transient(None, e.to_string()))?,
        None => None,
    };
    Ok((hook, key))
}

fn attempt_email(state: &AppState, item: &OutboxItem) -> Result<Option<u16>, Failure> {
    let tenant_config = match item.tenant_id {
        Some(tenant) => {
            let mut conn = state
                .db
                .read()
                .map_err(|e| Failure::transient(None, e.to_string()))?;
            store::tenants::find(&mut conn, tenant)
                .map_err(|e| Failure::transient(None, e.to_string()))?
                .map(|t| t.email_configuration)
                .unwrap_or_default()
        }
        None => Default::default(),
    };
    smtp::send(
        &item.payload,
        &tenant_config,
        state.config.smtp_url.as_deref(),
    )
    .map(|()| None)
    .map_err(|e| match e {
        smtp::SendError::Transient(e) => Failure::transient(None, e),
        smtp::SendError::Permanent(e) => Failure::permanent(None, e),
    })
}
