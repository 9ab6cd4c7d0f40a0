//! The passcode → vault key derivation every path takes: PBKDF2 by WebCrypto, Argon2id in the key worker.
//!
//! The paths: create, unlock, re-authentication, the child-mode exit, a passcode change, the move
//! to Argon2id, the second factor turned on or off (`wrapping_key` mixes its PRF output in).
//!
//! Argon2id runs in a dedicated Web Worker with its own small wasm (`kdf_worker/`), ended after
//! each key: wasm memory never shrinks, so its 64 MiB must not live in the app's module. The 32
//! bytes it returns are imported at once as a non-extractable AES-256-GCM key and zeroed. The
//! app's wasm never links Argon2id; the browser tests, which cannot load the Trunk build's
//! worker, hand the same core function in through [`derive_on_main_thread`].

use super::crypto::{combined_key, forget, import_key, normalised, pbkdf2_key, VaultKey};
use super::error::VaultError;
use js_sys::{Promise, Uint8Array};
use senda_core::vault::header::{HeaderError, KdfParams};
use senda_core::vault::kdf::{Argon2idCost, Kdf, KEY_LEN};
use senda_core::vault::second_factor::{wrapping_key_ikm, PRF_OUTPUT_LEN};
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/vault/kdf_worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = deriveInWorker)]
    fn derive_in_worker(
        passcode: Uint8Array,
        salt: Uint8Array,
        memory_kib: u32,
        passes: u32,
        lanes: u32,
    ) -> Promise;
}

/// An Argon2id derivation on this thread: `None` when it cannot run.
pub type MainThreadArgon2id = fn(&[u8], &[u8], Argon2idCost) -> Option<[u8; KEY_LEN]>;

thread_local! {
    static MAIN_THREAD: Cell<Option<MainThreadArgon2id>> = const { Cell::new(None) };
    static LAST_FAILURE: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// Derives Argon2id keys with `derive` on this thread instead of the key worker: for the
/// browser tests only (the app never calls it; 64 MiB would stay in its memory for good).
#[doc(hidden)]
pub fn derive_on_main_thread(derive: Option<MainThreadArgon2id>) {
    MAIN_THREAD.with(|d| d.set(derive));
}

/// Why the key worker last failed on this page (`None` if it never did): 'no-worker', 'load',
/// 'timeout', 'cost', 'input' or 'derive'. Nothing personal.
pub fn last_failure() -> Option<&'static str> {
    LAST_FAILURE.with(Cell::get)
}

fn failed(reason: &str) -> VaultError {
    let reason = ["no-worker", "load", "timeout", "cost", "input"]
        .into_iter()
        .find(|r| *r == reason)
        .unwrap_or("derive");
    LAST_FAILURE.with(|f| f.set(Some(reason)));
    VaultError::KdfUnavailable
}

/// The 32 bytes of the Argon2id key (the caller [`forget`]s them).
async fn argon2id_bytes(
    passcode: &str,
    salt: &[u8],
    cost: Argon2idCost,
) -> Result<[u8; KEY_LEN], VaultError> {
    let mut secret = normalised(passcode);
    if let Some(derive) = MAIN_THREAD.with(Cell::get) {
        let derived = derive(&secret, salt, cost);
        forget(&mut secret);
        return derived.ok_or_else(|| failed("derive"));
    }
    let secret_js = Uint8Array::from(secret.as_slice());
    forget(&mut secret);
    let promise = derive_in_worker(
        secret_js,
        Uint8Array::from(salt),
        cost.memory_kib,
        cost.passes,
        cost.lanes,
    );
    let out = JsFuture::from(promise)
        .await
        .map_err(|reason| failed(&reason.as_string().unwrap_or_default()))?;
    let out: Uint8Array = out.unchecked_into();
    let mut key = [0u8; KEY_LEN];
    let right_length = out.length() as usize == KEY_LEN;
    if right_length {
        out.copy_to(&mut key);
    }
    out.fill(0, 0, out.length());
    if !right_length {
        return Err(failed("derive"));
    }
    Ok(key)
}

async fn argon2id_key(
    passcode: &str,
    salt: &[u8],
    cost: Argon2idCost,
) -> Result<VaultKey, VaultError> {
    let mut key = argon2id_bytes(passcode, salt, cost).await?;
    Ok(import_key(&mut key).await?)
}

/// The key that wraps the data key: the passcode key of `kdf`, or with `prf` (the second
/// factor's PRF output, format 4) HKDF-SHA-256 of the Argon2id key's bytes and the PRF output
/// (`senda_core::vault::second_factor`). A second factor beside PBKDF2 is not a header.
pub async fn wrapping_key(
    passcode: &str,
    kdf: &KdfParams,
    prf: Option<&[u8; PRF_OUTPUT_LEN]>,
) -> Result<VaultKey, VaultError> {
    let Some(prf) = prf else {
        return passcode_key(passcode, kdf).await;
    };
    let Kdf::Argon2id(cost) = kdf.kdf()? else {
        return Err(HeaderError::Unreadable.into());
    };
    let mut key = argon2id_bytes(passcode, &kdf.salt, cost).await?;
    let mut ikm = wrapping_key_ikm(&key, prf);
    forget(&mut key);
    Ok(combined_key(&mut ikm).await?)
}

/// The passcode key of `kdf` (which a checked header names): PBKDF2 through WebCrypto, Argon2id
/// in the key worker. [`VaultError::KdfUnavailable`] when the worker cannot run here.
pub async fn passcode_key(passcode: &str, kdf: &KdfParams) -> Result<VaultKey, VaultError> {
    match kdf.kdf()? {
        Kdf::Pbkdf2Sha256 { .. } => Ok(pbkdf2_key(passcode, kdf).await?),
        Kdf::Argon2id(cost) => argon2id_key(passcode, &kdf.salt, cost).await,
    }
}
