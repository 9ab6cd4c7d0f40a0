//! The unlocked vault (format 2): records of any serde type by case id, each sealed under its own
//! fresh IV and stored under an opaque key, and the encrypted index (each record's key and write
//! counter, and the caller-supplied summaries), decrypted once at unlock. Every write bumps the
//! header's write counter in the same transaction; a record or index older than the counter says
//! is refused and reported. A damaged record is moved aside and reported; every write lands
//! whole or not at all.

use super::crypto::{forget, CryptoError, DataKeys};
use super::error::VaultError;
use super::store::{Contents, VaultStore, WriteBatch};
use senda_core::vault::data_key::HeaderV2;
use senda_core::vault::envelope::EnvelopeError;
use senda_core::vault::index::{index_from_json, index_to_json, IndexError, RecordIndex};
use senda_core::vault::listing::{
    index_plaintext, record_plaintext, split_index_plaintext, split_record_plaintext, Listed,
    Listing, ListingError,
};
use senda_core::vault::passcode_change::ChangeError;
use senda_core::vault::policy::VaultPolicy;
use senda_core::vault::quarantine::{Damage, QuarantineEntry, QuarantinedItem};
use senda_core::vault::record_id::check_record_id;
use senda_core::vault::write_counter::{
    check_index, check_record, check_unlisted_record, counted_additional_data, next_counter,
    CountedEnvelope, CountedSlot,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The vault with its keys in memory. Dropping it (or [`UnlockedVault::lock`]) drops the keys and
/// every decrypted summary; records are decrypted only on [`UnlockedVault::get`] and handed over.
pub struct UnlockedVault<S> {
    pub(super) store: VaultStore,
    pub(super) keys: DataKeys,
    pub(super) header: HeaderV2,
    /// The header exactly as stored, to check no other window replaced it before writing.
    pub(super) stored_header: Vec<u8>,
    pub(super) index: RecordIndex<S>,
    /// Each stored record's opaque key and write counter, by case id.
    listing: Listing,
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
    /// Not the index of the header's write counter: an older copy (or an older header) put back.
    Older,
    Damaged(Damage),
    Failed(CryptoError),
}

/// What a stored record envelope holds once opened.
enum Opened {
    Plain { counter: u64, plaintext: Vec<u8> },
    Newer,
    Damaged(Damage),
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Opens a format-2 envelope stored at `slot` of `generation` under `keys`.
async fn open_counted(
    keys: &DataKeys,
    generation: u32,
    slot: CountedSlot<'_>,
    stored: &[u8],
) -> Result<Opened, CryptoError> {
    let envelope = match CountedEnvelope::from_bytes(stored) {
        Ok(envelope) => envelope,
        Err(EnvelopeError::FutureFormat(_)) => return Ok(Opened::Newer),
        Err(e) => return Ok(Opened::Damaged(Damage::of(&e))),
    };
    let additional = counted_additional_data(generation, envelope.counter, slot);
    match keys.records.open_with_iv(&envelope.iv, &envelope.ciphertext, &additional).await {
        Ok(plaintext) => Ok(Opened::Plain { counter: envelope.counter, plaintext }),
        Err(CryptoError::NotAuthentic) => Ok(Opened::Damaged(Damage::Tampered)),
        Err(e) => Err(e),
    }
}

/// Seals `plaintext` for `slot` with the write counter `counter`: stored envelope bytes.
pub(super) async fn seal_counted(
    keys: &DataKeys,
    generation: u32,
    counter: u64,
    slot: CountedSlot<'_>,
    plaintext: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let additional = counted_additional_data(generation, counter, slot);
    let sealed = keys.records.seal(plaintext, &additional).await?;
    Ok(CountedEnvelope { counter, iv: sealed.iv, ciphertext: sealed.ciphertext }.to_bytes())
}

impl<S: Serialize + DeserializeOwned> UnlockedVault<S> {
    /// The vault after a right passcode: decrypts the index; a damaged one is moved aside and
    /// every record is listed as unindexed instead. An index written by a newer Senda, or older
    /// than the header's write counter, is refused.
    pub(super) async fn opened(
        store: VaultStore,
        keys: DataKeys,
        header: HeaderV2,
        stored_header: Vec<u8>,
        contents: Contents,
    ) -> Result<UnlockedVault<S>, VaultError> {
        let mut vault = UnlockedVault {
            store,
            keys,
            header,
            stored_header,
            index: RecordIndex::default(),
            listing: Listing::default(),
            stored_index: None,
            unindexed: Vec::new(),
            orphans: Vec::new(),
            quarantine: Vec::new(),
        };
        vault.take_contents(contents).await?;
        Ok(vault)
    }

    /// Takes what storage holds of the live generation: the index (set aside if damaged), the
    /// records stored without a listing (each opened to learn its case id) or without a
    /// summary, and the summaries without a record.
    async fn take_contents(&mut self, contents: Contents) -> Result<(), VaultError> {
        self.index = RecordIndex::default();
        self.listing = Listing::default();
        self.unindexed = Vec::new();
        self.stored_index = contents.index;
        self.quarantine = contents.quarantine;
        if let Some(stored) = self.stored_index.clone() {
            match self.open_index(&stored).await {
                Ok((listing, index)) => {
                    self.listing = listing;
                    self.index = index;
                }
                Err(Unusable::Newer) => return Err(VaultError::NewerFormat),
                Err(Unusable::Older) => return Err(VaultError::OlderCopy { id: None }),
                Err(Unusable::Damaged(damage)) => self.quarantine_index(&stored, damage).await?,
                Err(Unusable::Failed(e)) => return Err(e.into()),
            }
        }
        let mut stored_keys = contents.record_ids;
        stored_keys.sort_unstable();
        let mut listed_keys: Vec<&str> = self.listing.iter().map(|(_, l)| l.key.as_str()).collect();
        listed_keys.sort_unstable();
        let unlisted: Vec<String> = stored_keys
            .iter()
            .filter(|k| listed_keys.binary_search(&k.as_str()).is_err())
            .cloned()
            .collect();
        for key in unlisted {
            self.take_unlisted(&key).await?;
        }
        let stored = |key: &str| stored_keys.binary_search_by(|s| s.as_str().cmp(key)).is_ok();
        let gone: Vec<String> = self
            .listing
            .iter()
            .filter(|(id, l)| !stored(&l.key) && !self.is_quarantined(id))
            .map(|(id, _)| id.to_owned())
            .collect();
        for id in &gone {
            self.listing.remove(id);
        }
        for (id, _) in self.listing.iter() {
            if !self.index.contains(id) && !self.unindexed.iter().any(|u| u == id) {
                self.unindexed.push(id.to_owned());
            }
        }
        self.unindexed.sort_unstable();
        self.orphans = self
            .index
            .iter()
            .map(|(id, _)| id)
            .filter(|id| self.listing.get(id).is_none() && !self.is_quarantined(id))
            .filter(|id| !self.unindexed.iter().any(|u| u == id))
            .map(str::to_owned)
            .collect();
        Ok(())
    }

    /// A record stored under `key` that the index does not list (the index was lost): opened to
    /// learn its case id. One whose counter is beyond the header's is left unlisted (reading it
    /// reports the older copy); a damaged one is moved aside; a newer Senda's is left alone.
    async fn take_unlisted(&mut self, key: &str) -> Result<(), VaultError> {
        let generation = self.header.generation;
        let Some(stored) = self.store.record(generation, key).await?.record else {
            return Ok(());
        };
        match open_counted(&self.keys, generation, CountedSlot::Record(key), &stored).await? {
            Opened::Plain { counter, mut plaintext } => {
                let id = split_record_plaintext(&plaintext).map(|(id, _)| id.to_owned());
                forget(&mut plaintext);
                let Some(id) = id else { return Ok(()) };
                if check_unlisted_record(counter, self.header.counter).is_current() {
                    self.listing.insert(id, Listed { key: key.to_owned(), counter });
                } else if !self.unindexed.contains(&id) {
                    self.unindexed.push(id);
                }
            }
            Opened::Newer => {}
            Opened::Damaged(damage) => {
                if let VaultError::ChangedElsewhere =
                    self.quarantine_record(None, key, &stored, damage).await
                {
                    return Err(VaultError::ChangedElsewhere);
                }
            }
        }
        Ok(())
    }

    /// The listing and summaries in `stored`, or why they are unusable.
    async fn open_index(&self, stored: &[u8]) -> Result<(Listing, RecordIndex<S>), Unusable> {
        let generation = self.header.generation;
        let (counter, mut plaintext) =
            match open_counted(&self.keys, generation, CountedSlot::Index, stored).await {
                Ok(Opened::Plain { counter, plaintext }) => (counter, plaintext),
                Ok(Opened::Newer) => return Err(Unusable::Newer),
                Ok(Opened::Damaged(damage)) => return Err(Unusable::Damaged(damage)),
                Err(e) => return Err(Unusable::Failed(e)),
            };
        let read = if !check_index(counter, self.header.counter).is_current() {
            Err(Unusable::Older)
        } else {
            match split_index_plaintext(&plaintext) {
                Ok((listing, summaries)) => {
                    index_from_json(summaries).map(|index| (listing, index)).map_err(|e| match e {
                        IndexError::FutureFormat { .. } => Unusable::Newer,
                        IndexError::UnexpectedShape => Unusable::Damaged(Damage::UnknownFormat),
                    })
                }
                Err(ListingError::FutureFormat) => Err(Unusable::Newer),
                Err(ListingError::Unreadable) => Err(Unusable::Damaged(Damage::UnknownFormat)),
            }
        };
        forget(&mut plaintext);
        read
    }

    /// Catches up with what another window wrote under the same key: reads the header and the
    /// index again (a changed policy is taken on). If the key changed there (a passcode change,
    /// a wipe and a new vault), only unlocking again can help: [`VaultError::ChangedElsewhere`].
    pub async fn refresh(&mut self) -> Result<(), VaultError> {
        // The header and the index in one transaction: read apart, a write between them made
        // the index look newer than its header (an older copy put back, wrongly).
        let contents = self.store.contents(self.header.generation).await?;
        let bytes = contents.header.clone().ok_or(VaultError::ChangedElsewhere)?;
        let header = HeaderV2::from_bytes(&bytes).map_err(|_| VaultError::ChangedElsewhere)?;
        let same_key = header.generation == self.header.generation
            && header.kdf == self.header.kdf
            && header.wrapped_key == self.header.wrapped_key;
        if !same_key {
            return Err(VaultError::ChangedElsewhere);
        }
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
                // Left unindexed: set aside as damaged, of another shape, of a newer Senda, or
                // an older copy put back.
                Ok(None)
                | Err(VaultError::Damaged { .. })
                | Err(VaultError::UnexpectedShape { .. })
                | Err(VaultError::NewerFormat)
                | Err(VaultError::OlderCopy { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let counter = self.next_counter()?;
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
        let listing = self.listing.clone();
        self.commit_with_index(WriteBatch::new(), undo, listing, counter).await?;
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

    /// Locks: drops the keys and every decrypted value held here.
    pub fn lock(self) {}

    /// The lock and wipe policy in force.
    pub fn policy(&self) -> VaultPolicy {
        self.header.policy
    }

    /// Changes the lock and wipe policy (which needs the vault unlocked). Only the header is
    /// written, with the same write counter (no record and no index changes).
    pub async fn set_policy(&mut self, policy: VaultPolicy) -> Result<(), VaultError> {
        policy.check().map_err(VaultError::Policy)?;
        self.replace_header(HeaderV2 { policy, ..self.header.clone() }).await
    }

    /// Writes `header` in place of this vault's, in one transaction expecting the header this
    /// vault last read or wrote (another window's change is refused, not overwritten); only the
    /// header, no record and no index. Policy, passcode change and second factor go through it.
    pub(super) async fn replace_header(&mut self, header: HeaderV2) -> Result<(), VaultError> {
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

    /// Values moved aside because they were damaged, oldest first. A format-2 record's entry
    /// names its opaque storage key (see [`Self::is_quarantined`]), a format-1 one its id.
    pub fn quarantined(&self) -> &[QuarantineEntry] {
        &self.quarantine
    }

    /// Whether this record was moved aside as damaged.
    pub fn is_quarantined(&self, id: &str) -> bool {
        let key = self.listing.get(id).map(|l| l.key.as_str());
        self.quarantine.iter().any(
            |q| matches!(&q.item, QuarantinedItem::Record(r) if r == id || Some(r.as_str()) == key),
        )
    }

    /// The opaque storage key of `id` (for tests that look at what is stored).
    #[doc(hidden)]
    pub async fn storage_key(&self, id: &str) -> Result<String, VaultError> {
        match self.listing.get(id) {
            Some(listed) => Ok(listed.key.clone()),
            None => Ok(self.keys.storage_key(id).await?),
        }
    }

    /// Seals `plaintext` as this vault's index at the current write counter (for tests of what
    /// a newer Senda could store).
    #[doc(hidden)]
    pub async fn seal_as_index(&self, plaintext: &[u8]) -> Result<Vec<u8>, VaultError> {
        let (generation, counter) = (self.header.generation, self.header.counter);
        Ok(seal_counted(&self.keys, generation, counter, CountedSlot::Index, plaintext).await?)
    }

    /// The counter the next write transaction carries.
    fn next_counter(&self) -> Result<u64, VaultError> {
        next_counter(self.header.counter)
            .ok_or(VaultError::PasscodeChange(ChangeError::GenerationsExhausted))
    }

    async fn seal_record<T: Serialize>(
        &self,
        id: &str,
        key: &str,
        record: &T,
        counter: u64,
    ) -> Result<Vec<u8>, VaultError> {
        let json = serde_json::to_vec(record)
            .map_err(|_| VaultError::UnexpectedShape { id: id.to_owned() })?;
        let mut plaintext = record_plaintext(id, &json);
        let mut json = json;
        forget(&mut json);
        let generation = self.header.generation;
        let sealed =
            seal_counted(&self.keys, generation, counter, CountedSlot::Record(key), &plaintext)
                .await;
        forget(&mut plaintext);
        Ok(sealed?)
    }

    async fn seal_index(&self, counter: u64) -> Result<Vec<u8>, VaultError> {
        let summaries = index_to_json(&self.index)
            .map_err(|_| VaultError::UnexpectedShape { id: "index".to_owned() })?;
        let mut plaintext = index_plaintext(&self.listing, &summaries);
        let generation = self.header.generation;
        let sealed =
            seal_counted(&self.keys, generation, counter, CountedSlot::Index, &plaintext).await;
        forget(&mut plaintext);
        Ok(sealed?)
    }

    /// Writes `batch` plus the index as it is now in memory and the header with the write
    /// counter `counter`, in one transaction; on failure, puts the in-memory index and listing
    /// back as they were (`undo` holds each changed id's earlier summary, in change order).
    async fn commit_with_index(
        &mut self,
        mut batch: WriteBatch,
        undo: Vec<(String, Option<S>)>,
        listing_before: Listing,
        counter: u64,
    ) -> Result<(), VaultError> {
        let generation = self.header.generation;
        let header = HeaderV2 { counter, ..self.header.clone() };
        let stored_header = header.to_bytes();
        let written = match self.seal_index(counter).await {
            Ok(index) => {
                batch
                    .expect_header(Some(&self.stored_header))
                    .expect_index(generation, self.stored_index.as_deref())
                    .put_index(generation, &index)
                    .put_header(&stored_header);
                self.store.write(batch).await.map(|()| index).map_err(VaultError::from)
            }
            Err(e) => Err(e),
        };
        match written {
            Ok(index) => {
                self.stored_index = Some(index);
                self.header = header;
                self.stored_header = stored_header;
                Ok(())
            }
            Err(e) => {
                self.restore_index(undo);
                self.listing = listing_before;
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
        check_record_id(id).map_err(VaultError::InvalidId)?;
        let counter = self.next_counter()?;
        let key = self.storage_key(id).await?;
        let sealed = self.seal_record(id, &key, record, counter).await?;
        let mut batch = WriteBatch::new();
        batch.put_record(self.header.generation, &key, &sealed);
        let replaced = self.drop_quarantined(&mut batch, id, &key);
        let listing = self.listing.clone();
        self.listing.insert(id.to_owned(), Listed { key, counter });
        let earlier = self.index.insert(id.to_owned(), summary);
        self.commit_with_index(batch, vec![(id.to_owned(), earlier)], listing, counter).await?;
        self.unindexed.retain(|u| u != id);
        self.quarantine.retain(|q| !replaced.contains(q));
        Ok(())
    }

    /// Adds to `batch` the deletion of the quarantined copies of `id` (stored under its id or its
    /// storage `key`): a record saved again or deleted no longer needs its damaged copy. Returns
    /// them, to forget once the batch is in.
    fn drop_quarantined(
        &self,
        batch: &mut WriteBatch,
        id: &str,
        key: &str,
    ) -> Vec<QuarantineEntry> {
        let copies: Vec<QuarantineEntry> = self
            .quarantine
            .iter()
            .filter(|q| matches!(&q.item, QuarantinedItem::Record(r) if r == id || r == key))
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
        let counter = self.next_counter()?;
        let listing = self.listing.clone();
        let mut batch = WriteBatch::new();
        let (mut undo, mut replaced) = (Vec::new(), Vec::new());
        for (id, record, summary) in records {
            let sealed = match check_record_id(&id).map_err(VaultError::InvalidId) {
                Ok(()) => match self.storage_key(&id).await {
                    Ok(key) => {
                        self.seal_record(&id, &key, &record, counter).await.map(|s| (key, s))
                    }
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            };
            let (key, sealed) = match sealed {
                Ok(sealed) => sealed,
                Err(e) => {
                    self.restore_index(undo);
                    self.listing = listing;
                    return Err(e);
                }
            };
            batch.put_record(self.header.generation, &key, &sealed);
            replaced.extend(self.drop_quarantined(&mut batch, &id, &key));
            self.listing.insert(id.clone(), Listed { key, counter });
            let earlier = self.index.insert(id.clone(), summary);
            undo.push((id, earlier));
        }
        let ids: Vec<String> = undo.iter().map(|(id, _)| id.clone()).collect();
        self.commit_with_index(batch, undo, listing, counter).await?;
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
    /// readable. One written by a newer Senda is refused and left as it is, and so is an older
    /// copy put back ([`VaultError::OlderCopy`]: its write counter is not the one the index
    /// lists); one read after another window changed the key is not opened at all
    /// ([`VaultError::ChangedElsewhere`]).
    pub async fn get<T: DeserializeOwned>(&mut self, id: &str) -> Result<Option<T>, VaultError> {
        check_record_id(id).map_err(VaultError::InvalidId)?;
        let generation = self.header.generation;
        let mut key = self.storage_key(id).await?;
        let mut read = self.store.record(generation, &key).await?;
        if read.header.as_deref() != Some(self.stored_header.as_slice()) {
            // Another window wrote the header: go on only if it still names this key.
            self.refresh().await?;
            key = self.storage_key(id).await?;
            read = self.store.record(generation, &key).await?;
            if read.header.as_deref() != Some(self.stored_header.as_slice()) {
                return Err(VaultError::ChangedElsewhere);
            }
        }
        let Some(stored) = read.record else {
            return Ok(None);
        };
        let (counter, mut plaintext) =
            match open_counted(&self.keys, generation, CountedSlot::Record(&key), &stored).await? {
                Opened::Plain { counter, plaintext } => (counter, plaintext),
                Opened::Newer => return Err(VaultError::NewerFormat),
                Opened::Damaged(damage) => {
                    return Err(self.quarantine_record(Some(id), &key, &stored, damage).await)
                }
            };
        let fresh = match self.listing.get(id) {
            Some(listed) => check_record(counter, listed.counter),
            None => check_unlisted_record(counter, self.header.counter),
        };
        let record = if !fresh.is_current() {
            Err(VaultError::OlderCopy { id: Some(id.to_owned()) })
        } else {
            match split_record_plaintext(&plaintext) {
                Some((inner, json)) if inner == id => serde_json::from_slice(json)
                    .map(Some)
                    .map_err(|_| VaultError::UnexpectedShape { id: id.to_owned() }),
                _ => Err(VaultError::UnexpectedShape { id: id.to_owned() }),
            }
        };
        forget(&mut plaintext);
        record
    }

    /// Moves a damaged record (stored under `key`) aside unless another window rewrote it
    /// meanwhile, and returns the error that reports it. Its summary stays listed, marked by
    /// [`Self::is_quarantined`]. The entry names the opaque key, never the case id.
    pub(super) async fn quarantine_record(
        &mut self,
        id: Option<&str>,
        key: &str,
        stored: &[u8],
        damage: Damage,
    ) -> VaultError {
        let generation = self.header.generation;
        let entry = QuarantineEntry {
            item: QuarantinedItem::Record(key.to_owned()),
            generation,
            damage,
            at_ms: now_ms(),
        };
        let mut batch = WriteBatch::new();
        batch
            .expect_header(Some(&self.stored_header))
            .expect_record(generation, key, Some(stored))
            .quarantine(&entry, stored)
            .delete_record(generation, key);
        match self.store.write(batch).await.map_err(VaultError::from) {
            Err(VaultError::ChangedElsewhere) => VaultError::ChangedElsewhere,
            // Moved aside, or it could not be (storage full): either way this record is damaged.
            Ok(()) | Err(_) => {
                self.quarantine.push(entry);
                VaultError::Damaged { id: id.map(str::to_owned), damage }
            }
        }
    }

    /// Deletes the record `id`, its summary and any quarantined copy of it, in one transaction.
    pub async fn delete(&mut self, id: &str) -> Result<(), VaultError> {
        check_record_id(id).map_err(VaultError::InvalidId)?;
        let counter = self.next_counter()?;
        let key = self.storage_key(id).await?;
        let mut batch = WriteBatch::new();
        batch.delete_record(self.header.generation, &key);
        let set_aside = self.drop_quarantined(&mut batch, id, &key);
        let listing = self.listing.clone();
        self.listing.remove(id);
        let earlier = self.index.remove(id);
        self.commit_with_index(batch, vec![(id.to_owned(), earlier)], listing, counter).await?;
        self.unindexed.retain(|u| u != id);
        self.quarantine.retain(|q| !set_aside.contains(q));
        Ok(())
    }

    /// Erases everything the vault holds — its wrapped key overwritten first, in a transaction
    /// of its own (see `erase`) — and locks.
    pub async fn wipe(self) -> Result<(), VaultError> {
        super::erase::erase(&self.store).await
    }
}
