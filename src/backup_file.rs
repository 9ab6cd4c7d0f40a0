//! The backup file in the browser: the WebCrypto half of `senda_core::backup`. Making one
//! encrypts the cases under a key derived from the worker's backup passphrase (PBKDF2-SHA-256,
//! fresh salt, fresh IV, the header as AES-GCM additional data); opening one checks the file,
//! derives the key from the file's own parameters, decrypts and checks every case.

use crate::vault::crypto::{forget, pbkdf2_key, random_bytes, CryptoError};
use senda_core::backup::{
    encode_payload, parse, parse_payload, BackupContents, BackupEnvelope, BackupError,
    BackupHeader, KdfParameters, IV_LEN, MIN_SALT_LEN, PBKDF2_ITERATIONS,
};
use senda_core::case::Case;
use senda_core::vault::header::{KdfParams, KDF_NAME};

/// Why a backup could not be made or opened.
#[derive(Clone, Debug, PartialEq)]
pub enum BackupFailure {
    /// The file, or its decrypted contents, are not a backup this version can restore.
    File(BackupError),
    /// The passphrase does not open the file (or its bytes were changed: AES-GCM cannot tell).
    WrongPassphrase,
    Crypto(CryptoError),
}

impl BackupFailure {
    /// Key of the message shown for this failure.
    pub fn message_key(&self) -> &'static str {
        match self {
            BackupFailure::File(e) => e.message_key(),
            BackupFailure::WrongPassphrase => "backup.error.wrong_passphrase",
            BackupFailure::Crypto(_) => "vault.error.crypto",
        }
    }

    /// The values of the message's placeholders.
    pub fn message_values(&self) -> Vec<(&'static str, String)> {
        match self {
            BackupFailure::File(e) => e.message_values(),
            _ => Vec::new(),
        }
    }
}

impl From<CryptoError> for BackupFailure {
    fn from(e: CryptoError) -> Self {
        BackupFailure::Crypto(e)
    }
}

/// The vault's key derivation takes its parameters in this shape.
fn kdf_params(kdf: &KdfParameters) -> KdfParams {
    KdfParams { name: KDF_NAME.to_owned(), iterations: kdf.iterations(), salt: kdf.salt().to_vec() }
}

/// The bytes of a backup file holding `cases`, made at `now`, protected by `passphrase`.
pub async fn make_backup(
    cases: &[Case],
    passphrase: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<u8>, BackupFailure> {
    let salt = random_bytes::<MIN_SALT_LEN>()?;
    let iv = random_bytes::<IV_LEN>()?;
    let kdf = KdfParameters::new(PBKDF2_ITERATIONS, salt.to_vec()).map_err(BackupFailure::File)?;
    let key = pbkdf2_key(passphrase, &kdf_params(&kdf)).await?;
    let header = BackupHeader::new(kdf, iv);
    let mut plaintext = encode_payload(cases, now).map_err(BackupFailure::File)?;
    let sealed = key.seal_with_iv(&iv, &plaintext, &header.associated_data()).await;
    forget(&mut plaintext);
    let envelope = BackupEnvelope::new(header, sealed?).map_err(BackupFailure::File)?;
    Ok(envelope.encode())
}

/// Checks a file's layout without any passphrase: a file that is not a backup, cut off, or of
/// a newer format is refused before the worker types anything.
pub fn check_file(file: &[u8]) -> Result<(), BackupFailure> {
    parse(file).map(|_| ()).map_err(BackupFailure::File)
}

/// Opens a backup file with `passphrase`: every case in it, migrated and checked. Nothing is
/// written anywhere.
pub async fn open_backup(file: Vec<u8>, passphrase: &str) -> Result<BackupContents, BackupFailure> {
    let envelope = parse(&file).map_err(BackupFailure::File)?;
    drop(file);
    let header = envelope.header();
    let key = pbkdf2_key(passphrase, &kdf_params(header.kdf())).await?;
    let mut plaintext = key
        .open_with_iv(header.iv(), envelope.ciphertext(), &header.associated_data())
        .await
        .map_err(|e| match e {
            CryptoError::NotAuthentic => BackupFailure::WrongPassphrase,
            other => BackupFailure::Crypto(other),
        })?;
    drop(envelope);
    let contents = parse_payload(&plaintext).map_err(BackupFailure::File);
    forget(&mut plaintext);
    contents
}
