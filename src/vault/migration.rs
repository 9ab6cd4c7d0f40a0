//! The one-time move of a format-1 vault to format 2 at unlock, in the steps of
//! `senda_core::vault::data_key::plan_format_move`: a new data key wrapped under the same
//! passcode key, held as a pending header, and every record and the index re-sealed in format 2
//! into the next generation's slots under opaque keys (one transaction); each read back and
//! compared; then the header switched in one transaction (only if storage is as the move left
//! it); then the old generation deleted. Until the switch the format-1 vault is whole and in
//! force; after it the format-2 one.

use super::crypto::{data_keys, forget, random_bytes, CryptoError, DataKeys, VaultKey};
use super::error::VaultError;
use super::store::{VaultStore, WriteBatch};
use super::unlocked::seal_counted;
use senda_core::vault::data_key::{wrapped_key_additional_data, HeaderV2, DATA_KEY_LEN};
use senda_core::vault::envelope::{additional_data, Envelope, EnvelopeError, Slot};
use senda_core::vault::header::VaultHeader;
use senda_core::vault::index::{index_from_json, index_to_json, IndexError, RecordIndex};
use senda_core::vault::listing::{index_plaintext, record_plaintext, Listed, Listing};
use senda_core::vault::passcode_change::ChangeError;
use senda_core::vault::quarantine::{Damage, QuarantineEntry, QuarantinedItem};
use senda_core::vault::write_counter::{counted_additional_data, CountedEnvelope, CountedSlot};
use serde::de::IgnoredAny;

/// The write counter of everything the move writes.
const FIRST_COUNTER: u64 = 1;

/// Where a test stops the move, as a closed tab would.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopMove {
    Never,
    /// After the copy is written and verified, before the switch.
    AfterCopy,
    /// After the switch, before the old generation is deleted.
    AfterSwitch,
    /// Not a stop: one copied record is changed after it is written and before it is read
    /// back, as storage that did not keep what it was given would (the verification's test).
    SpoilCopy,
}

/// The format-2 vault the move switched to.
pub(super) struct Moved {
    pub header: HeaderV2,
    pub stored_header: Vec<u8>,
    pub keys: DataKeys,
}

/// What one format-1 value holds once opened.
enum Old {
    Plain(Vec<u8>),
    Newer,
    Damaged(Damage),
}

async fn open_old(key: &VaultKey, stored: &[u8], additional: &[u8]) -> Result<Old, CryptoError> {
    let envelope = match Envelope::from_bytes(stored) {
        Ok(envelope) => envelope,
        Err(EnvelopeError::FutureFormat(_)) => return Ok(Old::Newer),
        Err(e) => return Ok(Old::Damaged(Damage::of(&e))),
    };
    match key.open(&envelope, additional).await {
        Ok(plaintext) => Ok(Old::Plain(plaintext)),
        Err(CryptoError::NotAuthentic) => Ok(Old::Damaged(Damage::Tampered)),
        Err(e) => Err(e),
    }
}

/// Opens what the copy wrote at `slot` and says whether it is `expected`.
async fn verified(
    keys: &DataKeys,
    generation: u32,
    slot: CountedSlot<'_>,
    stored: Option<&[u8]>,
    expected: &[u8],
) -> bool {
    let Some(envelope) = stored.and_then(|s| CountedEnvelope::from_bytes(s).ok()) else {
        return false;
    };
    if envelope.counter != FIRST_COUNTER {
        return false;
    }
    let additional = counted_additional_data(generation, envelope.counter, slot);
    match keys.records.open_with_iv(&envelope.iv, &envelope.ciphertext, &additional).await {
        Ok(mut plaintext) => {
            let same = plaintext == expected;
            forget(&mut plaintext);
            same
        }
        Err(_) => false,
    }
}

/// Moves the format-1 vault `old` (stored as `stored_old`), opened by `key`, to format 2. A
/// record of a newer Senda refuses the move (nothing changes: the vault stays format 1 and the
/// unlock says "update Senda"); a damaged record or index is moved aside as format 1 did; what
/// format 1 had already moved aside stays as it is.
pub(super) async fn move_to_format_2(
    store: &VaultStore,
    key: &VaultKey,
    old: &VaultHeader,
    stored_old: &[u8],
    stop: StopMove,
) -> Result<Option<Moved>, VaultError> {
    let from = old.generation;
    let to =
        from.checked_add(1).ok_or(VaultError::PasscodeChange(ChangeError::GenerationsExhausted))?;
    let mut data_key = random_bytes::<DATA_KEY_LEN>()?;
    let wrapped = key.seal(&data_key, &wrapped_key_additional_data(to)).await;
    let keys = data_keys(&data_key).await;
    forget(&mut data_key);
    let (wrapped, keys) = (wrapped?, keys?);
    let header = HeaderV2 {
        kdf: old.kdf.clone(),
        generation: to,
        policy: old.policy,
        counter: FIRST_COUNTER,
        second_factor: None,
        wrapped_key: wrapped.to_bytes(),
    };
    let pending = header.to_bytes();

    // 1. Read and open everything; damage found is set aside (as format 1 does) before copying.
    let mut listing = Listing::default();
    let mut expected: Vec<(String, Vec<u8>)> = Vec::new();
    let mut damaged: Vec<(QuarantinedItem, Vec<u8>, Damage)> = Vec::new();
    // 2. One transaction drops any copy an interrupted move left, stores the pending header and
    //    writes every record and the index re-sealed in format 2, under their opaque keys.
    let mut batch = WriteBatch::new();
    batch.expect_header(Some(stored_old)).discard_newer_than(from).put_pending_format(&pending);
    let result = async {
        for (id, stored) in store.records_of(from).await? {
            let json =
                match open_old(key, &stored, &additional_data(from, Slot::Record(&id))).await? {
                    Old::Plain(json) => json,
                    Old::Newer => return Err(VaultError::NewerFormat),
                    Old::Damaged(damage) => {
                        damaged.push((QuarantinedItem::Record(id), stored, damage));
                        continue;
                    }
                };
            let storage_key = keys.storage_key(&id).await?;
            let plaintext = record_plaintext(&id, &json);
            let mut json = json;
            forget(&mut json);
            let slot = CountedSlot::Record(&storage_key);
            let sealed = seal_counted(&keys, to, FIRST_COUNTER, slot, &plaintext).await?;
            batch.put_record(to, &storage_key, &sealed);
            listing.insert(id, Listed { key: storage_key.clone(), counter: FIRST_COUNTER });
            expected.push((storage_key, plaintext));
        }

        // The index: its summaries as they are, after the listing of every record copied.
        let stored_index = store.contents(from).await?.index;
        let mut summaries = None;
        if let Some(stored) = &stored_index {
            match open_old(key, stored, &additional_data(from, Slot::Index)).await? {
                Old::Plain(mut json) => {
                    // Read only for its layout (a newer Senda's, or damage); kept as it is.
                    match index_from_json::<IgnoredAny>(&json) {
                        Ok(_) => summaries = Some(json.clone()),
                        Err(IndexError::FutureFormat { .. }) => {
                            forget(&mut json);
                            return Err(VaultError::NewerFormat);
                        }
                        Err(IndexError::UnexpectedShape) => damaged.push((
                            QuarantinedItem::Index,
                            stored.clone(),
                            Damage::UnknownFormat,
                        )),
                    }
                    forget(&mut json);
                }
                Old::Newer => return Err(VaultError::NewerFormat),
                Old::Damaged(damage) => {
                    damaged.push((QuarantinedItem::Index, stored.clone(), damage))
                }
            }
        }
        set_aside(store, stored_old, from, &damaged).await?;
        // The switch expects the old index only if it was kept (not set aside just now).
        let expect_index = if summaries.is_some() { stored_index } else { None };
        let mut summaries = match summaries {
            Some(json) => json,
            None => index_to_json(&RecordIndex::<()>::default())
                .map_err(|_| VaultError::UnexpectedShape { id: "index".to_owned() })?,
        };
        let mut index = index_plaintext(&listing, &summaries);
        forget(&mut summaries);
        let sealed_index =
            seal_counted(&keys, to, FIRST_COUNTER, CountedSlot::Index, &index).await?;
        batch.put_index(to, &sealed_index);
        store.write(batch).await?;
        if stop == StopMove::SpoilCopy {
            spoil_one(store, to).await?;
        }

        // 3. Verify: every copied record and the index read back and opened to the same bytes.
        //    Both lists in storage-key order (IndexedDB reads keys in order).
        let written = store.records_of(to).await?;
        expected.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut ok = written.len() == expected.len();
        for ((stored_key, stored), (storage_key, plaintext)) in written.iter().zip(&expected) {
            let slot = CountedSlot::Record(storage_key);
            ok = ok
                && stored_key == storage_key
                && verified(&keys, to, slot, Some(stored.as_slice()), plaintext).await;
        }
        let index_read = store.contents(to).await?.index;
        ok = ok && verified(&keys, to, CountedSlot::Index, index_read.as_deref(), &index).await;
        forget(&mut index);
        if !ok {
            return Err(VaultError::FormatMoveFailed);
        }
        Ok(expect_index)
    }
    .await;
    for (_, plaintext) in &mut expected {
        forget(plaintext);
    }
    let stored_index = match result {
        Ok(stored_index) => stored_index,
        Err(e) => {
            discard_copy(store, from, &pending).await;
            return Err(e);
        }
    };
    if stop == StopMove::AfterCopy {
        return Ok(None);
    }
    // 4. Switch, only if storage is exactly as the move left it.
    let copied = listing.len();
    let mut switch = WriteBatch::new();
    switch
        .expect_header(Some(stored_old))
        .expect_pending_format(Some(&pending))
        .expect_index(from, stored_index.as_deref())
        .expect_record_count(from, copied)
        .expect_record_count(to, copied)
        .put_header(&pending)
        .delete_pending_format();
    if let Err(e) = store.write(switch).await {
        discard_copy(store, from, &pending).await;
        return Err(e.into());
    }
    if stop == StopMove::AfterSwitch {
        return Ok(None);
    }

    // 5. Delete generation `from`; what a failure here leaves, the next start-up deletes.
    let mut clean_up = WriteBatch::new();
    clean_up.expect_header(Some(&pending)).discard_older_than(to);
    let _ = store.write(clean_up).await;
    Ok(Some(Moved { header, stored_header: pending, keys }))
}

/// Changes one byte of the first record copied into `generation` (`StopMove::SpoilCopy`).
async fn spoil_one(store: &VaultStore, generation: u32) -> Result<(), VaultError> {
    let Some((key, mut stored)) = store.records_of(generation).await?.into_iter().next() else {
        return Ok(());
    };
    if let Some(last) = stored.last_mut() {
        *last ^= 1;
    }
    let mut batch = WriteBatch::new();
    batch.put_record(generation, &key, &stored);
    Ok(store.write(batch).await?)
}

/// Undoes an unfinished copy (if this fails too, the next start-up discards it).
async fn discard_copy(store: &VaultStore, from: u32, pending: &[u8]) {
    let mut undo = WriteBatch::new();
    undo.expect_pending_format(Some(pending)).discard_newer_than(from).delete_pending_format();
    let _ = store.write(undo).await;
}

/// Moves damaged format-1 values aside in one transaction, as format 1 does (a record's entry
/// names its id).
async fn set_aside(
    store: &VaultStore,
    stored_old: &[u8],
    generation: u32,
    damaged: &[(QuarantinedItem, Vec<u8>, Damage)],
) -> Result<(), VaultError> {
    if damaged.is_empty() {
        return Ok(());
    }
    let mut batch = WriteBatch::new();
    batch.expect_header(Some(stored_old));
    for (item, stored, damage) in damaged {
        let entry = QuarantineEntry {
            item: item.clone(),
            generation,
            damage: *damage,
            at_ms: js_sys::Date::now(),
        };
        batch.quarantine(&entry, stored);
        match item {
            QuarantinedItem::Record(id) => {
                batch.expect_record(generation, id, Some(stored)).delete_record(generation, id)
            }
            QuarantinedItem::Index => {
                batch.expect_index(generation, Some(stored)).delete_index(generation)
            }
        };
    }
    Ok(store.write(batch).await?)
}
