//! Browser tests of the vault's optional second factor (header format 4) in real IndexedDB and WebCrypto: the wrapping key's known answer, turning it on and off, unlocking with it, and an authenticator that refuses (a stand-in: a wasm-bindgen test page has no virtual authenticator; the e2e test uses Chromium's).

#![cfg(target_arch = "wasm32")]

mod support;

use senda::vault::crypto::{combined_key, import_key};
use senda::vault::second_factor::{offered, use_test_authenticator};
use senda::vault::{VaultError, VaultStatus};
use senda_core::vault::second_factor::{wrapping_key_ikm, PRF_OUTPUT_LEN, PRF_SALT_LEN};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static ASKED: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A device's authenticator: a PRF output fixed by the credential and the salt.
fn device(id: &[u8], salt: &[u8; PRF_SALT_LEN]) -> Option<[u8; PRF_OUTPUT_LEN]> {
    ASKED.with(|a| a.set(a.get() + 1));
    let mut out = [0u8; PRF_OUTPUT_LEN];
    for (i, b) in out.iter_mut().enumerate() {
        *b = salt[i] ^ id[i % id.len()] ^ 0x5a;
    }
    Some(out)
}

/// Another device's: another answer for the same credential and salt.
fn other_device(id: &[u8], salt: &[u8; PRF_SALT_LEN]) -> Option<[u8; PRF_OUTPUT_LEN]> {
    device(id, salt).map(|out| out.map(|b| !b))
}

/// The user cancels, or the authenticator is gone.
fn refuses(_: &[u8], _: &[u8; PRF_SALT_LEN]) -> Option<[u8; PRF_OUTPUT_LEN]> {
    ASKED.with(|a| a.set(a.get() + 1));
    None
}

fn asked() -> u32 {
    ASKED.with(|a| a.replace(0))
}

const ID: &str = "3f2a9c1d-4b5e-4d7a-9e21-0c6b8f1a2d3e";

async fn failed(db: &str) -> u32 {
    match reopen(db).await.status().await {
        Ok(VaultStatus::Locked(count)) => count.failed,
        other => panic!("status {other:?}"),
    }
}

/// A vault with one case and the second factor on.
async fn enrolled(db: &str) -> Vec<u8> {
    argon2id_on_main_thread();
    use_test_authenticator(Some(device));
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, ID, "Ana", "llegó sola").await;
    let records = raw_bytes_of(db, "records").await;
    asked();
    cases.turn_on_second_factor(PASSCODE).await.expect("turn on");
    assert_eq!(asked(), 1, "the authenticator was asked once");
    assert!(cases.has_second_factor());
    assert_eq!(raw_bytes_of(db, "records").await, records, "no record rewritten");
    records
}

#[wasm_bindgen_test]
async fn webcrypto_s_hkdf_gives_the_known_answer() {
    // The first known answer of `senda_core::vault::second_factor` (Python's hmac/hashlib).
    let passcode_key: [u8; 32] = [
        0x09, 0x31, 0x61, 0x15, 0xd5, 0xcf, 0x24, 0xed, 0x5a, 0x15, 0xa3, 0x1a, 0x3b, 0xa3, 0x26,
        0xe5, 0xcf, 0x32, 0xed, 0xc2, 0x47, 0x02, 0x98, 0x7c, 0x02, 0xb6, 0x56, 0x6f, 0x61, 0x91,
        0x3c, 0xf7,
    ];
    let prf: [u8; 32] = std::array::from_fn(|i| i as u8);
    let mut expected: Vec<u8> = (0..32)
        .map(|i| {
            u8::from_str_radix(
                &"3a18d53eccae6acadf8e71f108a80e1cba839fb52ba51fc9988d2b69540f934d"
                    [2 * i..2 * i + 2],
                16,
            )
            .unwrap()
        })
        .collect();
    let mut ikm = wrapping_key_ikm(&passcode_key, &prf);
    let combined = combined_key(&mut ikm).await.expect("derive");
    assert_eq!(ikm, [0; 64], "the input was overwritten");
    assert!(!combined.is_extractable());
    let known = import_key(&mut expected).await.expect("import");
    let sealed = combined.seal(b"senda", b"ad").await.expect("seal");
    assert_eq!(known.open(&sealed, b"ad").await.expect("the same key"), b"senda");
    // One bit of the PRF output changed: another key.
    let mut prf2 = prf;
    prf2[31] ^= 1;
    let other = combined_key(&mut wrapping_key_ikm(&passcode_key, &prf2)).await.expect("derive");
    assert!(other.open(&sealed, b"ad").await.is_err());
}

#[wasm_bindgen_test]
async fn turned_on_the_vault_is_format_4_and_opens_with_passcode_and_authenticator() {
    let db = "t-f-on";
    enrolled(db).await;
    let header = raw_header(db).await;
    assert_eq!(header[0], 4);
    assert!(offered().await);
    let vault = reopen(db).await;
    let mut cases = unlock(&vault, PASSCODE).await;
    assert_eq!(asked(), 1);
    assert!(cases.has_second_factor());
    assert_eq!(get(&mut cases, ID).await.expect("get").expect("case").alias, "Ana");
    drop(cases);
    // A wrong passcode with the authenticator counts one, as before.
    let vault = reopen(db).await;
    assert!(matches!(
        vault.unlock::<CaseSummary>("otra frase de paso").await,
        Err(VaultError::WrongPasscode { failed_attempts: 1, .. })
    ));
    assert_eq!(failed(db).await, 1);
    // Another device's answer is no better than a wrong passcode.
    use_test_authenticator(Some(other_device));
    assert!(matches!(
        vault.unlock::<CaseSummary>(PASSCODE).await,
        Err(VaultError::WrongPasscode { failed_attempts: 2, .. })
    ));
    use_test_authenticator(Some(device));
    assert!(vault.check_passcode(PASSCODE).await.expect("check"));
    assert!(!vault.check_passcode("otra frase de paso").await.expect("check"));
    drop(unlock(&vault, PASSCODE).await);
    assert_eq!(failed(db).await, 0);
    assert_eq!(raw_header(db).await, header, "unlocking changed nothing");
}

#[wasm_bindgen_test]
async fn a_refusing_authenticator_counts_nothing_and_opens_nothing() {
    let db = "t-f-refused";
    enrolled(db).await;
    let header = raw_header(db).await;
    use_test_authenticator(Some(refuses));
    let vault = reopen(db).await;
    // More tries than the wipe allows, with the right passcode and wrong ones: none counts.
    for passcode in [PASSCODE, "otra frase de paso"].repeat(6) {
        let refused = vault.unlock::<CaseSummary>(passcode).await.err().expect("refused");
        assert_eq!(refused, VaultError::SecondFactorCancelled);
        assert_eq!(refused.message_key(), "vault.error.second_factor_cancelled");
    }
    assert_eq!(asked(), 12);
    assert_eq!(failed(db).await, 0);
    assert_eq!(vault.check_passcode(PASSCODE).await, Err(VaultError::SecondFactorCancelled));
    assert!(matches!(
        vault.unlock_uncounted::<CaseSummary>(PASSCODE).await,
        Err(VaultError::SecondFactorCancelled)
    ));
    assert_eq!(raw_header(db).await, header, "nothing written");
    use_test_authenticator(Some(device));
    drop(unlock(&vault, PASSCODE).await);
}

#[wasm_bindgen_test]
async fn turning_it_on_or_off_needs_the_current_passcode_and_off_is_format_3_again() {
    let db = "t-f-off";
    argon2id_on_main_thread();
    use_test_authenticator(Some(device));
    let vault = fresh(db).await;
    let mut cases = create(&vault).await;
    put(&mut cases, ID, "Ana", "llegó sola").await;
    let format_3 = raw_header(db).await;
    asked();
    // A wrong passcode: the authenticator is not even asked, nothing changes.
    assert_eq!(
        cases.turn_on_second_factor("otra frase de paso").await,
        Err(VaultError::WrongCurrentPasscode)
    );
    assert_eq!(asked(), 0);
    // The user cancels the authenticator: nothing changes.
    use_test_authenticator(Some(refuses));
    assert_eq!(cases.turn_on_second_factor(PASSCODE).await, Err(VaultError::SecondFactorCancelled));
    assert_eq!(raw_header(db).await, format_3);
    assert!(!cases.has_second_factor());
    use_test_authenticator(Some(device));
    cases.turn_on_second_factor(PASSCODE).await.expect("on");
    let format_4 = raw_header(db).await;
    assert_eq!(format_4[0], 4);
    // A passcode change keeps the factor: the new passcode and the authenticator open.
    cases.change_passcode(PASSCODE, NEW_PASSCODE).await.expect("change");
    assert_eq!(raw_header(db).await[0], 4);
    drop(cases);
    let vault = reopen(db).await;
    let mut cases = unlock(&vault, NEW_PASSCODE).await;
    assert_eq!(cases.turn_off_second_factor(PASSCODE).await, Err(VaultError::WrongCurrentPasscode));
    assert_eq!(raw_header(db).await[0], 4);
    cases.turn_off_second_factor(NEW_PASSCODE).await.expect("off");
    assert!(!cases.has_second_factor());
    assert_eq!(raw_header(db).await[0], 3);
    drop(cases);
    // Off: the passcode alone opens; the authenticator is never asked.
    use_test_authenticator(Some(refuses));
    asked();
    let vault = reopen(db).await;
    let mut cases = unlock(&vault, NEW_PASSCODE).await;
    assert_eq!(asked(), 0);
    assert_eq!(get(&mut cases, ID).await.expect("get").expect("case").alias, "Ana");
    use_test_authenticator(None);
}
