//! Changing the passcode so that an interruption at any point loses nothing, and the start-up
//! recovery that finishes or rolls back whatever a closed tab left behind.
//!
//! The steps: (1) **prepare** — store a [`PendingChange`] naming the next key generation, its new
//! salt and key check; (2) **copy** — re-encrypt every record and the index under the new key into
//! that generation's slots, leaving the live ones untouched; (3) **switch** — in one storage
//! transaction, write the header of the new generation and delete the pending change; (4) **clean
//! up** — delete the old generation's slots. The header always names exactly one live generation,
//! and everything of any other generation is either an unfinished copy (before the switch: the old
//! passcode still opens everything, the change is rolled back) or an old copy not yet deleted
//! (after it: the new passcode opens everything, the clean-up is finished). Start-up only has to
//! delete what the header does not name — no key is needed to recover.

use super::envelope::Envelope;
use super::header::{KdfParams, VaultHeader};
use std::fmt;

/// Version of the pending-change layout.
pub const PENDING_FORMAT: u8 = 1;

/// A passcode change that has been prepared but not switched to. Only its presence matters to
/// recovery; its stored bytes are compared at the switch to be sure it is still this change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingChange {
    pub from_generation: u32,
    pub to_generation: u32,
    pub kdf: KdfParams,
    /// The key check sealed under the new key, for the header written at the switch.
    pub key_check: Vec<u8>,
}

/// Why a change cannot be planned or switched to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeError {
    /// Four billion changes: the generation counter is used up.
    GenerationsExhausted,
    /// The live header is not the one this change was prepared from (another window changed it).
    NotFromLiveGeneration,
}

impl fmt::Display for ChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChangeError::GenerationsExhausted => {
                write!(f, "The passcode cannot be changed again on this vault.")
            }
            ChangeError::NotFromLiveGeneration => {
                write!(
                    f,
                    "The vault was changed in another window while the passcode was being changed."
                )
            }
        }
    }
}

/// Plans a change away from the live header to a new key (its KDF parameters and key check).
pub fn plan_change(
    live: &VaultHeader,
    kdf: KdfParams,
    key_check: &Envelope,
) -> Result<PendingChange, ChangeError> {
    let to_generation = live.generation.checked_add(1).ok_or(ChangeError::GenerationsExhausted)?;
    Ok(PendingChange {
        from_generation: live.generation,
        to_generation,
        kdf,
        key_check: key_check.to_bytes(),
    })
}

impl PendingChange {
    /// The header to write at the switch: the new key's parameters, the same policy.
    pub fn switched_header(&self, live: &VaultHeader) -> Result<VaultHeader, ChangeError> {
        if live.generation != self.from_generation {
            return Err(ChangeError::NotFromLiveGeneration);
        }
        Ok(VaultHeader {
            generation: self.to_generation,
            kdf: self.kdf.clone(),
            key_check: self.key_check.clone(),
            ..live.clone()
        })
    }

    /// The bytes to store: `[format=1][from u32 LE][to u32 LE][kdf][key check…]`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![PENDING_FORMAT];
        out.extend_from_slice(&self.from_generation.to_le_bytes());
        out.extend_from_slice(&self.to_generation.to_le_bytes());
        self.kdf.write(&mut out);
        out.extend_from_slice(&self.key_check);
        out
    }
}

/// What start-up finds in storage besides the live header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Leftovers {
    /// A pending change is stored (whatever its content: it was never switched to).
    pub pending: bool,
    /// Slots of a generation older than the live one.
    pub older_generations: bool,
    /// Slots of a generation newer than the live one.
    pub newer_generations: bool,
}

/// What start-up did about an interrupted passcode change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Recovery {
    /// A change was interrupted before its switch: the old passcode still opens the vault.
    pub rolled_back: bool,
    /// A change was interrupted after its switch: the new passcode opens the vault.
    pub finished: bool,
}

/// What to delete at start-up so that only the live generation remains.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecoveryPlan {
    pub discard_older: bool,
    pub discard_newer: bool,
    pub clear_pending: bool,
    pub outcome: Recovery,
}

impl RecoveryPlan {
    /// Whether storage is to be changed at all.
    pub fn is_needed(&self) -> bool {
        self.discard_older || self.discard_newer || self.clear_pending
    }
}

/// The recovery for what start-up found: keep the generation the header names, delete the rest.
pub fn plan_recovery(found: Leftovers) -> RecoveryPlan {
    RecoveryPlan {
        discard_older: found.older_generations,
        discard_newer: found.newer_generations,
        clear_pending: found.pending,
        outcome: Recovery {
            rolled_back: found.pending || found.newer_generations,
            finished: found.older_generations,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::envelope::IV_LEN;
    use crate::vault::header::SALT_LEN;
    use crate::vault::policy::VaultPolicy;
    use std::collections::BTreeSet;

    fn live() -> VaultHeader {
        let check = Envelope { iv: [1; IV_LEN], ciphertext: vec![2; 40] };
        VaultHeader::new(KdfParams::pbkdf2([3; SALT_LEN]), &check, VaultPolicy::default())
    }

    fn change(from: &VaultHeader) -> PendingChange {
        let check = Envelope { iv: [4; IV_LEN], ciphertext: vec![5; 40] };
        plan_change(from, KdfParams::pbkdf2([6; SALT_LEN]), &check).unwrap()
    }

    #[test]
    fn a_change_moves_to_the_next_generation_with_the_new_key_and_the_same_policy() {
        let mut from = live();
        from.policy.wipe.after_failures = 4;
        let pending = change(&from);
        assert_eq!((pending.from_generation, pending.to_generation), (1, 2));
        let switched = pending.switched_header(&from).unwrap();
        assert_eq!(switched.generation, 2);
        assert_eq!(switched.kdf.salt, vec![6; SALT_LEN]);
        assert_eq!(switched.key_check, pending.key_check);
        assert_eq!(switched.policy.wipe.after_failures, 4);
        assert_eq!(switched.check(), Ok(()));
    }

    #[test]
    fn a_pending_change_is_stored_as_generations_kdf_and_key_check() {
        let pending = change(&live());
        let bytes = pending.to_bytes();
        assert_eq!(bytes[0], PENDING_FORMAT);
        assert_eq!(&bytes[1..9], &[1, 0, 0, 0, 2, 0, 0, 0]);
        assert!(bytes.ends_with(&pending.key_check));
        assert_ne!(bytes, change(&pending.switched_header(&live()).unwrap()).to_bytes());
    }

    #[test]
    fn a_change_prepared_from_another_header_cannot_switch() {
        let from = live();
        let pending = change(&from);
        let moved_on = pending.switched_header(&from).unwrap();
        assert_eq!(pending.switched_header(&moved_on), Err(ChangeError::NotFromLiveGeneration));
        let mut last = live();
        last.generation = u32::MAX;
        assert_eq!(
            plan_change(
                &last,
                KdfParams::pbkdf2([0; SALT_LEN]),
                &Envelope { iv: [0; IV_LEN], ciphertext: vec![0; 16] }
            ),
            Err(ChangeError::GenerationsExhausted)
        );
    }

    #[test]
    fn a_clean_start_needs_nothing() {
        let plan = plan_recovery(Leftovers::default());
        assert!(!plan.is_needed());
        assert_eq!(plan.outcome, Recovery::default());
    }

    /// Storage as the recovery sees it: the header, the pending change, generations with slots.
    struct Disk {
        header: VaultHeader,
        pending: Option<PendingChange>,
        generations: BTreeSet<u32>,
    }

    impl Disk {
        fn leftovers(&self) -> Leftovers {
            let live = self.header.generation;
            Leftovers {
                pending: self.pending.is_some(),
                older_generations: self.generations.iter().any(|g| *g < live),
                newer_generations: self.generations.iter().any(|g| *g > live),
            }
        }

        fn apply(&mut self, plan: RecoveryPlan) {
            let live = self.header.generation;
            if plan.discard_older {
                self.generations.retain(|g| *g >= live);
            }
            if plan.discard_newer {
                self.generations.retain(|g| *g <= live);
            }
            if plan.clear_pending {
                self.pending = None;
            }
        }
    }

    #[test]
    fn an_interruption_after_any_step_leaves_exactly_one_whole_generation() {
        for steps_done in 0..=4 {
            let from = live();
            let pending = change(&from);
            let mut disk =
                Disk { header: from.clone(), pending: None, generations: BTreeSet::from([1]) };
            if steps_done >= 1 {
                disk.pending = Some(pending.clone());
            }
            if steps_done >= 2 {
                disk.generations.insert(2);
            }
            if steps_done >= 3 {
                disk.header = pending.switched_header(&from).unwrap();
                disk.pending = None;
            }
            if steps_done >= 4 {
                disk.generations.remove(&1);
            }
            let plan = plan_recovery(disk.leftovers());
            disk.apply(plan);
            let expected_live = if steps_done >= 3 { 2 } else { 1 };
            assert_eq!(disk.header.generation, expected_live, "after {steps_done} steps");
            assert_eq!(
                disk.generations,
                BTreeSet::from([expected_live]),
                "after {steps_done} steps"
            );
            assert_eq!(disk.pending, None);
            assert_eq!(
                plan.outcome.rolled_back,
                (1..=2).contains(&steps_done),
                "after {steps_done} steps"
            );
            assert_eq!(plan.outcome.finished, steps_done == 3, "after {steps_done} steps");
            assert_eq!(
                plan_recovery(disk.leftovers()),
                RecoveryPlan::default(),
                "recovery is idempotent"
            );
        }
    }
}
