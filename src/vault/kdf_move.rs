//! The move of a vault's passcode key from PBKDF2 to Argon2id after an unlock: the data key wrapped anew, one checked header write; interrupted, the PBKDF2 header stays in force.
//!
//! In three steps so that nothing waits on the worker: [`UnlockedVault::kdf_move`] takes what
//! the move needs (no await), [`KdfMove::prepare`] derives both keys with no vault borrowed (the
//! session's other writes go on meanwhile), and [`UnlockedVault::finish_kdf_move`] writes the new
//! header through the vault, as every other write, expecting the header this vault holds — so
//! another window's change, or a change of passcode meanwhile, is never overwritten.

use super::error::VaultError;
use super::passcode_change::rewrap;
use super::unlocked::UnlockedVault;
use senda_core::vault::data_key::HeaderV2;
use senda_core::vault::header::KdfParams;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A vault whose header names an older KDF, as it stood when the move began.
pub struct KdfMove {
    from: HeaderV2,
}

/// The data key wrapped under the Argon2id key, ready to be written.
pub struct Rewrapped {
    from: HeaderV2,
    kdf: KdfParams,
    wrapped: Vec<u8>,
}

impl KdfMove {
    /// Derives the current passcode key (to unwrap) and an Argon2id key with a fresh salt (to
    /// wrap): `passcode` must be the one that just unlocked the vault.
    pub async fn prepare(self, passcode: &str) -> Result<Rewrapped, VaultError> {
        let (kdf, wrapped) = rewrap(&self.from, passcode, passcode).await?;
        Ok(Rewrapped { from: self.from, kdf, wrapped })
    }
}

impl<S: Serialize + DeserializeOwned> UnlockedVault<S> {
    /// The move this vault still needs: `Some` while its header names an older KDF than new
    /// vaults use (PBKDF2).
    pub fn kdf_move(&self) -> Option<KdfMove> {
        (!self.header.kdf.is_current()).then(|| KdfMove { from: self.header.clone() })
    }

    /// Writes a prepared move in one transaction expecting the header this vault holds: `false`
    /// (nothing written) when its passcode key changed since the move began.
    pub async fn finish_kdf_move(&mut self, prepared: Rewrapped) -> Result<bool, VaultError> {
        let same_key = self.header.generation == prepared.from.generation
            && self.header.kdf == prepared.from.kdf
            && self.header.second_factor == prepared.from.second_factor
            && self.header.wrapped_key == prepared.from.wrapped_key;
        if !same_key {
            return Ok(false);
        }
        self.write_rewrapped(prepared.kdf, prepared.wrapped).await?;
        Ok(true)
    }

    /// The KDF parameters the vault's header names now (for tests and the security screen).
    pub fn kdf(&self) -> &KdfParams {
        &self.header.kdf
    }
}
