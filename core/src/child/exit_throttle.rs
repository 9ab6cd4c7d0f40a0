//! Wrong passcodes typed to leave child mode. A child pressing keys must never erase the cases,
//! so these tries do not count towards the vault's wipe limit; instead, from the fourth wrong one
//! on, each makes the next try wait longer (up to a quarter of an hour), so the exit cannot be used
//! to guess the passcode either. Kept in plain storage (a count and a time, nothing personal) so
//! that a reload does not reset the wait.

use serde::{Deserialize, Serialize};

/// Wrong tries allowed with no wait: a worker mistyping is not slowed down.
pub const FREE_TRIES: u32 = 3;
/// The wait after the first wrong try beyond the free ones; it doubles with each further one.
pub const FIRST_WAIT_SECONDS: u32 = 30;
/// The longest wait.
pub const MAX_WAIT_SECONDS: u32 = 15 * 60;

/// Consecutive wrong tries and when the next one is allowed (milliseconds since the epoch).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExitThrottle {
    pub failed: u32,
    pub next_try_at_ms: f64,
}

impl ExitThrottle {
    /// Reads the stored record; anything unusable counts as one free try already used, never as
    /// a clean slate a tampered record could buy.
    pub fn load(stored: Option<&str>) -> ExitThrottle {
        match stored.map(serde_json::from_str::<ExitThrottle>) {
            None => ExitThrottle::default(),
            Some(Ok(t)) if t.next_try_at_ms.is_finite() && t.next_try_at_ms >= 0.0 => t,
            Some(_) => ExitThrottle { failed: FREE_TRIES, next_try_at_ms: 0.0 },
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whole seconds still to wait at `now_ms` before a try is accepted (0: try now).
    pub fn seconds_left(&self, now_ms: f64) -> u32 {
        let left = (self.next_try_at_ms - now_ms) / 1000.0;
        if left <= 0.0 {
            0
        } else {
            left.ceil().min(f64::from(MAX_WAIT_SECONDS)) as u32
        }
    }

    /// Records a wrong try at `now_ms`.
    pub fn after_wrong(&mut self, now_ms: f64) {
        self.failed = self.failed.saturating_add(1);
        self.next_try_at_ms = now_ms + f64::from(wait_seconds(self.failed)) * 1000.0;
    }

    /// The right passcode clears the count.
    pub fn after_right(&mut self) {
        *self = ExitThrottle::default();
    }
}

/// The wait imposed after `failed` wrong tries in a row.
pub fn wait_seconds(failed: u32) -> u32 {
    if failed <= FREE_TRIES {
        return 0;
    }
    let doublings = (failed - FREE_TRIES - 1).min(16);
    FIRST_WAIT_SECONDS.saturating_mul(1 << doublings).min(MAX_WAIT_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_slips_cost_nothing_then_the_wait_doubles_up_to_a_quarter_hour() {
        assert_eq!((0..=3).map(wait_seconds).collect::<Vec<_>>(), [0, 0, 0, 0]);
        assert_eq!(wait_seconds(4), 30);
        assert_eq!(wait_seconds(5), 60);
        assert_eq!(wait_seconds(6), 120);
        assert_eq!(wait_seconds(9), 900);
        assert_eq!(wait_seconds(50), 900);
        assert_eq!(wait_seconds(u32::MAX), 900);
    }

    #[test]
    fn a_wrong_try_sets_the_next_allowed_time_and_a_right_one_clears_it() {
        let mut t = ExitThrottle::default();
        for _ in 0..3 {
            t.after_wrong(1_000.0);
            assert_eq!(t.seconds_left(1_000.0), 0);
        }
        t.after_wrong(10_000.0);
        assert_eq!(t.failed, 4);
        assert_eq!(t.seconds_left(10_000.0), 30);
        assert_eq!(t.seconds_left(25_500.0), 15);
        assert_eq!(t.seconds_left(40_000.0), 0);
        t.after_right();
        assert_eq!(t, ExitThrottle::default());
    }

    #[test]
    fn the_wait_survives_storage_and_a_tampered_record_buys_no_free_tries() {
        let mut t = ExitThrottle::default();
        for _ in 0..5 {
            t.after_wrong(0.0);
        }
        assert_eq!(ExitThrottle::load(Some(&t.to_json())), t);
        assert_eq!(ExitThrottle::load(None), ExitThrottle::default());
        for bad in [
            "",
            "{",
            "null",
            r#"{"failed":-1,"next_try_at_ms":0}"#,
            r#"{"failed":1,"next_try_at_ms":-5}"#,
            r#"{"x":1}"#,
        ] {
            let loaded = ExitThrottle::load(Some(bad));
            assert_eq!(loaded.failed, FREE_TRIES, "{bad}");
        }
        let mut after_tamper = ExitThrottle::load(Some("{"));
        after_tamper.after_wrong(0.0);
        assert_eq!(after_tamper.seconds_left(0.0), 30, "the next wrong try already waits");
    }
}
