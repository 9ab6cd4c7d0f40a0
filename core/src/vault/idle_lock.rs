//! When an unlocked vault locks by itself: after a set time without activity (default 5 minutes,
//! configurable), or when the app has been in the background that long. A pure decision the
//! shell asks on every tick and on every return to the foreground.

use super::policy_error::PolicyError;

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
    pub fn decide(
        &self,
        last_activity_ms: u64,
        now_ms: u64,
        hidden_since_ms: Option<u64>,
    ) -> LockDecision {
        let limit = u64::from(self.after_seconds) * 1000;
        if now_ms < last_activity_ms || hidden_since_ms.is_some_and(|h| now_ms < h) {
            return LockDecision::Lock(LockReason::ClockWentBack);
        }
        let hidden_for = hidden_since_ms.map(|h| now_ms - h);
        if hidden_for.is_some_and(|t| t >= limit) {
            return LockDecision::Lock(LockReason::Background);
        }
        let idle_for = now_ms - last_activity_ms;
        if idle_for >= limit {
            return LockDecision::Lock(LockReason::Idle);
        }
        let longest = idle_for.max(hidden_for.unwrap_or(0));
        LockDecision::StayUnlocked { check_again_in_ms: limit - longest }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60_000;

    #[test]
    fn locks_after_five_idle_minutes_by_default() {
        let policy = IdleLockPolicy::default();
        assert_eq!(
            policy.decide(0, 5 * MIN - 1, None),
            LockDecision::StayUnlocked { check_again_in_ms: 1 }
        );
        assert_eq!(policy.decide(0, 5 * MIN, None), LockDecision::Lock(LockReason::Idle));
        assert_eq!(
            policy.decide(1_000, 1_000, None),
            LockDecision::StayUnlocked { check_again_in_ms: 5 * MIN }
        );
    }

    #[test]
    fn activity_postpones_the_lock() {
        let policy = IdleLockPolicy::default();
        assert_eq!(
            policy.decide(4 * MIN, 6 * MIN, None),
            LockDecision::StayUnlocked { check_again_in_ms: 3 * MIN }
        );
    }

    #[test]
    fn background_time_counts_even_when_activity_is_recent() {
        let policy = IdleLockPolicy::from_minutes(2).unwrap();
        // A shell that counted the return to the foreground as activity is still caught.
        assert_eq!(
            policy.decide(10 * MIN, 10 * MIN, Some(7 * MIN)),
            LockDecision::Lock(LockReason::Background)
        );
        assert_eq!(
            policy.decide(10 * MIN, 10 * MIN + 30_000, Some(10 * MIN)),
            LockDecision::StayUnlocked { check_again_in_ms: 90_000 }
        );
        // Hidden for the whole limit, though the last touch was just before hiding.
        assert_eq!(
            policy.decide(0, 2 * MIN + 1, Some(1)),
            LockDecision::Lock(LockReason::Background)
        );
    }

    #[test]
    fn a_clock_that_went_back_locks() {
        let policy = IdleLockPolicy::default();
        assert_eq!(
            policy.decide(5_000, 4_000, None),
            LockDecision::Lock(LockReason::ClockWentBack)
        );
        assert_eq!(
            policy.decide(0, 4_000, Some(5_000)),
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
