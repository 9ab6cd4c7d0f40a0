//! The vault header: the one plain record that says how to derive the key (KDF name, iteration
//! count, salt), which key generation is live, the key-check envelope that tells a wrong passcode
//! from a right one without touching any record, and the lock and wipe policy.
//!
//! Stored as a few bytes rather than JSON (parsing JSON into these types cost ~10 KB of wasm):
//! `[format=1][kdf: name-len, name, iterations u32 LE, salt-len, salt][generation u32 LE]
//! [wipe-after u32 LE][idle-lock seconds u32 LE][key-check envelope…]`.

use super::attempts::WipePolicy;
use super::envelope::{Envelope, EnvelopeError};
use super::idle_lock::IdleLockPolicy;
use super::policy::{PolicyError, VaultPolicy};
use std::fmt;

/// Version of the header layout.
pub const HEADER_FORMAT: u8 = 1;
/// The only key derivation format 1 knows (`kdf` says which others a format-2 header may name).
pub const KDF_NAME: &str = super::kdf::PBKDF2_NAME;
pub use super::kdf::{MAX_PBKDF2_ITERATIONS, MIN_PBKDF2_ITERATIONS, PBKDF2_ITERATIONS};
/// Salt length in bytes (128 bits), random per vault and per passcode change.
pub const SALT_LEN: usize = 16;
/// What the key-check envelope holds once opened. Not secret: it only proves the key.
pub const KEY_CHECK_PLAINTEXT: &[u8] = b"senda vault key check v1";

/// How the key is derived from the passcode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KdfParams {
    pub name: String,
    pub iterations: u32,
    pub salt: Vec<u8>,
}

/// How the parameters are stored (their rules, the constructors and `kdf()`, are `super::kdf`'s).
impl KdfParams {
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        out.push(self.name.len() as u8);
        out.extend_from_slice(self.name.as_bytes());
        out.extend_from_slice(&self.iterations.to_le_bytes());
        out.push(self.salt.len() as u8);
        out.extend_from_slice(&self.salt);
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Option<KdfParams> {
        let name_len = usize::from(r.byte()?);
        let name = String::from_utf8(r.take(name_len)?.to_vec()).ok()?;
        let iterations = r.u32()?;
        let salt_len = usize::from(r.byte()?);
        Some(KdfParams { name, iterations, salt: r.take(salt_len)?.to_vec() })
    }
}

/// Reads the little binary layouts of the header and the pending change.
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { rest: bytes }
    }

    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.rest.len() < n {
            return None;
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Some(head)
    }

    pub(crate) fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn rest(self) -> &'a [u8] {
        self.rest
    }
}

/// The plain header of a vault. Nothing in it is personal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VaultHeader {
    pub kdf: KdfParams,
    /// The live key generation: records and the index are read from this generation's slots.
    pub generation: u32,
    pub policy: VaultPolicy,
    /// [`KEY_CHECK_PLAINTEXT`] sealed under this generation's key (envelope bytes).
    pub key_check: Vec<u8>,
}

/// Why a stored header cannot be used. The vault then stays closed and nothing is changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderError {
    Unreadable,
    /// Written by a newer version of Senda.
    FutureFormat {
        found: u8,
    },
    /// A key derivation this version does not know: a newer Senda's (refused, never damage).
    UnknownKdf,
    IterationsOutOfRange,
    BadSalt,
    BadKeyCheck(EnvelopeError),
    BadPolicy(PolicyError),
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderError::FutureFormat { found } => write!(
                f,
                "The case vault on this phone was written by a newer version of Senda (format {found}). Update Senda to open it."
            ),
            HeaderError::UnknownKdf => write!(
                f,
                "The case vault on this phone was protected by a newer version of Senda. Update Senda to open it; nothing was changed."
            ),
            _ => write!(f, "The case vault's settings on this phone are damaged, so it cannot be opened."),
        }
    }
}

impl HeaderError {
    /// Whether a newer Senda wrote this header (the answer is to update, not to restore).
    pub fn is_newer(&self) -> bool {
        matches!(self, HeaderError::FutureFormat { .. } | HeaderError::UnknownKdf)
    }
}

impl VaultHeader {
    /// The header of a new vault: generation 1.
    pub fn new(kdf: KdfParams, key_check: &Envelope, policy: VaultPolicy) -> VaultHeader {
        VaultHeader { kdf, generation: 1, policy, key_check: key_check.to_bytes() }
    }

    /// The key-check envelope.
    pub fn key_check(&self) -> Result<Envelope, HeaderError> {
        Envelope::from_bytes(&self.key_check).map_err(HeaderError::BadKeyCheck)
    }

    /// Whether every field is one this version can use.
    pub fn check(&self) -> Result<(), HeaderError> {
        if self.generation == 0 {
            return Err(HeaderError::Unreadable);
        }
        if self.kdf.name != KDF_NAME {
            return Err(HeaderError::UnknownKdf);
        }
        self.kdf.check()?;
        self.key_check()?;
        self.policy.check().map_err(HeaderError::BadPolicy)
    }

    /// Reads a stored header and checks it.
    pub fn from_bytes(bytes: &[u8]) -> Result<VaultHeader, HeaderError> {
        let mut r = Reader::new(bytes);
        match r.byte() {
            Some(HEADER_FORMAT) => {}
            Some(found) if found > HEADER_FORMAT => {
                return Err(HeaderError::FutureFormat { found })
            }
            _ => return Err(HeaderError::Unreadable),
        }
        let mut read = || -> Option<VaultHeader> {
            let kdf = KdfParams::read(&mut r)?;
            let generation = r.u32()?;
            let wipe = WipePolicy { after_failures: r.u32()? };
            let idle_lock = IdleLockPolicy { after_seconds: r.u32()? };
            Some(VaultHeader {
                kdf,
                generation,
                policy: VaultPolicy { wipe, idle_lock },
                key_check: Vec::new(),
            })
        };
        let mut header = read().ok_or(HeaderError::Unreadable)?;
        header.key_check = r.rest().to_vec();
        header.check().map(|()| header)
    }

    /// The bytes to store.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![HEADER_FORMAT];
        self.kdf.write(&mut out);
        out.extend_from_slice(&self.generation.to_le_bytes());
        out.extend_from_slice(&self.policy.wipe.after_failures.to_le_bytes());
        out.extend_from_slice(&self.policy.idle_lock.after_seconds.to_le_bytes());
        out.extend_from_slice(&self.key_check);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::envelope::IV_LEN;

    fn header() -> VaultHeader {
        let check = Envelope { iv: [1; IV_LEN], ciphertext: vec![2; 40] };
        VaultHeader::new(KdfParams::pbkdf2([9; SALT_LEN]), &check, VaultPolicy::default())
    }

    #[test]
    fn a_new_header_names_pbkdf2_sha256_at_600k_and_round_trips() {
        let h = header();
        assert_eq!(h.kdf.name, "PBKDF2-SHA-256");
        assert_eq!(h.kdf.iterations, 600_000);
        assert_eq!(h.generation, 1);
        assert_eq!(VaultHeader::from_bytes(&h.to_bytes()), Ok(h));
    }

    #[test]
    fn the_header_holds_nothing_but_parameters() {
        let h = header();
        let bytes = h.to_bytes();
        // format, KDF (name, count, salt), generation, two policy numbers, then the key check.
        assert_eq!(bytes.len(), 1 + (1 + 14 + 4 + 1 + 16) + 4 + 4 + 4 + h.key_check.len());
        assert_eq!(&bytes[2..16], b"PBKDF2-SHA-256");
        assert_eq!(&bytes[bytes.len() - h.key_check.len()..], &h.key_check[..]);
    }

    #[test]
    fn a_newer_format_is_reported_as_newer() {
        let mut bytes = header().to_bytes();
        bytes[0] = 2;
        assert_eq!(VaultHeader::from_bytes(&bytes), Err(HeaderError::FutureFormat { found: 2 }));
        assert_eq!(VaultHeader::from_bytes(&[7]), Err(HeaderError::FutureFormat { found: 7 }));
    }

    #[test]
    fn damaged_headers_are_refused() {
        assert_eq!(VaultHeader::from_bytes(&[]), Err(HeaderError::Unreadable));
        assert_eq!(VaultHeader::from_bytes(&[0, 1, 2]), Err(HeaderError::Unreadable));
        let whole = header().to_bytes();
        for cut in [1, 10, 30, 40] {
            assert!(VaultHeader::from_bytes(&whole[..cut]).is_err(), "cut at {cut}");
        }
        let mut h = header();
        h.kdf.iterations = 1_000;
        assert_eq!(VaultHeader::from_bytes(&h.to_bytes()), Err(HeaderError::IterationsOutOfRange));
        let mut h = header();
        h.kdf.name = "MD5".into();
        assert_eq!(VaultHeader::from_bytes(&h.to_bytes()), Err(HeaderError::UnknownKdf));
        let mut h = header();
        h.kdf.salt.pop();
        assert_eq!(VaultHeader::from_bytes(&h.to_bytes()), Err(HeaderError::BadSalt));
        let mut h = header();
        h.key_check.truncate(5);
        assert!(matches!(VaultHeader::from_bytes(&h.to_bytes()), Err(HeaderError::BadKeyCheck(_))));
        let mut h = header();
        h.policy.wipe.after_failures = 1;
        assert!(matches!(VaultHeader::from_bytes(&h.to_bytes()), Err(HeaderError::BadPolicy(_))));
        let mut h = header();
        h.generation = 0;
        assert_eq!(VaultHeader::from_bytes(&h.to_bytes()), Err(HeaderError::Unreadable));
    }
}
