//! Browser tests of the backup file's cryptography in real WebCrypto (headless Chromium): a
//! backup opens with its passphrase and gives back the same cases; a wrong passphrase, a changed
//! header byte, a changed ciphertext byte and a cut-off file are each refused with their reason.

#![cfg(target_arch = "wasm32")]

use senda::backup_file::{check_file, make_backup, open_backup, BackupFailure};
use senda_core::backup::{BackupError, MAGIC};
use senda_core::case::{Case, ChildProfile, WorkerLabel};
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PASSPHRASE: &str = "lluvia sobre el puerto viejo";

fn cases() -> Vec<Case> {
    let at = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap_or_default();
    let by = WorkerLabel::new("MT-07");
    ["Estrella", "Luna <script>alert(1)</script>"]
        .iter()
        .enumerate()
        .map(|(i, alias)| {
            let profile = ChildProfile { alias: (*alias).to_owned(), ..ChildProfile::default() };
            Case::new(Uuid::from_u128(i as u128 + 1), profile, at, &by)
        })
        .collect()
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_780_000_600, 0).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_backup_opens_with_its_passphrase_and_gives_back_the_same_cases() {
    let file = make_backup(&cases(), PASSPHRASE, now()).await.expect("made");
    assert_eq!(&file[..MAGIC.len()], MAGIC);
    assert!(!String::from_utf8_lossy(&file).contains("Estrella"), "nothing readable in the file");
    assert_eq!(check_file(&file), Ok(()));
    let opened = open_backup(file.clone(), PASSPHRASE).await.expect("opened");
    assert_eq!(opened.cases, cases());
    assert_eq!(opened.made_at, now());
    // A fresh salt and IV every time: the same cases never give the same file.
    let again = make_backup(&cases(), PASSPHRASE, now()).await.expect("made");
    assert_ne!(again, file);
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_or_any_changed_byte_is_refused() {
    let file = make_backup(&cases(), PASSPHRASE, now()).await.expect("made");
    assert_eq!(
        open_backup(file.clone(), "not the right phrase").await.err(),
        Some(BackupFailure::WrongPassphrase)
    );
    // The header is authenticated as additional data: a changed IV byte (in the header, just
    // before the ciphertext length) fails like a wrong passphrase.
    let mut header_changed = file.clone();
    header_changed[header_len(&file) - 1] ^= 1;
    assert_eq!(
        open_backup(header_changed, PASSPHRASE).await.err(),
        Some(BackupFailure::WrongPassphrase)
    );
    let mut body_changed = file.clone();
    let last = body_changed.len() - 1;
    body_changed[last] ^= 0x80;
    assert_eq!(
        open_backup(body_changed, PASSPHRASE).await.err(),
        Some(BackupFailure::WrongPassphrase)
    );
}

/// The length of everything before the ciphertext length field.
fn header_len(file: &[u8]) -> usize {
    let parsed = senda_core::backup::parse(file).expect("parses");
    parsed.header().associated_data().len()
}

#[wasm_bindgen_test]
async fn a_cut_off_file_or_another_file_is_refused_before_any_key_is_derived() {
    let file = make_backup(&cases(), PASSPHRASE, now()).await.expect("made");
    let cut = file[..file.len() / 2].to_vec();
    assert_eq!(check_file(&cut), Err(BackupFailure::File(BackupError::Truncated)));
    assert_eq!(
        open_backup(cut, PASSPHRASE).await.err(),
        Some(BackupFailure::File(BackupError::Truncated))
    );
    let photo = b"\xff\xd8\xff\xe0 JFIF".to_vec();
    assert_eq!(check_file(&photo), Err(BackupFailure::File(BackupError::NotABackup)));
}
