//! The wrong-passcode policy: how many wrong passcodes in a row wipe the vault (default 10,
//! configurable), and what to tell the person after each attempt.
//!
//! The count is stored *before* a passcode is tried and forgiven on success, so closing the tab
//! in the second a key derivation takes cannot be used to try passcodes without being counted.

use super::policy_error::PolicyError;

/// Wipe after this many wrong passcodes in a row unless the user chose otherwise.
pub const DEFAULT_WIPE_AFTER: u32 = 10;
/// Fewest allowed: a typo or two must never cost the data.
pub const MIN_WIPE_AFTER: u32 = 3;
/// Most allowed: beyond this the limit stops protecting a short PIN.
pub const MAX_WIPE_AFTER: u32 = 50;

/// How many wrong passcodes in a row erase everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WipePolicy {
    pub after_failures: u32,
}

impl Default for WipePolicy {
    fn default() -> Self {
        WipePolicy { after_failures: DEFAULT_WIPE_AFTER }
    }
}

/// What the lock screen shows: wrong passcodes so far and tries left before the wipe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttemptCount {
    pub failed: u32,
    pub left: u32,
}

/// Before trying a passcode, given the stored count of wrong ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BeforeAttempt {
    /// Store this count first (this attempt, counted in advance), then try.
    Try { count_in_advance: u32 },
    /// The limit was reached earlier but the wipe did not finish (the tab was closed): wipe now.
    WipeNow,
}

/// After a passcode turned out wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterWrongPasscode {
    TryAgain(AttemptCount),
    Wipe,
}

impl WipePolicy {
    /// A policy, if `after_failures` is within the allowed range.
    pub fn new(after_failures: u32) -> Result<WipePolicy, PolicyError> {
        let policy = WipePolicy { after_failures };
        policy.check().map(|()| policy)
    }

    /// Whether this policy (perhaps read from storage) is within the allowed range.
    pub fn check(&self) -> Result<(), PolicyError> {
        if (MIN_WIPE_AFTER..=MAX_WIPE_AFTER).contains(&self.after_failures) {
            Ok(())
        } else {
            Err(PolicyError::WipeLimitOutOfRange { min: MIN_WIPE_AFTER, max: MAX_WIPE_AFTER })
        }
    }

    /// The count to show for `failed` wrong passcodes in a row.
    pub fn count(&self, failed: u32) -> AttemptCount {
        AttemptCount { failed, left: self.after_failures.saturating_sub(failed) }
    }

    /// What to do before trying a passcode when `failed` wrong ones are stored.
    pub fn before_attempt(&self, failed: u32) -> BeforeAttempt {
        if failed >= self.after_failures {
            BeforeAttempt::WipeNow
        } else {
            BeforeAttempt::Try { count_in_advance: failed + 1 }
        }
    }

    /// What to do when the passcode tried was wrong; `failed` includes this attempt.
    pub fn after_wrong(&self, failed: u32) -> AfterWrongPasscode {
        if failed >= self.after_failures {
            AfterWrongPasscode::Wipe
        } else {
            AfterWrongPasscode::TryAgain(self.count(failed))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_wipes_on_the_tenth_wrong_passcode() {
        let policy = WipePolicy::default();
        let mut failed = 0;
        for n in 1..=9 {
            let BeforeAttempt::Try { count_in_advance } = policy.before_attempt(failed) else {
                panic!("attempt {n} must be allowed");
            };
            assert_eq!(count_in_advance, n);
            failed = count_in_advance;
            assert_eq!(
                policy.after_wrong(failed),
                AfterWrongPasscode::TryAgain(AttemptCount { failed: n, left: 10 - n })
            );
        }
        assert_eq!(policy.before_attempt(9), BeforeAttempt::Try { count_in_advance: 10 });
        assert_eq!(policy.after_wrong(10), AfterWrongPasscode::Wipe);
    }

    #[test]
    fn a_count_left_at_the_limit_wipes_before_trying() {
        let policy = WipePolicy::new(3).unwrap();
        assert_eq!(policy.before_attempt(3), BeforeAttempt::WipeNow);
        assert_eq!(policy.before_attempt(7), BeforeAttempt::WipeNow);
        assert_eq!(policy.count(7), AttemptCount { failed: 7, left: 0 });
    }

    #[test]
    fn the_limit_is_configurable_within_bounds() {
        assert!(WipePolicy::new(3).is_ok());
        assert!(WipePolicy::new(50).is_ok());
        for bad in [0, 1, 2, 51, u32::MAX] {
            assert_eq!(
                WipePolicy::new(bad),
                Err(PolicyError::WipeLimitOutOfRange { min: 3, max: 50 })
            );
        }
        let five = WipePolicy::new(5).unwrap();
        assert_eq!(
            five.after_wrong(4),
            AfterWrongPasscode::TryAgain(AttemptCount { failed: 4, left: 1 })
        );
        assert_eq!(five.after_wrong(5), AfterWrongPasscode::Wipe);
    }
}
