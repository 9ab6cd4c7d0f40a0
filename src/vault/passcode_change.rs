//! Changing the passcode of an unlocked (format-2) vault: the data key is unwrapped with the
//! current passcode's key and wrapped again under the new one's, and the header is replaced in
//! one transaction (`HeaderV2::rewrapped`). No record is rewritten; closing the tab at any point
//! leaves either the old header (the old passcode opens) or the new one (the new passcode opens).

use super::crypto::{derive_key, forget, new_salt, CryptoError};
use super::error::VaultError;
use super::store::WriteBatch;
use super::unlocked::UnlockedVault;
use senda_core::vault::data_key::wrapped_key_additional_data;
use senda_core::vault::header::KdfParams;
use senda_core::vault::passcode::check_passcode;
use serde::de::DeserializeOwned;
use serde::Serialize;

impl<S: Serialize + DeserializeOwned> UnlockedVault<S> {
    /// Changes the passcode from `current` to `new`: one header write, only if no other window
    /// changed the header since this one read it.
    pub async fn change_passcode(&mut self, current: &str, new: &str) -> Result<(), VaultError> {
        let problems = check_passcode(new);
        if !problems.is_empty() {
            return Err(VaultError::WeakPasscode(problems));
        }
        let additional = wrapped_key_additional_data(self.header.generation);
        let current_key = derive_key(current, &self.header.kdf).await?;
        let mut data_key = match current_key.open(&self.header.wrapped_key()?, &additional).await {
            Ok(plaintext) => plaintext,
            Err(CryptoError::NotAuthentic) => return Err(VaultError::WrongCurrentPasscode),
            Err(other) => return Err(other.into()),
        };
        let kdf = match new_salt() {
            Ok(salt) => KdfParams::pbkdf2(salt),
            Err(e) => {
                forget(&mut data_key);
                return Err(e.into());
            }
        };
        let wrapped = match derive_key(new, &kdf).await {
            Ok(new_key) => new_key.seal(&data_key, &additional).await,
            Err(e) => Err(e),
        };
        forget(&mut data_key);
        let header = self.header.rewrapped(kdf, wrapped?.to_bytes());
        let stored_header = header.to_bytes();
        let mut batch = WriteBatch::new();
        batch.expect_header(Some(&self.stored_header)).put_header(&stored_header);
        self.store.write(batch).await?;
        self.header = header;
        self.stored_header = stored_header;
        Ok(())
    }
}
