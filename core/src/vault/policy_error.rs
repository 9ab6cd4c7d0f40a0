//! Why a lock or wipe setting can be refused (shared by the wipe and idle-lock policies).

use std::fmt;

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
