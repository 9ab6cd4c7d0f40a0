//! When to try again after a fetch failed for want of a network (a lazy screen's code, the
//! precache): a delay that doubles after each failure, from 2 s up to a cap of 30 s; and the
//! same rule with other bounds and jitter for automatic team sync (`doubling`, `jittered`).

use std::time::Duration;

/// The wait before the first retry.
pub const FIRST_DELAY: Duration = Duration::from_secs(2);
/// The longest wait between two attempts.
pub const MAX_DELAY: Duration = Duration::from_secs(30);

/// The delay before the attempt that follows `failures` failed ones (0 counts as 1).
pub fn backoff(failures: u32) -> Duration {
    doubling(failures, FIRST_DELAY, MAX_DELAY)
}

/// `first` after one failure (0 counts as 1), doubling after each further one, up to `max`.
pub fn doubling(failures: u32, first: Duration, max: Duration) -> Duration {
    first.saturating_mul(1 << failures.saturating_sub(1).min(20)).min(max)
}

/// "Equal jitter": half of `delay` always, the other half scaled by `random` (in [0, 1); out of
/// range or not a number counts as 0), so phones that failed together do not retry together.
pub fn jittered(delay: Duration, random: f64) -> Duration {
    let random = if random.is_finite() { random.clamp(0.0, 1.0) } else { 0.0 };
    let half = delay / 2;
    half + half.mul_f64(random)
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

    #[test]
    fn doubling_follows_its_bounds() {
        let (first, max) = (Duration::from_secs(5), Duration::from_secs(300));
        let secs: Vec<u64> = (0..=9).map(|n| doubling(n, first, max).as_secs()).collect();
        assert_eq!(secs, vec![5, 5, 10, 20, 40, 80, 160, 300, 300, 300]);
        assert_eq!(doubling(u32::MAX, first, max), max);
    }

    #[test]
    fn jitter_keeps_half_and_spreads_the_rest() {
        let d = Duration::from_secs(40);
        assert_eq!(jittered(d, 0.0), Duration::from_secs(20));
        assert_eq!(jittered(d, 0.5), Duration::from_secs(30));
        assert!(jittered(d, 0.999) < d);
        assert_eq!(jittered(d, 1.0), d);
        for bad in [f64::NAN, f64::INFINITY, -3.0] {
            let j = jittered(d, bad);
            assert!(j >= Duration::from_secs(20) && j <= d, "{bad}: {j:?}");
        }
        assert_eq!(jittered(d, f64::NAN), Duration::from_secs(20));
    }
}
