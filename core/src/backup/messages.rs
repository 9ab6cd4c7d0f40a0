//! Why a backup could not be read, as message keys for the screens (in the staff's language)
//! with the values their `{placeholders}` take. Several faults a worker cannot act on differently
//! share one message: the file is damaged.

use super::{BackupError, MAX_BACKUP_BYTES, MAX_CASES};

impl BackupError {
    /// Key of the message shown for this error.
    pub fn message_key(&self) -> &'static str {
        match self {
            BackupError::NotABackup => "backup.error.not_a_backup",
            BackupError::Truncated => "backup.error.truncated",
            BackupError::FutureVersion { .. } => "backup.error.future_version",
            BackupError::TooLarge { .. } => "backup.error.too_large",
            BackupError::UnsupportedKeyDerivation
            | BackupError::UnsupportedCipher
            | BackupError::InvalidKeyDerivationParameters
            | BackupError::InvalidIv
            | BackupError::InvalidCiphertext
            | BackupError::TrailingBytes
            | BackupError::PayloadNotJson
            | BackupError::DuplicateCase { .. } => "backup.error.damaged",
            BackupError::TooDeeplyNested | BackupError::PayloadWrongShape { .. } => {
                "backup.error.not_cases"
            }
            BackupError::TooManyCases { .. } => "backup.error.too_many_cases",
            BackupError::InvalidCase { .. } => "backup.error.invalid_case",
            BackupError::EncodeFailed => "backup.error.encode_failed",
        }
    }

    /// The values of the message's placeholders.
    pub fn message_values(&self) -> Vec<(&'static str, String)> {
        match self {
            BackupError::TooLarge { .. } => {
                vec![("max", (MAX_BACKUP_BYTES / (1024 * 1024)).to_string())]
            }
            BackupError::TooManyCases { count } => {
                vec![("count", count.to_string()), ("max", MAX_CASES.to_string())]
            }
            BackupError::InvalidCase { index, .. } => vec![("n", (index + 1).to_string())],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::{parse, parse_payload};

    #[test]
    fn files_that_are_not_ours_or_cut_off_have_their_own_messages() {
        let key = |bytes: &[u8]| parse(bytes).err().map(|e| e.message_key());
        assert_eq!(key(b"PK\x03\x04 a zip file, not a backup"), Some("backup.error.not_a_backup"));
        assert_eq!(key(b""), Some("backup.error.not_a_backup"));
        assert_eq!(key(b"SENDA-BACKUP\x00\x01\x0ePBKDF2"), Some("backup.error.truncated"));
        assert_eq!(key(b"SENDA-BACKUP\x00\x09"), Some("backup.error.future_version"));
    }

    #[test]
    fn contents_that_are_not_cases_say_so_with_their_numbers() {
        let e =
            parse_payload(br#"{"made_at":"2026-11-29T10:00:00Z","cases":[{"schema_version":1}]}"#)
                .err()
                .unwrap_or(BackupError::EncodeFailed);
        assert_eq!(e.message_key(), "backup.error.invalid_case");
        assert_eq!(e.message_values(), vec![("n", "1".to_owned())]);
        let e = parse_payload(br#"{"made_at":"2026-11-29T10:00:00Z","cases":"none"}"#)
            .err()
            .unwrap_or(BackupError::EncodeFailed);
        assert_eq!(e.message_key(), "backup.error.not_cases");
        assert_eq!(
            BackupError::TooManyCases { count: 12_000 }.message_values(),
            vec![("count", "12000".to_owned()), ("max", "10000".to_owned())]
        );
    }
}
