//! Browser tests of the vault's integrity in real IndexedDB and WebCrypto (headless Chromium, no
//! mocks): records are never hidden or destroyed because of the index, anything of a newer Senda
//! and any older copy put back is refused and left as it is, and a stale window never writes into a retired key generation
//! nor sets aside the records of a new vault — but catches up with writes under the same key.

#![cfg(target_arch = "wasm32")]

mod support;

use js_sys::Uint8Array;
use senda::vault::{QuarantinedItem, VaultError};
use senda_core::vault::listing::{index_plaintext, Listing};
use senda_core::vault::policy::VaultPolicy;
use support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// What the case list would make of a stored record.
fn summarise(_: &str, record: CaseRecord) -> Option<CaseSummary> {
    Some(CaseSummary { alias: record.alias, status: "open".into() })
}

fn generation_one() -> JsValue {
    JsValue::from_f64(1.0)
}

async fn index_bytes(db: &str) -> Vec<u8> {
    Uint8Array::new(&raw_get(db, "index", &generation_one()).await).to_vec()
}

fn aliases(cases: &Cases) -> Vec<(String, String)> {
    cases.summaries().map(|(id, s)| (id.to_owned(), s.alias.clone())).collect()
}

fn listed(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(id, alias)| (id.to_string(), alias.to_string())).collect()
}

async fn refused_unlock(db: &str) -> VaultError {
    match reopen(db).await.unlock::<CaseSummary>(PASSCODE).await {
        Ok(_) => panic!("the vault opened"),
        Err(e) => e,
    }
}

#[wasm_bindgen_test]
async fn an_older_index_put_back_is_refused_reported_and_left_as_it_is() {
    let db = "t-i-older-index";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "a", "Ana", "notas").await;
    let without_b = index_bytes(db).await;
    put(&mut cases, "b", "Beto", "notas").await;
    let current = index_bytes(db).await;
    cases.lock();
    // An older index that lacks "b" (an earlier copy of the storage) put back.
    raw_put_bytes(db, "index", &generation_one(), &without_b).await;

    let refused = refused_unlock(db).await;
    assert_eq!(refused, VaultError::OlderCopy { id: None });
    assert!(refused.to_string().contains("older copy"), "{refused}");
    assert_eq!(index_bytes(db).await, without_b, "left as it is");
    assert_eq!(raw_keys(db, "quarantine").await, "[]", "not set aside");

    // The real one back, everything is there.
    raw_put_bytes(db, "index", &generation_one(), &current).await;
    let mut cases = unlock(&reopen(db).await, PASSCODE).await;
    assert_eq!(aliases(&cases), listed(&[("a", "Ana"), ("b", "Beto")]));
    assert!(get(&mut cases, "b").await.is_ok_and(|c| c.is_some()));
}

#[wasm_bindgen_test]
async fn an_older_record_put_back_is_refused_reported_and_not_used() {
    let db = "t-i-older-record";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "a", "Ana", "primera versión").await;
    put(&mut cases, "b", "Beto", "notas").await;
    let ka = key_of(&cases, "a").await;
    let older = raw_record(db, 1, &ka).await.expect("stored");
    put(&mut cases, "a", "Ana", "segunda versión").await;
    raw_put_bytes(db, "records", &record_key(1, &ka), &older).await;

    let refused = get(&mut cases, "a").await;
    assert_eq!(refused, Err(VaultError::OlderCopy { id: Some("a".into()) }));
    assert!(refused.unwrap_err().to_string().contains("older copy"));
    assert!(!cases.is_quarantined("a"));
    assert_eq!(raw_record(db, 1, &ka).await, Some(older.clone()), "left where it is");
    assert_eq!(raw_keys(db, "quarantine").await, "[]");
    assert!(get(&mut cases, "b").await.is_ok_and(|c| c.is_some()));
    cases.lock();
    // Still refused after unlocking again: never taken for the real one.
    let mut cases = unlock(&reopen(db).await, PASSCODE).await;
    assert_eq!(get(&mut cases, "a").await, Err(VaultError::OlderCopy { id: Some("a".into()) }));
    assert_eq!(cases.reindex(summarise).await, Ok(0));
    assert_eq!(raw_record(db, 1, &ka).await, Some(older));
}

#[wasm_bindgen_test]
async fn a_damaged_index_is_rebuilt_from_the_records() {
    let db = "t-i-rebuilt";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "a", "Ana", "notas").await;
    put(&mut cases, "b", "Beto", "notas").await;
    cases.lock();
    let mut bytes = index_bytes(db).await;
    let last = bytes.len() - 1;
    bytes[last] ^= 0x80;
    raw_put_bytes(db, "index", &generation_one(), &bytes).await;

    let mut cases = unlock(&reopen(db).await, PASSCODE).await;
    assert_eq!(cases.quarantined().first().map(|q| q.item.clone()), Some(QuarantinedItem::Index));
    assert_eq!(cases.reindex(summarise).await, Ok(2));
    assert_eq!(aliases(&cases), listed(&[("a", "Ana"), ("b", "Beto")]));
    cases.lock();
    let cases = unlock(&reopen(db).await, PASSCODE).await;
    assert_eq!(aliases(&cases), listed(&[("a", "Ana"), ("b", "Beto")]));
    assert!(cases.unindexed().is_empty());
}

#[wasm_bindgen_test]
async fn a_summary_whose_record_is_gone_is_dropped_but_a_damaged_ones_stays() {
    let db = "t-i-orphan";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    for (id, alias) in [("a", "Ana"), ("b", "Beto"), ("c", "Cira")] {
        put(&mut cases, id, alias, "notas").await;
    }
    let (kb, kc) = (key_of(&cases, "b").await, key_of(&cases, "c").await);
    let mut bytes = raw_record(db, 1, &kc).await.expect("stored");
    bytes[30] ^= 0x01;
    raw_put_bytes(db, "records", &record_key(1, &kc), &bytes).await;
    assert!(matches!(get(&mut cases, "c").await, Err(VaultError::Damaged { .. })));
    cases.lock();
    raw_delete(db, "records", &record_key(1, &kb)).await;

    let mut cases = unlock(&reopen(db).await, PASSCODE).await;
    assert_eq!(cases.reindex(summarise).await, Ok(0));
    assert_eq!(
        aliases(&cases),
        listed(&[("a", "Ana"), ("c", "Cira")]),
        "b is gone; c stays listed, marked as set aside"
    );
    assert!(cases.is_quarantined("c"));
}

#[wasm_bindgen_test]
async fn an_index_of_a_newer_senda_is_refused_and_left_as_it_is() {
    let db = "t-i-newer-index";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "a", "Ana", "notas").await;
    cases.lock();

    // A newer envelope format.
    let original = index_bytes(db).await;
    let mut newer = original.clone();
    newer[0] = 3;
    raw_put_bytes(db, "index", &generation_one(), &newer).await;
    let refused = refused_unlock(db).await;
    assert_eq!(refused, VaultError::NewerFormat);
    assert!(refused.to_string().contains("Update Senda"));
    assert_eq!(index_bytes(db).await, newer, "left as it is");
    assert_eq!(raw_keys(db, "quarantine").await, "[]", "not set aside as damage");

    // A newer index layout inside a genuine envelope: a newer listing, newer summaries.
    raw_put_bytes(db, "index", &generation_one(), &original).await;
    let cases = unlock(&reopen(db).await, PASSCODE).await;
    let newer_listing = cases.seal_as_index(&[2, 0, 0, 0, 0]).await.expect("seal");
    let summaries = br#"{"format":2,"entries":[]}"#;
    let newer_summaries =
        cases.seal_as_index(&index_plaintext(&Listing::default(), summaries)).await.expect("seal");
    cases.lock();
    for sealed in [newer_listing, newer_summaries] {
        raw_put_bytes(db, "index", &generation_one(), &sealed).await;
        assert_eq!(refused_unlock(db).await, VaultError::NewerFormat);
        assert_eq!(index_bytes(db).await, sealed, "left as it is");
        assert_eq!(raw_keys(db, "quarantine").await, "[]");
    }

    // Put back, everything is there.
    raw_put_bytes(db, "index", &generation_one(), &original).await;
    let mut cases = unlock(&reopen(db).await, PASSCODE).await;
    assert_eq!(aliases(&cases), listed(&[("a", "Ana")]));
    assert!(get(&mut cases, "a").await.is_ok_and(|c| c.is_some()));
}

#[wasm_bindgen_test]
async fn a_record_of_a_newer_senda_is_refused_and_left_as_it_is() {
    let db = "t-i-newer-record";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "a", "Ana", "notas").await;
    put(&mut cases, "b", "Beto", "notas").await;
    let ka = key_of(&cases, "a").await;
    let mut newer = raw_record(db, 1, &ka).await.expect("stored");
    newer[0] = 3;
    raw_put_bytes(db, "records", &record_key(1, &ka), &newer).await;

    assert_eq!(get(&mut cases, "a").await, Err(VaultError::NewerFormat));
    assert!(!cases.is_quarantined("a"));
    assert_eq!(raw_record(db, 1, &ka).await, Some(newer.clone()), "left as it is");
    assert_eq!(raw_keys(db, "quarantine").await, "[]");
    assert!(get(&mut cases, "b").await.is_ok_and(|c| c.is_some()));
    // A passcode change touches no record: it goes through and the record stays as it is.
    argon2id_on_main_thread();
    cases.change_passcode(PASSCODE, NEW_PASSCODE).await.expect("change");
    cases.lock();
    let mut cases = unlock(&reopen(db).await, NEW_PASSCODE).await;
    assert_eq!(raw_record(db, 1, &ka).await, Some(newer));
    assert_eq!(get(&mut cases, "a").await, Err(VaultError::NewerFormat));
    assert!(get(&mut cases, "b").await.is_ok_and(|c| c.is_some()));
}

#[wasm_bindgen_test]
async fn a_stale_window_never_sets_aside_the_records_of_a_new_vault() {
    let db = "t-i-stale-wipe";
    let vault = fresh(db).await;
    let mut stale = create(&vault).await;
    put(&mut stale, "a", "Ana", "antes").await;
    // Another window wipes, creates a new vault and restores "a" into it.
    let other = reopen(db).await;
    other.wipe().await.expect("wipe");
    let mut renewed = create(&other).await;
    put(&mut renewed, "a", "Ana", "restaurada").await;

    assert_eq!(get(&mut stale, "a").await, Err(VaultError::ChangedElsewhere));
    assert!(!stale.is_quarantined("a"));
    assert_eq!(raw_keys(db, "quarantine").await, "[]", "nothing set aside");
    let (record, summary) = case("Beto", "notas");
    assert_eq!(stale.put("b", &record, summary).await, Err(VaultError::ChangedElsewhere));
    let restored = get(&mut renewed, "a").await.map(|c| c.map(|c| c.notes));
    assert_eq!(restored, Ok(Some("restaurada".to_owned())));
    assert_eq!(raw_keys(db, "records").await, keys_of(&renewed, 1, &["a"]).await);
}

#[wasm_bindgen_test]
async fn a_stale_window_never_writes_into_a_retired_generation() {
    let db = "t-i-stale-change";
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "a", "Ana", "notas").await;
    cases.lock();
    let mut stale = unlock(&vault, PASSCODE).await;
    let mut other = unlock(&vault, PASSCODE).await;
    argon2id_on_main_thread();
    other.change_passcode(PASSCODE, NEW_PASSCODE).await.expect("change");
    let index = index_bytes(db).await;

    let (record, summary) = case("Beto", "nuevo");
    assert_eq!(stale.put("b", &record, summary).await, Err(VaultError::ChangedElsewhere));
    let kb = key_of(&stale, "b").await;
    assert_eq!(raw_record(db, 1, &kb).await, None, "nothing written under the retired key");
    assert_eq!(index_bytes(db).await, index, "the index untouched");
    assert_eq!(get(&mut stale, "a").await, Err(VaultError::ChangedElsewhere));
    assert_eq!(raw_keys(db, "quarantine").await, "[]");
    let mut renewed = unlock(&reopen(db).await, NEW_PASSCODE).await;
    assert!(get(&mut renewed, "a").await.is_ok_and(|c| c.is_some()));
}

#[wasm_bindgen_test]
async fn a_window_catches_up_with_another_windows_writes_under_the_same_key() {
    let db = "t-i-catch-up";
    let vault = fresh(db).await;
    create(&vault).await.lock();
    let mut first = unlock(&vault, PASSCODE).await;
    let mut second = unlock(&vault, PASSCODE).await;
    put(&mut first, "a", "Ana", "notas").await;
    let (record, summary) = case("Beto", "notas");
    assert_eq!(second.put("b", &record, summary.clone()).await, Err(VaultError::ChangedElsewhere));
    second.refresh().await.expect("catch up");
    second.put("b", &record, summary).await.expect("written after catching up");
    assert_eq!(aliases(&second), listed(&[("a", "Ana"), ("b", "Beto")]));

    // A lock setting changed in another window is taken on, not a wall.
    let mut policy = VaultPolicy::default();
    policy.idle_lock.after_seconds = 600;
    first.refresh().await.expect("catch up");
    first.set_policy(policy).await.expect("policy");
    assert!(get(&mut second, "a").await.is_ok_and(|c| c.is_some()));
    assert_eq!(second.policy(), policy);
    put(&mut second, "c", "Cira", "notas").await;

    // A passcode changed in another window is: only unlocking again helps.
    first.refresh().await.expect("catch up");
    argon2id_on_main_thread();
    first.change_passcode(PASSCODE, NEW_PASSCODE).await.expect("change");
    assert_eq!(second.refresh().await, Err(VaultError::ChangedElsewhere));
    assert_eq!(get(&mut second, "a").await, Err(VaultError::ChangedElsewhere));
    let mut again = unlock(&reopen(db).await, NEW_PASSCODE).await;
    assert_eq!(again.ids(), vec!["a", "b", "c"]);
    assert!(get(&mut again, "c").await.is_ok_and(|c| c.is_some()));
}

#[wasm_bindgen_test]
async fn another_window_writing_while_this_one_unlocks_is_not_taken_for_an_older_copy() {
    let db = "t-i-unlock-race";
    let vault = fresh(db).await;
    create(&vault).await.lock();
    let mut first = unlock(&vault, PASSCODE).await;
    // The second window reads the header, then derives its key (tens of milliseconds) while the
    // first window keeps writing, each write raising the counter in the header and the index.
    let second = reopen(db).await;
    let unlocking = second.unlock::<CaseSummary>(PASSCODE);
    let writing = async {
        for i in 0..20 {
            put(&mut first, &format!("c{i}"), "Ana", "notas").await;
        }
    };
    let (opened, ()) = futures::future::join(unlocking, writing).await;
    let mut second = opened.expect("the second window opens, whatever the first wrote meanwhile");
    // What it missed it catches up with, and nothing was set aside.
    second.refresh().await.expect("catch up");
    assert_eq!(second.ids().len(), 20);
    assert!(second.quarantined().is_empty());
}
