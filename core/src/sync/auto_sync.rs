//! Automatic team sync's rules: when a run may start, how long to wait after a failure, and what
//! the small indicator says. The browser supplies the events, the clock and the randomness.

use crate::retry::{doubling, jittered};
use std::time::Duration;

/// How long after a local change the sync runs (changes in between ride on the same run).
pub const AFTER_CHANGE: Duration = Duration::from_secs(3);
/// How often it runs while the app is visible and nothing else made it run.
pub const INTERVAL: Duration = Duration::from_secs(180);
/// The first wait after a failed run, doubled after each further failure up to `MAX_RETRY`.
pub const FIRST_RETRY: Duration = Duration::from_secs(5);
pub const MAX_RETRY: Duration = Duration::from_secs(300);

/// The wait before trying again after `failures` failed runs; `random` in [0, 1).
pub fn retry_after(failures: u32, random: f64) -> Duration {
    jittered(doubling(failures, FIRST_RETRY, MAX_RETRY), random)
}

/// Whether a run may start now: never while locked, offline or while another run is going.
pub fn may_start(unlocked: bool, online: bool, running: bool) -> bool {
    unlocked && online && !running
}

/// What the indicator shows, most pressing first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Light {
    /// No team on this phone (or locked): nothing shown.
    #[default]
    Off,
    /// A person must choose between two versions.
    Conflicts,
    /// Offline: changes wait and go up when the connection is back.
    Offline,
    /// The last run failed; it is tried again later.
    Failing,
    /// This phone was removed from the team: it syncs no more (and retries nothing).
    Removed,
    Syncing,
    /// Changes made here wait to go up.
    Waiting,
    /// Everything made here is on the server.
    Done,
}

/// The facts the indicator is drawn from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub team: bool,
    pub unlocked: bool,
    pub online: bool,
    pub running: bool,
    pub failures: u32,
    pub waiting: usize,
    pub conflicts: usize,
    /// The server or the member list says this phone was removed from the team.
    pub removed: bool,
}

pub fn light(f: Facts) -> Light {
    if !f.team || !f.unlocked {
        Light::Off
    } else if f.removed {
        Light::Removed
    } else if f.conflicts > 0 {
        Light::Conflicts
    } else if !f.online {
        Light::Offline
    } else if f.running {
        Light::Syncing
    } else if f.failures > 0 {
        Light::Failing
    } else if f.waiting > 0 {
        Light::Waiting
    } else {
        Light::Done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_grow_with_jitter_up_to_five_minutes() {
        assert_eq!(retry_after(1, 0.0), Duration::from_millis(2500));
        assert_eq!(retry_after(1, 1.0), FIRST_RETRY);
        assert_eq!(retry_after(3, 0.0), Duration::from_secs(10));
        assert_eq!(retry_after(50, 1.0), MAX_RETRY);
        assert_eq!(retry_after(50, 0.0), MAX_RETRY / 2);
        let mut last = Duration::ZERO;
        for n in 1..12 {
            let d = retry_after(n, 0.5);
            assert!(d >= last && d <= MAX_RETRY, "{n}: {d:?}");
            last = d;
        }
    }

    #[test]
    fn a_run_starts_only_unlocked_online_and_alone() {
        assert!(may_start(true, true, false));
        assert!(!may_start(false, true, false));
        assert!(!may_start(true, false, false));
        assert!(!may_start(true, true, true));
    }

    #[test]
    fn the_indicator_says_the_most_pressing_fact() {
        let base = Facts { team: true, unlocked: true, online: true, ..Facts::default() };
        assert_eq!(light(base), Light::Done);
        assert_eq!(light(Facts { team: false, ..base }), Light::Off);
        assert_eq!(light(Facts { unlocked: false, conflicts: 2, ..base }), Light::Off);
        assert_eq!(light(Facts { waiting: 3, ..base }), Light::Waiting);
        assert_eq!(light(Facts { waiting: 3, failures: 1, ..base }), Light::Failing);
        assert_eq!(light(Facts { running: true, failures: 1, ..base }), Light::Syncing);
        assert_eq!(light(Facts { online: false, running: true, ..base }), Light::Offline);
        assert_eq!(light(Facts { online: false, conflicts: 1, ..base }), Light::Conflicts);
        let removed = Facts { removed: true, failures: 3, conflicts: 1, ..base };
        assert_eq!(light(removed), Light::Removed, "a removed phone never says it will retry");
        assert_eq!(light(Facts { unlocked: false, ..removed }), Light::Off);
    }
}
