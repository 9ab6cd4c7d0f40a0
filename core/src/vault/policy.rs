//! The vault's lock and wipe settings as kept in its header, and why a setting can be refused.

use super::attempts::WipePolicy;
use super::idle_lock::IdleLockPolicy;
pub use super::policy_error::PolicyError;

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
