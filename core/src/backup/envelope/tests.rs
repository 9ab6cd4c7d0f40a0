//! Tests of the backup file layout: round trips and every way a file can be refused.

use super::*;
use proptest::prelude::*;

/// The fields of a file, written by hand from the layout in the module doc (not by `encode`).
struct Raw {
    version: u16,
    kdf: &'static str,
    iterations: u32,
    salt: Vec<u8>,
    cipher: &'static str,
    iv: Vec<u8>,
    ciphertext: Vec<u8>,
}

impl Raw {
    fn valid() -> Raw {
        Raw {
            version: 1,
            kdf: "PBKDF2-SHA-256",
            iterations: 600_000,
            salt: (0..16).collect(),
            cipher: "AES-256-GCM",
            iv: (100..112).collect(),
            ciphertext: (0..40).map(|i| i * 3).collect(),
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out = b"SENDA-BACKUP".to_vec();
        out.extend_from_slice(&self.version.to_be_bytes());
        out.push(self.kdf.len() as u8);
        out.extend_from_slice(self.kdf.as_bytes());
        out.extend_from_slice(&self.iterations.to_be_bytes());
        out.push(self.salt.len() as u8);
        out.extend_from_slice(&self.salt);
        out.push(self.cipher.len() as u8);
        out.extend_from_slice(self.cipher.as_bytes());
        out.push(self.iv.len() as u8);
        out.extend_from_slice(&self.iv);
        out.extend_from_slice(&(self.ciphertext.len() as u32).to_be_bytes());
        out.extend_from_slice(&self.ciphertext);
        out
    }
}

fn valid_envelope() -> BackupEnvelope {
    let raw = Raw::valid();
    let kdf = KdfParameters::new(raw.iterations, raw.salt).expect("valid parameters");
    let iv: [u8; IV_LEN] = raw.iv.try_into().unwrap_or_default();
    BackupEnvelope::new(BackupHeader::new(kdf, iv), raw.ciphertext).expect("valid envelope")
}

#[test]
fn encoding_follows_the_documented_layout_and_parses_back() {
    let envelope = valid_envelope();
    let bytes = envelope.encode();
    assert_eq!(bytes, Raw::valid().bytes());
    assert_eq!(parse(&bytes), Ok(envelope.clone()));
    assert_eq!(envelope.header().kdf().iterations(), 600_000);
    assert_eq!(
        envelope.header().iv(),
        &[100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111]
    );
    let header = envelope.header().associated_data();
    assert!(bytes.starts_with(&header), "the associated data is the file's header");
    assert_eq!(bytes.len(), header.len() + 4 + envelope.ciphertext().len());
}

#[test]
fn a_file_that_is_not_ours_is_refused() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let json = br#"{"cases": []}"#.to_vec();
    let lookalike = b"SENDA-BACKUQ\0\x01".to_vec();
    for file in [Vec::new(), png, json, lookalike, b"hello".to_vec()] {
        assert_eq!(parse(&file), Err(BackupError::NotABackup), "{file:?}");
    }
    let mut version_zero = Raw::valid();
    version_zero.version = 0;
    assert_eq!(parse(&version_zero.bytes()), Err(BackupError::NotABackup));
}

#[test]
fn a_file_cut_off_anywhere_is_reported_as_truncated() {
    let bytes = Raw::valid().bytes();
    for len in 1..bytes.len() {
        assert_eq!(
            parse(&bytes[..len]),
            Err(BackupError::Truncated),
            "cut at {len} of {}",
            bytes.len()
        );
    }
}

#[test]
fn a_future_format_is_refused_before_reading_further() {
    let mut raw = Raw::valid();
    raw.version = 2;
    raw.kdf = "ARGON2ID";
    assert_eq!(parse(&raw.bytes()), Err(BackupError::FutureVersion { found: 2 }));
    assert_eq!(parse(&raw.bytes()[..14]), Err(BackupError::FutureVersion { found: 2 }));
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let mut huge = Raw::valid().bytes();
    huge.resize(MAX_BACKUP_BYTES + 1, 0);
    assert_eq!(parse(&huge), Err(BackupError::TooLarge { size: MAX_BACKUP_BYTES + 1 }));
}

#[test]
fn a_header_claiming_a_huge_ciphertext_is_truncated_not_allocated() {
    let mut bytes = Raw::valid().bytes();
    let len_at = bytes.len() - 40 - 4;
    bytes[len_at..len_at + 4].copy_from_slice(&u32::MAX.to_be_bytes());
    assert_eq!(parse(&bytes), Err(BackupError::Truncated));
}

#[test]
fn other_algorithms_are_refused() {
    let mut raw = Raw::valid();
    raw.kdf = "PBKDF2-SHA-1";
    assert_eq!(parse(&raw.bytes()), Err(BackupError::UnsupportedKeyDerivation));
    let mut raw = Raw::valid();
    raw.cipher = "AES-128-CBC";
    assert_eq!(parse(&raw.bytes()), Err(BackupError::UnsupportedCipher));
}

#[test]
fn key_derivation_parameters_outside_senda_s_range_are_refused() {
    for (iterations, salt_len) in
        [(99_999, 16), (10_000_001, 16), (u32::MAX, 16), (600_000, 15), (600_000, 65)]
    {
        let mut raw = Raw::valid();
        raw.iterations = iterations;
        raw.salt = vec![7; salt_len];
        assert_eq!(
            parse(&raw.bytes()),
            Err(BackupError::InvalidKeyDerivationParameters),
            "{iterations}, {salt_len}"
        );
        assert_eq!(
            KdfParameters::new(iterations, vec![7; salt_len]),
            Err(BackupError::InvalidKeyDerivationParameters)
        );
    }
    for (iterations, salt_len) in [(MIN_ITERATIONS, MIN_SALT_LEN), (MAX_ITERATIONS, MAX_SALT_LEN)] {
        assert!(KdfParameters::new(iterations, vec![7; salt_len]).is_ok());
    }
}

#[test]
fn an_iv_of_the_wrong_length_is_refused() {
    for len in [0, 11, 13, 16] {
        let mut raw = Raw::valid();
        raw.iv = vec![1; len];
        assert_eq!(parse(&raw.bytes()), Err(BackupError::InvalidIv), "IV of {len} bytes");
    }
}

#[test]
fn a_ciphertext_shorter_than_its_tag_is_refused() {
    let mut raw = Raw::valid();
    raw.ciphertext = vec![1; GCM_TAG_LEN - 1];
    assert_eq!(parse(&raw.bytes()), Err(BackupError::InvalidCiphertext));
    let header = valid_envelope().header().clone();
    assert_eq!(
        BackupEnvelope::new(header.clone(), vec![1; 15]),
        Err(BackupError::InvalidCiphertext)
    );
    assert!(BackupEnvelope::new(header, vec![1; 16]).is_ok());
}

#[test]
fn bytes_after_the_ciphertext_are_refused() {
    let mut bytes = Raw::valid().bytes();
    bytes.push(0);
    assert_eq!(parse(&bytes), Err(BackupError::TrailingBytes));
}

#[test]
fn every_error_has_its_own_plain_message() {
    use crate::case::MigrationError;
    let errors = [
        BackupError::NotABackup,
        BackupError::Truncated,
        BackupError::FutureVersion { found: 2 },
        BackupError::TooLarge { size: 200 * 1024 * 1024 },
        BackupError::UnsupportedKeyDerivation,
        BackupError::UnsupportedCipher,
        BackupError::InvalidKeyDerivationParameters,
        BackupError::InvalidIv,
        BackupError::InvalidCiphertext,
        BackupError::TrailingBytes,
        BackupError::PayloadNotJson,
        BackupError::TooDeeplyNested,
        BackupError::PayloadWrongShape { detail: "missing field `cases`".into() },
        BackupError::TooManyCases { count: 10_001 },
        BackupError::InvalidCase { index: 0, error: MigrationError::MissingSchemaVersion },
        BackupError::DuplicateCase { id: uuid::Uuid::nil() },
        BackupError::EncodeFailed,
    ];
    let mut messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    for m in &messages {
        assert!(m.ends_with('.') && m.chars().next().is_some_and(char::is_uppercase), "{m}");
    }
    assert_eq!(
        errors[3].to_string(),
        "This file is too large to be a Senda backup (200 MiB; the limit is 128 MiB)."
    );
    assert!(errors[14].to_string().starts_with("Case number 1 in this backup cannot be read."));
    messages.sort();
    messages.dedup();
    assert_eq!(messages.len(), errors.len(), "each error reads differently");
}

proptest! {
    #[test]
    fn any_valid_envelope_round_trips(
        iterations in MIN_ITERATIONS..=MAX_ITERATIONS,
        salt in proptest::collection::vec(any::<u8>(), MIN_SALT_LEN..=MAX_SALT_LEN),
        iv in any::<[u8; IV_LEN]>(),
        ciphertext in proptest::collection::vec(any::<u8>(), GCM_TAG_LEN..300),
    ) {
        let kdf = KdfParameters::new(iterations, salt).expect("in range");
        let envelope = BackupEnvelope::new(BackupHeader::new(kdf, iv), ciphertext).expect("valid");
        prop_assert_eq!(parse(&envelope.encode()), Ok(envelope));
    }

    /// Whatever the bytes, parsing returns; and what it accepts is exactly what `encode` writes,
    /// so no byte of an accepted file escapes the header or the ciphertext AES-GCM checks.
    #[test]
    fn arbitrary_bytes_never_panic_and_only_canonical_files_parse(
        bytes in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let mut with_magic = MAGIC.to_vec();
        with_magic.extend_from_slice(&bytes);
        for file in [bytes, with_magic] {
            if let Ok(envelope) = parse(&file) {
                prop_assert_eq!(envelope.encode(), file);
            }
        }
    }

    #[test]
    fn a_corrupted_file_never_panics_and_parses_only_as_what_it_says(at in any::<usize>(), byte in any::<u8>()) {
        let mut bytes = Raw::valid().bytes();
        let at = at % bytes.len();
        bytes[at] = byte;
        if let Ok(envelope) = parse(&bytes) {
            prop_assert_eq!(envelope.encode(), bytes);
        }
    }
}
