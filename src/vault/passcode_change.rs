//! Changing the passcode of an unlocked (format-2) vault: the data key is unwrapped with the
//! current passcode's key and wrapped again under the new one's (Argon2id, a fresh salt), and the
//! header is replaced in one transaction (`HeaderV2::rewrapped`). No record is rewritten; closing
//! the tab at any point leaves either the old header (the old passcode opens) or the new one (the
//! new passcode opens). The move of a PBKDF2 vault to Argon2id (`kdf_move`) is the same re-wrap.

use super::error::VaultError;
use super::second_factor::{evaluate, unwrap_data_key, wrap_data_key};
use super::unlocked::UnlockedVault;
use senda_core::vault::data_key::HeaderV2;
use senda_core::vault::header::KdfParams;
use senda_core::vault::passcode::check_passcode;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The data key of `header` unwrapped with `current`'s key and wrapped under `new`'s, derived
/// with the current KDF (Argon2id) and a fresh salt: the new KDF parameters and wrapped key. A
/// format-4 vault asks its authenticator first, and keeps its second factor.
pub(super) async fn rewrap(
    header: &HeaderV2,
    current: &str,
    new: &str,
) -> Result<(KdfParams, Vec<u8>), VaultError> {
    let prf = match &header.second_factor {
        Some(factor) => Some(evaluate(factor).await?),
        None => None,
    };
    let data_key = unwrap_data_key(header, current, prf.as_ref()).await?;
    wrap_data_key(header.generation, data_key, new, prf.as_ref()).await
}

impl<S: Serialize + DeserializeOwned> UnlockedVault<S> {
    /// Changes the passcode from `current` to `new`: one header write, only if no other window
    /// changed the header since this one read it.
    pub async fn change_passcode(&mut self, current: &str, new: &str) -> Result<(), VaultError> {
        let problems = check_passcode(new);
        if !problems.is_empty() {
            return Err(VaultError::WeakPasscode(problems));
        }
        let (kdf, wrapped) = rewrap(&self.header, current, new).await?;
        self.write_rewrapped(kdf, wrapped).await
    }

    /// Replaces the header's KDF and wrapped key (the rest as this vault holds it now), in one
    /// transaction expecting the header this vault last read or wrote.
    pub(super) async fn write_rewrapped(
        &mut self,
        kdf: KdfParams,
        wrapped: Vec<u8>,
    ) -> Result<(), VaultError> {
        self.replace_header(self.header.rewrapped(kdf, wrapped)).await
    }
}
