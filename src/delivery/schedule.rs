//! When a failed delivery is tried again.

/// Delays after the 1st, 2nd, … failed attempt, in milliseconds: 1 s, 5 s, 30 s, 2 min, 10 min,
/// 1 h, 6 h, 12 h, 24 h, 24 h. Eleven attempts in all.
pub const RETRY_DELAYS_MS: [i64; 10] = [
    1_000, 5_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000, 86_400_000,
    86_400_000,
];

const DAY_MS: i64 = 86_400_000;

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    RetryAt(i64),
    GiveUp,
}

/// A webhook delivery after its `failures`-th failure (1-based) at `now`.
pub fn webhook(failures: i32, now: i64) -> Next {
    usize::try_from(failures - 1)
        .ok()
        .and_then(|i| RETRY_DELAYS_MS.get(i))
        .map_or(Next::GiveUp, |d| Next::RetryAt(now + d))
}

/// An email after a transient failure: the webhook schedule, then daily without limit.
pub fn email(failures: i32, now: i64) -> Next {
    match webhook(failures, now) {
        Next::GiveUp => Next::RetryAt(now + DAY_MS),
        next => next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eleven_attempts_for_webhooks_unlimited_for_email() {
        assert_eq!(webhook(1, 0), Next::RetryAt(1_000));
        assert_eq!(webhook(2, 0), Next::RetryAt(5_000));
        assert_eq!(webhook(10, 0), Next::RetryAt(86_400_000));
        assert_eq!(webhook(11, 0), Next::GiveUp);
        assert_eq!(email(11, 0), Next::RetryAt(86_400_000));
    }
}
