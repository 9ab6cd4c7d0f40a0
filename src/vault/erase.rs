//! The wipe as a crypto-erase: the key to the records is overwritten with random bytes in a
//! committed transaction of its own before anything is deleted, so what the deletion leaves on
//! the disk until the browser compacts its files is ciphertext no key opens.

use super::crypto::{fill_random, random_bytes};
use super::error::VaultError;
use super::store::{VaultStore, WriteBatch};
use senda_core::vault::data_key::{HeaderV2, WRAPPED_KEY_LEN};
use senda_core::vault::envelope::ENVELOPE_FORMAT;

/// Erases the vault in `store`: first its header's wrapped key (format 2) or its whole header
/// (format 1: salt and key check) is overwritten with random bytes, in a transaction of its own,
/// with the wrong-passcode count set at the limit (should the deletion never come, the next
/// unlock finishes the wipe); then every store is cleared; then, under a sub-path, the unscoped
/// copy the vault came from gets the same. What no key opens any more stays on the disk until
/// the browser compacts its files.
pub(super) async fn erase(store: &VaultStore) -> Result<(), VaultError> {
    erase_key(store).await?;
    let mut batch = WriteBatch::new();
    batch.clear_everything();
    store.write(batch).await?;
    Ok(store.clear_unscoped().await?)
}

/// The first step of [`erase`], committed on its own.
pub(super) async fn erase_key(store: &VaultStore) -> Result<(), VaultError> {
    let stored = store.stored().await?;
    if let Some(bytes) = stored.header {
        let (erased, limit) = match HeaderV2::from_bytes(&bytes) {
            Ok(header) => {
                let mut noise = random_bytes::<WRAPPED_KEY_LEN>()?;
                // Still a whole header (an envelope's format byte), so it reads as a vault no
                // passcode opens rather than as damage.
                noise[0] = ENVELOPE_FORMAT;
                (header.erased(&noise), header.policy.wipe.after_failures)
            }
            Err(_) => {
                let mut noise = vec![0u8; bytes.len()];
                fill_random(&mut noise)?;
                (noise, 0)
            }
        };
        let mut batch = WriteBatch::new();
        batch.put_header(&erased).put_failed_attempts(limit);
        store.write(batch).await?;
    }
    Ok(())
}
