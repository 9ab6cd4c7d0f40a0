//! The passcode key derivations a vault header may name, read with bounds (an unknown one is a newer Senda's, never damage), and Argon2id itself.
//!
//! A header's KDF is `(name, iterations, salt)` (`header::KdfParams`). Two names are known:
//! - `PBKDF2-SHA-256`: `iterations` is the count, 600,000 to 10,000,000 (WebCrypto derives it);
//! - `Argon2id-v19-m65536-p1`: Argon2id (RFC 9106), version 0x13, 65,536 KiB (64 MiB) of memory,
//!   one lane, a 32-byte output; `iterations` is its passes `t`, 2 to 16. The name pins every
//!   parameter but `t`, so no stored byte can ask a phone for more memory than this version
//!   chose; a future cost is a new name, which this version refuses as newer ("update Senda").
//!
//! Both use a 16-byte random salt. [`argon2id`] is the one derivation of the second: the key
//! worker (`kdf_worker/`) runs it in its own wasm, and the browser tests on the main thread.

use super::header::{HeaderError, KdfParams, SALT_LEN};

/// The PBKDF2 name (the only KDF of the vault's formats 1 and 2).
pub const PBKDF2_NAME: &str = "PBKDF2-SHA-256";
/// OWASP Password Storage Cheat Sheet: 600,000 iterations for PBKDF2-HMAC-SHA256.
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// A stored count outside these bounds is damage, not a choice: fewer would be weaker than the
/// format promises, many more would freeze the phone on unlock.
pub const MIN_PBKDF2_ITERATIONS: u32 = PBKDF2_ITERATIONS;
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// The Argon2id name: version 0x13, 64 MiB, one lane.
pub const ARGON2ID_NAME: &str = "Argon2id-v19-m65536-p1";
/// Argon2id's memory cost in KiB (64 MiB): measured under 1 s at CPU 4× (README, Security).
pub const ARGON2ID_MEMORY_KIB: u32 = 65_536;
/// Argon2id's lanes.
pub const ARGON2ID_LANES: u32 = 1;
/// The passes new vaults use.
pub const ARGON2ID_PASSES: u32 = 2;
/// Stored passes outside these bounds are damage (fewer: weaker than promised; more: seconds
/// per unlock on a cheap phone).
pub const MIN_ARGON2ID_PASSES: u32 = 2;
pub const MAX_ARGON2ID_PASSES: u32 = 16;
/// Length of a derived key (AES-256).
pub const KEY_LEN: usize = 32;

/// What a header's KDF is, once checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kdf {
    Pbkdf2Sha256 { iterations: u32 },
    Argon2id(Argon2idCost),
}

/// Argon2id's cost parameters (version 0x13 always).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Argon2idCost {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl Argon2idCost {
    /// The cost new vaults and passcode changes use: 64 MiB, 2 passes, 1 lane.
    pub const CURRENT: Argon2idCost = Argon2idCost {
        memory_kib: ARGON2ID_MEMORY_KIB,
        passes: ARGON2ID_PASSES,
        lanes: ARGON2ID_LANES,
    };

    /// Whether a header may name this cost (the key worker checks it again before deriving).
    pub fn check(&self) -> Result<(), HeaderError> {
        if self.memory_kib != ARGON2ID_MEMORY_KIB || self.lanes != ARGON2ID_LANES {
            return Err(HeaderError::UnknownKdf);
        }
        if !(MIN_ARGON2ID_PASSES..=MAX_ARGON2ID_PASSES).contains(&self.passes) {
            return Err(HeaderError::IterationsOutOfRange);
        }
        Ok(())
    }
}

impl KdfParams {
    /// PBKDF2-SHA-256 at the current iteration count with this salt.
    pub fn pbkdf2(salt: [u8; SALT_LEN]) -> KdfParams {
        KdfParams {
            name: PBKDF2_NAME.to_owned(),
            iterations: PBKDF2_ITERATIONS,
            salt: salt.to_vec(),
        }
    }

    /// Argon2id at the current cost with this salt.
    pub fn argon2id(salt: [u8; SALT_LEN]) -> KdfParams {
        KdfParams {
            name: ARGON2ID_NAME.to_owned(),
            iterations: ARGON2ID_PASSES,
            salt: salt.to_vec(),
        }
    }

    /// The KDF these parameters name, if this version derives with it: an unknown name is
    /// [`HeaderError::UnknownKdf`] (a newer Senda's), a known one out of its bounds is damage.
    pub fn kdf(&self) -> Result<Kdf, HeaderError> {
        let kdf = match self.name.as_str() {
            PBKDF2_NAME => {
                if !(MIN_PBKDF2_ITERATIONS..=MAX_PBKDF2_ITERATIONS).contains(&self.iterations) {
                    return Err(HeaderError::IterationsOutOfRange);
                }
                Kdf::Pbkdf2Sha256 { iterations: self.iterations }
            }
            ARGON2ID_NAME => {
                let cost = Argon2idCost {
                    memory_kib: ARGON2ID_MEMORY_KIB,
                    passes: self.iterations,
                    lanes: ARGON2ID_LANES,
                };
                cost.check()?;
                Kdf::Argon2id(cost)
            }
            _ => return Err(HeaderError::UnknownKdf),
        };
        if self.salt.len() != SALT_LEN {
            return Err(HeaderError::BadSalt);
        }
        Ok(kdf)
    }

    /// Whether these parameters are ones this version derives keys with.
    pub fn check(&self) -> Result<(), HeaderError> {
        self.kdf().map(|_| ())
    }

    /// Whether this is the KDF new vaults use (a vault still on PBKDF2 moves at its next unlock).
    pub fn is_current(&self) -> bool {
        matches!(self.kdf(), Ok(Kdf::Argon2id(cost)) if cost == Argon2idCost::CURRENT)
    }
}

/// Why Argon2id refused to derive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Argon2idError {
    /// A cost no header may name.
    Cost,
    /// The crate refused an input (a salt shorter than 8 bytes, a passcode over 4 GiB).
    Input,
}

/// The 32-byte Argon2id (version 0x13) key of `passcode` (UTF-8, already NFC) with `salt` at
/// `cost`, which must be one a header may name.
pub fn argon2id(
    passcode: &[u8],
    salt: &[u8],
    cost: Argon2idCost,
) -> Result<[u8; KEY_LEN], Argon2idError> {
    cost.check().map_err(|_| Argon2idError::Cost)?;
    argon2id_raw(passcode, salt, &[], &[], cost)
}

/// Argon2id with RFC 9106's optional secret and associated data (empty in the vault: only the
/// known-answer test of the RFC's own vector uses them).
fn argon2id_raw(
    passcode: &[u8],
    salt: &[u8],
    secret: &[u8],
    associated: &[u8],
    cost: Argon2idCost,
) -> Result<[u8; KEY_LEN], Argon2idError> {
    use argon2::{Algorithm, Argon2, AssociatedData, ParamsBuilder, Version};
    let data = AssociatedData::new(associated).map_err(|_| Argon2idError::Input)?;
    let params = ParamsBuilder::new()
        .m_cost(cost.memory_kib)
        .t_cost(cost.passes)
        .p_cost(cost.lanes)
        .data(data)
        .output_len(KEY_LEN)
        .build()
        .map_err(|_| Argon2idError::Input)?;
    let argon = if secret.is_empty() {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    } else {
        Argon2::new_with_secret(secret, Algorithm::Argon2id, Version::V0x13, params)
            .map_err(|_| Argon2idError::Input)?
    };
    let mut out = [0u8; KEY_LEN];
    argon.hash_password_into(passcode, salt, &mut out).map_err(|_| Argon2idError::Input)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn argon2id_at_the_vaults_cost_gives_the_reference_implementations_answer() {
        // phc-winner-argon2, src/test.c: Argon2id v=19 m=65536 t=2 p=1, "password", "somesalt" —
        // exactly the vault's cost, so a wrong memory, pass, lane, version or variant fails here.
        let key = argon2id(b"password", b"somesalt", Argon2idCost::CURRENT).unwrap();
        assert_eq!(hex(&key), "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
    }

    #[test]
    fn the_engine_gives_rfc_9106_answers() {
        // RFC 9106 section 5.3: Argon2id, m=32 KiB, t=3, p=4, password 32×0x01, salt 16×0x02,
        // secret 8×0x03, associated data 12×0x04.
        let cost = Argon2idCost { memory_kib: 32, passes: 3, lanes: 4 };
        let tag = argon2id_raw(&[1; 32], &[2; 16], &[3; 8], &[4; 12], cost).unwrap();
        assert_eq!(hex(&tag), "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
        // test.c again, at a small cost: m=256 t=2 p=1.
        let small = Argon2idCost { memory_kib: 256, passes: 2, lanes: 1 };
        let tag = argon2id_raw(b"password", b"somesalt", &[], &[], small).unwrap();
        assert_eq!(hex(&tag), "9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe");
    }

    #[test]
    fn argon2id_derives_only_at_a_cost_a_header_may_name() {
        for cost in [
            Argon2idCost { memory_kib: 256, ..Argon2idCost::CURRENT },
            Argon2idCost { memory_kib: 1 << 22, ..Argon2idCost::CURRENT },
            Argon2idCost { lanes: 4, ..Argon2idCost::CURRENT },
            Argon2idCost { passes: 1, ..Argon2idCost::CURRENT },
            Argon2idCost { passes: 17, ..Argon2idCost::CURRENT },
        ] {
            assert_eq!(
                argon2id(b"password", b"somesalt", cost),
                Err(Argon2idError::Cost),
                "{cost:?}"
            );
        }
        assert_eq!(
            argon2id(b"password", b"short", Argon2idCost::CURRENT),
            Err(Argon2idError::Input)
        );
    }

    #[test]
    fn known_kdfs_are_read_with_their_bounds() {
        let salt = [7; SALT_LEN];
        assert_eq!(KdfParams::argon2id(salt).kdf(), Ok(Kdf::Argon2id(Argon2idCost::CURRENT)));
        assert!(KdfParams::argon2id(salt).is_current());
        assert_eq!(KdfParams::pbkdf2(salt).kdf(), Ok(Kdf::Pbkdf2Sha256 { iterations: 600_000 }));
        assert!(!KdfParams::pbkdf2(salt).is_current());
        let with = |name: &str, iterations: u32, salt_len: usize| KdfParams {
            name: name.into(),
            iterations,
            salt: vec![1; salt_len],
        };
        assert_eq!(with(ARGON2ID_NAME, 16, 16).kdf().map(|_| ()), Ok(()));
        assert!(!with(ARGON2ID_NAME, 3, 16).is_current());
        assert_eq!(with(ARGON2ID_NAME, 1, 16).kdf(), Err(HeaderError::IterationsOutOfRange));
        assert_eq!(with(ARGON2ID_NAME, 17, 16).kdf(), Err(HeaderError::IterationsOutOfRange));
        assert_eq!(with(ARGON2ID_NAME, u32::MAX, 16).kdf(), Err(HeaderError::IterationsOutOfRange));
        assert_eq!(with(ARGON2ID_NAME, 2, 15).kdf(), Err(HeaderError::BadSalt));
        assert_eq!(with(PBKDF2_NAME, 599_999, 16).kdf(), Err(HeaderError::IterationsOutOfRange));
        assert_eq!(with(PBKDF2_NAME, 10_000_001, 16).kdf(), Err(HeaderError::IterationsOutOfRange));
    }

    #[test]
    fn an_unknown_kdf_is_a_newer_senda_s_not_damage() {
        // Another memory cost, version or lane count, another algorithm, a near miss in case.
        for name in [
            "Argon2id-v19-m131072-p1",
            "Argon2id-v20-m65536-p1",
            "Argon2id-v19-m65536-p2",
            "argon2id-v19-m65536-p1",
            "scrypt",
            "",
        ] {
            let params = KdfParams { name: name.into(), iterations: 2, salt: vec![1; SALT_LEN] };
            assert_eq!(params.kdf(), Err(HeaderError::UnknownKdf), "{name}");
            assert!(HeaderError::UnknownKdf.is_newer());
        }
    }
}
