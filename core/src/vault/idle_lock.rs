//! When an unlocked vault locks by itself: after a set time without activity (default 5 minutes,
//! configurable), or after a shorter time in the background (default 1 minute, configurable,
//! never longer than the idle time). A pure decision the shell asks on every tick and on every
//! return to the foreground.

use super::policy_error::PolicyError;
use serde::{Deserialize, Serialize};

/// Lock after five idle minutes unless the user chose otherwise.
pub const DEFAULT_IDLE_LOCK_SECONDS: u32 = 5 * 60;
/// Shortest choice: one minute (shorter would lock during an interview's pauses).
pub const MIN_IDLE_LOCK_SECONDS: u32 = 60;
/// Longest choice: thirty minutes.
pub const MAX_IDLE_LOCK_SECONDS: u32 = 30 * 60;

/// How long the vault may stay unlocked without activity, or hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdleLockPolicy {
    pub after_seconds: u32,
}

impl Default for IdleLockPolicy {
    fn default() -> Self {
        IdleLockPolicy { after_seconds: DEFAULT_IDLE_LOCK_SECONDS }
    }
}

/// How long the app may stay in the background (another app in front, the screen off) before
/// the vault locks. Kept in the vault's encrypted index (record `BACKGROUND_LOCK_RECORD`), since
/// it only matters while the vault is open. Choosing a file, the camera or printing also puts
/// the app in the background, hence no "at once": 30 seconds is the shortest choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackgroundLock {
    pub after_seconds: u32,
}

/// One minute in the background by default: a call to a service mid-interview often takes
/// longer, and then the passcode is asked again.
pub const DEFAULT_BACKGROUND_LOCK_SECONDS: u32 = 60;
/// The choices offered, in seconds.
pub const BACKGROUND_LOCK_CHOICES: [u32; 4] = [30, 60, 120, 300];

impl Default for BackgroundLock {
    fn default() -> Self {
        BackgroundLock { after_seconds: DEFAULT_BACKGROUND_LOCK_SECONDS }
    }
}

impl BackgroundLock {
    /// A stored value if it is one of the choices; anything else (a slip, an edit) gives the
    /// default, which is never longer than a choice a worker could have made.
    pub fn or_default(self) -> BackgroundLock {
        if BACKGROUND_LOCK_CHOICES.contains(&self.after_seconds) {
            self
        } else {
            BackgroundLock::default()
        }
    }
}

/// Why the vault locked by itself; the unlock screen may say so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockReason {
    Idle,
    Background,
    /// The clock moved backwards: presence cannot be proven, so lock.
    ClockWentBack,
}

/// The decision for this moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockDecision {
    Lock(LockReason),
    /// Stay unlocked; nothing can change the decision for this many milliseconds unless the
    /// page is hidden or shown, so the shell may sleep that long.
    StayUnlocked {
        check_again_in_ms: u64,
    },
}

impl IdleLockPolicy {
    /// A policy, if `minutes` is within the allowed range.
    pub fn from_minutes(minutes: u32) -> Result<IdleLockPolicy, PolicyError> {
        let policy = IdleLockPolicy { after_seconds: minutes.saturating_mul(60) };
        policy.check().map(|()| policy)
    }

    /// Whether this policy (perhaps read from storage) is within the allowed range.
    pub fn check(&self) -> Result<(), PolicyError> {
        if (MIN_IDLE_LOCK_SECONDS..=MAX_IDLE_LOCK_SECONDS).contains(&self.after_seconds) {
            Ok(())
        } else {
            Err(PolicyError::IdleLimitOutOfRange {
                min_minutes: MIN_IDLE_LOCK_SECONDS / 60,
                max_minutes: MAX_IDLE_LOCK_SECONDS / 60,
            })
        }
    }

    /// Whether to lock now. Times are milliseconds on one clock: `last_activity_ms` is the last
    /// touch, key or scroll; `hidden_since_ms` is when the page went to the background, if it is
    /// hidden now (coming back to the foreground is not activity: decide first, then count it).
    /// In the background the shorter of `background` and the idle time applies.
    pub fn decide(
        &self,
        background: BackgroundLock,
        last_activity_ms: u64,
        now_ms: u64,
        hidden_since_ms: Option<u64>,
    ) -> LockDecision {
        let limit = u64::from(self.after_seconds) * 1000;
        let hidden_limit = limit.min(u64::from(background.or_default().after_seconds) * 1000);
        if now_ms < last_activity_ms || hidden_since_ms.is_some_and(|h| now_ms < h) {
            return LockDecision::Lock(LockReason::ClockWentBack);
        }
        let hidden_for = hidden_since_ms.map(|h| now_ms - h);
        if hidden_for.is_some_and(|t| t >= hidden_limit) {
            return LockDecision::Lock(LockReason::Background);
        }
        let idle_for = now_ms - last_activity_ms;
        if idle_for >= limit {
            return LockDecision::Lock(LockReason::Idle);
        }
        let left = limit - idle_for;
        let left = hidden_for.map_or(left, |t| left.min(hidden_limit - t));
        LockDecision::StayUnlocked { check_again_in_ms: left }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60_000;
    /// A background limit longer than any idle limit used below, so those tests judge the
    /// idle time alone.
    const BG: BackgroundLock = BackgroundLock { after_seconds: 300 };

    #[test]
    fn locks_after_five_idle_minutes_by_default() {
        let policy = IdleLockPolicy::default();
        assert_eq!(
            policy.decide(BG, 0, 5 * MIN - 1, None),
            LockDecision::StayUnlocked { check_again_in_ms: 1 }
        );
        assert_eq!(policy.decide(BG, 0, 5 * MIN, None), LockDecision::Lock(LockReason::Idle));
        assert_eq!(
            policy.decide(BG, 1_000, 1_000, None),
            LockDecision::StayUnlocked { check_again_in_ms: 5 * MIN }
        );
    }

    #[test]
    fn activity_postpones_the_lock() {
        let policy = IdleLockPolicy::default();
        assert_eq!(
            policy.decide(BG, 4 * MIN, 6 * MIN, None),
            LockDecision::StayUnlocked { check_again_in_ms: 3 * MIN }
        );
    }

    #[test]
    fn background_time_counts_even_when_activity_is_recent() {
        let policy = IdleLockPolicy::from_minutes(2).unwrap();
        // A shell that counted the return to the foreground as activity is still caught.
        assert_eq!(
            policy.decide(BG, 10 * MIN, 10 * MIN, Some(7 * MIN)),
            LockDecision::Lock(LockReason::Background)
        );
        assert_eq!(
            policy.decide(BG, 10 * MIN, 10 * MIN + 30_000, Some(10 * MIN)),
            LockDecision::StayUnlocked { check_again_in_ms: 90_000 }
        );
        // Hidden for the whole limit, though the last touch was just before hiding.
        assert_eq!(
            policy.decide(BG, 0, 2 * MIN + 1, Some(1)),
            LockDecision::Lock(LockReason::Background)
        );
    }

    #[test]
    fn the_background_locks_sooner_than_idleness_by_default() {
        let policy = IdleLockPolicy::default();
        let bg = BackgroundLock::default();
        // Hidden 59 s after a touch: not yet; the next check is due when the minute is up.
        assert_eq!(
            policy.decide(bg, 0, 59_000, Some(0)),
            LockDecision::StayUnlocked { check_again_in_ms: 1_000 }
        );
        assert_eq!(policy.decide(bg, 0, MIN, Some(0)), LockDecision::Lock(LockReason::Background));
        // In the foreground the same minute is nothing: the idle time applies.
        assert_eq!(
            policy.decide(bg, 0, MIN, None),
            LockDecision::StayUnlocked { check_again_in_ms: 4 * MIN }
        );
        // Every choice locks in the background after exactly that long.
        for seconds in BACKGROUND_LOCK_CHOICES {
            let bg = BackgroundLock { after_seconds: seconds };
            let at = u64::from(seconds) * 1000;
            assert!(matches!(
                policy.decide(bg, 0, at - 1, Some(0)),
                LockDecision::StayUnlocked { .. }
            ));
            assert_eq!(
                policy.decide(bg, 0, at, Some(0)),
                LockDecision::Lock(LockReason::Background)
            );
        }
    }

    #[test]
    fn the_background_never_waits_longer_than_the_idle_time() {
        let policy = IdleLockPolicy::from_minutes(1).unwrap();
        let bg = BackgroundLock { after_seconds: 300 };
        assert_eq!(policy.decide(bg, 0, MIN, Some(0)), LockDecision::Lock(LockReason::Background));
    }

    #[test]
    fn a_stored_background_time_that_is_not_a_choice_gives_the_default() {
        let policy = IdleLockPolicy::from_minutes(30).unwrap();
        for odd in [0, 1, 59, 3_600, u32::MAX] {
            let bg = BackgroundLock { after_seconds: odd };
            assert_eq!(bg.or_default(), BackgroundLock::default(), "{odd}");
            assert_eq!(
                policy.decide(bg, 0, MIN, Some(0)),
                LockDecision::Lock(LockReason::Background),
                "{odd}"
            );
        }
    }

    #[test]
    fn a_clock_that_went_back_locks() {
        let policy = IdleLockPolicy::default();
        assert_eq!(
            policy.decide(BG, 5_000, 4_000, None),
            LockDecision::Lock(LockReason::ClockWentBack)
        );
        assert_eq!(
            policy.decide(BG, 0, 4_000, Some(5_000)),
            LockDecision::Lock(LockReason::ClockWentBack)
        );
    }

    #[test]
    fn the_limit_is_configurable_within_bounds() {
        assert_eq!(IdleLockPolicy::from_minutes(1).map(|p| p.after_seconds), Ok(60));
        assert_eq!(IdleLockPolicy::from_minutes(30).map(|p| p.after_seconds), Ok(1800));
        for bad in [0, 31, u32::MAX] {
            assert!(IdleLockPolicy::from_minutes(bad).is_err(), "{bad}");
        }
        assert!(IdleLockPolicy { after_seconds: 59 }.check().is_err());
    }
}
