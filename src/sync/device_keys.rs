//! A device's own key pairs for team sync (one to receive wrapped keys, one to sign), kept only
//! sealed under the vault's passcode key; wrapping team and case keys for a device (ephemeral
//! ECDH → HKDF-SHA-256 → AES-KW); signatures; readable fingerprints of public keys.

use super::crypto::{
    aes_gcm_256, bytes, dict, random_bytes, resolve, subtle, usages, KeyKind, SecretKey,
    SyncCryptoError,
};
pub use super::device_suite::DeviceSuite;
use crate::vault::crypto::{forget, CryptoError, VaultKey};
use js_sys::{Reflect, Uint8Array};
use senda_core::vault::envelope::Envelope;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::CryptoKey;

/// A device's public keys, as the team sees them (raw encodings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevicePublicKeys {
    pub suite: DeviceSuite,
    pub agree: Vec<u8>,
    pub sign: Vec<u8>,
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl DevicePublicKeys {
    /// A short readable fingerprint: SHA-256 of the suite and both public keys, its first 80
    /// bits in Crockford base32, in four groups ("K7Q2-9XMD-4T0B-WZ3E") to compare aloud.
    pub async fn fingerprint(&self) -> Result<String, SyncCryptoError> {
        let input = [self.suite.code().as_bytes(), &[0], &self.agree, &[0], &self.sign].concat();
        let digest = bytes(
            resolve(
                subtle()?.digest_with_str_and_u8_array("SHA-256", &input),
                SyncCryptoError::Unavailable,
            )
            .await?,
        );
        let mut out = String::new();
        for i in 0..16 {
            let bit = i * 5;
            let pair = (u16::from(digest[bit / 8]) << 8) | u16::from(digest[bit / 8 + 1]);
            let value = (pair >> (11 - bit % 8)) & 0x1f;
            if i > 0 && i % 4 == 0 {
                out.push('-');
            }
            out.push(char::from(CROCKFORD[usize::from(value)]));
        }
        Ok(out)
    }

    async fn import_agree(&self) -> Result<CryptoKey, SyncCryptoError> {
        import_public(self.suite.agree_algorithm(), &self.agree, &[]).await
    }

    /// Checks that `signature` is this device's signature of `message`.
    pub async fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), SyncCryptoError> {
        let key = import_public(self.suite.sign_algorithm(), &self.sign, &["verify"]).await?;
        let ok = resolve(
            subtle()?.verify_with_object_and_u8_array_and_u8_array(
                &self.suite.sign_params(),
                &key,
                signature,
                message,
            ),
            SyncCryptoError::BadSignature,
        )
        .await?;
        if ok.as_bool() == Some(true) {
            Ok(())
        } else {
            Err(SyncCryptoError::BadSignature)
        }
    }
}

async fn import_public(
    algorithm: js_sys::Object,
    raw: &[u8],
    uses: &[&str],
) -> Result<CryptoKey, SyncCryptoError> {
    let data = Uint8Array::from(raw);
    let key = resolve(
        subtle()?.import_key_with_object("raw", &data, &algorithm, true, &usages(uses)),
        SyncCryptoError::BadPublicKey,
    )
    .await?;
    Ok(key.unchecked_into())
}

/// A device's private keys sealed under the vault key, with its public keys: what is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedDeviceKeys {
    pub public: DevicePublicKeys,
    pub agree_iv: Vec<u8>,
    pub agree_private: Vec<u8>,
    pub sign_iv: Vec<u8>,
    pub sign_private: Vec<u8>,
}

const AD_AGREE: &[u8] = b"senda.sync.device.agree.v1";
const AD_SIGN: &[u8] = b"senda.sync.device.sign.v1";
const HKDF_INFO: &[u8] = b"senda.sync.wrap.v1";

/// A device's private keys as PKCS#8 with its public keys, for a record the vault seals whole
/// (the team record, as the team key's raw bytes are): never stored anywhere else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredDeviceKeys {
    pub public: DevicePublicKeys,
    pub agree_pkcs8: Vec<u8>,
    pub sign_pkcs8: Vec<u8>,
}

/// A team or case key wrapped for one device: the ephemeral public key, the HKDF salt, the
/// AES-KW output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedForDevice {
    pub ephemeral: Vec<u8>,
    pub salt: Vec<u8>,
    pub wrapped: Vec<u8>,
}

/// This device's keys, unsealed for the session: both private keys non-extractable.
pub struct DeviceKeys {
    public: DevicePublicKeys,
    agree: CryptoKey,
    sign: CryptoKey,
}

fn from_vault(error: CryptoError) -> SyncCryptoError {
    match error {
        CryptoError::Unavailable => SyncCryptoError::Unavailable,
        CryptoError::NotAuthentic => SyncCryptoError::KeyRefused,
        CryptoError::Failed(name) => SyncCryptoError::Failed(name),
    }
}

async fn generate_pair(
    algorithm: &js_sys::Object,
    uses: &[&str],
) -> Result<(CryptoKey, CryptoKey), SyncCryptoError> {
    let pair = resolve(
        subtle()?.generate_key_with_object(algorithm, true, &usages(uses)),
        SyncCryptoError::Unsupported("key pairs"),
    )
    .await?;
    let get = |name: &str| {
        Reflect::get(&pair, &JsValue::from_str(name)).map(|k| k.unchecked_into::<CryptoKey>())
    };
    let private =
        get("privateKey").map_err(|_| SyncCryptoError::Failed("no private key".into()))?;
    let public = get("publicKey").map_err(|_| SyncCryptoError::Failed("no public key".into()))?;
    Ok((private, public))
}

async fn export(format: &str, key: &CryptoKey) -> Result<Vec<u8>, SyncCryptoError> {
    Ok(bytes(
        resolve(subtle()?.export_key(format, key), SyncCryptoError::Failed("export".into()))
            .await?,
    ))
}

async fn import_private(
    algorithm: &js_sys::Object,
    pkcs8: &[u8],
    uses: &[&str],
) -> Result<CryptoKey, SyncCryptoError> {
    let data = Uint8Array::from(pkcs8);
    let key = resolve(
        subtle()?.import_key_with_object("pkcs8", &data, algorithm, false, &usages(uses)),
        SyncCryptoError::KeyRefused,
    )
    .await;
    data.fill(0, 0, data.length());
    Ok(key?.unchecked_into())
}

async fn seal_private(
    vault: &VaultKey,
    key: &CryptoKey,
    ad: &[u8],
) -> Result<Envelope, SyncCryptoError> {
    let mut pkcs8 = export("pkcs8", key).await?;
    let sealed = vault.seal(&pkcs8, ad).await.map_err(from_vault);
    forget(&mut pkcs8);
    sealed
}

async fn open_private(
    vault: &VaultKey,
    iv: &[u8],
    ct: &[u8],
    ad: &[u8],
    algorithm: &js_sys::Object,
    uses: &[&str],
) -> Result<CryptoKey, SyncCryptoError> {
    let iv = iv.try_into().map_err(|_| SyncCryptoError::KeyRefused)?;
    let envelope = Envelope { iv, ciphertext: ct.to_vec() };
    let mut pkcs8 = vault.open(&envelope, ad).await.map_err(from_vault)?;
    let key = import_private(algorithm, &pkcs8, uses).await;
    forget(&mut pkcs8);
    key
}

/// HKDF-SHA-256 over an ECDH shared secret into an AES-KW key for `usage`.
async fn key_encryption_key(
    shared: &[u8],
    salt: &[u8],
    info: &[u8],
    usage: &str,
) -> Result<CryptoKey, SyncCryptoError> {
    let subtle = subtle()?;
    let material = Uint8Array::from(shared);
    let base = resolve(
        subtle.import_key_with_str("raw", &material, "HKDF", false, &usages(&["deriveKey"])),
        SyncCryptoError::Failed("HKDF".into()),
    )
    .await;
    material.fill(0, 0, material.length());
    let base: CryptoKey = base?.unchecked_into();
    let params = dict(&[
        ("name", "HKDF".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("info", Uint8Array::from(info).into()),
    ]);
    let target = dict(&[("name", "AES-KW".into()), ("length", 256.into())]);
    let kek = resolve(
        subtle.derive_key_with_object_and_object(&params, &base, &target, false, &usages(&[usage])),
        SyncCryptoError::Failed("HKDF".into()),
    )
    .await?;
    Ok(kek.unchecked_into())
}

async fn shared_secret(
    suite: DeviceSuite,
    private: &CryptoKey,
    public: &CryptoKey,
) -> Result<Vec<u8>, SyncCryptoError> {
    let params = dict(&[("name", suite.agree_name().into()), ("public", public.into())]);
    Ok(bytes(
        resolve(
            subtle()?.derive_bits_with_object(&params, private, 256),
            SyncCryptoError::KeyRefused,
        )
        .await?,
    ))
}

fn wrap_info(kind: KeyKind, context: &[u8]) -> Vec<u8> {
    [HKDF_INFO, &[0], kind.code(), &[0], context].concat()
}

/// Wraps a team or case key for the device `recipient`, bound to `context` (e.g. the team id
/// and epoch): only that device's private key unwraps it.
pub async fn wrap_for_device(
    key: &SecretKey,
    recipient: &DevicePublicKeys,
    context: &[u8],
) -> Result<WrappedForDevice, SyncCryptoError> {
    let suite = recipient.suite;
    let their = recipient.import_agree().await?;
    let (eph_private, eph_public) =
        generate_pair(&suite.agree_algorithm(), &["deriveBits"]).await?;
    let mut shared = shared_secret(suite, &eph_private, &their).await?;
    let salt = random_bytes::<16>()?;
    let kek = key_encryption_key(&shared, &salt, &wrap_info(key.kind(), context), "wrapKey").await;
    forget(&mut shared);
    let wrap = dict(&[("name", "AES-KW".into())]);
    let wrapped = resolve(
        subtle()?.wrap_key_with_object("raw", &key.key, &kek?, &wrap),
        SyncCryptoError::Failed("wrap".into()),
    )
    .await?;
    Ok(WrappedForDevice {
        ephemeral: export("raw", &eph_public).await?,
        salt: salt.to_vec(),
        wrapped: bytes(wrapped),
    })
}

impl DeviceKeys {
    /// New key pairs for this device, and their sealed form to store in the vault. The private
    /// keys in memory are re-imported non-extractable.
    pub async fn generate(
        suite: DeviceSuite,
        vault: &VaultKey,
    ) -> Result<(DeviceKeys, SealedDeviceKeys), SyncCryptoError> {
        let (agree_private, agree_public) =
            generate_pair(&suite.agree_algorithm(), &["deriveBits"]).await?;
        let (sign_private, sign_public) =
            generate_pair(&suite.sign_algorithm(), &["sign", "verify"]).await?;
        let public = DevicePublicKeys {
            suite,
            agree: export("raw", &agree_public).await?,
            sign: export("raw", &sign_public).await?,
        };
        let agree = seal_private(vault, &agree_private, AD_AGREE).await?;
        let sign = seal_private(vault, &sign_private, AD_SIGN).await?;
        let sealed = SealedDeviceKeys {
            public,
            agree_iv: agree.iv.to_vec(),
            agree_private: agree.ciphertext,
            sign_iv: sign.iv.to_vec(),
            sign_private: sign.ciphertext,
        };
        let keys = DeviceKeys::unseal(&sealed, vault).await?;
        Ok((keys, sealed))
    }

    /// Opens the sealed keys with the vault key (after unlocking).
    pub async fn unseal(
        sealed: &SealedDeviceKeys,
        vault: &VaultKey,
    ) -> Result<DeviceKeys, SyncCryptoError> {
        let suite = sealed.public.suite;
        let agree = open_private(
            vault,
            &sealed.agree_iv,
            &sealed.agree_private,
            AD_AGREE,
            &suite.agree_algorithm(),
            &["deriveBits"],
        )
        .await?;
        let sign = open_private(
            vault,
            &sealed.sign_iv,
            &sealed.sign_private,
            AD_SIGN,
            &suite.sign_algorithm(),
            &["sign"],
        )
        .await?;
        Ok(DeviceKeys { public: sealed.public.clone(), agree, sign })
    }

    /// New key pairs for this device in the form kept inside the vault's team record.
    pub async fn generate_stored(suite: DeviceSuite) -> Result<StoredDeviceKeys, SyncCryptoError> {
        let (agree_private, agree_public) =
            generate_pair(&suite.agree_algorithm(), &["deriveBits"]).await?;
        let (sign_private, sign_public) =
            generate_pair(&suite.sign_algorithm(), &["sign", "verify"]).await?;
        Ok(StoredDeviceKeys {
            public: DevicePublicKeys {
                suite,
                agree: export("raw", &agree_public).await?,
                sign: export("raw", &sign_public).await?,
            },
            agree_pkcs8: export("pkcs8", &agree_private).await?,
            sign_pkcs8: export("pkcs8", &sign_private).await?,
        })
    }

    /// Imports stored keys for the session, both private keys non-extractable.
    pub async fn from_stored(stored: &StoredDeviceKeys) -> Result<DeviceKeys, SyncCryptoError> {
        let suite = stored.public.suite;
        let agree =
            import_private(&suite.agree_algorithm(), &stored.agree_pkcs8, &["deriveBits"]).await?;
        let sign = import_private(&suite.sign_algorithm(), &stored.sign_pkcs8, &["sign"]).await?;
        Ok(DeviceKeys { public: stored.public.clone(), agree, sign })
    }

    pub fn public(&self) -> &DevicePublicKeys {
        &self.public
    }

    /// Whether either private key could leave WebCrypto (it never should).
    pub fn private_keys_extractable(&self) -> bool {
        self.agree.extractable() || self.sign.extractable()
    }

    /// Signs `message` with this device's signing key.
    pub async fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SyncCryptoError> {
        let out = resolve(
            subtle()?.sign_with_object_and_u8_array(
                &self.public.suite.sign_params(),
                &self.sign,
                message,
            ),
            SyncCryptoError::Failed("sign".into()),
        )
        .await?;
        Ok(bytes(out))
    }

    /// Unwraps a key of `kind` wrapped for this device with [`wrap_for_device`] and `context`.
    pub async fn unwrap(
        &self,
        wrapped: &WrappedForDevice,
        kind: KeyKind,
        context: &[u8],
    ) -> Result<SecretKey, SyncCryptoError> {
        let suite = self.public.suite;
        let ephemeral = import_public(suite.agree_algorithm(), &wrapped.ephemeral, &[])
            .await
            .map_err(|_| SyncCryptoError::KeyRefused)?;
        let mut shared = shared_secret(suite, &self.agree, &ephemeral).await?;
        let kek =
            key_encryption_key(&shared, &wrapped.salt, &wrap_info(kind, context), "unwrapKey")
                .await;
        forget(&mut shared);
        let unwrap = dict(&[("name", "AES-KW".into())]);
        let key = resolve(
            subtle()?.unwrap_key_with_u8_array_and_object_and_object(
                "raw",
                &wrapped.wrapped,
                &kek?,
                &unwrap,
                &aes_gcm_256(),
                true,
                &kind.usages(),
            ),
            SyncCryptoError::KeyRefused,
        )
        .await?;
        Ok(SecretKey::from_key(key.unchecked_into(), kind))
    }
}
