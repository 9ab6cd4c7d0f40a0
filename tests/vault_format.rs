//! Browser tests of the vault's format 2 in real IndexedDB and WebCrypto (headless Chromium, no
//! mocks): no case id or case number in what is stored, the wipe's crypto-erase (a copy of the
//! records taken before it is useless with the old passcode), and the move of a real format-1
//! vault to format 2 — whole, and interrupted after its copy or after its switch.

#![cfg(target_arch = "wasm32")]

mod support;

use senda::vault::crypto::{pbkdf2_key, CryptoError};
use senda::vault::{Damage, QuarantinedItem, Recovery, StopMove, VaultError, VaultStatus};
use senda_core::vault::data_key::{wrapped_key_additional_data, HeaderV2, WRAPPED_KEY_LEN};
use senda_core::vault::envelope::Envelope;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Case ids as the app makes them: the first 8 characters are the printed case number.
const CASE_IDS: [&str; 3] = [
    "3f2a9c1d-4b5e-4d7a-9e21-0c6b8f1a2d3e",
    "9b8a7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
    "a1b2c3d4-e5f6-4789-abcd-ef0123456789",
];

fn sample(i: usize) -> (CaseRecord, CaseSummary) {
    case(&format!("Alias{i}"), &format!("notas del caso {i}"))
}

fn samples() -> Vec<(&'static str, CaseRecord, CaseSummary)> {
    CASE_IDS.iter().enumerate().map(|(i, id)| (*id, sample(i).0, sample(i).1)).collect()
}

/// A new database `db` holding a format-1 vault (the release before format 2) of the samples.
async fn format_1_with_samples(db: &str) {
    fresh(db).await;
    write_format_1(db, PASSCODE, &samples()).await;
}

#[wasm_bindgen_test]
async fn a_new_vault_stores_no_case_id_and_no_case_number() {
    let db = "t-f-opaque";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    for (id, record, summary) in samples() {
        cases.put(id, &record, summary).await.expect("put");
    }
    cases.delete(CASE_IDS[2]).await.expect("delete");
    let stored = raw_bytes(db).await;
    assert!(!stored.is_empty());
    for id in CASE_IDS {
        assert!(!contains(&stored, id.as_bytes()), "case id {id} found in storage");
        assert!(!contains(&stored, &id.as_bytes()[..8]), "case number {} found", &id[..8]);
    }
    assert_eq!(raw_header(db).await[0], 2, "format 2");
    // And every case still opens by its id.
    for (i, id) in CASE_IDS.iter().take(2).enumerate() {
        assert_eq!(get(&mut cases, id).await, Ok(Some(sample(i).0)));
    }
    assert_eq!(cases.ids(), vec![CASE_IDS[0], CASE_IDS[1]]);
}

#[wasm_bindgen_test]
async fn the_wipe_erases_the_wrapped_key_first_so_a_copy_of_the_records_is_useless() {
    let db = "t-f-erase";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    for (id, record, summary) in samples() {
        cases.put(id, &record, summary).await.expect("put");
    }
    cases.lock();
    // A copy of the disk before the wipe: every record as stored, and the header.
    let records_copy = raw_bytes_of(db, "records").await;
    let old_header = raw_header(db).await;
    let old = HeaderV2::from_bytes(&old_header).expect("format 2");
    // The old passcode does open the old header's data key.
    let key = pbkdf2_key(PASSCODE, &old.kdf).await.expect("key");
    let additional = wrapped_key_additional_data(old.generation);
    assert!(key.open(&old.wrapped_key().expect("wrapped"), &additional).await.is_ok());

    // The wipe's first step only, as if the deletion that follows never reached the disk.
    vault.erase_key_only().await.expect("erase");
    let erased = raw_header(db).await;
    assert_eq!(erased.len(), old_header.len(), "overwritten in place");
    assert!(!contains(&erased, &old.wrapped_key), "the wrapped key is gone");
    assert_eq!(raw_bytes_of(db, "records").await, records_copy, "the ciphertexts are still there");
    // The old passcode, the erased header and the records' copy: no key opens them any more.
    let wrapped = Envelope::from_bytes(&erased[erased.len() - WRAPPED_KEY_LEN..]).expect("layout");
    assert_eq!(key.open(&wrapped, &additional).await, Err(CryptoError::NotAuthentic));
    // And the app itself finishes the wipe at the next try rather than opening anything.
    assert!(matches!(vault.unlock::<CaseSummary>(PASSCODE).await, Err(VaultError::Wiped)));
    assert_eq!(vault.status().await, Ok(VaultStatus::NotCreated));

    // A whole wipe: nothing at all is left, and no stored value holds the old wrapped key.
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "c1", "Luz", "notas").await;
    let wrapped = HeaderV2::from_bytes(&raw_header(db).await).expect("header").wrapped_key;
    cases.wipe().await.expect("wipe");
    let left = raw_bytes(db).await;
    assert!(left.is_empty() && !contains(&left, &wrapped));
}

#[wasm_bindgen_test]
async fn a_format_1_vault_is_moved_to_format_2_at_unlock_keeping_every_case() {
    let db = "t-f-move";
    format_1_with_samples(db).await;
    assert_eq!(raw_header(db).await[0], 1);
    assert!(raw_keys(db, "records").await.contains(CASE_IDS[0]), "format 1 keys by id");

    let vault = reopen(db).await;
    // A wrong passcode moves nothing and counts as ever.
    assert!(matches!(
        vault.unlock::<CaseSummary>("no es la frase").await,
        Err(VaultError::WrongPasscode { failed_attempts: 1, .. })
    ));
    assert_eq!(raw_header(db).await[0], 1);
    let mut cases = unlock(&vault, PASSCODE).await;
    assert_eq!(cases.ids(), CASE_IDS.to_vec());
    for (i, id) in CASE_IDS.iter().enumerate() {
        assert_eq!(get(&mut cases, id).await, Ok(Some(sample(i).0)), "{id}");
        assert_eq!(cases.summary(id), Some(&sample(i).1));
    }
    assert_eq!(raw_header(db).await[0], 2, "the header switched");
    assert_eq!(raw_keys(db, "records").await, keys_of(&cases, 2, &CASE_IDS).await);
    assert_eq!(raw_keys(db, "index").await, "[2]");
    assert!(raw_get(db, "meta", &"pending-format".into()).await.is_undefined());
    let stored = raw_bytes(db).await;
    for id in CASE_IDS {
        assert!(!contains(&stored, &id.as_bytes()[..8]), "case number {} left", &id[..8]);
    }
    put(&mut cases, CASE_IDS[0], "Nueva", "después").await;
    cases.lock();
    let mut cases = unlock(&reopen(db).await, PASSCODE).await;
    assert_eq!(cases.summary(CASE_IDS[0]).map(|s| s.alias.as_str()), Some("Nueva"));
    assert_eq!(get(&mut cases, CASE_IDS[1]).await, Ok(Some(sample(1).0)));
    assert_eq!(
        vault.status().await,
        Ok(VaultStatus::Locked(senda::vault::AttemptCount { failed: 0, left: 10 }))
    );
}

#[wasm_bindgen_test]
async fn a_move_interrupted_after_its_copy_is_discarded_and_made_again() {
    let db = "t-f-move-copy";
    format_1_with_samples(db).await;
    let before = raw_bytes(db).await;
    let vault = reopen(db).await;
    let stopped = vault.unlock_stopping::<CaseSummary>(PASSCODE, StopMove::AfterCopy).await;
    assert!(matches!(stopped, Ok(None)));
    assert_eq!(raw_header(db).await[0], 1, "not switched");
    assert!(raw_keys(db, "records").await.contains("[2,"), "the copy was written");
    assert!(raw_get(db, "meta", &"pending-format".into()).await.is_object());

    let vault = reopen(db).await;
    assert_eq!(vault.recovery(), Recovery { rolled_back: true, finished: false });
    assert_eq!(raw_bytes(db).await, before, "the format-1 vault exactly as it was");
    let mut cases = unlock(&vault, PASSCODE).await;
    assert_eq!(raw_header(db).await[0], 2);
    for (i, id) in CASE_IDS.iter().enumerate() {
        assert_eq!(get(&mut cases, id).await, Ok(Some(sample(i).0)), "{id}");
    }
}

#[wasm_bindgen_test]
async fn a_move_interrupted_after_its_switch_opens_in_format_2_and_loses_nothing() {
    let db = "t-f-move-switch";
    format_1_with_samples(db).await;
    let vault = reopen(db).await;
    let stopped = vault.unlock_stopping::<CaseSummary>(PASSCODE, StopMove::AfterSwitch).await;
    assert!(matches!(stopped, Ok(None)));
    assert_eq!(raw_header(db).await[0], 2, "switched");
    assert!(raw_keys(db, "records").await.contains("[1,"), "the old generation not deleted yet");

    let vault = reopen(db).await;
    assert_eq!(vault.recovery(), Recovery { rolled_back: false, finished: true });
    assert!(!raw_keys(db, "records").await.contains("[1,"), "old generation deleted");
    let mut cases = unlock(&vault, PASSCODE).await;
    assert_eq!(raw_keys(db, "records").await, keys_of(&cases, 2, &CASE_IDS).await);
    for (i, id) in CASE_IDS.iter().enumerate() {
        assert_eq!(get(&mut cases, id).await, Ok(Some(sample(i).0)), "{id}");
    }
}

#[wasm_bindgen_test]
async fn the_move_keeps_what_format_1_set_aside_and_refuses_to_drop_a_newer_record() {
    let db = "t-f-move-kept";
    format_1_with_samples(db).await;
    // Damage one record: the move sets it aside as format 1 would, and copies the others.
    let mut damaged = raw_record(db, 1, CASE_IDS[1]).await.expect("stored");
    damaged[20] ^= 1;
    raw_put_bytes(db, "records", &record_key(1, CASE_IDS[1]), &damaged).await;
    let mut cases = unlock(&reopen(db).await, PASSCODE).await;
    assert!(cases.is_quarantined(CASE_IDS[1]));
    let kept: Vec<_> = cases.quarantined().iter().map(|q| (q.item.clone(), q.damage)).collect();
    assert_eq!(kept, vec![(QuarantinedItem::Record(CASE_IDS[1].into()), Damage::Tampered)]);
    assert_eq!(get(&mut cases, CASE_IDS[0]).await, Ok(Some(sample(0).0)));
    assert_eq!(get(&mut cases, CASE_IDS[2]).await, Ok(Some(sample(2).0)));
    assert_eq!(cases.summaries().count(), 3, "its summary stays, marked as set aside");
    cases.lock();

    // A record of a newer Senda in a format-1 vault: the move would drop it, so it is refused
    // and the format-1 vault is left exactly as it was.
    let db = "t-f-move-newer";
    format_1_with_samples(db).await;
    let mut newer = raw_record(db, 1, CASE_IDS[0]).await.expect("stored");
    newer[0] = 3;
    raw_put_bytes(db, "records", &record_key(1, CASE_IDS[0]), &newer).await;
    let before = raw_bytes(db).await;
    let refused = reopen(db).await.unlock::<CaseSummary>(PASSCODE).await.err();
    assert_eq!(refused, Some(VaultError::NewerFormat));
    assert_eq!(raw_bytes(db).await, before, "nothing changed");
    assert_eq!(raw_header(db).await[0], 1);
}

#[wasm_bindgen_test]
async fn a_move_whose_copy_does_not_read_back_is_undone_and_made_again_at_the_next_unlock() {
    let db = "t-f-move-spoilt";
    format_1_with_samples(db).await;
    let before = raw_bytes(db).await;
    let vault = reopen(db).await;
    // Storage that did not keep one copied record: the verification sees it, the copy is
    // discarded, the format-1 vault stays in force exactly as it was, and the unlock says so.
    let failed = vault.unlock_stopping::<CaseSummary>(PASSCODE, StopMove::SpoilCopy).await;
    assert_eq!(failed.err(), Some(VaultError::FormatMoveFailed));
    assert_eq!(raw_bytes(db).await, before, "the format-1 vault exactly as it was");
    assert_eq!(
        vault.status().await,
        Ok(VaultStatus::Locked(senda::vault::AttemptCount { failed: 0, left: 10 })),
        "a failed move is not a wrong passcode"
    );

    let mut cases = unlock(&reopen(db).await, PASSCODE).await;
    assert_eq!(raw_header(db).await[0], 2, "moved at the next unlock");
    for (i, id) in CASE_IDS.iter().enumerate() {
        assert_eq!(get(&mut cases, id).await, Ok(Some(sample(i).0)), "{id}");
    }
}
