//! The encrypted case vault in the browser: WebCrypto keys from the passcode, records sealed with
//! AES-256-GCM in IndexedDB, an encrypted index for listing, lock, wipe and passcode change. The
//! rules it follows (formats, passcode rules, policies, recovery) are `senda_core::vault`'s.
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
mod error;
mod locked;
mod passcode_change;
mod persistence;
mod store;
mod unlocked;

pub use error::VaultError;
pub use locked::{Vault, VaultStatus, DATABASE_NAME};
pub use passcode_change::PreparedPasscodeChange;
pub use persistence::{persistent_storage, request_persistent_storage, Persistence};
pub use senda_core::vault::attempts::AttemptCount;
pub use senda_core::vault::passcode_change::Recovery;
pub use senda_core::vault::quarantine::{Damage, QuarantineEntry, QuarantinedItem};
pub use unlocked::UnlockedVault;
