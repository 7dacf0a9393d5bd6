//! How each background loop is doing: when it last finished a round, its last error, how often
//! it was restarted, and its backlog. `/api/status` and the admin's email log read it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// The loops, by the names the status reports. `ends` is the lifecycle loop: it also starts
/// scheduled instances and sends reminders, and its backlog counts all three queues.
pub const ENDS: &str = "ends";
pub const WEBHOOKS: &str = "webhooks";
pub const EMAILS: &str = "emails";
pub const LOOPS: [&str; 3] = [ENDS, WEBHOOKS, EMAILS];

/// Rounds failing in a row (errors or panics) before a loop counts as failing.
pub const FAILING_AFTER: u32 = 3;
/// A round still running after this long counts as stuck (well past a round's budget and the
/// longest delivery timeout).
pub const STUCK_AFTER: Duration = Duration::from_secs(300);

/// What a loop is doing, as reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoopStatus {
    /// Running and finishing rounds.
    Ok,
    /// Not started yet (the worker does not run in this process).
    NotStarted,
    /// Its thread is gone, or it is waiting to be restarted after a panic.
    Down,
    /// Its last rounds all failed.
    Failing,
    /// A round has been running for too long.
    Stuck,
}

impl LoopStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LoopStatus::Ok => "ok",
            LoopStatus::NotStarted => "notStarted",
            LoopStatus::Down => "down",
            LoopStatus::Failing => "failing",
            LoopStatus::Stuck => "stuck",
        }
    }

    /// Whether this status makes the server unhealthy. A worker that was never started (a
    /// process without loops) is not a fault of the server.
    pub fn is_healthy(self) -> bool {
        matches!(self, LoopStatus::Ok | LoopStatus::NotStarted)
    }
}

/// One loop's record, as a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopHealth {
    pub name: &'static str,
    pub status: LoopStatus,
    /// Application-clock instant the last round finished without error.
    pub last_success_instant: Option<i64>,
    /// The last error of a round, or of an item that panicked, with its instant.
    pub last_error: Option<String>,
    pub last_error_instant: Option<i64>,
    /// Times the loop was restarted after a panic escaped its round.
    pub restarts: u32,
    /// Items whose handling failed in an unexpected way (a panic, or an end that could not be
    /// processed), recorded and passed over.
    pub failed_items: u64,
    /// Due items waiting (capped at [`BACKLOG_CAP`]); `None` until first measured.
    pub backlog: Option<i64>,
}

/// Backlogs are counted up to this many, so that a count never reads an unbounded queue.
pub const BACKLOG_CAP: i64 = 10_000;

#[derive(Debug, Default)]
struct Record {
    started: bool,
    running: bool,
    /// Set while the loop sleeps before a restart.
    restarting: bool,
    round_started: Option<Instant>,
    consecutive_failures: u32,
    last_success_instant: Option<i64>,
    last_error: Option<String>,
    last_error_instant: Option<i64>,
    restarts: u32,
    failed_items: u64,
    backlog: Option<i64>,
    backlog_measured: Option<Instant>,
}

impl Record {
    fn status(&self) -> LoopStatus {
        if !self.started {
            LoopStatus::NotStarted
        } else if !self.running || self.restarting {
            LoopStatus::Down
        } else if self
            .round_started
            .is_some_and(|at| at.elapsed() > STUCK_AFTER)
        {
            LoopStatus::Stuck
        } else if self.consecutive_failures >= FAILING_AFTER {
            LoopStatus::Failing
        } else {
            LoopStatus::Ok
        }
    }
}

/// Test hooks: faults the integration tests inject to prove that a loop survives them. Nothing
/// sets them outside tests.
#[derive(Debug, Default)]
struct Faults {
    /// Every round of the loop panics while set.
    panic_rounds: AtomicBool,
    /// Delivering an item whose payload contains this text panics.
    panic_on_payload: Mutex<Option<String>>,
}

/// One loop's health record, updated by the loop, read by status pages.
#[derive(Debug)]
struct Slot {
    name: &'static str,
    record: Mutex<Record>,
    faults: Faults,
}

/// The health of every loop of this process.
#[derive(Debug)]
pub struct Workers {
    slots: [Slot; 3],
}

impl Default for Workers {
    fn default() -> Self {
        let slot = |name| Slot {
            name,
            record: Mutex::default(),
            faults: Faults::default(),
        };
        Workers {
            slots: [slot(ENDS), slot(WEBHOOKS), slot(EMAILS)],
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Workers {
    fn slot(&self, name: &str) -> Option<&Slot> {
        self.slots.iter().find(|s| s.name == name)
    }

    fn update(&self, name: &str, change: impl FnOnce(&mut Record)) {
        if let Some(slot) = self.slot(name) {
            change(&mut lock(&slot.record));
        }
    }

    /// Every loop's health, in the order of [`LOOPS`].
    pub fn snapshot(&self) -> Vec<LoopHealth> {
        self.slots
            .iter()
            .map(|slot| {
                let r = lock(&slot.record);
                LoopHealth {
                    name: slot.name,
                    status: r.status(),
                    last_success_instant: r.last_success_instant,
                    last_error: r.last_error.clone(),
                    last_error_instant: r.last_error_instant,
                    restarts: r.restarts,
                    failed_items: r.failed_items,
                    backlog: r.backlog,
                }
            })
            .collect()
    }

    /// Whether every started loop is running and making progress.
    pub fn all_healthy(&self) -> bool {
        self.snapshot().iter().all(|l| l.status.is_healthy())
    }

    /// Whether any loop's thread is still running.
    pub fn any_running(&self) -> bool {
        self.slots.iter().any(|slot| lock(&slot.record).running)
    }

    pub fn started(&self, name: &str) {
        self.update(name, |r| {
            r.started = true;
            r.running = true;
        });
    }

    /// The loop's thread ended (shutdown, or a failure the loop could not survive).
    pub fn stopped(&self, name: &str) {
        self.update(name, |r| {
            r.running = false;
            r.round_started = None;
        });
    }

    pub fn round_started(&self, name: &str) {
        self.update(name, |r| r.round_started = Some(Instant::now()));
    }

    pub fn round_succeeded(&self, name: &str, now: i64) {
        self.update(name, |r| {
            r.round_started = None;
            r.consecutive_failures = 0;
            r.last_success_instant = Some(now);
        });
    }

    /// A round ended with an error (the database, most likely); the loop retries.
    pub fn round_failed(&self, name: &str, now: i64, error: &str) {
        self.update(name, |r| {
            r.round_started = None;
            r.consecutive_failures = r.consecutive_failures.saturating_add(1);
            r.last_error = Some(error.to_string());
            r.last_error_instant = Some(now);
        });
    }

    /// A panic escaped a round: the loop is down until it restarts.
    pub fn round_panicked(&self, name: &str, now: i64, error: &str) {
        self.update(name, |r| {
            r.round_started = None;
            r.restarting = true;
            r.consecutive_failures = r.consecutive_failures.saturating_add(1);
            r.last_error = Some(error.to_string());
            r.last_error_instant = Some(now);
        });
    }

    pub fn restarted(&self, name: &str) {
        self.update(name, |r| {
            r.restarting = false;
            r.restarts = r.restarts.saturating_add(1);
        });
    }

    /// One item failed unexpectedly and was recorded and passed over; the loop goes on.
    pub fn item_failed(&self, name: &str, now: i64, error: &str) {
        self.update(name, |r| {
            r.failed_items = r.failed_items.saturating_add(1);
            r.last_error = Some(error.to_string());
            r.last_error_instant = Some(now);
        });
    }

    /// Whether the backlog is due to be measured again (at most once per `every`).
    pub fn backlog_due(&self, name: &str, every: Duration) -> bool {
        self.slot(name).is_some_and(|slot| {
            lock(&slot.record)
                .backlog_measured
                .is_none_or(|at| at.elapsed() >= every)
        })
    }

    pub fn set_backlog(&self, name: &str, backlog: i64) {
        self.update(name, |r| {
            r.backlog = Some(backlog);
            r.backlog_measured = Some(Instant::now());
        });
    }

    /// Test hook: while `on`, every round of loop `name` panics.
    pub fn inject_round_panics(&self, name: &str, on: bool) {
        if let Some(slot) = self.slot(name) {
            slot.faults.panic_rounds.store(on, Ordering::Relaxed);
        }
    }

    /// Test hook: delivering an item of loop `name` whose payload contains `marker` panics.
    pub fn inject_item_panics(&self, name: &str, marker: Option<&str>) {
        if let Some(slot) = self.slot(name) {
            *lock(&slot.faults.panic_on_payload) = marker.map(str::to_string);
        }
    }

    /// Panics when a test asked this loop's rounds to.
    pub(crate) fn check_round_fault(&self, name: &str) {
        if self
            .slot(name)
            .is_some_and(|s| s.faults.panic_rounds.load(Ordering::Relaxed))
        {
            panic!("injected fault: the {name} round panics");
        }
    }

    /// Panics when a test asked items with this payload to.
    pub(crate) fn check_item_fault(&self, name: &str, payload: &str) {
        let Some(slot) = self.slot(name) else {
            return;
        };
        let hit = lock(&slot.faults.panic_on_payload)
            .as_deref()
            .is_some_and(|marker| payload.contains(marker));
        if hit {
            panic!("injected fault: this item panics");
        }
    }
}

/// The text of a caught panic.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    format!("panicked: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(w: &Workers, name: &str) -> LoopStatus {
        w.snapshot()
            .into_iter()
            .find(|l| l.name == name)
            .map(|l| l.status)
            .unwrap_or(LoopStatus::NotStarted)
    }

    #[test]
    fn a_loop_goes_down_on_a_panic_and_up_on_restart() {
        let w = Workers::default();
        assert_eq!(status(&w, EMAILS), LoopStatus::NotStarted);
        assert!(w.all_healthy());
        w.started(EMAILS);
        w.round_started(EMAILS);
        w.round_succeeded(EMAILS, 5);
        assert_eq!(status(&w, EMAILS), LoopStatus::Ok);
        w.round_panicked(EMAILS, 6, "panicked: boom");
        assert_eq!(status(&w, EMAILS), LoopStatus::Down);
        assert!(!w.all_healthy());
        w.restarted(EMAILS);
        assert_eq!(status(&w, EMAILS), LoopStatus::Ok);
        let snap = &w.snapshot()[2];
        assert_eq!(snap.restarts, 1);
        assert_eq!(snap.last_error.as_deref(), Some("panicked: boom"));
        assert_eq!(snap.last_success_instant, Some(5));
    }

    #[test]
    fn rounds_failing_in_a_row_make_a_loop_failing_until_one_succeeds() {
        let w = Workers::default();
        w.started(ENDS);
        for _ in 0..FAILING_AFTER {
            assert_eq!(status(&w, ENDS), LoopStatus::Ok);
            w.round_failed(ENDS, 1, "database is locked");
        }
        assert_eq!(status(&w, ENDS), LoopStatus::Failing);
        w.round_succeeded(ENDS, 2);
        assert_eq!(status(&w, ENDS), LoopStatus::Ok);
        // A failed item is recorded but does not make the loop unhealthy.
        w.item_failed(ENDS, 3, "instance x: oops");
        assert_eq!(status(&w, ENDS), LoopStatus::Ok);
        assert_eq!(w.snapshot()[0].failed_items, 1);
    }

    #[test]
    fn panic_text_reads_str_and_string_payloads() {
        let caught = std::panic::catch_unwind(|| panic!("plain")).err();
        assert_eq!(
            caught.as_deref().map(panic_text).as_deref(),
            Some("panicked: plain")
        );
        let n = 3;
        let caught = std::panic::catch_unwind(|| panic!("formatted {n}")).err();
        assert_eq!(
            caught.as_deref().map(panic_text).as_deref(),
            Some("panicked: formatted 3")
        );
    }
}
