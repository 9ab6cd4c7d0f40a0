//! Wrong passcodes typed to leave child mode. A child pressing keys must never erase the cases,
//! so these tries do not count towards the vault's wipe limit; instead, from the fourth wrong one
//! on, each makes the next try wait longer (up to a quarter of an hour), so the exit cannot be used
//! to guess the passcode either. Kept in plain storage (a count and two times, nothing personal)
//! so that a reload does not reset the wait, and merged with what another tab stored. The number
//! of such tries is bounded: after `MAX_UNCOUNTED_TRIES`, leaving child mode takes the vault's own
//! unlock, whose wrong tries count towards the wipe. A clock set back never shortens a wait (it
//! starts again from the new time), and a clock set forward buys at most the bounded tries.

use serde::{Deserialize, Serialize};

/// Wrong tries allowed with no wait: a worker mistyping is not slowed down.
pub const FREE_TRIES: u32 = 3;
/// The wait after the first wrong try beyond the free ones; it doubles with each further one.
pub const FIRST_WAIT_SECONDS: u32 = 30;
/// The longest wait.
pub const MAX_WAIT_SECONDS: u32 = 15 * 60;
/// Wrong tries that never count towards the vault's wipe limit; after them, each try is the
/// vault's own unlock (about three quarters of an hour of waits to get there).
pub const MAX_UNCOUNTED_TRIES: u32 = 10;

/// Wrong tries since the last right one, when the next one is allowed, and when the last wrong
/// one was made (milliseconds since the epoch).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExitThrottle {
    pub failed: u32,
    pub next_try_at_ms: f64,
    /// Absent in records written before the clock check (read as "no wrong try seen yet").
    #[serde(default)]
    pub wrong_at_ms: f64,
}

impl ExitThrottle {
    /// Reads the stored record; anything unusable counts as one free try already used, never as
    /// a clean slate a tampered record could buy.
    pub fn load(stored: Option<&str>) -> ExitThrottle {
        let usable = |t: &ExitThrottle| {
            [t.next_try_at_ms, t.wrong_at_ms].iter().all(|v| v.is_finite() && *v >= 0.0)
        };
        match stored.map(serde_json::from_str::<ExitThrottle>) {
            None => ExitThrottle::default(),
            Some(Ok(t)) if usable(&t) => t,
            Some(_) => ExitThrottle { failed: FREE_TRIES, ..ExitThrottle::default() },
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// What this tab knows joined with what another tab stored: the larger count and the later
    /// times, so two tabs cannot each spend the free tries.
    pub fn merge(self, other: ExitThrottle) -> ExitThrottle {
        ExitThrottle {
            failed: self.failed.max(other.failed),
            next_try_at_ms: self.next_try_at_ms.max(other.next_try_at_ms),
            wrong_at_ms: self.wrong_at_ms.max(other.wrong_at_ms),
        }
    }

    /// Takes a reading of the clock: one earlier than the last wrong try means the clock was set
    /// back, and the wait then starts again, whole, from the new time (it never shrinks). Returns
    /// whether the record changed (and so should be stored).
    pub fn observe(&mut self, now_ms: f64) -> bool {
        if !now_ms.is_finite() || now_ms >= self.wrong_at_ms {
            return false;
        }
        self.wrong_at_ms = now_ms;
        self.next_try_at_ms = now_ms + f64::from(wait_seconds(self.failed)) * 1000.0;
        true
    }

    /// Whole seconds still to wait at `now_ms` before a try is accepted (0: try now). Never more
    /// than the wait the count imposes, whatever the stored time says; a clock before the last
    /// wrong try (set back, and not yet `observe`d) waits the whole of it.
    pub fn seconds_left(&self, now_ms: f64) -> u32 {
        let most = wait_seconds(self.failed);
        if !now_ms.is_finite() || now_ms < self.wrong_at_ms {
            return most;
        }
        let left = (self.next_try_at_ms - now_ms) / 1000.0;
        if left <= 0.0 {
            0
        } else {
            (left.ceil().min(f64::from(MAX_WAIT_SECONDS)) as u32).min(most)
        }
    }

    /// Whether the tries that do not count are spent: the next try must be the vault's unlock.
    pub fn needs_vault_unlock(&self) -> bool {
        self.failed >= MAX_UNCOUNTED_TRIES
    }

    /// Records a wrong try at `now_ms`.
    pub fn after_wrong(&mut self, now_ms: f64) {
        self.failed = self.failed.saturating_add(1);
        self.wrong_at_ms = now_ms.max(0.0);
        self.next_try_at_ms = self.wrong_at_ms + f64::from(wait_seconds(self.failed)) * 1000.0;
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

    #[test]
    fn a_clock_set_back_restarts_the_wait_and_never_shortens_it() {
        let mut t = ExitThrottle::default();
        for _ in 0..4 {
            t.after_wrong(1_000_000.0);
        }
        assert_eq!(t.seconds_left(1_000_000.0), 30);
        // Set back a day: without the check the stored time would mean a day's wait, or (with a
        // cap) a wait the person could shorten; it is the whole wait, again, from the new time.
        let back = 1_000_000.0 - 86_400_000.0;
        assert_eq!(t.seconds_left(back), 30, "before observing, the whole wait");
        assert!(t.observe(back));
        assert_eq!(t.seconds_left(back), 30);
        assert_eq!(t.seconds_left(back + 29_000.0), 1);
        assert_eq!(t.seconds_left(back + 30_000.0), 0);
        assert!(!t.observe(back + 30_000.0), "a clock going forward changes nothing");
        // A stored next time far in the future (tampered, or a clock set back after writing it)
        // never means more than the count's own wait.
        let odd = ExitThrottle { failed: 4, next_try_at_ms: 9e15, wrong_at_ms: 0.0 };
        assert_eq!(odd.seconds_left(1_000.0), 30);
        assert_eq!(odd.seconds_left(f64::NAN), 30);
    }

    #[test]
    fn tries_are_bounded_and_then_the_vault_unlock_is_needed() {
        let mut t = ExitThrottle::default();
        let mut now = 0.0;
        let mut waited = 0u32;
        while !t.needs_vault_unlock() {
            waited += t.seconds_left(now);
            now += f64::from(t.seconds_left(now)) * 1000.0;
            assert_eq!(t.seconds_left(now), 0);
            t.after_wrong(now);
        }
        assert_eq!(t.failed, MAX_UNCOUNTED_TRIES);
        assert!(waited >= 30 * 60, "guessing up to the bound takes a while: {waited} s");
        // A forward clock buys nothing beyond the bound.
        t.after_wrong(1e13);
        assert!(t.needs_vault_unlock());
        t.after_right();
        assert!(!t.needs_vault_unlock());
    }

    #[test]
    fn two_tabs_share_one_count() {
        let stored = ExitThrottle { failed: 5, next_try_at_ms: 70_000.0, wrong_at_ms: 10_000.0 };
        let mine = ExitThrottle { failed: 2, next_try_at_ms: 0.0, wrong_at_ms: 20_000.0 };
        let both = mine.merge(stored);
        assert_eq!(both.failed, 5);
        assert_eq!(both.next_try_at_ms, 70_000.0);
        assert_eq!(both.wrong_at_ms, 20_000.0);
        assert_eq!(stored.merge(mine), both);
        // A record from before the clock check still loads.
        let old = ExitThrottle::load(Some(r#"{"failed":4,"next_try_at_ms":5000}"#));
        assert_eq!(old, ExitThrottle { failed: 4, next_try_at_ms: 5000.0, wrong_at_ms: 0.0 });
    }
}
