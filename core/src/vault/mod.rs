//! The vault's pure rules: stored formats, passcode rules, lock and wipe policies, and the plan that
//! lets a passcode change survive an interruption. No browser types: the browser side
//! (`senda::vault`) does the cryptography and the storage and asks this module what to do.
//!
//! What is stored, and what of it is plain (format 2; format 1 is only read, to move it):
//! - the [`data_key::HeaderV2`]: format, KDF name, iteration count, salt, live key generation, the
//!   lock/wipe policy, the write counter and the wrapped data key — nothing personal;
//! - one [`write_counter::CountedEnvelope`] per record, keyed by (generation, opaque storage key
//!   from [`data_key::storage_key_from_mac`]); its plaintext carries the case id
//!   ([`listing::record_plaintext`]);
//! - one counted envelope holding the index ([`listing`]: each record's id, storage key and
//!   counter, then a caller-supplied summary per record), per generation;
//! - the count of wrong passcodes in a row, and quarantined (damaged) envelopes as found.

pub mod attempts;
pub mod data_key;
pub mod envelope;
pub mod header;
pub mod idle_lock;
pub mod index;
pub mod kdf;
pub mod listing;
pub mod passcode;
pub mod passcode_change;
pub mod policy;
pub mod policy_error;
pub mod quarantine;
pub mod record_id;
pub mod scope;
pub mod second_factor;
pub mod write_counter;
