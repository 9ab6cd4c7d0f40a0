//! The optional second factor of a vault (header format 4): a platform authenticator's WebAuthn PRF output mixed into the key that wraps the data key.
//!
//! Stored in the header: the credential id (16 to 1023 bytes, WebAuthn's bounds) and a random
//! 32-byte PRF salt, `[id length u16 LE][id][salt]`. Neither is secret: the authenticator keeps
//! the secret, and answers only on this device, after the user's screen lock or fingerprint.
//!
//! The wrapping key of a format-4 vault is HKDF-SHA-256 (RFC 5869) with
//! - IKM = the 32 bytes of the passcode key (Argon2id) ‖ the 32 bytes of the PRF output `first`,
//! - salt = [`WRAPPING_KEY_SALT`], info = [`WRAPPING_KEY_INFO`], L = 32,
//!
//! imported as a non-extractable AES-256-GCM key. WebCrypto computes it (`deriveKey`, no hash in
//! the app's wasm); the known answers below were computed with Python's `hmac` and `hashlib`.
//! Without the authenticator the vault cannot be opened, with the passcode or without it.

use super::header::{HeaderError, Reader};

/// Length of the PRF salt stored in the header (`prf.eval.first`).
pub const PRF_SALT_LEN: usize = 32;
/// Length of the PRF output the authenticator returns.
pub const PRF_OUTPUT_LEN: usize = 32;
/// WebAuthn's bounds on a credential id.
pub const MIN_CREDENTIAL_ID_LEN: usize = 16;
pub const MAX_CREDENTIAL_ID_LEN: usize = 1023;
/// HKDF salt of the format-4 wrapping key.
pub const WRAPPING_KEY_SALT: &[u8] = b"senda-vault/4/second-factor";
/// HKDF info of the format-4 wrapping key.
pub const WRAPPING_KEY_INFO: &[u8] = b"senda-vault/4/wrapping-key";
/// Length of the passcode key bytes.
pub const PASSCODE_KEY_LEN: usize = 32;

/// The credential and the salt the authenticator's PRF is asked with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecondFactor {
    pub credential_id: Vec<u8>,
    pub prf_salt: [u8; PRF_SALT_LEN],
}

impl SecondFactor {
    /// Whether the credential id is one WebAuthn could have made.
    pub fn check(&self) -> Result<(), HeaderError> {
        if (MIN_CREDENTIAL_ID_LEN..=MAX_CREDENTIAL_ID_LEN).contains(&self.credential_id.len()) {
            Ok(())
        } else {
            Err(HeaderError::Unreadable)
        }
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.credential_id.len() as u16).to_le_bytes());
        out.extend_from_slice(&self.credential_id);
        out.extend_from_slice(&self.prf_salt);
    }

    pub(crate) fn read(r: &mut Reader<'_>) -> Option<SecondFactor> {
        let len = r.take(2)?;
        let len = usize::from(u16::from_le_bytes([len[0], len[1]]));
        if !(MIN_CREDENTIAL_ID_LEN..=MAX_CREDENTIAL_ID_LEN).contains(&len) {
            return None;
        }
        let credential_id = r.take(len)?.to_vec();
        let prf_salt = r.take(PRF_SALT_LEN)?.try_into().ok()?;
        Some(SecondFactor { credential_id, prf_salt })
    }
}

/// The HKDF input keying material of the format-4 wrapping key: the passcode key's bytes, then
/// the PRF output's. The caller overwrites it once imported.
pub fn wrapping_key_ikm(
    passcode_key: &[u8; PASSCODE_KEY_LEN],
    prf_output: &[u8; PRF_OUTPUT_LEN],
) -> [u8; PASSCODE_KEY_LEN + PRF_OUTPUT_LEN] {
    let mut out = [0u8; PASSCODE_KEY_LEN + PRF_OUTPUT_LEN];
    out[..PASSCODE_KEY_LEN].copy_from_slice(passcode_key);
    out[PASSCODE_KEY_LEN..].copy_from_slice(prf_output);
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use hmac::{Hmac, Mac};
    use sha2::Sha256;

    /// RFC 5869 HKDF-SHA-256, written here from the RFC for the tests only (the app uses
    /// WebCrypto's).
    pub(crate) fn hkdf_sha256(ikm: &[u8], salt: &[u8], info: &[u8], len: usize) -> Vec<u8> {
        let mut extract = Hmac::<Sha256>::new_from_slice(salt).unwrap();
        extract.update(ikm);
        let prk = extract.finalize().into_bytes();
        let (mut okm, mut t) = (Vec::new(), Vec::new());
        for i in 1u8.. {
            if okm.len() >= len {
                break;
            }
            let mut expand = Hmac::<Sha256>::new_from_slice(&prk).unwrap();
            expand.update(&t);
            expand.update(info);
            expand.update(&[i]);
            t = expand.finalize().into_bytes().to_vec();
            okm.extend_from_slice(&t);
        }
        okm.truncate(len);
        okm
    }

    pub(crate) fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn the_test_hkdf_gives_rfc_5869_s_answer() {
        let okm = hkdf_sha256(
            &[0x0b; 22],
            &(0..13).collect::<Vec<u8>>(),
            &(0xf0..0xfa).collect::<Vec<u8>>(),
            42,
        );
        assert_eq!(
            hex(&okm),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        );
    }

    /// The known answers, computed with Python 3's `hmac`/`hashlib` (an RFC 5869 extract and
    /// expand), also checked against WebCrypto in `tests/vault_second_factor.rs`.
    pub const KATS: [([u8; 32], [u8; 32], &str); 2] = [
        (
            // libargon2's vector at the vault's cost (`kdf`), then the PRF output 0, 1, …, 31.
            [
                0x09, 0x31, 0x61, 0x15, 0xd5, 0xcf, 0x24, 0xed, 0x5a, 0x15, 0xa3, 0x1a, 0x3b, 0xa3,
                0x26, 0xe5, 0xcf, 0x32, 0xed, 0xc2, 0x47, 0x02, 0x98, 0x7c, 0x02, 0xb6, 0x56, 0x6f,
                0x61, 0x91, 0x3c, 0xf7,
            ],
            [
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                23, 24, 25, 26, 27, 28, 29, 30, 31,
            ],
            "3a18d53eccae6acadf8e71f108a80e1cba839fb52ba51fc9988d2b69540f934d",
        ),
        (
            [0x11; 32],
            [0x22; 32],
            "d1c369f8bb846bc6a1f2dc34efa23e7a98f288c657526c02e1dabbbd88b6ff52",
        ),
    ];

    #[test]
    fn the_wrapping_key_is_hkdf_of_passcode_key_then_prf_output() {
        for (passcode_key, prf, expected) in KATS {
            let ikm = wrapping_key_ikm(&passcode_key, &prf);
            assert_eq!(&ikm[..32], &passcode_key[..]);
            assert_eq!(&ikm[32..], &prf[..]);
            let key = hkdf_sha256(&ikm, WRAPPING_KEY_SALT, WRAPPING_KEY_INFO, 32);
            assert_eq!(hex(&key), expected);
        }
        // Either half alone changes the key; swapping them too.
        let (a, b) = ([0x11; 32], [0x22; 32]);
        let key =
            |p, f| hkdf_sha256(&wrapping_key_ikm(p, f), WRAPPING_KEY_SALT, WRAPPING_KEY_INFO, 32);
        assert_ne!(key(&a, &b), key(&b, &a));
        assert_ne!(key(&a, &b), key(&a, &a));
        assert_ne!(WRAPPING_KEY_SALT, WRAPPING_KEY_INFO);
    }

    #[test]
    fn a_second_factor_round_trips_within_webauthn_s_bounds() {
        for len in [MIN_CREDENTIAL_ID_LEN, 64, MAX_CREDENTIAL_ID_LEN] {
            let factor = SecondFactor { credential_id: vec![7; len], prf_salt: [3; PRF_SALT_LEN] };
            assert_eq!(factor.check(), Ok(()));
            let mut out = Vec::new();
            factor.write(&mut out);
            assert_eq!(out.len(), 2 + len + PRF_SALT_LEN);
            assert_eq!(SecondFactor::read(&mut Reader::new(&out)), Some(factor));
        }
        for len in [0, 15, 1024, 65535] {
            let factor = SecondFactor { credential_id: vec![7; len], prf_salt: [3; PRF_SALT_LEN] };
            assert_eq!(factor.check(), Err(HeaderError::Unreadable), "{len}");
            let mut out = (len as u16).to_le_bytes().to_vec();
            out.extend(vec![7; len.min(2000)]);
            out.extend([3; PRF_SALT_LEN]);
            assert_eq!(SecondFactor::read(&mut Reader::new(&out)), None, "{len}");
        }
        // Cut before the salt's end.
        let mut out = Vec::new();
        SecondFactor { credential_id: vec![1; 20], prf_salt: [2; 32] }.write(&mut out);
        assert_eq!(SecondFactor::read(&mut Reader::new(&out[..out.len() - 1])), None);
    }
}
