//! What the webhook delivery log and the email log share: the status filter and page in the
//! query string, the pager links, and attempts as shown.

use serde::Deserialize;

use super::page::url_encode;
use crate::i18n::Tr;
use crate::store::outbox::{Attempt, LogFilter, FAILED, PENDING, SUCCEEDED};

pub const PER_PAGE: i64 = 25;

/// Every status, in the order the filter offers them.
pub const STATUSES: [&str; 3] = [PENDING, SUCCEEDED, FAILED];

#[derive(Deserialize, Default)]
pub struct LogQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
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
