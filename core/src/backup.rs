//! The encrypted backup file, apart from the cryptography itself: its byte format, the checks
//! its decrypted contents must pass, and the preview of what restoring it would change.
//!
//! Making a backup (the browser does the WebCrypto parts):
//! 1. `encode_payload(&cases, now)` gives the plaintext bytes;
//! 2. derive the key with PBKDF2-SHA-256 from the backup passphrase and a random salt
//!    (`KdfParameters::new(PBKDF2_ITERATIONS, salt)`), draw a random 12-byte IV;
//! 3. `BackupHeader::new(kdf, iv)`; encrypt with AES-256-GCM, passing
//!    `header.associated_data()` as `additionalData` so no header byte can be altered unnoticed;
//! 4. `BackupEnvelope::new(header, ciphertext)?.encode()` is the file.
//!
//! Restoring: `parse(&file)` → derive the key from `envelope.header().kdf()` → decrypt with the
//! same associated data → `parse_payload(&plaintext)` → `RestorePreview::new(&existing, cases)` →
//! ask the user about each conflict → `preview.into_cases_to_write(&choices)`.
//!
//! Around the file: the rules for its passphrase (`passphrase`), the file names offered for
//! download (`file_name`), the errors as message keys for the screens (`messages`), and when to
//! remind the worker to make one (`reminder`).

mod envelope;
mod file_name;
mod messages;
mod passphrase;
mod payload;
mod reminder;
mod restore;

pub use envelope::{
    parse, BackupEnvelope, BackupHeader, KdfParameters, CIPHER_NAME, FORMAT_VERSION, GCM_TAG_LEN,
    IV_LEN, KDF_NAME, MAGIC, MAX_ITERATIONS, MAX_SALT_LEN, MIN_ITERATIONS, MIN_SALT_LEN,
    PBKDF2_ITERATIONS,
};
pub use file_name::{backup_file_name, case_export_file_name};
pub use passphrase::{
    check_backup_passphrase, BackupPassphraseProblem, BACKUP_PASSPHRASE_RULES,
    MIN_BACKUP_PASSPHRASE_CHARS,
};
pub use payload::{encode_payload, parse_payload, BackupContents, MAX_CASES, MAX_NESTING};
pub use reminder::{
    BackupLog, BackupReminder, DEFAULT_REMIND_AFTER_DAYS, MAX_REMIND_AFTER_DAYS,
    MIN_REMIND_AFTER_DAYS, REMIND_AFTER_CHOICES,
};
pub use restore::{
    CaseFingerprint, ConflictChoice, ContentHash, RestoreCounts, RestoreEntry, RestorePreview,
    UnresolvedConflicts, Verdict,
};

use crate::case::MigrationError;
use std::fmt;
use uuid::Uuid;

/// The largest backup file, and the largest decrypted payload, Senda accepts: 128 MiB.
///
/// A case after months of work (full profile, 120 answered checklist items, 30 notes, every
/// consent, a 250-event audit trail) is about 42 KB of JSON, so 2,000 of them — the number one
/// phone is sized for — take about 85 MB and fit with half as much again to spare (a test checks
/// this). Anything larger is refused before it is decrypted or parsed, so that a hostile or
/// mistaken file cannot exhaust a cheap phone's memory: reading a payload at the cap holds the
/// bytes and the parsed cases, roughly 2–3 times the cap, and never the whole file as loose JSON.
pub const MAX_BACKUP_BYTES: usize = 128 * 1024 * 1024;

/// Why a backup file could not be read. Each case has its own message; none quotes content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    /// The file does not start with Senda's magic bytes (or is empty).
    NotABackup,
    /// The file ends before its own header says it does.
    Truncated,
    /// Made by a newer Senda with a format this version cannot read.
    FutureVersion { found: u16 },
    /// Over `MAX_BACKUP_BYTES`.
    TooLarge { size: usize },
    /// Key derivation other than PBKDF2-SHA-256.
    UnsupportedKeyDerivation,
    /// Cipher other than AES-256-GCM.
    UnsupportedCipher,
    /// Iteration count or salt length outside what Senda ever writes.
    InvalidKeyDerivationParameters,
    /// An IV that is not 12 bytes.
    InvalidIv,
    /// A ciphertext too short to hold even the authentication tag.
    InvalidCiphertext,
    /// Bytes after the end of the ciphertext.
    TrailingBytes,
    /// The decrypted contents are not JSON.
    PayloadNotJson,
    /// The decrypted contents nest deeper than `MAX_NESTING`.
    TooDeeplyNested,
    /// The decrypted contents are JSON but not a list of cases.
    PayloadWrongShape { detail: String },
    /// More than `MAX_CASES` cases.
    TooManyCases { count: usize },
    /// One case record (0-based position in the file) cannot be read.
    InvalidCase { index: usize, error: MigrationError },
    /// The same case appears twice.
    DuplicateCase { id: Uuid },
    /// The cases could not be written out (not expected to happen).
    EncodeFailed,
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MIB: usize = 1024 * 1024;
        match self {
            BackupError::NotABackup => f.write_str("This file is not a Senda backup."),
            BackupError::Truncated => {
                f.write_str("This backup file is incomplete: it was cut off while being copied or downloaded.")
            }
            BackupError::FutureVersion { found } => write!(
                f,
                "This backup was made by a newer version of Senda (format {found}; this version reads format \
                 {FORMAT_VERSION}). Update Senda to restore it."
            ),
            BackupError::TooLarge { size } => write!(
                f,
                "This file is too large to be a Senda backup ({} MiB; the limit is {} MiB).",
                size.div_ceil(MIB),
                MAX_BACKUP_BYTES / MIB
            ),
            BackupError::UnsupportedKeyDerivation => {
                f.write_str("This backup uses a way of protecting the passphrase that Senda does not use.")
            }
            BackupError::UnsupportedCipher => f.write_str("This backup uses an encryption Senda does not use."),
            BackupError::InvalidKeyDerivationParameters => {
                f.write_str("This backup's passphrase protection settings are not ones Senda writes: it is damaged.")
            }
            BackupError::InvalidIv => f.write_str("This backup's encryption header is damaged."),
            BackupError::InvalidCiphertext => f.write_str("This backup holds no encrypted data: it is damaged."),
            BackupError::TrailingBytes => f.write_str("This backup file has extra data at its end: it is damaged."),
            BackupError::PayloadNotJson => {
                f.write_str("The backup was decrypted, but its contents are not readable data: it is damaged.")
            }
            BackupError::TooDeeplyNested => {
                f.write_str("The backup's contents are nested far deeper than any case: it was not made by Senda.")
            }
            BackupError::PayloadWrongShape { detail } => {
                write!(f, "The backup's contents are not a list of cases: {detail}.")
            }
            BackupError::TooManyCases { count } => {
                write!(f, "This backup holds {count} cases; Senda restores at most {MAX_CASES} at once.")
            }
            BackupError::InvalidCase { index, error } => {
                write!(f, "Case number {} in this backup cannot be read. {error}", index + 1)
            }
            BackupError::DuplicateCase { id } => {
                write!(f, "Case {id} appears twice in this backup: it is damaged.")
            }
            BackupError::EncodeFailed => f.write_str("The cases could not be written into a backup."),
        }
    }
}

impl std::error::Error for BackupError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BackupError::InvalidCase { error, .. } => Some(error),
            _ => None,
        }
    }
}
