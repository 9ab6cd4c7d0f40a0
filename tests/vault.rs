//! Browser tests of the encrypted vault in real IndexedDB and WebCrypto (headless Chromium, no
//! mocks): round trip, wrong passcodes and the wipe, damage and quarantine, lock, passcode change
//! and its recovery, plaintext never stored, storage full.

#![cfg(target_arch = "wasm32")]

mod support;

use senda::vault::crypto::{pbkdf2_key, CryptoError};
use senda::vault::{AttemptCount, Damage, QuarantinedItem, Vault, VaultError, VaultStatus};
use senda_core::vault::envelope::{additional_data, Slot};
use senda_core::vault::header::KdfParams;
use senda_core::vault::passcode::PasscodeProblem;
use senda_core::vault::policy::VaultPolicy;
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_record_round_trips_and_survives_reopening() {
    let db = "t-round-trip";
    let vault = fresh(db).await;
    assert_eq!(vault.status().await, Ok(VaultStatus::NotCreated));
    let mut cases = create(&vault).await;
    put(&mut cases, "c1", "Luz", "llegó sola, 14 años").await;
    let (expected, _) = case("Luz", "llegó sola, 14 años");
    assert_eq!(get(&mut cases, "c1").await, Ok(Some(expected.clone())));
    assert_eq!(get(&mut cases, "absent").await, Ok(None));
    assert_eq!(cases.summary("c1").map(|s| s.alias.as_str()), Some("Luz"));
    cases.lock();

    let vault = reopen(db).await;
    assert_eq!(vault.status().await, Ok(VaultStatus::Locked(AttemptCount { failed: 0, left: 10 })));
    let mut cases = unlock(&vault, PASSCODE).await;
    assert_eq!(cases.ids(), vec!["c1"]);
    assert_eq!(get(&mut cases, "c1").await, Ok(Some(expected)));
}

#[wasm_bindgen_test]
async fn the_key_is_not_extractable_and_every_write_gets_a_fresh_iv() {
    let kdf = KdfParams::pbkdf2([5; 16]);
    let key = pbkdf2_key("río verde de tarde", &kdf).await.expect("derive");
    assert!(!key.is_extractable());
    let slot = additional_data(1, Slot::Record("a"));
    let first = key.seal(b"same words", &slot).await.expect("seal");
    let second = key.seal(b"same words", &slot).await.expect("seal");
    assert_ne!(first.iv, second.iv);
    assert_ne!(first.ciphertext, second.ciphertext);
    assert_eq!(key.open(&first, &slot).await.as_deref(), Ok(&b"same words"[..]));
    // Sealed for record "a": moved to record "b" it does not authenticate.
    assert_eq!(
        key.open(&first, &additional_data(1, Slot::Record("b"))).await,
        Err(CryptoError::NotAuthentic)
    );
    // The same passcode composed differently (n + combining tilde) derives the same key.
    let decomposed = pbkdf2_key("ri\u{301}o verde de tarde", &kdf).await.expect("derive");
    assert_eq!(decomposed.open(&first, &slot).await.as_deref(), Ok(&b"same words"[..]));
}

#[wasm_bindgen_test]
async fn weak_passcodes_and_a_second_vault_are_refused() {
    let vault = fresh("t-weak").await;
    match vault.create::<CaseSummary>("123456").await {
        Err(VaultError::WeakPasscode(problems)) => {
            assert_eq!(problems, vec![PasscodeProblem::Sequence])
        }
        _ => panic!("a run of digits must be refused"),
    }
    assert_eq!(vault.status().await, Ok(VaultStatus::NotCreated));
    create(&vault).await.lock();
    assert!(matches!(
        vault.create::<CaseSummary>("otra frase larga").await,
        Err(VaultError::AlreadyCreated)
    ));
}

#[wasm_bindgen_test]
async fn a_wrong_passcode_is_refused_counted_and_forgiven_by_the_right_one() {
    let vault = fresh("t-wrong").await;
    let mut cases = create(&vault).await;
    put(&mut cases, "c1", "Luz", "notas").await;
    cases.lock();
    for n in 1..=2 {
        match vault.unlock::<CaseSummary>("no es la frase").await {
            Err(VaultError::WrongPasscode { failed_attempts, attempts_left }) => {
                assert_eq!((failed_attempts, attempts_left), (n, 10 - n));
            }
            _ => panic!("a wrong passcode must be refused"),
        }
        assert_eq!(
            vault.status().await,
            Ok(VaultStatus::Locked(AttemptCount { failed: n, left: 10 - n }))
        );
    }
    // The count is stored: a reload still shows it.
    let vault = reopen("t-wrong").await;
    assert_eq!(vault.status().await, Ok(VaultStatus::Locked(AttemptCount { failed: 2, left: 8 })));
    let mut cases = unlock(&vault, PASSCODE).await;
    assert!(get(&mut cases, "c1").await.is_ok_and(|c| c.is_some()));
    assert_eq!(vault.status().await, Ok(VaultStatus::Locked(AttemptCount { failed: 0, left: 10 })));
}

#[wasm_bindgen_test]
async fn wrong_passcodes_up_to_the_limit_wipe_everything() {
    let db = "t-wipe";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "c1", "Luz", "notas").await;
    let mut policy = VaultPolicy::default();
    policy.wipe.after_failures = 3;
    cases.set_policy(policy).await.expect("policy");
    cases.lock();
    for _ in 1..=2 {
        assert!(matches!(
            vault.unlock::<CaseSummary>("no es la frase").await,
            Err(VaultError::WrongPasscode { .. })
        ));
    }
    assert!(matches!(vault.unlock::<CaseSummary>("no es la frase").await, Err(VaultError::Wiped)));
    assert_eq!(vault.status().await, Ok(VaultStatus::NotCreated));
    assert!(matches!(vault.unlock::<CaseSummary>(PASSCODE).await, Err(VaultError::NotCreated)));
    assert_eq!(raw_bytes(db).await, Vec::<u8>::new(), "nothing at all is left");
}

#[wasm_bindgen_test]
async fn a_tampered_record_is_quarantined_and_the_rest_stay_readable() {
    let db = "t-tamper";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    for (id, alias) in [("a", "Ana"), ("b", "Beto"), ("c", "Cira")] {
        put(&mut cases, id, alias, "notas").await;
    }
    let (kb, kc) = (key_of(&cases, "b").await, key_of(&cases, "c").await);
    let mut bytes = raw_record(db, 1, &kb).await.expect("stored");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    raw_put_bytes(db, "records", &record_key(1, &kb), &bytes).await;

    assert_eq!(
        get(&mut cases, "b").await,
        Err(VaultError::Damaged { id: Some("b".into()), damage: Damage::Tampered })
    );
    assert!(cases.is_quarantined("b"));
    assert!(get(&mut cases, "a").await.is_ok_and(|c| c.is_some()));
    assert!(get(&mut cases, "c").await.is_ok_and(|c| c.is_some()));
    assert_eq!(cases.summaries().count(), 3, "the list still shows it, marked as quarantined");
    assert_eq!(
        raw_keys(db, "records").await,
        keys_of(&cases, 1, &["a", "c"]).await,
        "moved out of the records"
    );
    assert!(raw_keys(db, "quarantine").await.contains(&format!(",\"{kb}\"]")), "kept aside");

    // A record's ciphertext copied into another's slot does not authenticate either.
    let a = raw_record(db, 1, &key_of(&cases, "a").await).await.expect("stored");
    raw_put_bytes(db, "records", &record_key(1, &kc), &a).await;
    assert_eq!(
        get(&mut cases, "c").await,
        Err(VaultError::Damaged { id: Some("c".into()), damage: Damage::Tampered })
    );
    cases.lock();

    let mut cases = unlock(&reopen(db).await, PASSCODE).await;
    let listed: Vec<_> = cases.quarantined().iter().map(|q| (q.item.clone(), q.damage)).collect();
    assert_eq!(
        listed,
        vec![
            (QuarantinedItem::Record(kb.clone()), Damage::Tampered),
            (QuarantinedItem::Record(kc.clone()), Damage::Tampered)
        ]
    );
    assert_eq!(get(&mut cases, "b").await, Ok(None));
    assert!(get(&mut cases, "a").await.is_ok_and(|c| c.is_some()));
    // Deleting the case removes its quarantined copy too; saving it again replaces it.
    cases.delete("b").await.expect("delete");
    assert!(!cases.is_quarantined("b"));
    assert!(!raw_keys(db, "quarantine").await.contains(&kb));
    put(&mut cases, "c", "Cira", "reescrito").await;
    assert!(!cases.is_quarantined("c"));
    assert_eq!(raw_keys(db, "quarantine").await, "[]");
    assert!(get(&mut cases, "c").await.is_ok_and(|c| c.is_some()));
}

#[wasm_bindgen_test]
async fn a_truncated_record_is_quarantined() {
    let db = "t-truncated";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "short", "Ana", "notas").await;
    put(&mut cases, "cut", "Beto", "notas").await;
    let (short, cut) = (key_of(&cases, "short").await, key_of(&cases, "cut").await);
    let bytes = raw_record(db, 1, &short).await.expect("stored");
    raw_put_bytes(db, "records", &record_key(1, &short), &bytes[..10]).await;
    let bytes = raw_record(db, 1, &cut).await.expect("stored");
    raw_put_bytes(db, "records", &record_key(1, &cut), &bytes[..bytes.len() - 1]).await;

    assert_eq!(
        get(&mut cases, "short").await,
        Err(VaultError::Damaged { id: Some("short".into()), damage: Damage::Truncated })
    );
    // Long enough to look whole, but its tag no longer matches.
    assert_eq!(
        get(&mut cases, "cut").await,
        Err(VaultError::Damaged { id: Some("cut".into()), damage: Damage::Tampered })
    );
    assert_eq!(raw_keys(db, "records").await, "[]");
    put(&mut cases, "new", "Cira", "notas").await;
    assert!(get(&mut cases, "new").await.is_ok_and(|c| c.is_some()));
}

#[wasm_bindgen_test]
async fn a_damaged_index_is_set_aside_and_every_record_stays_reachable() {
    let db = "t-index";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "a", "Ana", "notas").await;
    put(&mut cases, "b", "Beto", "notas").await;
    cases.lock();
    let index_key = JsValue::from_f64(1.0);
    let mut bytes = js_sys::Uint8Array::new(&raw_get(db, "index", &index_key).await).to_vec();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x80;
    raw_put_bytes(db, "index", &index_key, &bytes).await;

    let mut cases = unlock(&reopen(db).await, PASSCODE).await;
    assert_eq!(cases.quarantined().first().map(|q| q.item.clone()), Some(QuarantinedItem::Index));
    assert_eq!(cases.summaries().count(), 0);
    assert_eq!(cases.unindexed(), ["a".to_owned(), "b".to_owned()]);
    let record = get(&mut cases, "a").await.expect("readable").expect("present");
    cases
        .put("a", &record, CaseSummary { alias: record.alias.clone(), status: "open".into() })
        .await
        .expect("re-index");
    assert_eq!(cases.unindexed(), ["b".to_owned()]);
    assert_eq!(cases.ids(), vec!["a", "b"]);
}

#[wasm_bindgen_test]
async fn locking_drops_access_until_the_passcode_is_given_again() {
    let db = "t-lock";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "c1", "Luz", "notas").await;
    cases.lock(); // consumes the unlocked vault: its key and summaries are gone
    assert_eq!(vault.status().await, Ok(VaultStatus::Locked(AttemptCount { failed: 0, left: 10 })));
    let mut cases = unlock(&vault, PASSCODE).await;
    assert_eq!(cases.summary("c1").map(|s| s.alias.clone()), Some("Luz".to_owned()));
    assert!(get(&mut cases, "c1").await.is_ok_and(|c| c.is_some()));
}

#[wasm_bindgen_test]
async fn a_changed_passcode_opens_the_vault_and_the_old_one_no_longer_does() {
    let db = "t-change";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "a", "Ana", "notas de Ana").await;
    put(&mut cases, "b", "Beto", "notas de Beto").await;
    assert_eq!(
        cases.change_passcode("no es la frase", NEW_PASSCODE).await,
        Err(VaultError::WrongCurrentPasscode)
    );
    assert!(matches!(
        cases.change_passcode(PASSCODE, "1111111").await,
        Err(VaultError::WeakPasscode(_))
    ));
    let records_before = raw_bytes_of(db, "records").await;
    let index_before = raw_bytes_of(db, "index").await;
    let header_before = raw_header(db).await;
    argon2id_on_main_thread();
    cases.change_passcode(PASSCODE, NEW_PASSCODE).await.expect("change");
    // Only the header changed: the data key re-wrapped, no record or index rewritten.
    assert_eq!(raw_bytes_of(db, "records").await, records_before, "no record rewritten");
    assert_eq!(raw_bytes_of(db, "index").await, index_before, "the index not rewritten");
    assert_ne!(raw_header(db).await, header_before);
    assert!(get(&mut cases, "a").await.is_ok_and(|c| c.is_some()), "still open after the change");
    put(&mut cases, "c", "Cira", "después del cambio").await;
    cases.lock();

    assert_eq!(raw_keys(db, "index").await, "[1]");
    let vault = reopen(db).await;
    assert!(matches!(
        vault.unlock::<CaseSummary>(PASSCODE).await,
        Err(VaultError::WrongPasscode { .. })
    ));
    let mut cases = unlock(&vault, NEW_PASSCODE).await;
    assert_eq!(cases.ids(), vec!["a", "b", "c"]);
    for id in ["a", "b", "c"] {
        assert!(get(&mut cases, id).await.is_ok_and(|c| c.is_some()), "{id}");
    }
}

#[wasm_bindgen_test]
async fn no_plaintext_ever_reaches_storage() {
    let db = "t-plaintext";
    let marker = "MARCADOR-7f3a9c-Zoé";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    let record = CaseRecord {
        alias: marker.into(),
        notes: format!("notas {marker}"),
        age: 9,
        flags: vec![marker.into()],
    };
    cases
        .put("c1", &record, CaseSummary { alias: marker.into(), status: marker.into() })
        .await
        .expect("put");
    assert_eq!(get(&mut cases, "c1").await, Ok(Some(record)));
    let check = |bytes: &[u8], when: &str| {
        assert!(!bytes.is_empty());
        for needle in [marker, "MARCADOR", "7f3a9c", PASSCODE, NEW_PASSCODE, "separated", "notas"] {
            assert!(!contains(bytes, needle.as_bytes()), "{needle:?} found in storage {when}");
        }
    };
    check(&raw_bytes(db).await, "after a save");
    argon2id_on_main_thread();
    cases.change_passcode(PASSCODE, NEW_PASSCODE).await.expect("change");
    check(&raw_bytes(db).await, "after a passcode change");
    cases.lock();
    check(&raw_bytes(db).await, "after locking");
    let local = local_storage_text();
    assert!(!local.contains("MARCADOR") && !local.contains(PASSCODE), "nothing in localStorage");
}

#[wasm_bindgen_test]
async fn ids_are_checked_and_a_record_of_another_shape_is_not_taken_for_damage() {
    let vault = fresh("t-shape").await;
    let mut cases = create(&vault).await;
    let (record, summary) = case("Luz", "notas");
    assert!(matches!(
        cases.put("María López", &record, summary.clone()).await,
        Err(VaultError::InvalidId(_))
    ));
    put(&mut cases, "c1", "Luz", "notas").await;
    assert_eq!(
        cases.get::<Vec<u32>>("c1").await,
        Err(VaultError::UnexpectedShape { id: "c1".into() })
    );
    assert!(!cases.is_quarantined("c1"));
    assert!(get(&mut cases, "c1").await.is_ok_and(|c| c.is_some()));
}

#[wasm_bindgen_test]
async fn a_write_from_a_stale_window_is_refused_not_lost() {
    let db = "t-two-windows";
    let vault = fresh(db).await;
    create(&vault).await.lock();
    let mut first = unlock(&vault, PASSCODE).await;
    let mut second = unlock(&vault, PASSCODE).await;
    put(&mut first, "a", "Ana", "notas").await;
    let (record, summary) = case("Beto", "notas");
    assert_eq!(second.put("b", &record, summary).await, Err(VaultError::ChangedElsewhere));
    assert_eq!(second.summary("b"), None, "the refused write left no trace in memory");
    let mut again = unlock(&vault, PASSCODE).await;
    assert_eq!(again.ids(), vec!["a"]);
    assert!(get(&mut again, "a").await.is_ok_and(|c| c.is_some()));
}

#[wasm_bindgen_test]
async fn a_write_beyond_the_storage_quota_fails_cleanly_and_keeps_the_saved_state() {
    // A storage bucket with a 1 MiB quota: Chromium enforces it on IndexedDB writes for real.
    let factory = small_bucket("vault-quota-test", 1024.0 * 1024.0).await;
    let vault = Vault::open_in(&factory, "senda-vault").await.expect("open in bucket");
    let mut cases = create(&vault).await;
    put(&mut cases, "kept", "Ana", "guardado antes").await;
    // About 2 MB of ciphertext, which no compression can shrink.
    let (mut big, summary) = case("Beto", &"x".repeat(16));
    big.flags = (0..120_000)
        .map(|i| format!("{i:08x}{:08x}", i * 2_654_435_761u64 % 4_294_967_291))
        .collect();
    let result = cases.put("big", &big, summary).await;
    assert_eq!(result, Err(VaultError::StorageFull));
    assert!(result.is_err_and(|e| e.to_string().contains("storage is full")));
    assert_eq!(cases.ids(), vec!["kept"], "the index in memory is as before");
    assert!(get(&mut cases, "kept").await.is_ok_and(|c| c.is_some()));
    assert_eq!(get(&mut cases, "big").await, Ok(None), "nothing half-written");
    put(&mut cases, "after", "Cira", "cabe").await;
    cases.lock();

    let vault = Vault::open_in(&factory, "senda-vault").await.expect("reopen");
    let mut cases = unlock(&vault, PASSCODE).await;
    assert_eq!(cases.ids(), vec!["after", "kept"]);
    assert!(get(&mut cases, "kept").await.is_ok_and(|c| c.is_some()));
}

#[wasm_bindgen_test]
async fn asking_for_persistent_storage_gets_an_answer() {
    let answer = senda::vault::request_persistent_storage().await;
    assert_ne!(answer, senda::vault::Persistence::Unsupported);
    assert_eq!(senda::vault::persistent_storage().await, answer);
}
