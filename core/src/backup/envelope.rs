//! The backup file's byte layout: magic, format version, key-derivation parameters, IV and
//! ciphertext — written exactly and read strictly.
//!
//! Format version 1, all integers big-endian:
//!
//! | bytes | field |
//! |---|---|
//! | 12 | magic `SENDA-BACKUP` |
//! | 2 | format version (`1`) |
//! | 1 + n | length n, then the key derivation's name, `PBKDF2-SHA-256` |
//! | 4 | PBKDF2 iteration count |
//! | 1 + n | length n (16–64), then the salt |
//! | 1 + n | length n, then the cipher's name, `AES-256-GCM` |
//! | 1 + n | length n (12), then the IV |
//! | 4 + n | length n (at least 16: the GCM tag), then the ciphertext with its tag |
//!
//! Nothing may follow the ciphertext. Every byte before the ciphertext length is the header,
//! authenticated by AES-GCM as additional data.

use super::{BackupError, MAX_BACKUP_BYTES};

/// The first bytes of every Senda backup file.
pub const MAGIC: &[u8; 12] = b"SENDA-BACKUP";
/// The format version this code writes and the newest it reads.
pub const FORMAT_VERSION: u16 = 1;
/// The only key derivation Senda uses.
pub const KDF_NAME: &str = "PBKDF2-SHA-256";
/// The only cipher Senda uses.
pub const CIPHER_NAME: &str = "AES-256-GCM";
/// Iterations for new backups: OWASP's recommendation for PBKDF2-HMAC-SHA256 (2023 onwards).
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// Fewer iterations than Senda ever wrote: such a file was not made by Senda.
pub const MIN_ITERATIONS: u32 = 100_000;
/// More would keep a phone busy for minutes before it could even try the passphrase: a hostile
/// file could freeze the app. About 17 times today's count leaves room for future increases.
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const MIN_SALT_LEN: usize = 16;
pub const MAX_SALT_LEN: usize = 64;
/// AES-GCM's standard IV length.
pub const IV_LEN: usize = 12;
/// The authentication tag WebCrypto appends to AES-GCM ciphertext.
pub const GCM_TAG_LEN: usize = 16;

/// How the backup key is derived from the passphrase (the algorithm is always `KDF_NAME`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KdfParameters {
    iterations: u32,
    salt: Vec<u8>,
}

impl KdfParameters {
    /// Refuses parameters outside the ranges above.
    pub fn new(iterations: u32, salt: Vec<u8>) -> Result<Self, BackupError> {
        let iterations_ok = (MIN_ITERATIONS..=MAX_ITERATIONS).contains(&iterations);
        let salt_ok = (MIN_SALT_LEN..=MAX_SALT_LEN).contains(&salt.len());
        if iterations_ok && salt_ok {
            Ok(KdfParameters { iterations, salt })
        } else {
            Err(BackupError::InvalidKeyDerivationParameters)
        }
    }

    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    pub fn salt(&self) -> &[u8] {
        &self.salt
    }
}

/// Everything in a backup file before the ciphertext.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupHeader {
    kdf: KdfParameters,
    iv: [u8; IV_LEN],
}

impl BackupHeader {
    pub fn new(kdf: KdfParameters, iv: [u8; IV_LEN]) -> Self {
        BackupHeader { kdf, iv }
    }

    pub fn kdf(&self) -> &KdfParameters {
        &self.kdf
    }

    pub fn iv(&self) -> &[u8; IV_LEN] {
        &self.iv
    }

    /// The header's bytes as they stand in the file: give them to AES-GCM as additional data
    /// when encrypting and decrypting, so that altering any of them makes decryption fail.
    pub fn associated_data(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.kdf.salt.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_be_bytes());
        push_short(&mut out, KDF_NAME.as_bytes());
        out.extend_from_slice(&self.kdf.iterations.to_be_bytes());
        push_short(&mut out, &self.kdf.salt);
        push_short(&mut out, CIPHER_NAME.as_bytes());
        push_short(&mut out, &self.iv);
        out
    }
}

/// A backup file: its header and the encrypted payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupEnvelope {
    header: BackupHeader,
    ciphertext: Vec<u8>,
}

impl BackupEnvelope {
    /// Refuses a ciphertext shorter than the GCM tag or too large for any reader to accept.
    pub fn new(header: BackupHeader, ciphertext: Vec<u8>) -> Result<Self, BackupError> {
        if ciphertext.len() < GCM_TAG_LEN {
            return Err(BackupError::InvalidCiphertext);
        }
        let size = header.associated_data().len() + 4 + ciphertext.len();
        if size > MAX_BACKUP_BYTES {
            return Err(BackupError::TooLarge { size });
        }
        Ok(BackupEnvelope { header, ciphertext })
    }

    pub fn header(&self) -> &BackupHeader {
        &self.header
    }

    /// The AES-GCM ciphertext, tag included.
    pub fn ciphertext(&self) -> &[u8] {
        &self.ciphertext
    }

    /// The file's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = self.header.associated_data();
        // `new` bounds the length by MAX_BACKUP_BYTES, which fits in a u32.
        let len = u32::try_from(self.ciphertext.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(&self.ciphertext);
        out
    }
}

/// Reads a backup file strictly: anything that is not exactly a file Senda writes is refused.
pub fn parse(bytes: &[u8]) -> Result<BackupEnvelope, BackupError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge { size: bytes.len() });
    }
    if bytes.len() < MAGIC.len() {
        let cut_off_backup = !bytes.is_empty() && MAGIC.starts_with(bytes);
        return Err(if cut_off_backup { BackupError::Truncated } else { BackupError::NotABackup });
    }
    let mut r = Reader { rest: bytes };
    if r.take(MAGIC.len())? != MAGIC {
        return Err(BackupError::NotABackup);
    }
    match r.u16()? {
        0 => return Err(BackupError::NotABackup),
        FORMAT_VERSION => {}
        found => return Err(BackupError::FutureVersion { found }),
    }
    if r.short()? != KDF_NAME.as_bytes() {
        return Err(BackupError::UnsupportedKeyDerivation);
    }
    let iterations = r.u32()?;
    let salt = r.short()?.to_vec();
    let kdf = KdfParameters::new(iterations, salt)?;
    if r.short()? != CIPHER_NAME.as_bytes() {
        return Err(BackupError::UnsupportedCipher);
    }
    let iv: [u8; IV_LEN] = r.short()?.try_into().map_err(|_| BackupError::InvalidIv)?;
    let len = usize::try_from(r.u32()?).unwrap_or(usize::MAX);
    if len < GCM_TAG_LEN {
        return Err(BackupError::InvalidCiphertext);
    }
    let ciphertext = r.take(len)?.to_vec();
    if !r.rest.is_empty() {
        return Err(BackupError::TrailingBytes);
    }
    Ok(BackupEnvelope { header: BackupHeader { kdf, iv }, ciphertext })
}

/// Appends a field of at most 255 bytes with its one-byte length. Every caller passes a
/// constant name, a salt bounded by `MAX_SALT_LEN` or the IV.
fn push_short(out: &mut Vec<u8>, field: &[u8]) {
    out.push(u8::try_from(field.len()).unwrap_or(u8::MAX));
    out.extend_from_slice(field);
}

/// Reads fields off the front of the file; running out of bytes means the file was cut off.
struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BackupError> {
        if self.rest.len() < n {
            return Err(BackupError::Truncated);
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], BackupError> {
        self.take(N)?.try_into().map_err(|_| BackupError::Truncated)
    }

    fn u16(&mut self) -> Result<u16, BackupError> {
        self.array().map(u16::from_be_bytes)
    }

    fn u32(&mut self) -> Result<u32, BackupError> {
        self.array().map(u32::from_be_bytes)
    }

    /// A field written by `push_short`.
    fn short(&mut self) -> Result<&'a [u8], BackupError> {
        let [len] = self.array::<1>()?;
        self.take(usize::from(len))
    }
}

#[cfg(test)]
mod tests;
