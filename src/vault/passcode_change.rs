//! Changing the passcode of an unlocked vault in the four steps of
//! `senda_core::vault::passcode_change`: prepare and copy (every record and the index re-sealed
//! under the new key into the next generation's slots), then switch the header in one
//! transaction, then delete the old generation. Closing the tab at any point loses nothing.

use super::crypto::{derive_key, forget, new_salt, CryptoError, VaultKey};
use super::error::VaultError;
use super::store::WriteBatch;
use super::unlocked::UnlockedVault;
use senda_core::vault::envelope::{additional_data, Envelope, EnvelopeError, Slot};
use senda_core::vault::header::{KdfParams, VaultHeader, KEY_CHECK_PLAINTEXT};
use senda_core::vault::passcode::check_passcode;
use senda_core::vault::passcode_change::plan_change;
use senda_core::vault::quarantine::Damage;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Records re-sealed per transaction while copying: bounds memory, keeps progress.
const COPY_BATCH: usize = 100;

/// A change whose new generation is fully written but not yet switched to. Dropping it without
/// [`PreparedPasscodeChange::commit`] is the same as closing the tab at that point: the old
/// passcode stays in force and the next start-up deletes the copy.
pub struct PreparedPasscodeChange<'a, S> {
    vault: &'a mut UnlockedVault<S>,
    key: VaultKey,
    header: VaultHeader,
    stored_pending: Vec<u8>,
    index: Vec<u8>,
    copied: usize,
}

/// Why one record could not be re-sealed.
enum Reseal {
    Damaged(Damage),
    Failed(VaultError),
}

impl<S: Serialize + DeserializeOwned> UnlockedVault<S> {
    /// Changes the passcode from `current` to `new`, re-encrypting every record.
    pub async fn change_passcode(&mut self, current: &str, new: &str) -> Result<(), VaultError> {
        self.prepare_passcode_change(current, new).await?.commit().await
    }

    /// Steps 1 and 2 of a change: checks both passcodes, records the pending change and writes
    /// every record and the index under the new key into the next generation. A damaged record
    /// met on the way is moved aside, as [`UnlockedVault::get`] would.
    pub async fn prepare_passcode_change(
        &mut self,
        current: &str,
        new: &str,
    ) -> Result<PreparedPasscodeChange<'_, S>, VaultError> {
        let problems = check_passcode(new);
        if !problems.is_empty() {
            return Err(VaultError::WeakPasscode(problems));
        }
        let from = self.header.generation;
        let current_key = derive_key(current, &self.header.kdf).await?;
        match current_key
            .open(&self.header.key_check()?, &additional_data(from, Slot::KeyCheck))
            .await
        {
            Ok(mut plaintext) => forget(&mut plaintext),
            Err(CryptoError::NotAuthentic) => return Err(VaultError::WrongCurrentPasscode),
            Err(other) => return Err(other.into()),
        }
        let kdf = KdfParams::pbkdf2(new_salt()?);
        let key = derive_key(new, &kdf).await?;
        let to = from.checked_add(1).unwrap_or(from);
        let key_check = key.seal(KEY_CHECK_PLAINTEXT, &additional_data(to, Slot::KeyCheck)).await?;
        let pending =
            plan_change(&self.header, kdf, &key_check).map_err(VaultError::PasscodeChange)?;
        let header = pending.switched_header(&self.header).map_err(VaultError::PasscodeChange)?;
        let stored_pending = pending.to_bytes();

        // 1. Prepare: drop any copy an earlier, abandoned change of this window left, then say
        //    which change is under way.
        let mut batch = WriteBatch::new();
        batch
            .expect_header(Some(&self.stored_header))
            .discard_newer_than(from)
            .put_pending(&stored_pending);
        self.store.write(batch).await?;

        // 2. Copy. Each batch first checks the pending change is still this one: a start-up in
        //    another window may have rolled it back.
        let mut copied = 0;
        let mut batch = WriteBatch::new();
        batch.expect_pending(Some(&stored_pending));
        let mut in_batch = 0;
        for (id, stored) in self.store.records_of(from).await? {
            match self.reseal(&key, &id, &stored, to).await {
                Ok(sealed) => {
                    batch.put_record(to, &id, &sealed);
                    copied += 1;
                    in_batch += 1;
                }
                Err(Reseal::Damaged(damage)) => {
                    if let VaultError::ChangedElsewhere =
                        self.quarantine_record(&id, &stored, damage).await
                    {
                        return Err(VaultError::ChangedElsewhere);
                    }
                }
                Err(Reseal::Failed(e)) => return Err(e),
            }
            if in_batch == COPY_BATCH {
                let full = std::mem::replace(&mut batch, WriteBatch::new());
                self.store.write(full).await?;
                batch.expect_pending(Some(&stored_pending));
                in_batch = 0;
            }
        }
        let index = self.seal_index_with(&key, to).await?;
        batch.put_index(to, &index);
        self.store.write(batch).await?;
        Ok(PreparedPasscodeChange { vault: self, key, header, stored_pending, index, copied })
    }

    async fn reseal(
        &self,
        key: &VaultKey,
        id: &str,
        stored: &[u8],
        to: u32,
    ) -> Result<Vec<u8>, Reseal> {
        let from = self.header.generation;
        let envelope = Envelope::from_bytes(stored).map_err(|e| match e {
            // A record of a newer Senda is neither damage nor copied: the change is refused.
            EnvelopeError::FutureFormat(_) => Reseal::Failed(VaultError::NewerFormat),
            e => Reseal::Damaged(Damage::of(&e)),
        })?;
        let mut plaintext =
            match self.key.open(&envelope, &additional_data(from, Slot::Record(id))).await {
                Ok(plaintext) => plaintext,
                Err(CryptoError::NotAuthentic) => return Err(Reseal::Damaged(Damage::Tampered)),
                Err(other) => return Err(Reseal::Failed(other.into())),
            };
        let sealed = key.seal(&plaintext, &additional_data(to, Slot::Record(id))).await;
        forget(&mut plaintext);
        sealed.map(|e| e.to_bytes()).map_err(|e| Reseal::Failed(e.into()))
    }
}

impl<S> PreparedPasscodeChange<'_, S> {
    /// How many records were re-encrypted.
    pub fn records_copied(&self) -> usize {
        self.copied
    }

    /// Steps 3 and 4: switches to the new passcode in one transaction — only if storage is
    /// exactly as this change left it — then deletes the old generation. If the switch is
    /// refused, the change is undone and the old passcode stays in force.
    pub async fn commit(self) -> Result<(), VaultError> {
        let vault = self.vault;
        let (from, to) = (vault.header.generation, self.header.generation);
        let stored_header = self.header.to_bytes();
        let mut switch = WriteBatch::new();
        switch
            .expect_header(Some(&vault.stored_header))
            .expect_pending(Some(&self.stored_pending))
            .expect_index(from, vault.stored_index.as_deref())
            .expect_record_count(from, self.copied)
            .expect_record_count(to, self.copied)
            .put_header(&stored_header)
            .delete_pending();
        if let Err(e) = vault.store.write(switch).await {
            let mut undo = WriteBatch::new();
            undo.expect_pending(Some(&self.stored_pending))
                .discard_newer_than(from)
                .delete_pending();
            // If this fails too, the next start-up rolls the change back.
            let _ = vault.store.write(undo).await;
            return Err(e.into());
        }
        vault.key = self.key;
        vault.header = self.header;
        vault.stored_header = stored_header;
        vault.stored_index = Some(self.index);

        let mut clean_up = WriteBatch::new();
        clean_up.expect_header(Some(&vault.stored_header)).discard_older_than(to);
        // The change is done; old copies left by a failure here are deleted at the next start-up.
        let _ = vault.store.write(clean_up).await;
        Ok(())
    }
}
