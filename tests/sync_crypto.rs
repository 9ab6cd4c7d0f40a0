//! Browser tests of team sync's WebCrypto in headless Chromium (no mocks): device keys sealed
//! under the vault key, keys wrapped for a device and under a team key, envelopes, signatures and
//! fingerprints — round trips, and tampered bytes refused with a clear error.

#![cfg(target_arch = "wasm32")]

use senda::sync::crypto::{KeyKind, Sealed, SecretKey, SyncCryptoError};
use senda::sync::device_keys::{wrap_for_device, DeviceKeys, DeviceSuite, SealedDeviceKeys};
use senda::vault::crypto::{pbkdf2_key, VaultKey};
use senda_core::vault::header::KdfParams;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn vault_key(passcode: &str) -> VaultKey {
    // Few iterations: these tests are about sync's keys, not the passcode's cost.
    let mut kdf = KdfParams::pbkdf2([9; 16]);
    kdf.iterations = 1_000;
    pbkdf2_key(passcode, &kdf).await.expect("derive the vault key")
}

async fn device(suite: DeviceSuite) -> (DeviceKeys, SealedDeviceKeys) {
    DeviceKeys::generate(suite, &vault_key("ámbar lento del río").await).await.expect("device keys")
}

fn flip(bytes: &mut [u8], at: usize) {
    let i = at % bytes.len();
    bytes[i] ^= 0x01;
}

#[wasm_bindgen_test]
async fn chromium_has_x25519_and_ed25519_and_both_suites_work() {
    assert_eq!(DeviceSuite::detect().await, Ok(DeviceSuite::Curve25519));
    for suite in DeviceSuite::ALL {
        let (keys, _) = device(suite).await;
        let signature = keys.sign(b"handover 2 of 3").await.expect("sign");
        assert_eq!(keys.public().verify(b"handover 2 of 3", &signature).await, Ok(()), "{suite:?}");
        assert_eq!(DeviceSuite::from_code(suite.code()), Some(suite));
    }
}

#[wasm_bindgen_test]
async fn device_private_keys_live_only_sealed_under_the_vault_key() {
    let vault = vault_key("ámbar lento del río").await;
    let (keys, sealed) =
        DeviceKeys::generate(DeviceSuite::Curve25519, &vault).await.expect("generate");
    assert!(!keys.private_keys_extractable());
    // The stored form holds no private key in the clear: it only opens with the vault key.
    let reopened = DeviceKeys::unseal(&sealed, &vault).await.expect("unseal");
    assert!(!reopened.private_keys_extractable());
    assert_eq!(reopened.public(), keys.public());
    let signature = reopened.sign(b"same device").await.expect("sign");
    assert_eq!(keys.public().verify(b"same device", &signature).await, Ok(()));

    let other_vault = vault_key("otra clave distinta").await;
    assert_eq!(
        DeviceKeys::unseal(&sealed, &other_vault).await.err(),
        Some(SyncCryptoError::KeyRefused)
    );
    let mut tampered = sealed.clone();
    flip(&mut tampered.agree_private, 7);
    assert_eq!(
        DeviceKeys::unseal(&tampered, &vault).await.err(),
        Some(SyncCryptoError::KeyRefused)
    );
}

#[wasm_bindgen_test]
async fn a_team_key_wrapped_for_a_device_unwraps_only_there_and_only_intact() {
    for suite in DeviceSuite::ALL {
        let (phone, _) = device(suite).await;
        let (other, _) = device(suite).await;
        let team = SecretKey::generate(KeyKind::Team).await.expect("team key");
        let wrapped =
            wrap_for_device(&team, phone.public(), b"team-7f3a epoch 2").await.expect("wrap");

        let unwrapped =
            phone.unwrap(&wrapped, KeyKind::Team, b"team-7f3a epoch 2").await.expect("unwrap");
        let sealed = team.seal(b"lista del equipo", b"doc-1").await.expect("seal");
        assert_eq!(
            unwrapped.open(&sealed, b"doc-1").await.as_deref(),
            Ok(&b"lista del equipo"[..])
        );

        let refused = Err(SyncCryptoError::KeyRefused);
        assert_eq!(
            other.unwrap(&wrapped, KeyKind::Team, b"team-7f3a epoch 2").await.map(|_| ()),
            refused
        );
        assert_eq!(
            phone.unwrap(&wrapped, KeyKind::Team, b"team-7f3a epoch 3").await.map(|_| ()),
            refused
        );
        assert_eq!(
            phone.unwrap(&wrapped, KeyKind::Case, b"team-7f3a epoch 2").await.map(|_| ()),
            refused
        );
        for at in [0, 13, 39] {
            let mut bad = wrapped.clone();
            flip(&mut bad.wrapped, at);
            assert_eq!(
                phone.unwrap(&bad, KeyKind::Team, b"team-7f3a epoch 2").await.map(|_| ()),
                refused
            );
        }
        let mut bad_salt = wrapped.clone();
        flip(&mut bad_salt.salt, 3);
        assert_eq!(
            phone.unwrap(&bad_salt, KeyKind::Team, b"team-7f3a epoch 2").await.map(|_| ()),
            refused
        );
        let mut bad_ephemeral = wrapped.clone();
        flip(&mut bad_ephemeral.ephemeral, 5);
        assert_eq!(
            phone.unwrap(&bad_ephemeral, KeyKind::Team, b"team-7f3a epoch 2").await.map(|_| ()),
            refused
        );
    }
}

#[wasm_bindgen_test]
async fn a_case_key_wrapped_under_the_team_key_round_trips_and_refuses_changes() {
    let team = SecretKey::generate(KeyKind::Team).await.expect("team key");
    let case = SecretKey::generate(KeyKind::Case).await.expect("case key");
    let wrapped = team.wrap(&case, b"case-91c2 epoch 1").await.expect("wrap");
    let back = team.unwrap(&wrapped, KeyKind::Case, b"case-91c2 epoch 1").await.expect("unwrap");
    let sealed = case.seal(b"perfil: 14 a\xc3\xb1os", b"profile").await.expect("seal");
    assert_eq!(back.open(&sealed, b"profile").await.as_deref(), Ok("perfil: 14 años".as_bytes()));

    let refused = Err(SyncCryptoError::KeyRefused);
    let mut bad = wrapped.clone();
    flip(&mut bad.ct, 2);
    assert_eq!(team.unwrap(&bad, KeyKind::Case, b"case-91c2 epoch 1").await.map(|_| ()), refused);
    assert_eq!(
        team.unwrap(&wrapped, KeyKind::Case, b"case-0000 epoch 1").await.map(|_| ()),
        refused
    );
    assert_eq!(
        team.unwrap(&wrapped, KeyKind::Team, b"case-91c2 epoch 1").await.map(|_| ()),
        refused
    );
    let other_team = SecretKey::generate(KeyKind::Team).await.expect("team key");
    assert_eq!(
        other_team.unwrap(&wrapped, KeyKind::Case, b"case-91c2 epoch 1").await.map(|_| ()),
        refused
    );
    // A case key cannot wrap anything.
    assert!(matches!(case.wrap(&team, b"x").await, Err(SyncCryptoError::Unsupported(_))));
}

#[wasm_bindgen_test]
async fn an_envelope_gets_a_fresh_iv_and_a_tampered_ciphertext_is_refused_clearly() {
    let case = SecretKey::generate(KeyKind::Case).await.expect("case key");
    let first = case.seal(b"same words", b"doc-a").await.expect("seal");
    let second = case.seal(b"same words", b"doc-a").await.expect("seal");
    assert_ne!(first.iv, second.iv);
    assert_ne!(first.ct, second.ct);
    assert_eq!(case.open(&first, b"doc-a").await.as_deref(), Ok(&b"same words"[..]));

    for at in [0, 5, first.ct.len() - 1] {
        let mut ct = first.ct.clone();
        flip(&mut ct, at);
        let error = case.open(&Sealed { iv: first.iv, ct }, b"doc-a").await.expect_err("tampered");
        assert_eq!(error, SyncCryptoError::NotAuthentic);
        assert_eq!(error.message_key(), "sync.crypto.not_authentic");
        assert!(error.to_string().contains("changed or damaged"), "{error}");
    }
    let mut iv = first.iv;
    iv[0] ^= 1;
    assert_eq!(
        case.open(&Sealed { iv, ct: first.ct.clone() }, b"doc-a").await,
        Err(SyncCryptoError::NotAuthentic)
    );
    // Moved to another document it does not open either.
    assert_eq!(case.open(&first, b"doc-b").await, Err(SyncCryptoError::NotAuthentic));
    let other = SecretKey::generate(KeyKind::Case).await.expect("case key");
    assert_eq!(other.open(&first, b"doc-a").await, Err(SyncCryptoError::NotAuthentic));
}

#[wasm_bindgen_test]
async fn signatures_are_refused_for_another_message_signer_or_changed_bytes() {
    for suite in DeviceSuite::ALL {
        let (coordinator, _) = device(suite).await;
        let (stranger, _) = device(suite).await;
        let message = b"add device K7Q2 to team epoch 4";
        let signature = coordinator.sign(message).await.expect("sign");
        assert_eq!(coordinator.public().verify(message, &signature).await, Ok(()));
        let bad = Err(SyncCryptoError::BadSignature);
        assert_eq!(
            coordinator.public().verify(b"add device XXXX to team epoch 4", &signature).await,
            bad
        );
        assert_eq!(stranger.public().verify(message, &signature).await, bad);
        let mut changed = signature.clone();
        flip(&mut changed, 10);
        assert_eq!(coordinator.public().verify(message, &changed).await, bad);
    }
}

#[wasm_bindgen_test]
async fn fingerprints_are_short_readable_stable_and_distinct() {
    let (a, _) = device(DeviceSuite::Curve25519).await;
    let (b, _) = device(DeviceSuite::Curve25519).await;
    let fa = a.public().fingerprint().await.expect("fingerprint");
    assert_eq!(fa, a.public().fingerprint().await.expect("fingerprint"));
    assert_ne!(fa, b.public().fingerprint().await.expect("fingerprint"));
    let groups: Vec<&str> = fa.split('-').collect();
    assert_eq!(groups.len(), 4, "{fa}");
    for group in groups {
        assert_eq!(group.len(), 4, "{fa}");
        // Crockford base32: no I, L, O or U to misread.
        assert!(
            group
                .chars()
                .all(|c| c.is_ascii_digit() || (c.is_ascii_uppercase() && !"ILOU".contains(c))),
            "{fa}"
        );
    }
    let mut changed = a.public().clone();
    changed.sign[3] ^= 1;
    assert_ne!(changed.fingerprint().await.expect("fingerprint"), fa);
    // A public key of the wrong shape is refused when it is used.
    changed.agree.truncate(5);
    let team = SecretKey::generate(KeyKind::Team).await.expect("team key");
    assert_eq!(
        wrap_for_device(&team, &changed, b"x").await.err(),
        Some(SyncCryptoError::BadPublicKey)
    );
}
