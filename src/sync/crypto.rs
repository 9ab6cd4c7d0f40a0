//! WebCrypto for team sync's symmetric keys: AES-256-GCM team and case keys, the envelope's
//! encryption under a fresh IV, and a case key wrapped under the team key (AES-GCM key wrap),
//! with typed errors that say which check refused.

use js_sys::{Array, ArrayBuffer, Object, Promise, Reflect, Uint8Array};
use senda_core::vault::envelope::IV_LEN;
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// A refusal of team sync's cryptography.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncCryptoError {
    /// No WebCrypto here (not a secure context, or no window).
    Unavailable,
    /// A ciphertext did not authenticate: changed bytes, a wrong key or the wrong document.
    NotAuthentic,
    /// A wrapped key did not unwrap: changed bytes, or it was wrapped for another device or key.
    KeyRefused,
    /// A signature does not match the message and the signer's public key.
    BadSignature,
    /// A public key's bytes are not a key of the expected kind.
    BadPublicKey,
    /// This browser lacks an algorithm the data needs.
    Unsupported(&'static str),
    /// Any other refusal, by its DOMException name.
    Failed(String),
}

impl SyncCryptoError {
    /// The UI string key that explains this error to a person.
    pub fn message_key(&self) -> &'static str {
        match self {
            SyncCryptoError::Unavailable => "sync.crypto.unavailable",
            SyncCryptoError::NotAuthentic => "sync.crypto.not_authentic",
            SyncCryptoError::KeyRefused => "sync.crypto.key_refused",
            SyncCryptoError::BadSignature => "sync.crypto.bad_signature",
            SyncCryptoError::BadPublicKey => "sync.crypto.bad_public_key",
            SyncCryptoError::Unsupported(_) => "sync.crypto.unsupported",
            SyncCryptoError::Failed(_) => "sync.crypto.failed",
        }
    }
}

impl fmt::Display for SyncCryptoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncCryptoError::Unavailable => write!(f, "This browser cannot encrypt here."),
            SyncCryptoError::NotAuthentic => {
                write!(f, "This entry was changed or damaged: it was not opened.")
            }
            SyncCryptoError::KeyRefused => {
                write!(f, "A key was changed, or was not meant for this device: it was not used.")
            }
            SyncCryptoError::BadSignature => write!(f, "A signature does not match: refused."),
            SyncCryptoError::BadPublicKey => write!(f, "A device's public key is not valid."),
            SyncCryptoError::Unsupported(what) => write!(f, "This browser lacks {what}."),
            SyncCryptoError::Failed(name) => write!(f, "The browser refused ({name})."),
        }
    }
}

/// Maps a rejected WebCrypto promise: an `OperationError` is a failed authentication.
pub(crate) fn failed_as(value: JsValue, on_operation: SyncCryptoError) -> SyncCryptoError {
    let name = Reflect::get(&value, &JsValue::from_str("name")).ok().and_then(|n| n.as_string());
    match name.as_deref() {
        Some("OperationError") => on_operation,
        Some("DataError") => SyncCryptoError::BadPublicKey,
        Some("NotSupportedError") => SyncCryptoError::Unsupported("an algorithm"),
        Some(other) => SyncCryptoError::Failed(other.to_owned()),
        None => SyncCryptoError::Failed("UnknownError".to_owned()),
    }
}

pub(crate) fn subtle() -> Result<SubtleCrypto, SyncCryptoError> {
    let window = web_sys::window().ok_or(SyncCryptoError::Unavailable)?;
    Ok(window.crypto().map_err(|_| SyncCryptoError::Unavailable)?.subtle())
}

/// Awaits a WebCrypto promise; `on_operation` is the error an `OperationError` means here.
pub(crate) async fn resolve(
    promise: Result<Promise, JsValue>,
    on_operation: SyncCryptoError,
) -> Result<JsValue, SyncCryptoError> {
    let promise = promise.map_err(|e| failed_as(e, on_operation.clone()))?;
    JsFuture::from(promise).await.map_err(|e| failed_as(e, on_operation))
}

pub(crate) fn bytes(buffer: JsValue) -> Vec<u8> {
    Uint8Array::new(&buffer.unchecked_into::<ArrayBuffer>()).to_vec()
}

pub(crate) fn usages(names: &[&str]) -> Array {
    names.iter().map(|n| JsValue::from_str(n)).collect()
}

/// A WebCrypto algorithm dictionary.
pub(crate) fn dict(entries: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in entries {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

/// Random bytes from `crypto.getRandomValues`.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], SyncCryptoError> {
    let mut out = [0u8; N];
    let window = web_sys::window().ok_or(SyncCryptoError::Unavailable)?;
    let crypto = window.crypto().map_err(|_| SyncCryptoError::Unavailable)?;
    crypto
        .get_random_values_with_u8_array(&mut out)
        .map_err(|e| failed_as(e, SyncCryptoError::Unavailable))?;
    Ok(out)
}

/// An AES-GCM ciphertext and the IV it was made with.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sealed {
    pub iv: [u8; IV_LEN],
    pub ct: Vec<u8>,
}

fn gcm(iv: &[u8; IV_LEN], additional_data: &[u8]) -> Object {
    dict(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(&iv[..]).into()),
        ("additionalData", Uint8Array::from(additional_data).into()),
    ])
}

/// What a symmetric key is for: a team key wraps case keys (and encrypts team documents); a
/// case key encrypts one case's documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    Team,
    Case,
}

impl KeyKind {
    pub(crate) fn usages(self) -> Array {
        match self {
            KeyKind::Team => usages(&["encrypt", "decrypt", "wrapKey", "unwrapKey"]),
            KeyKind::Case => usages(&["encrypt", "decrypt"]),
        }
    }

    /// A byte that binds a wrapped key to its kind (a case key cannot pass for a team key).
    pub(crate) fn code(self) -> &'static [u8] {
        match self {
            KeyKind::Team => b"team",
            KeyKind::Case => b"case",
        }
    }
}

/// An AES-256-GCM team or case key. Extractable only so that it can be wrapped for a device or
/// under a team key: WebCrypto wraps only extractable keys; it is never exported in the clear.
#[derive(Clone, Debug)]
pub struct SecretKey {
    pub(crate) key: CryptoKey,
    kind: KeyKind,
}

pub(crate) fn aes_gcm_256() -> Object {
    dict(&[("name", "AES-GCM".into()), ("length", 256.into())])
}

impl SecretKey {
    pub(crate) fn from_key(key: CryptoKey, kind: KeyKind) -> SecretKey {
        SecretKey { key, kind }
    }

    /// A new random key.
    pub async fn generate(kind: KeyKind) -> Result<SecretKey, SyncCryptoError> {
        let subtle = subtle()?;
        let key = resolve(
            subtle.generate_key_with_object(&aes_gcm_256(), true, &kind.usages()),
            SyncCryptoError::Failed("OperationError".into()),
        )
        .await?;
        Ok(SecretKey { key: key.unchecked_into(), kind })
    }

    /// The key's raw bytes, to keep it sealed in the vault (never anywhere else).
    pub async fn export_raw(&self) -> Result<Vec<u8>, SyncCryptoError> {
        let raw = resolve(
            subtle()?.export_key("raw", &self.key),
            SyncCryptoError::Failed("OperationError".into()),
        )
        .await?;
        Ok(bytes(raw))
    }

    /// A key from its raw bytes (the vault's copy, or an invite's sealed offer).
    pub async fn import_raw(raw: &[u8], kind: KeyKind) -> Result<SecretKey, SyncCryptoError> {
        let key = resolve(
            subtle()?.import_key_with_object(
                "raw",
                &Uint8Array::from(raw),
                &dict(&[("name", "AES-GCM".into())]),
                true,
                &kind.usages(),
            ),
            SyncCryptoError::KeyRefused,
        )
        .await?;
        Ok(SecretKey { key: key.unchecked_into(), kind })
    }

    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    /// Encrypts `plaintext` for the document named by `additional_data`, under a fresh IV.
    pub async fn seal(
        &self,
        plaintext: &[u8],
        additional_data: &[u8],
    ) -> Result<Sealed, SyncCryptoError> {
        let iv = random_bytes::<IV_LEN>()?;
        let out = resolve(
            subtle()?.encrypt_with_object_and_u8_array(
                &gcm(&iv, additional_data),
                &self.key,
                plaintext,
            ),
            SyncCryptoError::Failed("OperationError".into()),
        )
        .await?;
        Ok(Sealed { iv, ct: bytes(out) })
    }

    /// Decrypts what [`SecretKey::seal`] made for the same `additional_data`.
    pub async fn open(
        &self,
        sealed: &Sealed,
        additional_data: &[u8],
    ) -> Result<Vec<u8>, SyncCryptoError> {
        let out = resolve(
            subtle()?.decrypt_with_object_and_u8_array(
                &gcm(&sealed.iv, additional_data),
                &self.key,
                &sealed.ct,
            ),
            SyncCryptoError::NotAuthentic,
        )
        .await?;
        Ok(bytes(out))
    }

    /// Wraps `key` under this team key (AES-GCM key wrap, fresh IV), bound to `additional_data`
    /// (e.g. the case id and the team epoch).
    pub async fn wrap(
        &self,
        key: &SecretKey,
        additional_data: &[u8],
    ) -> Result<Sealed, SyncCryptoError> {
        if self.kind != KeyKind::Team {
            return Err(SyncCryptoError::Unsupported("wrapping under a case key"));
        }
        let iv = random_bytes::<IV_LEN>()?;
        let ad = [key.kind.code(), additional_data].concat();
        let out = resolve(
            subtle()?.wrap_key_with_object("raw", &key.key, &self.key, &gcm(&iv, &ad)),
            SyncCryptoError::Failed("OperationError".into()),
        )
        .await?;
        Ok(Sealed { iv, ct: bytes(out) })
    }

    /// Unwraps a key of `kind` that [`SecretKey::wrap`] wrapped under this team key.
    pub async fn unwrap(
        &self,
        sealed: &Sealed,
        kind: KeyKind,
        additional_data: &[u8],
    ) -> Result<SecretKey, SyncCryptoError> {
        let ad = [kind.code(), additional_data].concat();
        let key = resolve(
            subtle()?.unwrap_key_with_u8_array_and_object_and_object(
                "raw",
                &sealed.ct,
                &self.key,
                &gcm(&sealed.iv, &ad),
                &aes_gcm_256(),
                true,
                &kind.usages(),
            ),
            SyncCryptoError::KeyRefused,
        )
        .await?;
        Ok(SecretKey { key: key.unchecked_into(), kind })
    }
}
