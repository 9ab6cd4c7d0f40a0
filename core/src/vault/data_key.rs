//! The vault format 2's keys: a random 256-bit data key, wrapped (AES-256-GCM) by the key derived
//! from the passcode and kept in the header, from which HKDF-SHA-256 derives the key that seals
//! records and the index and the HMAC key that turns a case id into an opaque storage key. A
//! passcode change re-wraps only the data key; a wipe overwrites the wrapped key first (so the
//! ciphertexts left until the browser compacts its files are useless), then deletes. Also the
//! format-2 header and the plan of the one-time move from format 1.
//!
//! Header format 2: `[format=2][kdf: name-len, name, iterations u32 LE, salt-len, salt]
//! [generation u32 LE][wipe-after u32 LE][idle-lock seconds u32 LE][write counter u64 LE]
//! [wrapped data key: format-1 envelope of the 32 key bytes]`, its KDF PBKDF2-SHA-256.
//! Header format 3 is the same layout with an Argon2id KDF (`kdf`: the name
//! `Argon2id-v19-m65536-p1` pins version, memory and lanes, `iterations` is the passes `t`). The
//! format byte changes with the KDF so that a Senda that knows only format 2 refuses such a
//! header as newer ("update Senda") instead of calling its unknown KDF damage; this version
//! writes 3 for Argon2id and 2 for PBKDF2, and refuses any other pairing.
//!
//! Header format 4 is format 3 (Argon2id only) with a second factor bound to the device between
//! the write counter and the wrapped key: `[credential id length u16 LE, 16 to 1023]
//! [credential id][PRF salt: 32 bytes]` (`second_factor`). Its wrapped key is sealed under the
//! key of [`second_factor::wrapping_key_ikm`]. A Senda that knows only formats 2 and 3 refuses
//! it as newer; this version refuses format 4 with PBKDF2 (nothing writes it).
//!
//! Not browser code: `senda::vault` follows these rules (WebCrypto does the cryptography) for
//! every vault it creates, and moves format-1 vaults by `plan_format_move` at unlock.

use super::attempts::WipePolicy;
use super::envelope::{Envelope, EnvelopeError, IV_LEN, TAG_LEN};
use super::header::{HeaderError, KdfParams, Reader};
use super::idle_lock::IdleLockPolicy;
use super::kdf::Kdf;
use super::policy::VaultPolicy;
use super::second_factor::SecondFactor;

/// Length of the random data key.
pub const DATA_KEY_LEN: usize = 32;
/// Length of a stored wrapped data key: format byte, IV, 32 key bytes and the tag.
pub const WRAPPED_KEY_LEN: usize = 1 + IV_LEN + DATA_KEY_LEN + TAG_LEN;
/// The header layout that carries a wrapped data key and the write counter.
pub const HEADER_FORMAT_2: u8 = 2;
/// Format 2's layout with an Argon2id KDF.
pub const HEADER_FORMAT_3: u8 = 3;
/// Format 3 with a second factor (a platform authenticator's WebAuthn PRF).
pub const HEADER_FORMAT_4: u8 = 4;

/// HKDF-SHA-256 `info` of the AES-256-GCM key that seals records and the index.
pub const RECORDS_KEY_INFO: &[u8] = b"senda-vault/2/records-key";
/// HKDF-SHA-256 `info` of the HMAC-SHA-256 key that makes opaque storage keys.
pub const STORAGE_KEYS_INFO: &[u8] = b"senda-vault/2/storage-keys";
/// HKDF salt: fixed (the data key is uniformly random; the salt only separates this use).
pub const HKDF_SALT: &[u8] = b"senda-vault/2/hkdf";
/// Hex digits of the HMAC kept as a record's storage key (128 bits: no collision in practice).
pub const STORAGE_KEY_HEX_LEN: usize = 32;

/// The additional data that binds a wrapped data key to its key generation.
pub fn wrapped_key_additional_data(generation: u32) -> Vec<u8> {
    format!("senda-vault/2/{generation}/data-key").into_bytes()
}

/// What is HMAC'd to make a record's storage key: the label and the case id, so the key
/// reveals nothing of the id and cannot be matched across vaults (each has its own data key).
pub fn record_key_input(id: &str) -> Vec<u8> {
    let mut out = b"senda-vault/2/record/".to_vec();
    out.extend_from_slice(id.as_bytes());
    out
}

/// The storage key from an HMAC-SHA-256 output: its first 16 bytes in lowercase hex. Never
/// holds any character of the id (hex only), and passes `record_id::check_record_id`.
pub fn storage_key_from_mac(mac: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    mac.iter()
        .take(STORAGE_KEY_HEX_LEN / 2)
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

/// The plain header of a format-2 vault. Nothing in it is personal; the wrapped key is
/// useless without the passcode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderV2 {
    pub kdf: KdfParams,
    pub generation: u32,
    pub policy: VaultPolicy,
    /// The last write counter this device wrote (see `write_counter`).
    pub counter: u64,
    /// The second factor whose PRF output is mixed into the key that wraps the data key
    /// (format 4), if the worker turned it on.
    pub second_factor: Option<SecondFactor>,
    /// The data key sealed under the passcode key (format-1 envelope bytes).
    pub wrapped_key: Vec<u8>,
}

impl HeaderV2 {
    pub fn wrapped_key(&self) -> Result<Envelope, HeaderError> {
        Envelope::from_bytes(&self.wrapped_key).map_err(HeaderError::BadKeyCheck)
    }

    /// The format byte this header is stored with: 4 with a second factor, else its KDF's (3
    /// for Argon2id, 2 for PBKDF2).
    pub fn format(&self) -> u8 {
        match (&self.second_factor, self.kdf.kdf()) {
            (Some(_), _) => HEADER_FORMAT_4,
            (None, Ok(Kdf::Pbkdf2Sha256 { .. })) => HEADER_FORMAT_2,
            (None, _) => HEADER_FORMAT_3,
        }
    }

    pub fn check(&self) -> Result<(), HeaderError> {
        if self.generation == 0 {
            return Err(HeaderError::Unreadable);
        }
        let kdf = self.kdf.kdf()?;
        if let Some(factor) = &self.second_factor {
            // Enrolment re-derives with Argon2id: a second factor beside PBKDF2 is not a header
            // anyone wrote.
            if !matches!(kdf, Kdf::Argon2id(_)) {
                return Err(HeaderError::Unreadable);
            }
            factor.check()?;
        }
        if self.wrapped_key.len() != WRAPPED_KEY_LEN {
            return Err(HeaderError::BadKeyCheck(EnvelopeError::Truncated {
                len: self.wrapped_key.len(),
            }));
        }
        self.wrapped_key()?;
        self.policy.check().map_err(HeaderError::BadPolicy)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![self.format()];
        self.kdf.write(&mut out);
        out.extend_from_slice(&self.generation.to_le_bytes());
        out.extend_from_slice(&self.policy.wipe.after_failures.to_le_bytes());
        out.extend_from_slice(&self.policy.idle_lock.after_seconds.to_le_bytes());
        out.extend_from_slice(&self.counter.to_le_bytes());
        if let Some(factor) = &self.second_factor {
            factor.write(&mut out);
        }
        out.extend_from_slice(&self.wrapped_key);
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<HeaderV2, HeaderError> {
        let mut r = Reader::new(bytes);
        let format = match r.byte() {
            Some(f @ (HEADER_FORMAT_2 | HEADER_FORMAT_3 | HEADER_FORMAT_4)) => f,
            Some(found) if found > HEADER_FORMAT_4 => {
                return Err(HeaderError::FutureFormat { found })
            }
            _ => return Err(HeaderError::Unreadable),
        };
        let mut read = || -> Option<HeaderV2> {
            let kdf = KdfParams::read(&mut r)?;
            let generation = r.u32()?;
            let wipe = WipePolicy { after_failures: r.u32()? };
            let idle_lock = IdleLockPolicy { after_seconds: r.u32()? };
            let low = u64::from(r.u32()?);
            let high = u64::from(r.u32()?);
            let second_factor =
                if format == HEADER_FORMAT_4 { Some(SecondFactor::read(&mut r)?) } else { None };
            Some(HeaderV2 {
                kdf,
                generation,
                policy: VaultPolicy { wipe, idle_lock },
                counter: low | (high << 32),
                second_factor,
                wrapped_key: Vec::new(),
            })
        };
        let mut header = read().ok_or(HeaderError::Unreadable)?;
        header.wrapped_key = r.rest().to_vec();
        header.check()?;
        // Format 2 was only ever PBKDF2; formats 3 and 4 never are (nothing writes another pairing).
        if header.format() != format {
            return Err(HeaderError::Unreadable);
        }
        Ok(header)
    }

    /// The header a wipe writes over this one before deleting anything: the same length, the
    /// wrapped key replaced by `noise` (random bytes of [`WRAPPED_KEY_LEN`]), so the data key is
    /// gone from the stored bytes even if the deletion that follows never reaches the disk.
    pub fn erased(&self, noise: &[u8; WRAPPED_KEY_LEN]) -> Vec<u8> {
        let mut bytes = self.to_bytes();
        let at = bytes.len() - WRAPPED_KEY_LEN;
        bytes[at..].copy_from_slice(noise);
        bytes
    }

    /// The header after a passcode change: a new KDF salt and the same data key wrapped under
    /// the new passcode key. Records are not touched.
    /// The second factor stays as it was (its PRF output went into the new wrapping key).
    pub fn rewrapped(&self, kdf: KdfParams, wrapped_key: Vec<u8>) -> HeaderV2 {
        HeaderV2 { kdf, wrapped_key, ..self.clone() }
    }

    /// The header after turning the second factor on (`Some`: format 4) or off (`None`: format
    /// 3): the same data key wrapped under the new wrapping key, with a new KDF salt.
    pub fn with_second_factor(
        &self,
        kdf: KdfParams,
        second_factor: Option<SecondFactor>,
        wrapped_key: Vec<u8>,
    ) -> HeaderV2 {
        HeaderV2 { kdf, second_factor, wrapped_key, ..self.clone() }
    }
}

/// Where a vault stands in the one-time move from format 1 to format 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatState {
    /// The live header's format (1 or 2).
    pub header_format: u8,
    /// A format-2 copy (records, index, and its header held apart as a pending header) exists.
    pub pending_v2_copy: bool,
}

/// What opening or unlocking must do about the format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatMove {
    /// Format 2 already: nothing.
    None,
    /// Format 1 with no copy: at unlock (the passcode is needed), write every record and the
    /// index in format 2 into the next generation's slots, verify each decrypts to the same
    /// plaintext, then switch the header in one transaction, then delete generation 1's slots.
    Migrate,
    /// A copy left by an interrupted move, the header still format 1: delete the copy (the old
    /// vault is whole and in force), then migrate again at this unlock.
    DiscardCopyThenMigrate,
}

/// The plan: the header names the live format, so an interruption at any step leaves exactly
/// one whole vault in force — the old one until the switch, the new one after it.
pub fn plan_format_move(state: FormatState) -> FormatMove {
    match state {
        FormatState { header_format: 2, .. } => FormatMove::None,
        FormatState { pending_v2_copy: true, .. } => FormatMove::DiscardCopyThenMigrate,
        FormatState { pending_v2_copy: false, .. } => FormatMove::Migrate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::header::SALT_LEN;
    use crate::vault::record_id::check_record_id;
    use crate::vault::second_factor::SecondFactor;

    fn header() -> HeaderV2 {
        let wrapped = Envelope { iv: [5; IV_LEN], ciphertext: vec![6; DATA_KEY_LEN + TAG_LEN] };
        HeaderV2 {
            kdf: KdfParams::pbkdf2([9; SALT_LEN]),
            generation: 1,
            policy: VaultPolicy::default(),
            counter: (7u64 << 32) | 3,
            second_factor: None,
            wrapped_key: wrapped.to_bytes(),
        }
    }

    #[test]
    fn a_format_2_header_round_trips_and_is_told_from_format_1() {
        let h = header();
        let bytes = h.to_bytes();
        assert_eq!(bytes[0], 2);
        assert_eq!(HeaderV2::from_bytes(&bytes), Ok(h.clone()));
        assert_eq!(bytes.len(), 1 + (1 + 14 + 4 + 1 + 16) + 4 + 4 + 4 + 8 + WRAPPED_KEY_LEN);
        // Format 1's reader calls it newer (refused, not damaged); format 2's reader refuses 1.
        assert_eq!(
            crate::vault::header::VaultHeader::from_bytes(&bytes),
            Err(HeaderError::FutureFormat { found: 2 })
        );
        let mut one = bytes.clone();
        one[0] = 1;
        assert_eq!(HeaderV2::from_bytes(&one), Err(HeaderError::Unreadable));
        one[0] = 5;
        assert_eq!(HeaderV2::from_bytes(&one), Err(HeaderError::FutureFormat { found: 5 }));
        // A PBKDF2 header is format 2; the same bytes marked 3 are not a header anyone wrote.
        one[0] = 3;
        assert_eq!(HeaderV2::from_bytes(&one), Err(HeaderError::Unreadable));
        for cut in [1, 20, 50, bytes.len() - 1] {
            assert!(HeaderV2::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn an_argon2id_header_is_format_3_and_an_unknown_kdf_is_refused_as_newer() {
        let h = HeaderV2 { kdf: KdfParams::argon2id([4; SALT_LEN]), ..header() };
        let bytes = h.to_bytes();
        assert_eq!(bytes[0], 3);
        assert_eq!(&bytes[2..24], b"Argon2id-v19-m65536-p1");
        assert_eq!(u32::from_le_bytes([bytes[24], bytes[25], bytes[26], bytes[27]]), 2);
        assert_eq!(HeaderV2::from_bytes(&bytes), Ok(h.clone()));
        // A Senda that knew only format 2 called anything above it newer.
        assert!(bytes[0] > HEADER_FORMAT_2);
        // Argon2id in a format-2 header was never written: damage, not a choice.
        let mut two = bytes.clone();
        two[0] = 2;
        assert_eq!(HeaderV2::from_bytes(&two), Err(HeaderError::Unreadable));
        // Another memory cost (same length of name): a newer Senda's, refused with "update".
        let mut other = bytes.clone();
        other[2..24].copy_from_slice(b"Argon2id-v19-m98304-p1");
        let refused = HeaderV2::from_bytes(&other).unwrap_err();
        assert_eq!(refused, HeaderError::UnknownKdf);
        assert!(refused.is_newer());
        assert!(refused.to_string().contains("Update Senda"), "{refused}");
        // Passes out of bounds: damage.
        let mut passes = bytes.clone();
        passes[24..28].copy_from_slice(&1000u32.to_le_bytes());
        assert_eq!(HeaderV2::from_bytes(&passes), Err(HeaderError::IterationsOutOfRange));
        assert!(!HeaderError::IterationsOutOfRange.is_newer());
    }

    fn factor() -> SecondFactor {
        SecondFactor { credential_id: (0..40).collect(), prf_salt: [0x5c; 32] }
    }

    #[test]
    fn a_second_factor_makes_format_4_and_older_readers_call_it_newer() {
        let h = HeaderV2 {
            kdf: KdfParams::argon2id([4; SALT_LEN]),
            second_factor: Some(factor()),
            ..header()
        };
        let bytes = h.to_bytes();
        assert_eq!(bytes[0], HEADER_FORMAT_4);
        assert_eq!(HeaderV2::from_bytes(&bytes), Ok(h.clone()));
        let plain = HeaderV2 { second_factor: None, ..h.clone() }.to_bytes();
        assert_eq!(bytes.len(), plain.len() + 2 + 40 + 32);
        // The block sits between the counter and the wrapped key, which stays last (the wipe
        // overwrites the last bytes).
        let at = plain.len() - WRAPPED_KEY_LEN;
        assert_eq!(&bytes[at..at + 2], &40u16.to_le_bytes());
        assert_eq!(&bytes[bytes.len() - WRAPPED_KEY_LEN..], &h.wrapped_key[..]);
        let erased = h.erased(&[0xA5; WRAPPED_KEY_LEN]);
        assert_eq!(&erased[..at + 2 + 40 + 32], &bytes[..at + 2 + 40 + 32]);
        assert!(!erased.windows(WRAPPED_KEY_LEN).any(|w| w == h.wrapped_key.as_slice()));
        // A reader of formats 2 and 3 (the release before: "found > 3" is newer) and format 1's
        // reader refuse it as newer, never as damage.
        assert!(bytes[0] > HEADER_FORMAT_3);
        let old = crate::vault::header::VaultHeader::from_bytes(&bytes).unwrap_err();
        assert_eq!(old, HeaderError::FutureFormat { found: 4 });
        assert!(old.is_newer());
        let mut five = bytes.clone();
        five[0] = 5;
        assert!(HeaderV2::from_bytes(&five).unwrap_err().is_newer());
        // Format 3 bytes marked 4 (no block) and format 4 bytes marked 3: damage.
        let mut marked = plain.clone();
        marked[0] = HEADER_FORMAT_4;
        assert!(!HeaderV2::from_bytes(&marked).is_ok_and(|r| r == h));
        let mut three = bytes.clone();
        three[0] = HEADER_FORMAT_3;
        assert!(HeaderV2::from_bytes(&three).is_err());
        for cut in [at + 1, at + 20, at + 2 + 40 + 31, bytes.len() - 1] {
            assert!(HeaderV2::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn format_4_refuses_impossible_pairings() {
        // PBKDF2 with a second factor: enrolment always re-derives with Argon2id.
        let pbkdf2 = HeaderV2 { second_factor: Some(factor()), ..header() };
        assert_eq!(pbkdf2.check(), Err(HeaderError::Unreadable));
        assert_eq!(HeaderV2::from_bytes(&pbkdf2.to_bytes()), Err(HeaderError::Unreadable));
        // A credential id out of WebAuthn's bounds.
        for len in [0usize, 15, 1024] {
            let h = HeaderV2 {
                kdf: KdfParams::argon2id([4; SALT_LEN]),
                second_factor: Some(SecondFactor {
                    credential_id: vec![1; len],
                    prf_salt: [2; 32],
                }),
                ..header()
            };
            assert_eq!(h.check(), Err(HeaderError::Unreadable), "{len}");
            assert!(HeaderV2::from_bytes(&h.to_bytes()).is_err(), "{len}");
        }
        // An unknown KDF in format 4 is still a newer Senda's.
        let mut other = HeaderV2 {
            kdf: KdfParams::argon2id([4; SALT_LEN]),
            second_factor: Some(factor()),
            ..header()
        }
        .to_bytes();
        other[2..24].copy_from_slice(b"Argon2id-v19-m98304-p1");
        assert_eq!(HeaderV2::from_bytes(&other), Err(HeaderError::UnknownKdf));
    }

    #[test]
    fn turning_the_factor_on_and_off_rewraps_only_the_key() {
        let h = HeaderV2 { kdf: KdfParams::argon2id([4; SALT_LEN]), ..header() };
        let on = h.with_second_factor(
            KdfParams::argon2id([5; SALT_LEN]),
            Some(factor()),
            vec![8; WRAPPED_KEY_LEN],
        );
        assert_eq!(on.format(), HEADER_FORMAT_4);
        assert_eq!((on.generation, on.counter, on.policy), (h.generation, h.counter, h.policy));
        // A passcode change keeps the factor.
        let changed = on.rewrapped(KdfParams::argon2id([6; SALT_LEN]), vec![9; WRAPPED_KEY_LEN]);
        assert_eq!(changed.second_factor, Some(factor()));
        let off = changed.with_second_factor(
            KdfParams::argon2id([7; SALT_LEN]),
            None,
            vec![1; WRAPPED_KEY_LEN],
        );
        assert_eq!(off.format(), HEADER_FORMAT_3);
        assert_eq!(HeaderV2::from_bytes(&off.to_bytes()), Ok(off));
    }

    #[test]
    fn a_wipe_overwrites_the_wrapped_key_in_place_and_a_change_rewraps_only_it() {
        let h = header();
        let noise = [0xA5; WRAPPED_KEY_LEN];
        let erased = h.erased(&noise);
        assert_eq!(erased.len(), h.to_bytes().len());
        assert!(!erased.windows(h.wrapped_key.len()).any(|w| w == h.wrapped_key.as_slice()));
        assert_eq!(&erased[erased.len() - WRAPPED_KEY_LEN..], &noise[..]);

        let new_kdf = KdfParams::pbkdf2([1; SALT_LEN]);
        let rewrapped = h.rewrapped(new_kdf.clone(), vec![8; WRAPPED_KEY_LEN]);
        assert_eq!(rewrapped.kdf, new_kdf);
        assert_eq!((rewrapped.generation, rewrapped.counter), (h.generation, h.counter));
        assert_ne!(rewrapped.wrapped_key, h.wrapped_key);
    }

    #[test]
    fn labels_are_distinct_and_storage_keys_are_opaque() {
        let labels: [&[u8]; 3] = [RECORDS_KEY_INFO, STORAGE_KEYS_INFO, HKDF_SALT];
        assert_ne!(labels[0], labels[1]);
        assert_ne!(labels[1], labels[2]);
        assert_ne!(wrapped_key_additional_data(1), wrapped_key_additional_data(2));
        assert_eq!(record_key_input("3f2a9c1d-x"), b"senda-vault/2/record/3f2a9c1d-x".to_vec());
        let key = storage_key_from_mac(&[
            0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 99,
        ]);
        assert_eq!(key, "deadbeef000102030405060708090a0b");
        assert_eq!(key.len(), STORAGE_KEY_HEX_LEN);
        assert!(check_record_id(&key).is_ok());
    }

    #[test]
    fn the_format_move_leaves_one_whole_vault_in_force_at_every_step() {
        let state = |header_format, pending_v2_copy| FormatState { header_format, pending_v2_copy };
        assert_eq!(plan_format_move(state(1, false)), FormatMove::Migrate);
        assert_eq!(plan_format_move(state(1, true)), FormatMove::DiscardCopyThenMigrate);
        assert_eq!(plan_format_move(state(2, false)), FormatMove::None);
        assert_eq!(plan_format_move(state(2, true)), FormatMove::None);
    }
}
