//! What can go wrong with the vault, as values with a message for a person (and a message key
//! for the screens). No message ever holds record content; ids are opaque.

use super::crypto::CryptoError;
use super::store::StoreError;
use senda_core::vault::header::HeaderError;
use senda_core::vault::passcode::PasscodeProblem;
use senda_core::vault::passcode_change::ChangeError;
use senda_core::vault::policy::PolicyError;
use senda_core::vault::quarantine::Damage;
use senda_core::vault::record_id::RecordIdError;
use std::fmt;

/// A vault failure.
#[derive(Clone, Debug, PartialEq)]
pub enum VaultError {
    /// There is no vault on this device yet: set a passcode first.
    NotCreated,
    /// A vault already exists; creating another would erase it.
    AlreadyCreated,
    /// The new passcode breaks these rules.
    WeakPasscode(Vec<PasscodeProblem>),
    /// Wrong passcode; the count is stored and shown.
    WrongPasscode {
        failed_attempts: u32,
        attempts_left: u32,
    },
    /// The current passcode given to change it was wrong (not counted: the vault was open).
    WrongCurrentPasscode,
    /// Too many wrong passcodes in a row: everything was erased.
    Wiped,
    InvalidId(RecordIdError),
    /// The record (or the index, with id `None`) was damaged and has been moved aside.
    Damaged {
        id: Option<String>,
        damage: Damage,
    },
    /// The record decrypted but is not of the shape asked for (a program error or a missing
    /// migration, not damage): it is left where it is.
    UnexpectedShape {
        id: String,
    },
    /// Storage is full: nothing of this write was saved, the previous state is intact.
    StorageFull,
    /// The browser gives no storage here (private window, disabled storage, blocked database).
    StorageUnavailable {
        name: String,
    },
    /// Another window changed the vault since this one read it; nothing was overwritten.
    ChangedElsewhere,
    /// Part of the vault was written by a newer version of Senda: refused, left untouched.
    NewerFormat,
    /// A stored value (a record, or the case list with id `None`) is not the one this device
    /// last wrote: an older copy was put back (or the rest of the vault was). Refused, left
    /// exactly where it is, never used.
    OlderCopy {
        id: Option<String>,
    },
    /// The one-time move to the new storage format could not be verified; the vault is as it
    /// was and the move is tried again at the next unlock.
    FormatMoveFailed,
    /// The key worker (Argon2id) cannot run here: no Worker, its files not on this phone and no
    /// network, or its wasm refused. Nothing was changed and no try was counted.
    KdfUnavailable,
    /// The second factor's authenticator step was cancelled or timed out (nothing counted).
    SecondFactorCancelled,
    /// The authenticator could not answer: gone, reset, or without the PRF extension.
    SecondFactorFailed,
    Header(HeaderError),
    Policy(PolicyError),
    PasscodeChange(ChangeError),
    Crypto(CryptoError),
}

impl VaultError {
    /// Key of the message for the screens.
    pub fn message_key(&self) -> &'static str {
        match self {
            VaultError::NotCreated => "vault.error.not_created",
            VaultError::AlreadyCreated => "vault.error.already_created",
            VaultError::WeakPasscode(_) => "vault.error.weak_passcode",
            VaultError::WrongPasscode { .. } => "vault.error.wrong_passcode",
            VaultError::WrongCurrentPasscode => "vault.error.wrong_current_passcode",
            VaultError::Wiped => "vault.error.wiped",
            VaultError::InvalidId(_) => "vault.error.invalid_id",
            VaultError::Damaged { .. } => "vault.error.damaged",
            VaultError::UnexpectedShape { .. } => "vault.error.unexpected_shape",
            VaultError::StorageFull => "vault.error.storage_full",
            VaultError::StorageUnavailable { .. } => "vault.error.storage_unavailable",
            VaultError::ChangedElsewhere => "vault.error.changed_elsewhere",
            VaultError::NewerFormat => "vault.error.newer_format",
            VaultError::OlderCopy { .. } => "vault.error.older_copy",
            VaultError::FormatMoveFailed => "vault.error.format_move",
            VaultError::KdfUnavailable => "vault.error.kdf_unavailable",
            VaultError::SecondFactorCancelled => "vault.error.second_factor_cancelled",
            VaultError::SecondFactorFailed => "vault.error.second_factor_failed",
            VaultError::Header(e) if e.is_newer() => "vault.error.newer_vault",
            VaultError::Header(_) => "vault.error.header",
            VaultError::Policy(e) => e.message_key(),
            VaultError::PasscodeChange(_) => "vault.error.passcode_change",
            VaultError::Crypto(_) => "vault.error.crypto",
        }
    }
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VaultError::NotCreated => write!(f, "There is no case vault on this phone yet. Set a passcode to start."),
            VaultError::AlreadyCreated => write!(f, "This phone already has a case vault. Unlock it instead."),
            VaultError::WeakPasscode(problems) => {
                write!(f, "Choose another passcode:")?;
                problems.iter().try_for_each(|p| write!(f, " {p}"))
            }
            VaultError::WrongPasscode { failed_attempts, attempts_left } => write!(
                f,
                "Wrong passcode ({failed_attempts} in a row). After {attempts_left} more, everything on this phone is erased."
            ),
            VaultError::WrongCurrentPasscode => write!(f, "The current passcode is wrong. Nothing was changed."),
            VaultError::Wiped => write!(f, "Too many wrong passcodes: all cases on this phone were erased."),
            VaultError::InvalidId(e) => write!(f, "{e}"),
            VaultError::Damaged { id: Some(id), damage } => write!(
                f,
                "Record {id} cannot be opened because {damage}. It was set aside; the other records are safe."
            ),
            VaultError::Damaged { id: None, damage } => write!(
                f,
                "The case list cannot be read because {damage}. It was set aside; each case can still be opened."
            ),
            VaultError::UnexpectedShape { id } => {
                write!(f, "Record {id} is not in the form this version of Senda expects. It was left untouched.")
            }
            VaultError::StorageFull => write!(
                f,
                "The phone's storage is full. This change was not saved; what was saved before is intact. Free some space and try again."
            ),
            VaultError::StorageUnavailable { name } => {
                write!(f, "This browser did not let Senda use its storage ({name}). In a private window, open Senda in a normal one.")
            }
            VaultError::ChangedElsewhere => write!(
                f,
                "Senda changed the vault in another window or tab. Nothing was overwritten. Lock and unlock to continue."
            ),
            VaultError::NewerFormat => write!(
                f,
                "Part of the case vault on this phone was written by a newer version of Senda. Update Senda to open it; nothing was changed."
            ),
            VaultError::OlderCopy { id: Some(id) } => write!(
                f,
                "An older copy of record {id} was put back on this phone. It was not used and was left where it is; the other records are safe."
            ),
            VaultError::OlderCopy { id: None } => write!(
                f,
                "An older copy of the case list was put back on this phone. It was not used and nothing was changed."
            ),
            VaultError::FormatMoveFailed => write!(
                f,
                "Senda could not finish updating how the cases are stored. Nothing was lost; unlock again to retry."
            ),
            VaultError::KdfUnavailable => write!(
                f,
                "Senda could not check the passcode on this phone: the part that does it did not load. Connect to the internet and reload Senda once; nothing was changed and this try was not counted."
            ),
            VaultError::SecondFactorCancelled => write!(
                f,
                "The phone's screen lock or fingerprint was not confirmed, so the vault stayed locked. This try was not counted; try again."
            ),
            VaultError::SecondFactorFailed => write!(
                f,
                "This phone's screen lock could not confirm the vault's second factor. This try was not counted; try again. If the phone's security was reset, the vault cannot be opened: restore your cases from a backup."
            ),
            VaultError::Header(e) => write!(f, "{e}"),
            VaultError::Policy(e) => write!(f, "{e}"),
            VaultError::PasscodeChange(e) => write!(f, "{e} Nothing was changed."),
            VaultError::Crypto(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for VaultError {}

impl From<StoreError> for VaultError {
    fn from(e: StoreError) -> VaultError {
        if e.is_quota_exceeded() {
            VaultError::StorageFull
        } else if e.is_expectation_failed() {
            VaultError::ChangedElsewhere
        } else {
            VaultError::StorageUnavailable { name: e.name }
        }
    }
}

impl From<CryptoError> for VaultError {
    fn from(e: CryptoError) -> VaultError {
        VaultError::Crypto(e)
    }
}

impl From<HeaderError> for VaultError {
    fn from(e: HeaderError) -> VaultError {
        VaultError::Header(e)
    }
}
