//! The vault's pure rules: stored formats, passcode rules, lock and wipe policies, and the plan that
//! lets a passcode change survive an interruption. No browser types: the browser side
//! (`senda::vault`) does the cryptography and the storage and asks this module what to do.
//!
//! What is stored, and what of it is plain:
//! - the [`header::VaultHeader`]: format, KDF name, iteration count, salt, live key generation, a
//!   key-check envelope, and the lock/wipe policy — nothing personal;
//! - one [`envelope::Envelope`] per record, keyed by (generation, opaque [`record_id`]);
//! - one envelope holding the index (a caller-supplied summary per record), per generation;
//! - the count of wrong passcodes in a row, and quarantined (damaged) envelopes as found.

pub mod attempts;
pub mod data_key;
pub mod envelope;
pub mod header;
pub mod idle_lock;
pub mod index;
pub mod listing;
pub mod passcode;
pub mod passcode_change;
pub mod policy;
pub mod policy_error;
pub mod quarantine;
pub mod record_id;
pub mod scope;
pub mod write_counter;
