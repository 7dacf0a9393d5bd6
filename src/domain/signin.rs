//! Throttling of staff sign-in: how many failures within what window block further attempts,
//! and for how long. Pure: the caller passes the failure instants and the time.

/// A limit on failed sign-ins counted under one key (an email address, or a client address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// This many failures within `window_ms` start a block.
    pub failures: usize,
    pub window_ms: i64,
    /// How long a block lasts, from the failure that started it.
    pub block_ms: i64,
}

const MINUTE_MS: i64 = 60_000;

/// Per email address (known or not, so that a refusal says nothing about the account).
pub const PER_EMAIL: Limit = Limit {
    failures: 5,
    window_ms: 15 * MINUTE_MS,
    block_ms: 15 * MINUTE_MS,
};

/// Per client address: looser, so that an office behind one address is not blocked by a few
/// typos, yet one client cannot try many addresses.
pub const PER_CLIENT: Limit = Limit {
    failures: 30,
    window_ms: 15 * MINUTE_MS,
    block_ms: 15 * MINUTE_MS,
};

/// Failures older than this no longer matter under any limit: they may be deleted.
pub const KEEP_MS: i64 = max(PER_EMAIL.reach_ms(), PER_CLIENT.reach_ms());

const fn max(a: i64, b: i64) -> i64 {
    if a > b {
        a
    } else {
        b
    }
}

impl Limit {
    /// How far back a failure can still start or extend a block.
    pub const fn reach_ms(&self) -> i64 {
        self.window_ms + self.block_ms
    }

    /// The earliest instant whose failures can matter at `now`.
    pub fn since(&self, now: i64) -> i64 {
        now.saturating_sub(self.reach_ms())
    }

    /// Until when attempts are refused, if they are at `now`: the `failures`-th failure within
    /// `window_ms` blocks until `block_ms` after it. `failures` are instants in any order.
    pub fn blocked_until(&self, failures: &[i64], now: i64) -> Option<i64> {
        let n = self.failures.max(1);
        let mut sorted = failures.to_vec();
        sorted.sort_unstable();
        sorted
            .windows(n)
            .filter(|w| w[n - 1] - w[0] < self.window_ms)
            .map(|w| w[n - 1].saturating_add(self.block_ms))
            .max()
            .filter(|until| *until > now)
    }
}

/// The form of an email address under which failures are counted: case and surrounding spaces
/// do not make a new address.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Whole seconds until `until`, at least one: a refusal's `Retry-After`.
pub fn seconds_left(until: i64, now: i64) -> i64 {
    ((until - now).max(1) + 999) / 1000
}

/// What a refusal tells the person: whole minutes until `until`, rounded up, or 0 ("in a
/// moment") when less than a minute is left, as after a refusal for a concurrent attempt.
pub fn minutes_left(until: i64, now: i64) -> i64 {
    if until - now < MINUTE_MS {
        return 0;
    }
    (until - now + MINUTE_MS - 1) / MINUTE_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_000_000_000;

    #[test]
    fn fewer_failures_than_the_limit_do_not_block() {
        let failures = [T, T + 1, T + 2, T + 3];
        assert_eq!(PER_EMAIL.blocked_until(&failures, T + 4), None);
    }

    #[test]
    fn the_fifth_failure_in_the_window_blocks_from_itself() {
        let failures = [T, T + 60_000, T + 120_000, T + 180_000, T + 240_000];
        let until = T + 240_000 + PER_EMAIL.block_ms;
        assert_eq!(PER_EMAIL.blocked_until(&failures, T + 240_001), Some(until));
        assert_eq!(PER_EMAIL.blocked_until(&failures, until - 1), Some(until));
        assert_eq!(PER_EMAIL.blocked_until(&failures, until), None);
    }

    #[test]
    fn failures_spread_wider_than_the_window_do_not_block() {
        let step = PER_EMAIL.window_ms / 4;
        let failures: Vec<i64> = (0..5).map(|i| T + i * step).collect();
        assert_eq!(PER_EMAIL.blocked_until(&failures, T + 4 * step + 1), None);
    }

    #[test]
    fn order_does_not_matter() {
        let failures = [T + 4, T, T + 3, T + 1, T + 2];
        assert_eq!(
            PER_EMAIL.blocked_until(&failures, T + 5),
            Some(T + 4 + PER_EMAIL.block_ms)
        );
    }

    #[test]
    fn the_client_limit_is_looser() {
        let failures: Vec<i64> = (0..29).map(|i| T + i).collect();
        assert_eq!(PER_CLIENT.blocked_until(&failures, T + 100), None);
        let failures: Vec<i64> = (0..30).map(|i| T + i).collect();
        assert!(PER_CLIENT.blocked_until(&failures, T + 100).is_some());
    }

    #[test]
    fn old_failures_can_be_forgotten() {
        assert!(KEEP_MS >= PER_EMAIL.reach_ms() && KEEP_MS >= PER_CLIENT.reach_ms());
        assert_eq!(PER_EMAIL.since(T), T - PER_EMAIL.reach_ms());
    }

    #[test]
    fn keys_and_minutes() {
        assert_eq!(email_key("  Ada@Example.ORG "), "ada@example.org");
        assert_eq!(minutes_left(T + 1, T), 0);
        assert_eq!(minutes_left(T + 59_999, T), 0);
        assert_eq!(minutes_left(T + 60_000, T), 1);
        assert_eq!(minutes_left(T + 60_001, T), 2);
        assert_eq!(minutes_left(T + PER_EMAIL.block_ms, T), 15);
        assert_eq!(seconds_left(T - 5, T), 1);
        assert_eq!(seconds_left(T + 1_000, T), 1);
        assert_eq!(seconds_left(T + 1_001, T), 2);
    }
}
