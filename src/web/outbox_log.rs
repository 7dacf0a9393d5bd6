//! What the webhook delivery log and the email log share: the status filter and page in the
//! query string, the pager links, and attempts as shown.

use serde::Deserialize;

use super::page::url_encode;
use crate::delivery::health::{self, LoopStatus, Workers, BACKLOG_CAP};
use crate::i18n::Tr;
use crate::service::deliveries::{Attempt, LogFilter, FAILED, PENDING, SUCCEEDED};

/// A page of a log is the default page of a search.
pub const PER_PAGE: i64 = crate::domain::paging::DEFAULT_RESULTS;

/// Every status, in the order the filter offers them.
pub const STATUSES: [&str; 3] = [PENDING, SUCCEEDED, FAILED];

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LogQuery {
    status: String,
    page: String,
}

impl LogQuery {
    /// A known status, else none (every status).
    pub fn status(&self) -> Option<String> {
        STATUSES
            .contains(&self.status.as_str())
            .then(|| self.status.clone())
    }

    pub fn page(&self) -> i64 {
        self.page
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=1_000_000).contains(p))
            .unwrap_or(1)
    }

    /// The filter for this page (kind and owner left to the caller).
    pub fn filter(&self) -> LogFilter {
        LogFilter {
            status: self.status(),
            start_row: (self.page() - 1) * PER_PAGE,
            number_of_results: PER_PAGE,
            ..LogFilter::default()
        }
    }

    /// Links to the previous and next pages under `base`, keeping the status filter.
    pub fn pager(&self, base: &str, total: i64) -> (Option<String>, Option<String>) {
        let page = self.page();
        let status = self.status().unwrap_or_default();
        let link = |p: i64| format!("{base}?status={}&page={p}", url_encode(&status));
        (
            (page > 1).then(|| link(page - 1)),
            (page * PER_PAGE < total).then(|| link(page + 1)),
        )
    }
}

/// One attempt, as shown.
pub struct AttemptRow {
    pub time: String,
    pub status_code: Option<String>,
    pub error: Option<String>,
    pub duration: String,
}

pub fn attempt_rows(tr: &Tr, attempts: &[Attempt]) -> Vec<AttemptRow> {
    attempts
        .iter()
        .map(|a| AttemptRow {
            time: tr.datetime(a.attempt_instant),
            status_code: a.status_code.map(|c| c.to_string()),
            error: a.error.clone(),
            duration: tr.t1("webhooks-ms", "ms", a.duration),
        })
        .collect()
}

/// The last attempt's error; empty when it succeeded or there was none.
pub fn last_error(attempts: &[Attempt]) -> String {
    attempts
        .last()
        .and_then(|a| a.error.clone())
        .unwrap_or_default()
}

/// When the next attempt is due, for a pending item.
pub fn next_attempt(tr: &Tr, status: &str, next: Option<i64>) -> Option<String> {
    next.filter(|_| status == PENDING).map(|t| tr.datetime(t))
}

/// One background loop, as the operations pages show it.
pub struct LoopRow {
    /// `ends`, `webhooks` or `emails`.
    pub name: &'static str,
    pub label: String,
    /// `ok`, `down`, …: a class for the status badge.
    pub status: &'static str,
    pub status_label: String,
    pub healthy: bool,
    pub last_success: String,
    pub restarts: u32,
    pub failed_items: u64,
    pub backlog: String,
    pub last_error: Option<String>,
    pub last_error_time: Option<String>,
}

/// Every loop's health, labelled for `tr`.
pub fn loop_rows(workers: &Workers, tr: &Tr) -> Vec<LoopRow> {
    workers
        .snapshot()
        .into_iter()
        .map(|l| LoopRow {
            name: l.name,
            label: tr.t(match l.name {
                health::ENDS => "workers-loop-ends",
                health::WEBHOOKS => "workers-loop-webhooks",
                _ => "workers-loop-emails",
            }),
            status: l.status.as_str(),
            status_label: tr.t(match l.status {
                LoopStatus::Ok => "workers-status-ok",
                LoopStatus::NotStarted => "workers-status-not-started",
                LoopStatus::Down => "workers-status-down",
                LoopStatus::Failing => "workers-status-failing",
                LoopStatus::Stuck => "workers-status-stuck",
            }),
            healthy: l.status.is_healthy(),
            last_success: l
                .last_success_instant
                .map_or_else(|| tr.t("workers-never"), |t| tr.datetime(t)),
            restarts: l.restarts,
            failed_items: l.failed_items,
            backlog: match l.backlog {
                None => tr.t("workers-unknown"),
                Some(n) if n >= BACKLOG_CAP => tr.t1("workers-backlog-capped", "count", n),
                Some(n) => n.to_string(),
            },
            last_error: l.last_error,
            last_error_time: l.last_error_instant.map(|t| tr.datetime(t)),
        })
        .collect()
}
