//! The algorithms of a device's key pairs (X25519 + Ed25519, or P-256 where those are missing),
//! found by asking the browser, and their WebCrypto parameter dictionaries.

use super::crypto::{dict, resolve, subtle, usages, SyncCryptoError};
use serde::{Deserialize, Serialize};

/// The algorithms of a device's keys: X25519 + Ed25519 where the browser has them (Chromium 156
/// does: tests/sync_crypto.rs checks it), else ECDH + ECDSA on P-256, which every WebCrypto has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeviceSuite {
    Curve25519,
    P256,
}

impl DeviceSuite {
    pub const ALL: [DeviceSuite; 2] = [DeviceSuite::Curve25519, DeviceSuite::P256];

    pub fn code(self) -> &'static str {
        match self {
            DeviceSuite::Curve25519 => "x25519-ed25519",
            DeviceSuite::P256 => "p256",
        }
    }

    pub fn from_code(code: &str) -> Option<DeviceSuite> {
        DeviceSuite::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The best suite this browser supports, found by trying to make throwaway keys.
    pub async fn detect() -> Result<DeviceSuite, SyncCryptoError> {
        let subtle = subtle()?;
        let suite = DeviceSuite::Curve25519;
        let agree = subtle.generate_key_with_object(
            &suite.agree_algorithm(),
            false,
            &usages(&["deriveBits"]),
        );
        let sign = subtle.generate_key_with_object(
            &suite.sign_algorithm(),
            false,
            &usages(&["sign", "verify"]),
        );
        let ok = resolve(agree, SyncCryptoError::Unsupported("X25519")).await.is_ok()
            && resolve(sign, SyncCryptoError::Unsupported("Ed25519")).await.is_ok();
        Ok(if ok { DeviceSuite::Curve25519 } else { DeviceSuite::P256 })
    }

    pub(crate) fn agree_algorithm(self) -> js_sys::Object {
        match self {
            DeviceSuite::Curve25519 => dict(&[("name", "X25519".into())]),
            DeviceSuite::P256 => dict(&[("name", "ECDH".into()), ("namedCurve", "P-256".into())]),
        }
    }

    pub(crate) fn sign_algorithm(self) -> js_sys::Object {
        match self {
            DeviceSuite::Curve25519 => dict(&[("name", "Ed25519".into())]),
            DeviceSuite::P256 => dict(&[("name", "ECDSA".into()), ("namedCurve", "P-256".into())]),
        }
    }

    pub(crate) fn sign_params(self) -> js_sys::Object {
        match self {
            DeviceSuite::Curve25519 => dict(&[("name", "Ed25519".into())]),
            DeviceSuite::P256 => dict(&[("name", "ECDSA".into()), ("hash", "SHA-256".into())]),
        }
    }

    pub(crate) fn agree_name(self) -> &'static str {
        match self {
            DeviceSuite::Curve25519 => "X25519",
            DeviceSuite::P256 => "ECDH",
        }
    }
}
