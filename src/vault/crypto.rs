//! WebCrypto for the vault: the PBKDF2-SHA-256 passcode → key derivation (600,000 iterations,
//! 16-byte random salt; `kdf` chooses between it and Argon2id) into a non-extractable AES-256-GCM
//! key held only in memory, the import of a key Argon2id derived, sealing with
//! a fresh random 12-byte IV for every write, and opening with authentication. Format 2's data
//! keys: the random data key imported as a non-extractable HKDF base, from which the records key
//! (AES-256-GCM) and the storage-key HMAC key are derived with `senda_core::vault::data_key`'s
//! labels.

use js_sys::{Array, ArrayBuffer, JsString, Object, Promise, Reflect, Uint8Array};
use senda_core::vault::data_key::{
    record_key_input, storage_key_from_mac, DATA_KEY_LEN, HKDF_SALT, RECORDS_KEY_INFO,
    STORAGE_KEYS_INFO,
};
use senda_core::vault::envelope::{Envelope, IV_LEN};
use senda_core::vault::header::{KdfParams, SALT_LEN};
use senda_core::vault::second_factor::{WRAPPING_KEY_INFO, WRAPPING_KEY_SALT};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

/// A WebCrypto failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// No WebCrypto here (not a secure context, or no window).
    Unavailable,
    /// The ciphertext did not authenticate under this key: a wrong key, or changed bytes.
    NotAuthentic,
    /// Any other refusal, by its DOMException name.
    Failed(String),
}

impl fmt::Display for CryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CryptoError::Unavailable => {
                write!(f, "This browser cannot encrypt here (WebCrypto is unavailable).")
            }
            CryptoError::NotAuthentic => write!(f, "The data did not match its key."),
            CryptoError::Failed(name) => {
                write!(f, "The browser refused to encrypt or decrypt ({name}).")
            }
        }
    }
}

fn failed(value: JsValue) -> CryptoError {
    let name = Reflect::get(&value, &JsValue::from_str("name")).ok().and_then(|n| n.as_string());
    match name.as_deref() {
        Some("OperationError") => CryptoError::NotAuthentic,
        Some(other) => CryptoError::Failed(other.to_owned()),
        None => CryptoError::Failed("UnknownError".to_owned()),
    }
}

fn crypto() -> Result<web_sys::Crypto, CryptoError> {
    web_sys::window()
        .ok_or(CryptoError::Unavailable)?
        .crypto()
        .map_err(|_| CryptoError::Unavailable)
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    Ok(crypto()?.subtle())
}

async fn resolve(promise: Result<Promise, JsValue>) -> Result<JsValue, CryptoError> {
    JsFuture::from(promise.map_err(failed)?).await.map_err(failed)
}

/// Overwrites bytes that held plaintext before they are freed (best effort: the browser keeps
/// its own copies for as long as it likes).
pub fn forget(buffer: &mut [u8]) {
    for b in buffer.iter_mut() {
        // SAFETY: `b` is a valid, exclusive reference; the volatile write keeps the zeroing from
        // being optimised away as a dead store.
        unsafe { std::ptr::write_volatile(b, 0) };
    }
}

/// Random bytes from `crypto.getRandomValues`.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut out = [0u8; N];
    crypto()?.get_random_values_with_u8_array(&mut out).map_err(failed)?;
    Ok(out)
}

/// Fills `out` with random bytes (at most 65,536 of them).
pub fn fill_random(out: &mut [u8]) -> Result<(), CryptoError> {
    crypto()?.get_random_values_with_u8_array(out).map_err(failed)?;
    Ok(())
}

/// A fresh salt for a new vault or a new passcode.
pub fn new_salt() -> Result<[u8; SALT_LEN], CryptoError> {
    random_bytes::<SALT_LEN>()
}

/// The vault key: AES-256-GCM, non-extractable, living only in this object.
pub struct VaultKey {
    key: CryptoKey,
}

fn usages(names: &[&str]) -> Array {
    names.iter().map(|n| JsValue::from_str(n)).collect()
}

/// `passcode` in Unicode NFC as UTF-8, so "ñ" typed as one character or as n + tilde opens the
/// same vault. The caller [`forget`]s it.
pub fn normalised(passcode: &str) -> Vec<u8> {
    let normalised: String = JsString::from(passcode).normalize("NFC").into();
    normalised.into_bytes()
}

/// Derives a key from `passcode` (normalised first) with PBKDF2-SHA-256 at `kdf`'s salt and
/// count: the vault's older KDF, and the backup file's.
pub async fn pbkdf2_key(passcode: &str, kdf: &KdfParams) -> Result<VaultKey, CryptoError> {
    let subtle = subtle()?;
    let mut secret = normalised(passcode);
    let secret_js = Uint8Array::from(secret.as_slice());
    forget(&mut secret);
    let imported = resolve(subtle.import_key_with_str(
        "raw",
        &secret_js,
        "PBKDF2",
        false,
        &usages(&["deriveKey"]),
    ))
    .await;
    secret_js.fill(0, 0, secret_js.length());
    let base: CryptoKey = imported?.unchecked_into();

    let salt = Uint8Array::from(kdf.salt.as_slice());
    let params = Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", kdf.iterations, &salt);
    let target = AesDerivedKeyParams::new("AES-GCM", 256);
    let key = resolve(subtle.derive_key_with_object_and_object(
        &params,
        &base,
        &target,
        false,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await?;
    Ok(VaultKey { key: key.unchecked_into() })
}

/// Imports 32 derived key bytes as a non-extractable AES-256-GCM key, and zeroes them.
pub async fn import_key(raw: &mut [u8]) -> Result<VaultKey, CryptoError> {
    let raw_js = Uint8Array::from(&raw[..]);
    forget(raw);
    let imported = resolve(subtle()?.import_key_with_str(
        "raw",
        &raw_js,
        "AES-GCM",
        false,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await;
    raw_js.fill(0, 0, raw_js.length());
    Ok(VaultKey { key: imported?.unchecked_into() })
}

/// The format-4 wrapping key: HKDF-SHA-256 of `ikm` (the passcode key's bytes ‖ the PRF
/// output, which this zeroes) with `second_factor`'s labels, as a non-extractable AES-256-GCM key.
pub async fn combined_key(ikm: &mut [u8]) -> Result<VaultKey, CryptoError> {
    let subtle = subtle()?;
    let ikm_js = Uint8Array::from(&ikm[..]);
    forget(ikm);
    let imported =
        resolve(subtle.import_key_with_str("raw", &ikm_js, "HKDF", false, &usages(&["deriveKey"])))
            .await;
    ikm_js.fill(0, 0, ikm_js.length());
    let base: CryptoKey = imported?.unchecked_into();
    let params = object(&[
        ("name", "HKDF".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(WRAPPING_KEY_SALT).into()),
        ("info", Uint8Array::from(WRAPPING_KEY_INFO).into()),
    ]);
    let aes: Object = AesDerivedKeyParams::new("AES-GCM", 256).into();
    let key = resolve(subtle.derive_key_with_object_and_object(
        &params,
        &base,
        &aes,
        false,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await?;
    Ok(VaultKey { key: key.unchecked_into() })
}

fn gcm_params(iv: &[u8; IV_LEN], additional_data: &[u8]) -> AesGcmParams {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&iv[..]));
    params.set_additional_data(&Uint8Array::from(additional_data));
    params
}

impl VaultKey {
    /// Whether the browser would let this key leave WebCrypto (it never should).
    pub fn is_extractable(&self) -> bool {
        self.key.extractable()
    }

    /// Encrypts `plaintext` for the slot named by `additional_data`, under a fresh random IV.
    pub async fn seal(
        &self,
        plaintext: &[u8],
        additional_data: &[u8],
    ) -> Result<Envelope, CryptoError> {
        let iv = random_bytes::<IV_LEN>()?;
        let params: Object = gcm_params(&iv, additional_data).into();
        let out =
            resolve(subtle()?.encrypt_with_object_and_u8_array(&params, &self.key, plaintext))
                .await?;
        let ciphertext = Uint8Array::new(&out.unchecked_into::<ArrayBuffer>()).to_vec();
        Ok(Envelope { iv, ciphertext })
    }

    /// Encrypts `plaintext` under a given IV, for a format whose additional data must name the
    /// IV before encryption (the backup file's header). The caller draws the IV with
    /// [`random_bytes`] and never uses it twice; [`VaultKey::seal`] is for everything else.
    pub async fn seal_with_iv(
        &self,
        iv: &[u8; IV_LEN],
        plaintext: &[u8],
        additional_data: &[u8],
    ) -> Result<Vec<u8>, CryptoError> {
        let params: Object = gcm_params(iv, additional_data).into();
        let out =
            resolve(subtle()?.encrypt_with_object_and_u8_array(&params, &self.key, plaintext))
                .await?;
        Ok(Uint8Array::new(&out.unchecked_into::<ArrayBuffer>()).to_vec())
    }

    /// Decrypts what [`VaultKey::seal_with_iv`] made, without copying the ciphertext into an
    /// [`Envelope`] first (a backup's can be tens of megabytes).
    pub async fn open_with_iv(
        &self,
        iv: &[u8; IV_LEN],
        ciphertext: &[u8],
        additional_data: &[u8],
    ) -> Result<Vec<u8>, CryptoError> {
        let params: Object = gcm_params(iv, additional_data).into();
        let out =
            resolve(subtle()?.decrypt_with_object_and_u8_array(&params, &self.key, ciphertext))
                .await?;
        let buffer = Uint8Array::new(&out.unchecked_into::<ArrayBuffer>());
        let plaintext = buffer.to_vec();
        buffer.fill(0, 0, buffer.length());
        Ok(plaintext)
    }

    /// Decrypts an envelope sealed for the slot named by `additional_data`. The caller should
    /// [`forget`] the plaintext once it has been read.
    pub async fn open(
        &self,
        envelope: &Envelope,
        additional_data: &[u8],
    ) -> Result<Vec<u8>, CryptoError> {
        let params: Object = gcm_params(&envelope.iv, additional_data).into();
        let out = resolve(subtle()?.decrypt_with_object_and_u8_array(
            &params,
            &self.key,
            &envelope.ciphertext,
        ))
        .await?;
        let buffer = Uint8Array::new(&out.unchecked_into::<ArrayBuffer>());
        let plaintext = buffer.to_vec();
        buffer.fill(0, 0, buffer.length());
        Ok(plaintext)
    }
}

/// A format-2 vault's keys, derived from its data key; neither can leave WebCrypto.
pub struct DataKeys {
    /// Seals records and the index.
    pub records: VaultKey,
    /// HMAC-SHA-256: a case id into its opaque storage key.
    storage_keys: CryptoKey,
}

fn object(entries: &[(&str, JsValue)]) -> Object {
    let out = Object::new();
    for (name, value) in entries {
        let _ = Reflect::set(&out, &JsValue::from_str(name), value);
    }
    out
}

/// The keys of the data key `raw` (which the caller then forgets): imported as a
/// non-extractable HKDF-SHA-256 base key, from which both keys are derived, non-extractable.
pub async fn data_keys(raw: &[u8]) -> Result<DataKeys, CryptoError> {
    if raw.len() != DATA_KEY_LEN {
        return Err(CryptoError::NotAuthentic);
    }
    let subtle = subtle()?;
    let raw_js = Uint8Array::from(raw);
    let imported =
        resolve(subtle.import_key_with_str("raw", &raw_js, "HKDF", false, &usages(&["deriveKey"])))
            .await;
    raw_js.fill(0, 0, raw_js.length());
    let base: CryptoKey = imported?.unchecked_into();
    let hkdf = |info: &[u8]| {
        object(&[
            ("name", "HKDF".into()),
            ("hash", "SHA-256".into()),
            ("salt", Uint8Array::from(HKDF_SALT).into()),
            ("info", Uint8Array::from(info).into()),
        ])
    };
    let aes: Object = AesDerivedKeyParams::new("AES-GCM", 256).into();
    let records = resolve(subtle.derive_key_with_object_and_object(
        &hkdf(RECORDS_KEY_INFO),
        &base,
        &aes,
        false,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await?;
    let hmac =
        object(&[("name", "HMAC".into()), ("hash", "SHA-256".into()), ("length", 256.into())]);
    let storage_keys = resolve(subtle.derive_key_with_object_and_object(
        &hkdf(STORAGE_KEYS_INFO),
        &base,
        &hmac,
        false,
        &usages(&["sign"]),
    ))
    .await?;
    Ok(DataKeys {
        records: VaultKey { key: records.unchecked_into() },
        storage_keys: storage_keys.unchecked_into(),
    })
}

impl DataKeys {
    /// The opaque storage key of the record `id`: nothing of the id shows in it.
    pub async fn storage_key(&self, id: &str) -> Result<String, CryptoError> {
        let mac = resolve(subtle()?.sign_with_str_and_u8_array(
            "HMAC",
            &self.storage_keys,
            &record_key_input(id),
        ))
        .await?;
        Ok(storage_key_from_mac(&Uint8Array::new(&mac.unchecked_into::<ArrayBuffer>()).to_vec()))
    }

    /// Whether the browser would let either key leave WebCrypto (it never should).
    pub fn is_extractable(&self) -> bool {
        self.records.is_extractable() || self.storage_keys.extractable()
    }
}
