//! The vault's lock and wipe settings as kept in its header, and why a setting can be refused.

use super::attempts::WipePolicy;
use super::idle_lock::IdleLockPolicy;
use std::fmt;

/// The user's lock and wipe settings. Stored in the (plain) header because the wipe limit is
/// needed before the vault is unlocked; changing them needs an unlocked vault.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VaultPolicy {
    pub wipe: WipePolicy,
    pub idle_lock: IdleLockPolicy,
}

impl VaultPolicy {
    /// Whether both settings are within their allowed ranges.
    pub fn check(&self) -> Result<(), PolicyError> {
        self.wipe.check()?;
        self.idle_lock.check()
    }
}

/// A lock or wipe setting outside what Senda allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyError {
    WipeLimitOutOfRange { min: u32, max: u32 },
    IdleLimitOutOfRange { min_minutes: u32, max_minutes: u32 },
}

impl PolicyError {
    /// Key of the message for the settings screen.
    pub fn message_key(&self) -> &'static str {
        match self {
            PolicyError::WipeLimitOutOfRange { .. } => "vault.policy.wipe_limit_out_of_range",
            PolicyError::IdleLimitOutOfRange { .. } => "vault.policy.idle_limit_out_of_range",
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyError::WipeLimitOutOfRange { min, max } => {
                write!(
                    f,
                    "Choose between {min} and {max} wrong passcodes before everything is erased."
                )
            }
            PolicyError::IdleLimitOutOfRange { min_minutes, max_minutes } => {
                write!(
                    f,
                    "Choose an automatic lock between {min_minutes} and {max_minutes} minutes."
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_policy_is_ten_wrong_passcodes_and_five_idle_minutes() {
        let policy = VaultPolicy::default();
        assert_eq!(policy.wipe.after_failures, 10);
        assert_eq!(policy.idle_lock.after_seconds, 300);
        assert_eq!(policy.check(), Ok(()));
    }
}
