//! The encrypted case vault in the browser: a random data key wrapped under a WebCrypto key from
//! the passcode, records sealed with AES-256-GCM in IndexedDB under opaque keys with a write
//! counter against rollback, an encrypted index for listing, lock, crypto-erasing wipe, passcode
//! change, the one-time move of a format-1 vault, and the move of a PBKDF2 vault's passcode key
//! to Argon2id (`kdf`, in a worker) after its next unlock, and an optional second factor bound to
//! the device (`second_factor`, a platform authenticator's WebAuthn PRF). The rules it follows (formats, passcode
//! rules, policies, recovery) are `senda_core::vault`'s.
//!
//! ```text
//! Vault::open() ─┬─ status() ── NotCreated | Locked { failed, left }
//!                ├─ create(passcode) ─┐
//!                ├─ unlock(passcode) ─┴─▶ UnlockedVault<Summary>
//!                └─ wipe()                 put / put_many / get / delete / summaries / ids
//!                                          change_passcode / set_policy / wipe / lock
//! ```
//!
//! Nothing here writes to localStorage, the console, the URL or the title.

pub mod crypto;
mod erase;
mod error;
pub mod kdf;
mod kdf_move;
mod locked;
mod migration;
mod passcode_change;
mod persistence;
pub mod second_factor;
mod store;
mod unlocked;

pub use error::VaultError;
pub use kdf_move::{KdfMove, Rewrapped};
pub use locked::{Vault, VaultStatus, DATABASE_NAME};
pub use migration::StopMove;
pub use persistence::{persistent_storage, request_persistent_storage, Persistence};
pub use senda_core::vault::attempts::AttemptCount;
pub use senda_core::vault::passcode_change::Recovery;
pub use senda_core::vault::quarantine::{Damage, QuarantineEntry, QuarantinedItem};
pub use unlocked::UnlockedVault;
