//! When to try again after a fetch failed for want of a network (a lazy screen's code, the
//! precache): a delay that doubles after each failure, from 2 s up to a cap of 30 s.

use std::time::Duration;

/// The wait before the first retry.
pub const FIRST_DELAY: Duration = Duration::from_secs(2);
/// The longest wait between two attempts.
pub const MAX_DELAY: Duration = Duration::from_secs(30);

/// The delay before the attempt that follows `failures` failed ones (0 counts as 1).
pub fn backoff(failures: u32) -> Duration {
    FIRST_DELAY.saturating_mul(1 << failures.saturating_sub(1).min(5)).min(MAX_DELAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_two_seconds_up_to_the_cap() {
        let secs: Vec<u64> = (0..=8).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(secs, vec![2, 2, 4, 8, 16, 30, 30, 30, 30]);
    }

    #[test]
    fn backoff_never_overflows() {
        assert_eq!(backoff(u32::MAX), MAX_DELAY);
    }
}
