//! Browser tests of the vault's key derivation in real IndexedDB and WebCrypto: new vaults on Argon2id (the core's function on the main thread standing in for the key worker, which a wasm-bindgen test page cannot load), a PBKDF2 vault moved at its unlock (whole, interrupted, raced), a worker that cannot run, and a KDF from a newer Senda.

#![cfg(target_arch = "wasm32")]

mod support;

use senda::vault::kdf::{derive_on_main_thread, last_failure};
use senda::vault::{VaultError, VaultStatus};
use senda_core::vault::header::HeaderError;
use senda_core::vault::kdf::{argon2id, Argon2idCost, ARGON2ID_NAME, KEY_LEN, PBKDF2_NAME};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn main_thread(passcode: &[u8], salt: &[u8], cost: Argon2idCost) -> Option<[u8; KEY_LEN]> {
    argon2id(passcode, salt, cost).ok()
}

fn cannot_run(_: &[u8], _: &[u8], _: Argon2idCost) -> Option<[u8; KEY_LEN]> {
    None
}

thread_local! {
    static DERIVED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// [`main_thread`], counting its derivations in `DERIVED`.
fn counting(passcode: &[u8], salt: &[u8], cost: Argon2idCost) -> Option<[u8; KEY_LEN]> {
    DERIVED.with(|d| d.set(d.get() + 1));
    main_thread(passcode, salt, cost)
}

/// The KDF name a stored header holds (format byte, name length, name).
async fn stored_kdf(db: &str) -> (u8, String) {
    let header = raw_header(db).await;
    let len = usize::from(header[1]);
    (header[0], String::from_utf8(header[2..2 + len].to_vec()).expect("name"))
}

/// A vault made the way the release before Argon2id made it (no key worker: PBKDF2, format 2),
/// holding two cases.
async fn pbkdf2_vault(db: &str) -> Cases {
    derive_on_main_thread(None);
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, "3f2a9c1d-4b5e-4d7a-9e21-0c6b8f1a2d3e", "Ana", "llegó sola").await;
    put(&mut cases, "9b8a7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", "Luis", "con su tía").await;
    assert_eq!(stored_kdf(db).await, (2, PBKDF2_NAME.to_owned()));
    cases
}

/// [`pbkdf2_vault`], reopened and unlocked with the key worker standing in on the main thread.
async fn pbkdf2_vault_unlocked(db: &str) -> Cases {
    drop(pbkdf2_vault(db).await);
    derive_on_main_thread(Some(main_thread));
    unlock(&reopen(db).await, PASSCODE).await
}

async fn both_cases_open(cases: &mut Cases) {
    let one = get(cases, "3f2a9c1d-4b5e-4d7a-9e21-0c6b8f1a2d3e").await.expect("get").expect("one");
    let two = get(cases, "9b8a7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d").await.expect("get").expect("two");
    assert_eq!((one.alias.as_str(), two.alias.as_str()), ("Ana", "Luis"));
}

#[wasm_bindgen_test]
async fn a_new_vault_derives_its_key_with_argon2id_and_stores_format_3() {
    derive_on_main_thread(Some(main_thread));
    let db = "t-k-new";
    let vault = fresh(db).await;
    let cases = create(&vault).await;
    assert!(cases.kdf().is_current());
    assert!(cases.kdf_move().is_none());
    assert_eq!(stored_kdf(db).await, (3, ARGON2ID_NAME.to_owned()));
    drop(cases);
    let vault = reopen(db).await;
    assert!(matches!(
        vault.unlock::<CaseSummary>("otra frase de paso").await,
        Err(VaultError::WrongPasscode { failed_attempts: 1, .. })
    ));
    unlock(&vault, PASSCODE).await;
    assert!(vault.check_passcode(PASSCODE).await.expect("check"));
    assert!(!vault.check_passcode("otra frase de paso").await.expect("check"));
}

#[wasm_bindgen_test]
async fn without_the_key_worker_a_vault_is_made_with_pbkdf2_and_says_why() {
    // The test page has no key worker (no <meta name="senda-kdf-worker">): the fallback.
    let cases = pbkdf2_vault("t-k-fallback").await;
    assert!(!cases.kdf().is_current());
    assert!(cases.kdf_move().is_some());
    assert_eq!(last_failure(), Some("no-worker"));
}

#[wasm_bindgen_test]
async fn a_pbkdf2_vault_moves_to_argon2id_after_its_unlock_and_the_same_passcode_opens_it() {
    let db = "t-k-move";
    let mut cases = pbkdf2_vault_unlocked(db).await;
    let wanted = cases.kdf_move().expect("a PBKDF2 vault needs the move");
    let prepared = wanted.prepare(PASSCODE).await.expect("prepare");
    // Other writes go on while the keys are derived: the move keeps their counter.
    put(&mut cases, "a1b2c3d4-e5f6-4789-abcd-ef0123456789", "Rosa", "escrito durante el cambio")
        .await;
    assert_eq!(cases.finish_kdf_move(prepared).await, Ok(true));
    assert_eq!(stored_kdf(db).await, (3, ARGON2ID_NAME.to_owned()));
    assert!(cases.kdf_move().is_none());
    both_cases_open(&mut cases).await;
    // The vault goes on writing under the new header, and opens again with the same passcode.
    put(&mut cases, "a1b2c3d4-e5f6-4789-abcd-ef0123456789", "Rosa", "después").await;
    drop(cases);
    let vault = reopen(db).await;
    let mut cases = unlock(&vault, PASSCODE).await;
    both_cases_open(&mut cases).await;
    let third = get(&mut cases, "a1b2c3d4-e5f6-4789-abcd-ef0123456789").await.expect("get");
    assert_eq!(third.expect("third").notes, "después");
    assert_eq!(cases.summaries().count(), 3);
}

#[wasm_bindgen_test]
async fn an_interrupted_move_leaves_the_pbkdf2_vault_whole() {
    let db = "t-k-interrupted";
    let cases = pbkdf2_vault_unlocked(db).await;
    // The tab closes after the keys were derived, before the header was written.
    let _prepared = cases.kdf_move().expect("move").prepare(PASSCODE).await.expect("prepare");
    drop(cases);
    let vault = reopen(db).await;
    assert_eq!(stored_kdf(db).await, (2, PBKDF2_NAME.to_owned()));
    let mut cases = unlock(&vault, PASSCODE).await;
    both_cases_open(&mut cases).await;
    assert!(cases.kdf_move().is_some(), "tried again at the next unlock");
}

#[wasm_bindgen_test]
async fn a_move_prepared_before_a_passcode_change_writes_nothing() {
    let db = "t-k-raced";
    let mut cases = pbkdf2_vault_unlocked(db).await;
    let prepared = cases.kdf_move().expect("move").prepare(PASSCODE).await.expect("prepare");
    cases.change_passcode(PASSCODE, NEW_PASSCODE).await.expect("change");
    // The change derived with Argon2id itself; the stale move must not put the old passcode back.
    assert_eq!(stored_kdf(db).await, (3, ARGON2ID_NAME.to_owned()));
    assert_eq!(cases.finish_kdf_move(prepared).await, Ok(false));
    drop(cases);
    let vault = reopen(db).await;
    assert!(matches!(
        vault.unlock::<CaseSummary>(PASSCODE).await,
        Err(VaultError::WrongPasscode { .. })
    ));
    both_cases_open(&mut unlock(&vault, NEW_PASSCODE).await).await;
}

#[wasm_bindgen_test]
async fn an_argon2id_vault_without_its_worker_says_so_and_never_counts_a_try() {
    derive_on_main_thread(Some(main_thread));
    let db = "t-k-no-worker";
    let vault = fresh(db).await;
    drop(create(&vault).await);
    derive_on_main_thread(Some(cannot_run));
    let vault = reopen(db).await;
    // More tries than the wipe allows: none counts, nothing is erased.
    for _ in 0..12 {
        let refused = vault.unlock::<CaseSummary>(PASSCODE).await.err().expect("refused");
        assert_eq!(refused, VaultError::KdfUnavailable);
        assert_eq!(refused.message_key(), "vault.error.kdf_unavailable");
    }
    assert!(matches!(vault.status().await, Ok(VaultStatus::Locked(count)) if count.failed == 0));
    assert_eq!(vault.check_passcode(PASSCODE).await, Err(VaultError::KdfUnavailable));
    derive_on_main_thread(Some(main_thread));
    unlock(&vault, PASSCODE).await;
}

#[wasm_bindgen_test]
async fn a_kdf_from_a_newer_senda_is_refused_with_update_not_damage() {
    derive_on_main_thread(Some(main_thread));
    let db = "t-k-newer";
    let vault = fresh(db).await;
    drop(create(&vault).await);
    // A later Senda's Argon2id at another memory cost (a name of the same length).
    let mut header = raw_header(db).await;
    header[2..24].copy_from_slice(b"Argon2id-v19-m98304-p1");
    raw_put_bytes(db, "meta", &"header".into(), &header).await;
    let vault = reopen(db).await;
    assert_eq!(vault.status().await, Ok(VaultStatus::Newer));
    let refused = vault.unlock::<CaseSummary>(PASSCODE).await.err().expect("refused");
    assert_eq!(refused, VaultError::Header(HeaderError::UnknownKdf));
    assert_eq!(refused.message_key(), "vault.error.newer_vault");
    assert_eq!(raw_header(db).await, header, "left untouched");
}

#[wasm_bindgen_test]
async fn leaving_child_mode_opens_with_one_derivation_and_never_counts_or_wipes() {
    derive_on_main_thread(Some(counting));
    let db = "t-k-uncounted";
    let vault = fresh(db).await;
    drop(create(&vault).await);
    let vault = reopen(db).await;
    // Nine counted wrong tries: the tenth counted one would wipe.
    for _ in 0..9 {
        assert!(matches!(
            vault.unlock::<CaseSummary>("otra frase de paso").await,
            Err(VaultError::WrongPasscode { .. })
        ));
    }
    let nine =
        VaultStatus::Locked(senda_core::vault::attempts::AttemptCount { failed: 9, left: 1 });
    assert_eq!(vault.status().await, Ok(nine));
    // A child's tries on the exit never count, however many: nothing is wiped.
    for _ in 0..3 {
        let wrong = vault.unlock_uncounted::<CaseSummary>("otra frase de paso").await;
        assert!(matches!(wrong, Ok(None)), "a wrong passcode on the exit opened or failed");
    }
    assert_eq!(vault.status().await, Ok(nine));
    // The right one opens the vault with one derivation (before: a check, then an unlock) and
    // forgives the count, as an unlock does.
    DERIVED.with(|d| d.set(0));
    let open = vault.unlock_uncounted::<CaseSummary>(PASSCODE).await.expect("unlock");
    assert!(open.is_some(), "the right passcode did not open the vault");
    assert_eq!(DERIVED.with(std::cell::Cell::get), 1);
    drop(open);
    assert_eq!(
        reopen(db).await.status().await,
        Ok(VaultStatus::Locked(senda_core::vault::attempts::AttemptCount { failed: 0, left: 10 }))
    );
}
