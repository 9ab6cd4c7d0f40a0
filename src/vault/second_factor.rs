//! The optional second factor in the browser: a platform authenticator's WebAuthn PRF, feature-detected, turned on or off with the passcode.
//!
//! The WebAuthn calls go through `js_sys` (no JS snippet: a snippet joins the first load's
//! script, this code stays in the lazy chunks that reach it); a random user id and "Senda" as the
//! credential's names: nothing personal. Turning it on creates a credential on this device, asks its PRF at
//! a random 32-byte salt, and wraps the data key under HKDF(passcode key ‖ PRF output)
//! (`kdf::wrapping_key`, header format 4); turning it off wraps it under the passcode key alone
//! (format 3). Both re-derive Argon2id with a fresh salt, both rewrite only the header. Every
//! unlock of a format-4 vault asks the authenticator first (`locked`): a cancelled or failed
//! step counts nothing. The browser tests, which have no authenticator, hand one in through
//! [`use_test_authenticator`].

use super::crypto::{forget, new_salt, random_bytes, CryptoError};
use super::error::VaultError;
use super::kdf::wrapping_key;
use super::unlocked::UnlockedVault;
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use senda_core::vault::data_key::{wrapped_key_additional_data, HeaderV2};
use senda_core::vault::header::KdfParams;
use senda_core::vault::second_factor::{SecondFactor, PRF_OUTPUT_LEN, PRF_SALT_LEN};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// `target[name]`, or `undefined`.
fn get(target: &JsValue, name: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Awaits `target[method](...args)`, which returns a promise (or throws).
async fn call(target: &JsValue, method: &str, args: &Array) -> Result<JsValue, JsValue> {
    let f: Function = get(target, method).dyn_into()?;
    JsFuture::from(Promise::resolve(&f.apply(target, args)?)).await
}

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let out = Object::new();
    for (name, value) in entries {
        let _ = Reflect::set(&out, &JsValue::from_str(name), value);
    }
    out.into()
}

fn bytes(b: &[u8]) -> JsValue {
    Uint8Array::from(b).into()
}

fn credentials() -> JsValue {
    get(&get(&js_sys::global(), "navigator"), "credentials")
}

/// The `publicKey` options fields every request shares: a fresh challenge (the vault checks no
/// signature: only the PRF output matters), user verification, the PRF at `salt`.
fn shared(salt: &[u8]) -> Result<Vec<(&'static str, JsValue)>, VaultError> {
    let prf = object(&[("eval", object(&[("first", bytes(salt))]))]);
    Ok(vec![
        ("challenge", bytes(&random_bytes::<32>()?)),
        ("userVerification", "required".into()),
        ("timeout", JsValue::from_f64(120_000.0)),
        ("extensions", object(&[("prf", prf)])),
    ])
}

/// A stand-in authenticator for the browser tests: the PRF output of (credential id, salt), or
/// `None` when it refuses (cancelled, or gone).
pub type TestAuthenticator = fn(&[u8], &[u8; PRF_SALT_LEN]) -> Option<[u8; PRF_OUTPUT_LEN]>;

thread_local! {
    static TEST_AUTHENTICATOR: Cell<Option<TestAuthenticator>> = const { Cell::new(None) };
}

/// Answers every WebAuthn call with `authenticator` instead (browser tests only: a
/// wasm-bindgen test page has no virtual authenticator; the e2e tests use Chromium's).
#[doc(hidden)]
pub fn use_test_authenticator(authenticator: Option<TestAuthenticator>) {
    TEST_AUTHENTICATOR.with(|a| a.set(authenticator));
}

/// A PRF output, overwritten when dropped.
pub(super) struct PrfOutput(pub(super) [u8; PRF_OUTPUT_LEN]);

impl Drop for PrfOutput {
    fn drop(&mut self) {
        forget(&mut self.0);
    }
}

fn refused(reason: JsValue) -> VaultError {
    match get(&reason, "name").as_string().as_deref() {
        Some("NotAllowedError" | "AbortError") => VaultError::SecondFactorCancelled,
        _ => VaultError::SecondFactorFailed,
    }
}

/// The PRF output `first` of a credential's extension results (an ArrayBuffer), zeroed once copied.
fn output(prf: &JsValue) -> Result<PrfOutput, VaultError> {
    let first = get(&get(prf, "results"), "first");
    if first.is_undefined() || first.is_null() {
        return Err(VaultError::SecondFactorFailed);
    }
    let bytes = Uint8Array::new(&first);
    let mut out = PrfOutput([0; PRF_OUTPUT_LEN]);
    let right = bytes.length() as usize == PRF_OUTPUT_LEN;
    if right {
        bytes.copy_to(&mut out.0);
    }
    bytes.fill(0, 0, bytes.length());
    right.then_some(out).ok_or(VaultError::SecondFactorFailed)
}

/// Whether this browser offers a user-verifying platform authenticator that may have the PRF
/// extension (`getClientCapabilities` where it exists; enrolment checks `prf.enabled` anyway).
pub async fn offered() -> bool {
    if TEST_AUTHENTICATOR.with(Cell::get).is_some() {
        return true;
    }
    let global = js_sys::global();
    let pkc = get(&global, "PublicKeyCredential");
    if pkc.is_undefined() || get(&global, "isSecureContext").as_bool() != Some(true) {
        return false;
    }
    let uv = call(&pkc, "isUserVerifyingPlatformAuthenticatorAvailable", &Array::new()).await;
    if !matches!(uv, Ok(v) if v.as_bool() == Some(true)) {
        return false;
    }
    if get(&pkc, "getClientCapabilities").is_function() {
        if let Ok(caps) = call(&pkc, "getClientCapabilities", &Array::new()).await {
            return get(&caps, "extension:prf").as_bool() != Some(false);
        }
    }
    true
}

/// The PRF extension's results of a created or asserted credential.
fn prf_results(credential: &JsValue) -> Result<JsValue, VaultError> {
    let f: Function = get(credential, "getClientExtensionResults")
        .dyn_into()
        .map_err(|_| VaultError::SecondFactorFailed)?;
    let results = f.call0(credential).map_err(|_| VaultError::SecondFactorFailed)?;
    Ok(get(&results, "prf"))
}

/// The PRF output of the header's credential at its salt, after the user's screen lock.
pub(super) async fn evaluate(factor: &SecondFactor) -> Result<PrfOutput, VaultError> {
    if let Some(test) = TEST_AUTHENTICATOR.with(Cell::get) {
        return test(&factor.credential_id, &factor.prf_salt)
            .map(PrfOutput)
            .ok_or(VaultError::SecondFactorCancelled);
    }
    let allowed = object(&[
        ("type", "public-key".into()),
        ("id", bytes(&factor.credential_id)),
        ("transports", Array::of1(&"internal".into()).into()),
    ]);
    let mut options = shared(&factor.prf_salt)?;
    options.push(("allowCredentials", Array::of1(&allowed).into()));
    let request = object(&[("publicKey", object(&options))]);
    let assertion = call(&credentials(), "get", &Array::of1(&request)).await.map_err(refused)?;
    output(&prf_results(&assertion)?)
}

/// A new credential on this device and its PRF output at a new random salt.
async fn enrol() -> Result<(SecondFactor, PrfOutput), VaultError> {
    let prf_salt = random_bytes::<PRF_SALT_LEN>()?;
    if let Some(test) = TEST_AUTHENTICATOR.with(Cell::get) {
        let factor = SecondFactor { credential_id: random_bytes::<16>()?.to_vec(), prf_salt };
        let prf =
            test(&factor.credential_id, &prf_salt).ok_or(VaultError::SecondFactorCancelled)?;
        return Ok((factor, PrfOutput(prf)));
    }
    // Nothing personal: a random user id, "Senda" as the names.
    let user = object(&[
        ("id", bytes(&random_bytes::<16>()?)),
        ("name", "Senda".into()),
        ("displayName", "Senda".into()),
    ]);
    let algorithm = |alg: f64| object(&[("type", "public-key".into()), ("alg", alg.into())]);
    let selection = object(&[
        ("authenticatorAttachment", "platform".into()),
        ("residentKey", "discouraged".into()),
        ("requireResidentKey", false.into()),
        ("userVerification", "required".into()),
    ]);
    let mut options = shared(&prf_salt)?;
    options.extend([
        ("rp", object(&[("name", "Senda".into())])),
        ("user", user),
        ("pubKeyCredParams", Array::of2(&algorithm(-7.0), &algorithm(-257.0)).into()),
        ("authenticatorSelection", selection),
        ("attestation", "none".into()),
    ]);
    let request = object(&[("publicKey", object(&options))]);
    let created = call(&credentials(), "create", &Array::of1(&request)).await.map_err(refused)?;
    let prf = prf_results(&created)?;
    if get(&prf, "enabled").as_bool() != Some(true) {
        return Err(VaultError::SecondFactorFailed);
    }
    let credential_id = Uint8Array::new(&get(&created, "rawId")).to_vec();
    let factor = SecondFactor { credential_id, prf_salt };
    factor.check().map_err(|_| VaultError::SecondFactorFailed)?;
    // Some authenticators evaluate the PRF only on an assertion, not at creation.
    let first = get(&get(&prf, "results"), "first");
    let prf = if first.is_undefined() || first.is_null() {
        evaluate(&factor).await?
    } else {
        output(&prf)?
    };
    Ok((factor, prf))
}

/// The data key of `header`, unwrapped with `passcode` (and `prf` in format 4):
/// [`VaultError::WrongCurrentPasscode`] when it does not open. The caller forgets it.
pub(super) async fn unwrap_data_key(
    header: &HeaderV2,
    passcode: &str,
    prf: Option<&PrfOutput>,
) -> Result<Vec<u8>, VaultError> {
    let key = wrapping_key(passcode, &header.kdf, prf.map(|p| &p.0)).await?;
    let additional = wrapped_key_additional_data(header.generation);
    match key.open(&header.wrapped_key()?, &additional).await {
        Ok(data_key) => Ok(data_key),
        Err(CryptoError::NotAuthentic) => Err(VaultError::WrongCurrentPasscode),
        Err(other) => Err(other.into()),
    }
}

/// `data_key` (forgotten here) wrapped for `generation` under `passcode`'s Argon2id key with a
/// fresh salt (and `prf` in format 4): the new KDF parameters and wrapped key.
pub(super) async fn wrap_data_key(
    generation: u32,
    mut data_key: Vec<u8>,
    passcode: &str,
    prf: Option<&PrfOutput>,
) -> Result<(KdfParams, Vec<u8>), VaultError> {
    let wrapped = async {
        let kdf = KdfParams::argon2id(new_salt()?);
        let key = wrapping_key(passcode, &kdf, prf.map(|p| &p.0)).await?;
        let sealed = key.seal(&data_key, &wrapped_key_additional_data(generation)).await?;
        // The new wrapping really opens the key before it replaces the old one.
        let mut back = key.open(&sealed, &wrapped_key_additional_data(generation)).await?;
        let same = back == data_key;
        forget(&mut back);
        if !same {
            return Err(VaultError::Crypto(CryptoError::NotAuthentic));
        }
        Ok((kdf, sealed.to_bytes()))
    }
    .await;
    forget(&mut data_key);
    wrapped
}

impl<S: Serialize + DeserializeOwned> UnlockedVault<S> {
    /// Whether the header names a second factor (format 4).
    pub fn has_second_factor(&self) -> bool {
        self.header.second_factor.is_some()
    }

    /// Turns the second factor on: checks `passcode` (nothing asked of the authenticator when
    /// it is wrong), creates a credential on this device, and re-wraps the data key under
    /// HKDF(passcode key ‖ PRF output). One header write, expecting the header this vault holds.
    pub async fn turn_on_second_factor(&mut self, passcode: &str) -> Result<(), VaultError> {
        if self.header.second_factor.is_some() {
            return Ok(());
        }
        let mut data_key = unwrap_data_key(&self.header, passcode, None).await?;
        let enrolled = enrol().await;
        let (factor, prf) = match enrolled {
            Ok(enrolled) => enrolled,
            Err(e) => {
                forget(&mut data_key);
                return Err(e);
            }
        };
        let (kdf, wrapped) =
            wrap_data_key(self.header.generation, data_key, passcode, Some(&prf)).await?;
        self.write_factor(kdf, Some(factor), wrapped).await
    }

    /// Turns the second factor off: asks the authenticator, checks `passcode` with it, and
    /// re-wraps the data key under the passcode key alone (format 3).
    pub async fn turn_off_second_factor(&mut self, passcode: &str) -> Result<(), VaultError> {
        let Some(factor) = self.header.second_factor.clone() else {
            return Ok(());
        };
        let prf = evaluate(&factor).await?;
        let data_key = unwrap_data_key(&self.header, passcode, Some(&prf)).await?;
        let (kdf, wrapped) =
            wrap_data_key(self.header.generation, data_key, passcode, None).await?;
        self.write_factor(kdf, None, wrapped).await
    }

    async fn write_factor(
        &mut self,
        kdf: KdfParams,
        factor: Option<SecondFactor>,
        wrapped: Vec<u8>,
    ) -> Result<(), VaultError> {
        self.replace_header(self.header.with_second_factor(kdf, factor, wrapped)).await
    }
}
