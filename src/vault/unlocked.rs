//! The unlocked vault: records of any serde type by opaque id, each sealed under its own fresh
//! IV, and the encrypted index of caller-supplied summaries, decrypted once at unlock. A damaged
//! record is moved aside and reported; every write lands whole or not at all.

use super::crypto::{forget, CryptoError, VaultKey};
use super::error::VaultError;
use super::store::{Contents, VaultStore, WriteBatch};
use senda_core::vault::envelope::{additional_data, Envelope, EnvelopeError, Slot};
use senda_core::vault::header::VaultHeader;
use senda_core::vault::index::{index_from_json, index_to_json, IndexError, RecordIndex};
use senda_core::vault::policy::VaultPolicy;
use senda_core::vault::quarantine::{Damage, QuarantineEntry, QuarantinedItem};
use senda_core::vault::record_id::check_record_id;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The vault with its key in memory. Dropping it (or [`UnlockedVault::lock`]) drops the key and
/// every decrypted summary; records are decrypted only on [`UnlockedVault::get`] and handed over.
pub struct UnlockedVault<S> {
    pub(super) store: VaultStore,
    pub(super) key: VaultKey,
    pub(super) header: VaultHeader,
    /// The header exactly as stored, to check no other window replaced it before writing.
    pub(super) stored_header: Vec<u8>,
    pub(super) index: RecordIndex<S>,
    /// The index envelope as last read or written, to check no other window replaced it.
    pub(super) stored_index: Option<Vec<u8>>,
    unindexed: Vec<String>,
    /// Summaries whose record is neither stored nor set aside: dropped by [`UnlockedVault::reindex`].
    orphans: Vec<String>,
    quarantine: Vec<QuarantineEntry>,
}

/// Why a stored index cannot be used.
enum Unusable {
    /// Written by a newer Senda: refused, never set aside.
    Newer,
    Damaged(Damage),
    Failed(CryptoError),
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl<S: Serialize + DeserializeOwned> UnlockedVault<S> {
    /// The vault after a right passcode: decrypts the index; a damaged one is moved aside and
    /// every record is listed as unindexed instead. An index written by a newer Senda is refused.
    pub(super) async fn opened(
        store: VaultStore,
        key: VaultKey,
        header: VaultHeader,
        stored_header: Vec<u8>,
        contents: Contents,
    ) -> Result<UnlockedVault<S>, VaultError> {
        let mut vault = UnlockedVault {
            store,
            key,
            header,
            stored_header,
            index: RecordIndex::default(),
            stored_index: None,
            unindexed: Vec::new(),
            orphans: Vec::new(),
            quarantine: Vec::new(),
        };
        vault.take_contents(contents).await?;
        Ok(vault)
    }

    /// Takes what storage holds of the live generation: the index (set aside if damaged), the
    /// records stored without a summary and the summaries without a record.
    async fn take_contents(&mut self, contents: Contents) -> Result<(), VaultError> {
        self.index = RecordIndex::default();
        self.stored_index = contents.index;
        self.quarantine = contents.quarantine;
        if let Some(stored) = self.stored_index.clone() {
            match self.open_index(&stored).await {
                Ok(index) => self.index = index,
                Err(Unusable::Newer) => return Err(VaultError::NewerFormat),
                Err(Unusable::Damaged(damage)) => self.quarantine_index(&stored, damage).await?,
                Err(Unusable::Failed(e)) => return Err(e.into()),
            }
        }
        let mut stored_ids = contents.record_ids;
        stored_ids.sort_unstable();
        self.unindexed = stored_ids.iter().filter(|id| !self.index.contains(id)).cloned().collect();
        self.orphans = self
            .index
            .iter()
            .map(|(id, _)| id)
            .filter(|id| stored_ids.binary_search_by(|s| s.as_str().cmp(id)).is_err())
            .filter(|id| !self.is_quarantined(id))
            .map(str::to_owned)
            .collect();
        Ok(())
    }

    /// The index in `stored`, or why it is unusable.
    async fn open_index(&self, stored: &[u8]) -> Result<RecordIndex<S>, Unusable> {
        let envelope = Envelope::from_bytes(stored).map_err(|e| match e {
            EnvelopeError::FutureFormat(_) => Unusable::Newer,
            e => Unusable::Damaged(Damage::of(&e)),
        })?;
        let slot = additional_data(self.header.generation, Slot::Index);
        let mut plaintext = match self.key.open(&envelope, &slot).await {
            Ok(p) => p,
            Err(CryptoError::NotAuthentic) => return Err(Unusable::Damaged(Damage::Tampered)),
            Err(e) => return Err(Unusable::Failed(e)),
        };
        let index = index_from_json(&plaintext).map_err(|e| match e {
            IndexError::FutureFormat { .. } => Unusable::Newer,
            IndexError::UnexpectedShape => Unusable::Damaged(Damage::UnknownFormat),
        });
        forget(&mut plaintext);
        index
    }

    /// Catches up with what another window wrote under the same key: reads the header and the
    /// index again (a changed policy is taken on). If the key changed there (a passcode change,
    /// a wipe and a new vault), only unlocking again can help: [`VaultError::ChangedElsewhere`].
    pub async fn refresh(&mut self) -> Result<(), VaultError> {
        let stored = self.store.stored().await?;
        let bytes = stored.header.ok_or(VaultError::ChangedElsewhere)?;
        let header = VaultHeader::from_bytes(&bytes)?;
        let same_key = header.generation == self.header.generation
            && header.kdf == self.header.kdf
            && header.key_check == self.header.key_check;
        if !same_key {
            return Err(VaultError::ChangedElsewhere);
        }
        let contents = self.store.contents(header.generation).await?;
        self.header = header;
        self.stored_header = bytes;
        self.take_contents(contents).await
    }

    /// Lists again what the index lacks: each record stored without a summary is read and
    /// given the one `summarise` makes of it (none: it stays unindexed), and summaries of
    /// records no longer stored are dropped — in one write. Returns how many were listed again.
    pub async fn reindex<T: DeserializeOwned>(
        &mut self,
        summarise: impl Fn(&str, T) -> Option<S>,
    ) -> Result<usize, VaultError> {
        if self.unindexed.is_empty() && self.orphans.is_empty() {
            return Ok(0);
        }
        let mut found = Vec::new();
        for id in self.unindexed.clone() {
            match self.get::<T>(&id).await {
                Ok(Some(record)) => found.extend(summarise(&id, record).map(|s| (id, s))),
                // Left unindexed: set aside as damaged, of another shape, or of a newer Senda.
                Ok(None)
                | Err(VaultError::Damaged { .. })
                | Err(VaultError::UnexpectedShape { .. })
                | Err(VaultError::NewerFormat) => {}
                Err(e) => return Err(e),
            }
        }
        let mut undo: Vec<(String, Option<S>)> = Vec::new();
        for (id, summary) in found {
            let earlier = self.index.insert(id.clone(), summary);
            undo.push((id, earlier));
        }
        let listed: Vec<String> = undo.iter().map(|(id, _)| id.clone()).collect();
        for id in &self.orphans {
            let earlier = self.index.remove(id);
            undo.push((id.clone(), earlier));
        }
        self.commit_with_index(WriteBatch::new(), undo).await?;
        self.orphans.clear();
        self.unindexed.retain(|u| !listed.contains(u));
        Ok(listed.len())
    }

    async fn quarantine_index(&mut self, stored: &[u8], damage: Damage) -> Result<(), VaultError> {
        let generation = self.header.generation;
        let entry =
            QuarantineEntry { item: QuarantinedItem::Index, generation, damage, at_ms: now_ms() };
        let mut batch = WriteBatch::new();
        batch
            .expect_header(Some(&self.stored_header))
            .expect_index(generation, Some(stored))
            .quarantine(&entry, stored)
            .delete_index(generation);
        self.store.write(batch).await?;
        self.quarantine.push(entry);
        self.stored_index = None;
        Ok(())
    }

    /// Locks: drops the key and every decrypted value held here.
    pub fn lock(self) {}

    /// The lock and wipe policy in force.
    pub fn policy(&self) -> VaultPolicy {
        self.header.policy
    }

    /// Changes the lock and wipe policy (which needs the vault unlocked).
    pub async fn set_policy(&mut self, policy: VaultPolicy) -> Result<(), VaultError> {
        policy.check().map_err(VaultError::Policy)?;
        let header = VaultHeader { policy, ..self.header.clone() };
        let stored_header = header.to_bytes();
        let mut batch = WriteBatch::new();
        batch.expect_header(Some(&self.stored_header)).put_header(&stored_header);
        self.store.write(batch).await?;
        self.header = header;
        self.stored_header = stored_header;
        Ok(())
    }

    /// Every indexed record's id and summary, in id order: the case list, with no decryption.
    pub fn summaries(&self) -> impl Iterator<Item = (&str, &S)> {
        self.index.iter()
    }

    /// One record's summary.
    pub fn summary(&self, id: &str) -> Option<&S> {
        self.index.get(id)
    }

    /// Every id with a summary (in id order), then every id stored without one (in id order).
    pub fn ids(&self) -> Vec<&str> {
        self.index
            .iter()
            .map(|(id, _)| id)
            .chain(self.unindexed.iter().map(String::as_str))
            .collect()
    }

    /// Records stored without a summary (the index was damaged): `put` each again to list it.
    pub fn unindexed(&self) -> &[String] {
        &self.unindexed
    }

    /// Values moved aside because they were damaged, oldest first.
    pub fn quarantined(&self) -> &[QuarantineEntry] {
        &self.quarantine
    }

    /// Whether this record was moved aside as damaged.
    pub fn is_quarantined(&self, id: &str) -> bool {
        self.quarantine.iter().any(|q| matches!(&q.item, QuarantinedItem::Record(r) if r == id))
    }

    async fn seal_record<T: Serialize>(&self, id: &str, record: &T) -> Result<Vec<u8>, VaultError> {
        check_record_id(id).map_err(VaultError::InvalidId)?;
        let mut plaintext = serde_json::to_vec(record)
            .map_err(|_| VaultError::UnexpectedShape { id: id.to_owned() })?;
        let sealed = self
            .key
            .seal(&plaintext, &additional_data(self.header.generation, Slot::Record(id)))
            .await;
        forget(&mut plaintext);
        Ok(sealed?.to_bytes())
    }

    pub(super) async fn seal_index_with(
        &self,
        key: &VaultKey,
        generation: u32,
    ) -> Result<Vec<u8>, VaultError> {
        let mut plaintext = index_to_json(&self.index)
            .map_err(|_| VaultError::UnexpectedShape { id: "index".to_owned() })?;
        let sealed = key.seal(&plaintext, &additional_data(generation, Slot::Index)).await;
        forget(&mut plaintext);
        Ok(sealed?.to_bytes())
    }

    /// Writes `batch` plus the index as it is now in memory; on failure, puts the in-memory
    /// index back as it was (`undo` holds each changed id's earlier summary, in change order).
    async fn commit_with_index(
        &mut self,
        mut batch: WriteBatch,
        undo: Vec<(String, Option<S>)>,
    ) -> Result<(), VaultError> {
        let generation = self.header.generation;
        let written = match self.seal_index_with(&self.key, generation).await {
            Ok(index) => {
                batch
                    .expect_header(Some(&self.stored_header))
                    .expect_index(generation, self.stored_index.as_deref())
                    .put_index(generation, &index);
                self.store.write(batch).await.map(|()| index).map_err(VaultError::from)
            }
            Err(e) => Err(e),
        };
        match written {
            Ok(index) => {
                self.stored_index = Some(index);
                Ok(())
            }
            Err(e) => {
                self.restore_index(undo);
                Err(e)
            }
        }
    }

    /// Saves `record` under `id` with its `summary` for the index, in one transaction: if it
    /// fails (storage full), the earlier saved state of both is intact.
    pub async fn put<T: Serialize>(
        &mut self,
        id: &str,
        record: &T,
        summary: S,
    ) -> Result<(), VaultError> {
        let sealed = self.seal_record(id, record).await?;
        let mut batch = WriteBatch::new();
        batch.put_record(self.header.generation, id, &sealed);
        let replaced = self.drop_quarantined(&mut batch, id);
        let earlier = self.index.insert(id.to_owned(), summary);
        self.commit_with_index(batch, vec![(id.to_owned(), earlier)]).await?;
        self.unindexed.retain(|u| u != id);
        self.quarantine.retain(|q| !replaced.contains(q));
        Ok(())
    }

    /// Adds to `batch` the deletion of the quarantined copies of `id` (a record saved again or
    /// deleted no longer needs its damaged copy); returns them, to forget once the batch is in.
    fn drop_quarantined(&self, batch: &mut WriteBatch, id: &str) -> Vec<QuarantineEntry> {
        let copies: Vec<QuarantineEntry> = self
            .quarantine
            .iter()
            .filter(|q| matches!(&q.item, QuarantinedItem::Record(r) if r == id))
            .cloned()
            .collect();
        for entry in &copies {
            batch.delete_quarantined(entry);
        }
        copies
    }

    /// Saves many records and their summaries in one transaction (an import, a restore): all or
    /// none.
    pub async fn put_many<T: Serialize>(
        &mut self,
        records: impl IntoIterator<Item = (String, T, S)>,
    ) -> Result<(), VaultError> {
        let mut batch = WriteBatch::new();
        let (mut undo, mut replaced) = (Vec::new(), Vec::new());
        for (id, record, summary) in records {
            let sealed = match self.seal_record(&id, &record).await {
                Ok(sealed) => sealed,
                Err(e) => {
                    self.restore_index(undo);
                    return Err(e);
                }
            };
            batch.put_record(self.header.generation, &id, &sealed);
            replaced.extend(self.drop_quarantined(&mut batch, &id));
            let earlier = self.index.insert(id.clone(), summary);
            undo.push((id, earlier));
        }
        let ids: Vec<String> = undo.iter().map(|(id, _)| id.clone()).collect();
        self.commit_with_index(batch, undo).await?;
        self.unindexed.retain(|u| !ids.contains(u));
        self.quarantine.retain(|q| !replaced.contains(q));
        Ok(())
    }

    /// Puts each changed id's earlier summary back, newest change first.
    fn restore_index(&mut self, undo: Vec<(String, Option<S>)>) {
        for (id, earlier) in undo.into_iter().rev() {
            match earlier {
                Some(summary) => self.index.insert(id, summary),
                None => self.index.remove(&id),
            };
        }
    }

    /// Reads and decrypts the record `id`. A record that is damaged (changed, truncated, of an
    /// unknown format) is moved aside and reported as [`VaultError::Damaged`]; the rest stay
    /// readable. One written by a newer Senda is refused and left as it is; one read after
    /// another window changed the key is not opened at all ([`VaultError::ChangedElsewhere`]).
    pub async fn get<T: DeserializeOwned>(&mut self, id: &str) -> Result<Option<T>, VaultError> {
        check_record_id(id).map_err(VaultError::InvalidId)?;
        let generation = self.header.generation;
        let mut read = self.store.record(generation, id).await?;
        if read.header.as_deref() != Some(self.stored_header.as_slice()) {
            // Another window wrote the header: go on only if it still names this key.
            self.refresh().await?;
            read = self.store.record(generation, id).await?;
            if read.header.as_deref() != Some(self.stored_header.as_slice()) {
                return Err(VaultError::ChangedElsewhere);
            }
        }
        let Some(stored) = read.record else {
            return Ok(None);
        };
        let envelope = match Envelope::from_bytes(&stored) {
            Ok(envelope) => envelope,
            Err(EnvelopeError::FutureFormat(_)) => return Err(VaultError::NewerFormat),
            Err(e) => return Err(self.quarantine_record(id, &stored, Damage::of(&e)).await),
        };
        let mut plaintext =
            match self.key.open(&envelope, &additional_data(generation, Slot::Record(id))).await {
                Ok(plaintext) => plaintext,
                Err(CryptoError::NotAuthentic) => {
                    return Err(self.quarantine_record(id, &stored, Damage::Tampered).await)
                }
                Err(other) => return Err(other.into()),
            };
        let record = serde_json::from_slice(&plaintext)
            .map_err(|_| VaultError::UnexpectedShape { id: id.to_owned() });
        forget(&mut plaintext);
        record.map(Some)
    }

    /// Moves a damaged record aside (unless another window rewrote it meanwhile) and returns
    /// the error that reports it. Its summary stays listed, marked by [`Self::is_quarantined`].
    pub(super) async fn quarantine_record(
        &mut self,
        id: &str,
        stored: &[u8],
        damage: Damage,
    ) -> VaultError {
        let generation = self.header.generation;
        let entry = QuarantineEntry {
            item: QuarantinedItem::Record(id.to_owned()),
            generation,
            damage,
            at_ms: now_ms(),
        };
        let mut batch = WriteBatch::new();
        batch
            .expect_header(Some(&self.stored_header))
            .expect_record(generation, id, Some(stored))
            .quarantine(&entry, stored)
            .delete_record(generation, id);
        match self.store.write(batch).await.map_err(VaultError::from) {
            Err(VaultError::ChangedElsewhere) => VaultError::ChangedElsewhere,
            // Moved aside, or it could not be (storage full): either way this record is damaged.
            Ok(()) | Err(_) => {
                self.quarantine.push(entry);
                VaultError::Damaged { id: Some(id.to_owned()), damage }
            }
        }
    }

    /// Deletes the record `id`, its summary and any quarantined copy of it, in one transaction.
    pub async fn delete(&mut self, id: &str) -> Result<(), VaultError> {
        check_record_id(id).map_err(VaultError::InvalidId)?;
        let mut batch = WriteBatch::new();
        batch.delete_record(self.header.generation, id);
        let set_aside = self.drop_quarantined(&mut batch, id);
        let earlier = self.index.remove(id);
        self.commit_with_index(batch, vec![(id.to_owned(), earlier)]).await?;
        self.unindexed.retain(|u| u != id);
        self.quarantine.retain(|q| !set_aside.contains(q));
        Ok(())
    }

    /// Erases everything the vault holds, in one transaction, and locks.
    pub async fn wipe(self) -> Result<(), VaultError> {
        let mut batch = WriteBatch::new();
        batch.clear_everything();
        self.store.write(batch).await?;
        Ok(self.store.clear_unscoped().await?)
    }
}
