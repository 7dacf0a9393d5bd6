//! The background loops inside `actioneer serve`: one starts scheduled instances, sends reminders
//! and ends expired instances, one delivers webhook events, one sends emails, each retrying on
//! the schedule. Safe in several processes on PostgreSQL: items are claimed with a lease,
//! skipping rows another process has locked.
//!
//! One bad item never stops a loop: an item whose delivery fails in any way, a panic included, is
//! recorded as a failed attempt and the loop goes on; a panic that escapes a round restarts the
//! loop after a short pause. Each loop reports its health (`super::health`).

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use diesel::Connection;
use uuid::Uuid;

use super::health::{self, panic_text, BACKLOG_CAP};
use super::schedule::{self, Next};
use super::webhook::Agents;
use super::{smtp, webhook};
use crate::app::AppState;
use crate::db::DbConnection;
use crate::domain::signing_key::SigningKey;
use crate::domain::tenant::EmailConfiguration;
use crate::domain::webhook::Webhook;
use crate::service::due::{self, DueQueue, Ends, Reminders, Starts};
use crate::service::insights;
use crate::store;
use crate::store::outbox::{Attempt, OutboxItem, EMAIL, FAILED, PENDING, SUCCEEDED, WEBHOOK};

/// How long a claimed item is hidden from other workers while this one delivers it.
const LEASE_MS: i64 = 120_000;
/// A round starts no attempt after this long, well inside the lease, so a slow receiver cannot
/// keep a claimed item past its lease (where another process could claim it too).
const ROUND_BUDGET: Duration = Duration::from_secs(30);
/// Items claimed per round. Webhook attempts are cheap, so their rounds are long: one claim and
/// one record transaction serve many attempts.
const WEBHOOK_BATCH: i64 = 500;
const EMAIL_BATCH: i64 = 50;
const END_BATCH: i64 = 1_000;
/// Ends tried one at a time in a round after a batch of ends failed.
const END_FALLBACK_BATCH: i64 = 100;
/// Destinations (webhooks, tenants' SMTP servers) attempted at once within a round.
const PARALLEL_DESTINATIONS: usize = 8;
/// When items a stalled destination did not get to are due again.
const STALLED_DELAY_MS: i64 = 1_000;
/// How often a loop looks for work when there was none.
const IDLE: Duration = Duration::from_millis(200);
/// The pause after a round that failed with an error.
const AFTER_ERROR: Duration = Duration::from_secs(1);
/// How long a stopping server waits for its loops to finish the round they are in (a round's
/// budget is longer: what is cut short is leased, and retried once the lease runs out).
pub const STOP_GRACE: Duration = Duration::from_secs(10);
/// The pause before restarting a loop after a panic, doubled for each panic in a row up to
/// [`MAX_RESTART_PAUSE`].
const RESTART_PAUSE: Duration = Duration::from_millis(250);
const MAX_RESTART_PAUSE: Duration = Duration::from_secs(30);
/// How often a busy loop counts its backlog.
const BACKLOG_EVERY: Duration = Duration::from_secs(1);

/// Starts the three loops; they stop when `state.shutdown` is set.
pub fn spawn(state: AppState) {
    let failures = LifecycleFailures::default();
    let counts_forgotten_in = AtomicI64::new(i64::MIN);
    spawn_loop(
        health::ENDS,
        "actioneer-ends",
        state.clone(),
        // Scheduled starts first: an instance whose start and end both passed starts, then ends.
        // Reminders are sent before ends too, so one due at the same time goes out first.
        move |s| {
            let done = due_round::<Starts>(s, &failures.starts)?
                + due_round::<Reminders>(s, &failures.reminders)?
                + due_round::<Ends>(s, &failures.ends)?;
            forget_past_counts(s, &counts_forgotten_in)?;
            Ok(done)
        },
        lifecycle_backlog,
    );
    let agents = Agents::default();
    spawn_loop(
        health::WEBHOOKS,
        "actioneer-webhooks",
        state.clone(),
        move |s| deliver_round(s, &agents, WEBHOOK, WEBHOOK_BATCH),
        |c, now| store::outbox::count_due(c, WEBHOOK, now, BACKLOG_CAP),
    );
    let unused = Agents::default();
    spawn_loop(
        health::EMAILS,
        "actioneer-emails",
        state,
        move |s| deliver_round(s, &unused, EMAIL, EMAIL_BATCH),
        |c, now| store::outbox::count_due(c, EMAIL, now, BACKLOG_CAP),
    );
}

/// Asks every loop to stop after the round it is in, and waits for them at most `grace`, so that
/// a delivery made is also recorded as made rather than made again by the next process. Whether
/// every loop stopped in time.
pub fn stop(state: &AppState, grace: Duration) -> bool {
    state.shutdown.store(true, Ordering::Relaxed);
    let until = Instant::now() + grace;
    while state.workers.any_running() {
        if Instant::now() >= until {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

type Backlog = fn(&mut DbConnection, i64) -> diesel::QueryResult<i64>;

fn spawn_loop(
    name: &'static str,
    thread_name: &str,
    state: AppState,
    round: impl Fn(&AppState) -> Result<usize, String> + Send + 'static,
    backlog: Backlog,
) {
    let workers = state.workers.clone();
    workers.started(name);
    let started = std::thread::Builder::new()
        .name(thread_name.into())
        .spawn(move || {
            run_loop(name, &state, &round, backlog);
            state.workers.stopped(name);
        });
    if let Err(e) = started {
        workers.stopped(name);
        tracing::error!(error = %e, worker = name, "could not start a worker thread");
    }
}

/// Runs rounds until shutdown. A panic that escapes a round is caught here: the loop is reported
/// down, pauses, and starts again with fresh rounds.
fn run_loop(
    name: &'static str,
    state: &AppState,
    round: &impl Fn(&AppState) -> Result<usize, String>,
    backlog: Backlog,
) {
    let workers = &state.workers;
    let mut panics_in_a_row: u32 = 0;
    while !state.shutdown.load(Ordering::Relaxed) {
        workers.round_started(name);
        let result = catch_unwind(AssertUnwindSafe(|| {
            workers.check_round_fault(name);
            round(state)
        }));
        match result {
            Ok(Ok(count)) => {
                panics_in_a_row = 0;
                workers.round_succeeded(name, state.now());
                measure_backlog(name, state, count, backlog);
                if count == 0 {
                    std::thread::sleep(IDLE);
                }
            }
            Ok(Err(e)) => {
                tracing::warn!(error = %e, worker = name, "round failed; retrying");
                workers.round_failed(name, state.now(), &e);
                pause(state, AFTER_ERROR);
            }
            Err(panic) => {
                let error = panic_text(&*panic);
                tracing::error!(%error, worker = name, "a round panicked; restarting the loop");
                workers.round_panicked(name, state.now(), &error);
                panics_in_a_row = panics_in_a_row.saturating_add(1);
                pause(state, restart_pause(panics_in_a_row));
                workers.restarted(name);
            }
        }
    }
}

/// The pause before the restart that follows the `n`-th panic in a row.
fn restart_pause(n: u32) -> Duration {
    let doublings = n.saturating_sub(1).min(16);
    RESTART_PAUSE
        .saturating_mul(1 << doublings)
        .min(MAX_RESTART_PAUSE)
}

/// Sleeps up to `total`, waking early at shutdown.
fn pause(state: &AppState, total: Duration) {
    let step = Duration::from_millis(50);
    let until = Instant::now() + total;
    while !state.shutdown.load(Ordering::Relaxed) {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return;
        }
        std::thread::sleep(left.min(step));
    }
}

/// Records the loop's backlog: none after a round that found nothing due, else counted (capped) at
/// most once per [`BACKLOG_EVERY`].
fn measure_backlog(name: &'static str, state: &AppState, count: usize, backlog: Backlog) {
    if count == 0 {
        state.workers.set_backlog(name, 0);
        return;
    }
    if !state.workers.backlog_due(name, BACKLOG_EVERY) {
        return;
    }
    let counted = state
        .db
        .read()
        .map_err(|e| e.to_string())
        .and_then(|mut conn| backlog(&mut conn, state.now()).map_err(|e| e.to_string()));
    match counted {
        Ok(n) => state.workers.set_backlog(name, n),
        Err(e) => tracing::debug!(error = %e, worker = name, "could not count the backlog"),
    }
}

/// Processes up to a batch of queue `Q`'s due items in one transaction; when the batch fails,
/// one at a time instead. Returns how many were processed.
fn due_round<Q: DueQueue>(state: &AppState, failures: &Failures<Q::Key>) -> Result<usize, String> {
    with_fallback(
        Q::NAME,
        || {
            let mut conn = state.db.write().map_err(|e| e.to_string())?;
            due::process_due::<Q>(&mut conn, state.now(), &state.outbound, END_BATCH)
                .map_err(|e| e.to_string())
        },
        || one_at_a_time::<Q>(state, failures),
    )
}

/// Once an hour (the first round in each hour of `state.now()`), forgets the dashboard's
/// counts of spans that have ended. It is not work a round counts: it never keeps the loop busy.
fn forget_past_counts(state: &AppState, forgotten_in: &AtomicI64) -> Result<(), String> {
    const HOUR: i64 = 3_600_000;
    let now = state.now();
    if forgotten_in.swap(now / HOUR, Ordering::Relaxed) == now / HOUR {
        return Ok(());
    }
    let mut conn = state.db.write().map_err(|e| e.to_string())?;
    insights::forget_past_expiry_counts(&mut conn, now).map_err(|e| e.to_string())?;
    Ok(())
}

/// How many times, in a row, each failing item has failed (in this process).
type Failures<K> = Mutex<HashMap<K, i32>>;

/// The lifecycle loop's failure counts, one per queue.
#[derive(Default)]
struct LifecycleFailures {
    starts: Failures<Uuid>,
    reminders: Failures<(Uuid, i64)>,
    ends: Failures<Uuid>,
}

/// Runs `batch`; when it fails (an error or a panic), runs `fallback`, which handles the due
/// items one at a time, so that one bad item cannot hold up the others.
fn with_fallback(
    what: &str,
    batch: impl FnOnce() -> Result<usize, String>,
    fallback: impl FnOnce() -> Result<usize, String>,
) -> Result<usize, String> {
    let error = match catch_unwind(AssertUnwindSafe(batch)) {
        Ok(Ok(done)) => return Ok(done),
        Ok(Err(e)) => e,
        Err(panic) => panic_text(&*panic),
    };
    tracing::warn!(%error, "a batch of {what} failed; handling them one at a time");
    match fallback() {
        Ok(0) => Err(error),
        Ok(processed) => Ok(processed),
        Err(then) => Err(format!("{error}; then: {then}")),
    }
}

/// Handles queue `Q`'s due items each in its own transaction. One that fails is recorded in the
/// lifecycle loop's health and postponed on the retry schedule; the others go on.
fn one_at_a_time<Q: DueQueue>(
    state: &AppState,
    failures: &Failures<Q::Key>,
) -> Result<usize, String> {
    let due = {
        let mut conn = state.db.read().map_err(|e| e.to_string())?;
        due::due_keys::<Q>(&mut conn, state.now(), END_FALLBACK_BATCH).map_err(|e| e.to_string())?
    };
    let mut failures = failures
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for &key in &due {
        let done = catch_unwind(AssertUnwindSafe(|| {
            let mut conn = state.db.write().map_err(|e| e.to_string())?;
            due::process_one::<Q>(&mut conn, state.now(), &state.outbound, key)
                .map_err(|e| e.to_string())
        }));
        let error = match done {
            Ok(Ok(_)) => {
                failures.remove(&key);
                continue;
            }
            Ok(Err(e)) => e,
            Err(panic) => panic_text(&*panic),
        };
        let now = state.now();
        let count = failures.entry(key).or_insert(0);
        *count = count.saturating_add(1);
        let at = match schedule::email(*count, now) {
            Next::RetryAt(at) => at,
            Next::GiveUp => now + STALLED_DELAY_MS,
        };
        let mut conn = state.db.write().map_err(|e| e.to_string())?;
        due::postpone::<Q>(&mut conn, key, at).map_err(|e| e.to_string())?;
        let error = format!("{}: {error}", Q::describe(key));
        tracing::error!(%error, retry_at = at, "an item failed; the others go on");
        state.workers.item_failed(health::ENDS, now, &error);
    }
    Ok(due.len())
}

/// The lifecycle loop's backlog: due starts, reminders and ends, counted up to the cap.
pub fn lifecycle_backlog(conn: &mut DbConnection, now: i64) -> diesel::QueryResult<i64> {
    let starts = store::lifecycle::count_due_starts(conn, now, BACKLOG_CAP)?;
    let reminders = store::lifecycle::count_due_reminders(conn, now, BACKLOG_CAP)?;
    let ends = store::instances::count_due_ends(conn, now, BACKLOG_CAP)?;
    Ok(starts
        .saturating_add(reminders)
        .saturating_add(ends)
        .min(BACKLOG_CAP))
}

/// One round for `kind`: claim due items, attempt them, record every result in one transaction
/// (on SQLite every commit takes the only writer). Returns how many items were claimed.
fn deliver_round(
    state: &AppState,
    agents: &Agents,
    kind: &str,
    batch: i64,
) -> Result<usize, String> {
    let claimed = {
        let mut conn = state.db.write().map_err(|e| e.to_string())?;
        conn.transaction(|c| store::outbox::claim_due(c, kind, state.now(), batch, LEASE_MS))
            .map_err(|e| e.to_string())?
    };
    let count = claimed.len();
    if count == 0 {
        return Ok(0);
    }
    let deadline = Instant::now() + ROUND_BUDGET;
    let settled: Vec<Settled> = in_parallel(by_destination(claimed), |items| {
        deliver_to_destination(state, agents, &items, deadline)
    })
    .into_iter()
    .flatten()
    .collect();
    record(state, &settled)?;
    Ok(count)
}

/// Splits a claimed batch by destination, keeping each destination's items in record order:
/// a destination's items are attempted one after the other, in that order.
fn by_destination(items: Vec<OutboxItem>) -> Vec<Vec<OutboxItem>> {
    let mut index: HashMap<Option<Uuid>, usize> = HashMap::new();
    let mut groups: Vec<Vec<OutboxItem>> = Vec::new();
    for item in items {
        let key = if item.kind == WEBHOOK {
            item.webhook_id
        } else {
            item.tenant_id
        };
        let at = *index.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[at].push(item);
    }
    groups
}

/// Runs `work` on every group, up to `PARALLEL_DESTINATIONS` at once.
fn in_parallel<R: Send>(
    groups: Vec<Vec<OutboxItem>>,
    work: impl Fn(Vec<OutboxItem>) -> R + Sync,
) -> Vec<R> {
    if groups.len() == 1 {
        return groups.into_iter().map(work).collect();
    }
    let threads = groups.len().min(PARALLEL_DESTINATIONS);
    let queue = Mutex::new(groups.into_iter());
    let next = || {
        queue
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .next()
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut results = Vec::new();
                    while let Some(group) = next() {
                        results.push(work(group));
                    }
                    results
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// What became of a claimed item in a round.
enum Settled {
    Attempted(Outcome),
    /// Not attempted (its destination stalled, or the round ran out of time): due again at the
    /// given instant, with no attempt recorded.
    Deferred(Uuid, i64),
}

/// The result of one attempt, to be recorded.
struct Outcome {
    id: Uuid,
    /// Every attempt so far, this one last, as stored JSON.
    attempts_json: String,
    status: &'static str,
    count: i32,
    next: Option<i64>,
    now: i64,
}

/// Where a group's items go, looked up once per round.
enum Destination {
    Webhook(Box<(Webhook, Option<SigningKey>)>),
    Smtp(EmailConfiguration),
}

/// Attempts a destination's items in order. After an attempt that got no answer at all (refused,
/// timed out) the rest wait for a later round: a hanging receiver costs one timeout per round,
/// not one per item.
fn deliver_to_destination(
    state: &AppState,
    agents: &Agents,
    items: &[OutboxItem],
    deadline: Instant,
) -> Vec<Settled> {
    let Some(first) = items.first() else {
        return Vec::new();
    };
    let destination = catch_unwind(AssertUnwindSafe(|| destination(state, first)))
        .unwrap_or_else(|panic| Err(Failure::fault(panic_text(&*panic))));
    let mut settled = Vec::with_capacity(items.len());
    let mut stalled = false;
    for item in items {
        if stalled || Instant::now() >= deadline {
            let delay = if stalled { STALLED_DELAY_MS } else { 0 };
            settled.push(Settled::Deferred(item.id, state.now() + delay));
            continue;
        }
        let started = Instant::now();
        let attempt_instant = state.now();
        let result = catch_unwind(AssertUnwindSafe(|| {
            state.workers.check_item_fault(loop_of(item), &item.payload);
            match &destination {
                Ok(Destination::Webhook(hook)) => {
                    attempt_webhook(state, agents, &hook.0, hook.1.as_ref(), item)
                }
                Ok(Destination::Smtp(config)) => attempt_email(state, config, item),
                Err(failure) => Err(failure.clone()),
            }
        }))
        .unwrap_or_else(|panic| Err(Failure::fault(panic_text(&*panic))));
        if let Err(failure) = &result {
            if failure.fault {
                let error = format!("{} {}: {}", item.kind, item.id, failure.error);
                tracing::error!(%error, "an item failed unexpectedly; the others go on");
                state
                    .workers
                    .item_failed(loop_of(item), state.now(), &error);
            }
            // A fault of this item says nothing about the destination: the next one is tried.
            stalled = failure.status.is_none() && !failure.permanent && !failure.fault;
        }
        settled.push(Settled::Attempted(outcome(
            state,
            item,
            attempt_instant,
            started.elapsed(),
            result,
        )));
    }
    settled
}

/// The loop that delivers `item`, by its kind.
fn loop_of(item: &OutboxItem) -> &'static str {
    if item.kind == WEBHOOK {
        health::WEBHOOKS
    } else {
        health::EMAILS
    }
}

/// The destination of `item` and of every item grouped with it.
fn destination(state: &AppState, item: &OutboxItem) -> Result<Destination, Failure> {
    match item.kind.as_str() {
        WEBHOOK => {
            let id = item
                .webhook_id
                .ok_or_else(|| Failure::permanent(None, "the delivery names no webhook".into()))?;
            load_hook(state, id).map(|found| Destination::Webhook(Box::new(found)))
        }
        EMAIL => tenant_email_configuration(state, item.tenant_id).map(Destination::Smtp),
        other => Err(Failure::permanent(
            None,
            format!("unknown outbox kind {other}"),
        )),
    }
}

/// The attempt as it will be recorded, with the item's next state.
fn outcome(
    state: &AppState,
    item: &OutboxItem,
    attempt_instant: i64,
    took: Duration,
    result: Result<Option<u16>, Failure>,
) -> Outcome {
    let duration = i64::try_from(took.as_millis()).unwrap_or(i64::MAX);
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
                Next::RetryAt(at) => (attempt, PENDING, Some(at)),
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

/// Records a round's results in one transaction.
fn record(state: &AppState, settled: &[Settled]) -> Result<(), String> {
    let mut conn = state.db.write().map_err(|e| e.to_string())?;
    conn.transaction(|c| {
        let mut deferred: HashMap<i64, Vec<Uuid>> = HashMap::new();
        for s in settled {
            match s {
                Settled::Attempted(o) => store::outbox::record_outcome(
                    c,
                    o.id,
                    &o.attempts_json,
                    o.status,
                    o.count,
                    o.next,
                    o.now,
                )?,
                Settled::Deferred(id, at) => deferred.entry(*at).or_default().push(*id),
            }
        }
        for (at, ids) in deferred {
            store::outbox::release(c, &ids, at)?;
        }
        Ok::<_, diesel::result::Error>(())
    })
    .map_err(|e| e.to_string())
}

/// Why an attempt failed.
#[derive(Clone)]
pub struct Failure {
    pub status: Option<u16>,
    pub error: String,
    /// No retry: 410 Gone, a permanent SMTP rejection, a corrupt item.
    pub permanent: bool,
    /// The attempt itself went wrong (a panic), not the destination: retried on the schedule,
    /// and the destination's next items are still tried.
    pub fault: bool,
}

impl Failure {
    pub fn transient(status: Option<u16>, error: String) -> Self {
        Failure {
            status,
            error,
            permanent: false,
            fault: false,
        }
    }
    pub fn permanent(status: Option<u16>, error: String) -> Self {
        Failure {
            status,
            error,
            permanent: true,
            fault: false,
        }
    }
    /// An attempt that panicked: retried on the schedule like a transient failure.
    pub fn fault(error: String) -> Self {
        Failure {
            status: None,
            error,
            permanent: false,
            fault: true,
        }
    }
}

fn attempt_webhook(
    state: &AppState,
    agents: &Agents,
    hook: &Webhook,
    key: Option<&SigningKey>,
    item: &OutboxItem,
) -> Result<Option<u16>, Failure> {
    let event_id = item.event_id.map(|e| e.to_string()).unwrap_or_default();
    webhook::post(
        agents,
        hook,
        key,
        &event_id,
        item.payload.as_bytes(),
        state.now() / 1000,
    )
}

/// A webhook and its signing key, as the delivery needs them.
fn load_hook(state: &AppState, id: Uuid) -> Result<(Webhook, Option<SigningKey>), Failure> {
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

/// The tenant's own SMTP settings (empty: the server-wide `ACTIONEER_SMTP_URL` applies).
fn tenant_email_configuration(
    state: &AppState,
    tenant: Option<Uuid>,
) -> Result<EmailConfiguration, Failure> {
    let Some(tenant) = tenant else {
        return Ok(EmailConfiguration::default());
    };
    let mut conn = state
        .db
        .read()
        .map_err(|e| Failure::transient(None, e.to_string()))?;
    Ok(store::tenants::find(&mut conn, tenant)
        .map_err(|e| Failure::transient(None, e.to_string()))?
        .map(|t| t.email_configuration)
        .unwrap_or_default())
}

fn attempt_email(
    state: &AppState,
    config: &EmailConfiguration,
    item: &OutboxItem,
) -> Result<Option<u16>, Failure> {
    smtp::send(&item.payload, config, state.config.smtp_url.as_deref())
        .map(|()| None)
        .map_err(|e| match e {
            smtp::SendError::Transient(e) => Failure::transient(None, e),
            smtp::SendError::Permanent(e) => Failure::permanent(None, e),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: &str, n: u128, destination: u128) -> OutboxItem {
        let destination = Some(Uuid::from_u128(destination));
        OutboxItem {
            id: Uuid::from_u128(n),
            kind: kind.into(),
            webhook_id: (kind == WEBHOOK).then_some(destination).flatten(),
            tenant_id: (kind == EMAIL).then_some(destination).flatten(),
            event_id: None,
            event_type: None,
            action_id: None,
            payload: String::new(),
            status: PENDING.into(),
            attempts: vec![],
            attempt_count: 0,
            next_attempt_instant: Some(0),
            insert_instant: 0,
            last_update_instant: 0,
        }
    }

    fn ids(groups: &[Vec<OutboxItem>]) -> Vec<Vec<u128>> {
        groups
            .iter()
            .map(|g| g.iter().map(|i| i.id.as_u128()).collect())
            .collect()
    }

    #[test]
    fn groups_keep_each_destinations_record_order() {
        let claimed = vec![
            item(WEBHOOK, 1, 10),
            item(WEBHOOK, 2, 20),
            item(WEBHOOK, 3, 10),
            item(WEBHOOK, 4, 30),
            item(WEBHOOK, 5, 20),
            item(WEBHOOK, 6, 10),
        ];
        assert_eq!(
            ids(&by_destination(claimed)),
            vec![vec![1, 3, 6], vec![2, 5], vec![4]]
        );
    }

    #[test]
    fn emails_group_by_tenant() {
        let claimed = vec![item(EMAIL, 1, 7), item(EMAIL, 2, 8), item(EMAIL, 3, 7)];
        assert_eq!(ids(&by_destination(claimed)), vec![vec![1, 3], vec![2]]);
    }

    #[test]
    fn parallel_work_covers_every_group_once() {
        let groups: Vec<Vec<OutboxItem>> = (0..20)
            .map(|g| vec![item(WEBHOOK, g, g), item(WEBHOOK, 100 + g, g)])
            .collect();
        let mut done: Vec<u128> = in_parallel(groups, |items| {
            items.iter().map(|i| i.id.as_u128()).collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        done.sort_unstable();
        let mut expected: Vec<u128> = (0..20).chain(100..120).collect();
        expected.sort_unstable();
        assert_eq!(done, expected);
    }
}
