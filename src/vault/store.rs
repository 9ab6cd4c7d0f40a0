//! The vault's IndexedDB layout and access through the promise-based snippet `idb.js`: typed
//! reads, and batches of writes that land whole or not at all.
//!
//! Layout of the `senda-vault` database (version 1), all keys out of line:
//! - `meta`: `"header"` → header bytes, `"pending-change"` → pending-change bytes (format 1),
//!   `"pending-format"` → the format-2 header of a move from format 1 not switched to yet,
//!   `"failed-attempts"` → number;
//! - `records`: `[generation, key]` → envelope bytes (`Uint8Array`); the key is the opaque
//!   storage key in format 2 (`DataKeys::storage_key`), the record id in format 1;
//! - `index`: `generation` → envelope bytes of the index;
//! - `quarantine`: `[moved-at ms, id or ""]` → `[id or "", generation, damage code, bytes]`.
//!
//! Why a JS snippet rather than web-sys's `Idb*` bindings: measured in the release build, it
//! costs less (see the README's vault section), and keeping each transaction's callbacks in JS
//! means no Rust closure can outlive one.

use js_sys::{Array, Reflect, Uint8Array};
use senda_core::vault::passcode_change::Leftovers;
use senda_core::vault::quarantine::{Damage, QuarantineEntry, QuarantinedItem};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/vault/idb.js")]
extern "C" {
    #[wasm_bindgen(js_name = openDatabase)]
    fn open_database(factory: &JsValue, name: &str, from: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = read)]
    fn read_steps(db: &JsValue, steps: &Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = write)]
    fn write_steps(db: &JsValue, steps: &Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = clearUnscoped)]
    fn clear_unscoped(from: &str) -> js_sys::Promise;
}

const META: &str = "meta";
const RECORDS: &str = "records";
const INDEX: &str = "index";
const QUARANTINE: &str = "quarantine";
const HEADER: &str = "header";
const PENDING: &str = "pending-change";
const PENDING_FORMAT: &str = "pending-format";
const FAILED_ATTEMPTS: &str = "failed-attempts";

/// An IndexedDB failure, by its DOMException name (never its data).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StoreError {
    pub name: String,
}

impl StoreError {
    fn from_js(value: JsValue) -> StoreError {
        let name =
            Reflect::get(&value, &JsValue::from_str("name")).ok().and_then(|n| n.as_string());
        StoreError { name: name.unwrap_or_else(|| "UnknownError".to_owned()) }
    }

    pub fn is_quota_exceeded(&self) -> bool {
        self.name == "QuotaExceededError"
    }

    /// An `expect` step found storage changed since it was read (another window wrote).
    pub fn is_expectation_failed(&self) -> bool {
        self.name == "ExpectationFailed"
    }
}

/// What start-up reads before anything else, in one transaction.
pub(crate) struct Stored {
    pub header: Option<Vec<u8>>,
    pub pending: Option<Vec<u8>>,
    /// The header of an unfinished move to format 2.
    pub pending_format: Option<Vec<u8>>,
    pub failed_attempts: u32,
}

/// What unlocking reads, in one transaction: the header read with the rest, so an index written
/// by another window since an earlier read of the header is judged against the header it was
/// written with (its write counter), never taken for an older copy.
pub(crate) struct Contents {
    pub header: Option<Vec<u8>>,
    pub index: Option<Vec<u8>>,
    pub record_ids: Vec<String>,
    pub quarantine: Vec<QuarantineEntry>,
}

/// One record as read, with the header it was read under.
pub(crate) struct RecordRead {
    pub header: Option<Vec<u8>>,
    pub record: Option<Vec<u8>>,
}

/// An open vault database.
#[derive(Clone)]
pub(crate) struct VaultStore {
    db: JsValue,
    /// The unscoped name this vault may have been copied from (a sub-path's vault), if another.
    unscoped: Option<String>,
}

fn record_key(generation: u32, id: &str) -> JsValue {
    Array::of2(&f64::from(generation).into(), &id.into()).into()
}

/// The smallest record key of a generation: keys `[g, …]` lie in `[[g], [g + 1])`.
fn generation_start(generation: u32) -> JsValue {
    Array::of1(&f64::from(generation).into()).into()
}

fn number(generation: u32) -> JsValue {
    f64::from(generation).into()
}

fn bytes(data: &[u8]) -> JsValue {
    Uint8Array::from(data).into()
}

fn to_bytes(value: &JsValue) -> Option<Vec<u8>> {
    value.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec)
}

/// The id stored with a quarantined value: the record's, or "" for the index.
fn quarantined_id(entry: &QuarantineEntry) -> &str {
    match &entry.item {
        QuarantinedItem::Record(id) => id,
        QuarantinedItem::Index => "",
    }
}

fn quarantine_key(entry: &QuarantineEntry) -> JsValue {
    Array::of2(&entry.at_ms.into(), &quarantined_id(entry).into()).into()
}

fn step(parts: &[JsValue]) -> Array {
    parts.iter().collect()
}

impl VaultStore {
    /// Opens (creating on first use) the vault database `name` in `factory`, or in the page's
    /// own `indexedDB` when `factory` is undefined. When `from` is another name and `name` does
    /// not exist yet, the page's database `from` is first copied into it, verified, and left as
    /// it was (`adopt` in `idb.js`; a copy that fails is deleted and its error returned).
    pub async fn open(factory: &JsValue, name: &str, from: &str) -> Result<VaultStore, StoreError> {
        let db = JsFuture::from(open_database(factory, name, from))
            .await
            .map_err(StoreError::from_js)?;
        let unscoped = (from != name).then(|| from.to_owned());
        Ok(VaultStore { db, unscoped })
    }

    /// Clears the vault under its unscoped name, if this one may have been copied from it and it
    /// exists (a wipe's second step: nothing of the vault stays behind under the old name):
    /// its header is first overwritten with random bytes in a transaction of its own.
    pub async fn clear_unscoped(&self) -> Result<(), StoreError> {
        if let Some(from) = &self.unscoped {
            JsFuture::from(clear_unscoped(from)).await.map_err(StoreError::from_js)?;
        }
        Ok(())
    }

    async fn read(&self, steps: Vec<Array>) -> Result<Array, StoreError> {
        let list: Array = steps.into_iter().collect();
        let results =
            JsFuture::from(read_steps(&self.db, &list)).await.map_err(StoreError::from_js)?;
        Ok(results.unchecked_into())
    }

    /// Runs a batch of writes in one transaction.
    pub async fn write(&self, batch: WriteBatch) -> Result<(), StoreError> {
        if batch.steps.length() == 0 {
            return Ok(());
        }
        JsFuture::from(write_steps(&self.db, &batch.steps)).await.map_err(StoreError::from_js)?;
        Ok(())
    }

    /// The header, the pending change and the wrong-passcode count.
    pub async fn stored(&self) -> Result<Stored, StoreError> {
        let r = self
            .read(vec![
                step(&[JsValue::from_str("get"), META.into(), HEADER.into()]),
                step(&[JsValue::from_str("get"), META.into(), PENDING.into()]),
                step(&[JsValue::from_str("get"), META.into(), FAILED_ATTEMPTS.into()]),
                step(&[JsValue::from_str("get"), META.into(), PENDING_FORMAT.into()]),
            ])
            .await?;
        let failed = r.get(2).as_f64().filter(|n| n.is_finite() && *n >= 0.0).unwrap_or(0.0);
        Ok(Stored {
            header: to_bytes(&r.get(0)),
            pending: to_bytes(&r.get(1)),
            pending_format: to_bytes(&r.get(3)),
            // A damaged count reads as zero wrong attempts; it is rewritten by the next attempt.
            failed_attempts: failed.min(f64::from(u32::MAX)) as u32,
        })
    }

    /// Which slots other than the live generation's exist (see `passcode_change`).
    pub async fn leftovers(&self, live: u32, pending: bool) -> Result<Leftovers, StoreError> {
        let count = |store: &str, lower: JsValue, upper: JsValue| {
            step(&["count".into(), store.into(), lower, upper])
        };
        let next = live.saturating_add(1);
        let r = self
            .read(vec![
                count(RECORDS, JsValue::UNDEFINED, generation_start(live)),
                count(RECORDS, generation_start(next), JsValue::UNDEFINED),
                count(INDEX, JsValue::UNDEFINED, number(live)),
                count(INDEX, number(next), JsValue::UNDEFINED),
            ])
            .await?;
        let some = |i: u32| r.get(i).as_f64().unwrap_or(0.0) > 0.0;
        Ok(Leftovers {
            pending,
            older_generations: some(0) || some(2),
            newer_generations: live < u32::MAX && (some(1) || some(3)),
        })
    }

    /// The index envelope, the storage keys with a stored record, and what is quarantined.
    pub async fn contents(&self, generation: u32) -> Result<Contents, StoreError> {
        let next = generation_start(generation.saturating_add(1));
        let r = self
            .read(vec![
                step(&["get".into(), INDEX.into(), number(generation)]),
                step(&["getAllKeys".into(), RECORDS.into(), generation_start(generation), next]),
                step(&["getAll".into(), QUARANTINE.into()]),
                step(&["getAllKeys".into(), QUARANTINE.into()]),
                step(&["get".into(), META.into(), HEADER.into()]),
            ])
            .await?;
        let record_ids = Array::from(&r.get(1))
            .iter()
            .filter_map(|key| Array::from(&key).get(1).as_string())
            .collect();
        let values = Array::from(&r.get(2));
        let keys = Array::from(&r.get(3));
        let quarantine = (0..values.length())
            .map(|i| {
                let v = Array::from(&values.get(i));
                let id = v.get(0).as_string().unwrap_or_default();
                QuarantineEntry {
                    item: if id.is_empty() {
                        QuarantinedItem::Index
                    } else {
                        QuarantinedItem::Record(id)
                    },
                    generation: v.get(1).as_f64().unwrap_or(0.0) as u32,
                    damage: Damage::from_code(&v.get(2).as_string().unwrap_or_default()),
                    at_ms: Array::from(&keys.get(i)).get(0).as_f64().unwrap_or(0.0),
                }
            })
            .collect();
        Ok(Contents {
            header: to_bytes(&r.get(4)),
            index: to_bytes(&r.get(0)),
            record_ids,
            quarantine,
        })
    }

    /// The header and one record's envelope bytes (if stored), read in one transaction, so the
    /// caller knows which key generation the record was read under. A value that is not bytes
    /// reads as empty bytes (so it is reported as damaged, not as missing).
    pub async fn record(&self, generation: u32, id: &str) -> Result<RecordRead, StoreError> {
        let r = self
            .read(vec![
                step(&["get".into(), META.into(), HEADER.into()]),
                step(&["get".into(), RECORDS.into(), record_key(generation, id)]),
            ])
            .await?;
        let value = r.get(1);
        Ok(RecordRead {
            header: to_bytes(&r.get(0)),
            record: if value.is_undefined() {
                None
            } else {
                Some(to_bytes(&value).unwrap_or_default())
            },
        })
    }

    /// Every record of a generation: (storage key, envelope bytes), read in one transaction.
    pub async fn records_of(&self, generation: u32) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        let (lower, upper) =
            (generation_start(generation), generation_start(generation.saturating_add(1)));
        let r = self
            .read(vec![
                step(&["getAllKeys".into(), RECORDS.into(), lower.clone(), upper.clone()]),
                step(&["getAll".into(), RECORDS.into(), lower, upper]),
            ])
            .await?;
        let (keys, values) = (Array::from(&r.get(0)), Array::from(&r.get(1)));
        Ok((0..keys.length())
            .filter_map(|i| {
                let id = Array::from(&keys.get(i)).get(1).as_string()?;
                Some((id, to_bytes(&values.get(i)).unwrap_or_default()))
            })
            .collect())
    }
}

/// Writes to run in one transaction, in order.
pub(crate) struct WriteBatch {
    steps: Array,
}

impl WriteBatch {
    pub fn new() -> WriteBatch {
        WriteBatch { steps: Array::new() }
    }

    fn push(&mut self, parts: &[JsValue]) -> &mut WriteBatch {
        self.steps.push(&step(parts));
        self
    }

    fn expect(&mut self, store: &str, key: JsValue, value: JsValue) -> &mut WriteBatch {
        self.push(&["expect".into(), store.into(), key, value])
    }

    pub fn put_header(&mut self, header: &[u8]) -> &mut WriteBatch {
        self.push(&["put".into(), META.into(), HEADER.into(), bytes(header)])
    }

    /// Aborts the batch unless the stored header is `header` (or absent, for `None`).
    pub fn expect_header(&mut self, header: Option<&[u8]>) -> &mut WriteBatch {
        self.expect(META, HEADER.into(), header.map_or(JsValue::UNDEFINED, bytes))
    }

    pub fn delete_pending(&mut self) -> &mut WriteBatch {
        self.push(&["delete".into(), META.into(), PENDING.into()])
    }

    pub fn put_pending_format(&mut self, header: &[u8]) -> &mut WriteBatch {
        self.push(&["put".into(), META.into(), PENDING_FORMAT.into(), bytes(header)])
    }

    pub fn expect_pending_format(&mut self, header: Option<&[u8]>) -> &mut WriteBatch {
        self.expect(META, PENDING_FORMAT.into(), header.map_or(JsValue::UNDEFINED, bytes))
    }

    pub fn delete_pending_format(&mut self) -> &mut WriteBatch {
        self.push(&["delete".into(), META.into(), PENDING_FORMAT.into()])
    }

    pub fn put_failed_attempts(&mut self, count: u32) -> &mut WriteBatch {
        self.push(&["put".into(), META.into(), FAILED_ATTEMPTS.into(), f64::from(count).into()])
    }

    pub fn put_record(&mut self, generation: u32, id: &str, envelope: &[u8]) -> &mut WriteBatch {
        self.push(&["put".into(), RECORDS.into(), record_key(generation, id), bytes(envelope)])
    }

    pub fn delete_record(&mut self, generation: u32, id: &str) -> &mut WriteBatch {
        self.push(&["delete".into(), RECORDS.into(), record_key(generation, id)])
    }

    /// Aborts the batch unless the record's stored bytes are `envelope` (or it is absent).
    pub fn expect_record(
        &mut self,
        generation: u32,
        id: &str,
        envelope: Option<&[u8]>,
    ) -> &mut WriteBatch {
        self.expect(RECORDS, record_key(generation, id), envelope.map_or(JsValue::UNDEFINED, bytes))
    }

    /// Aborts the batch unless the generation holds exactly `count` records.
    pub fn expect_record_count(&mut self, generation: u32, count: usize) -> &mut WriteBatch {
        let upper = generation_start(generation.saturating_add(1));
        self.push(&[
            "expectCount".into(),
            RECORDS.into(),
            generation_start(generation),
            upper,
            (count as f64).into(),
        ])
    }

    pub fn put_index(&mut self, generation: u32, envelope: &[u8]) -> &mut WriteBatch {
        self.push(&["put".into(), INDEX.into(), number(generation), bytes(envelope)])
    }

    /// Aborts the batch unless the stored index is `envelope` (or absent): the index this
    /// window last read or wrote, so no other window's update is silently overwritten.
    pub fn expect_index(&mut self, generation: u32, envelope: Option<&[u8]>) -> &mut WriteBatch {
        self.expect(INDEX, number(generation), envelope.map_or(JsValue::UNDEFINED, bytes))
    }

    pub fn delete_index(&mut self, generation: u32) -> &mut WriteBatch {
        self.push(&["delete".into(), INDEX.into(), number(generation)])
    }

    /// Deletes every record and index slot of generations before `live`.
    pub fn discard_older_than(&mut self, live: u32) -> &mut WriteBatch {
        self.push(&[
            "deleteRange".into(),
            RECORDS.into(),
            JsValue::UNDEFINED,
            generation_start(live),
        ]);
        self.push(&["deleteRange".into(), INDEX.into(), JsValue::UNDEFINED, number(live)])
    }

    /// Deletes every record and index slot of generations after `live`.
    pub fn discard_newer_than(&mut self, live: u32) -> &mut WriteBatch {
        let next = live.saturating_add(1);
        self.push(&[
            "deleteRange".into(),
            RECORDS.into(),
            generation_start(next),
            JsValue::UNDEFINED,
        ]);
        self.push(&["deleteRange".into(), INDEX.into(), number(next), JsValue::UNDEFINED])
    }

    /// Keeps damaged bytes aside, listed but never read as a record again.
    pub fn quarantine(&mut self, entry: &QuarantineEntry, stored: &[u8]) -> &mut WriteBatch {
        let value: JsValue = Array::of4(
            &quarantined_id(entry).into(),
            &number(entry.generation),
            &entry.damage.code().into(),
            &bytes(stored),
        )
        .into();
        self.push(&["put".into(), QUARANTINE.into(), quarantine_key(entry), value])
    }

    /// Removes a quarantined value for good (its record was deleted).
    pub fn delete_quarantined(&mut self, entry: &QuarantineEntry) -> &mut WriteBatch {
        self.push(&["delete".into(), QUARANTINE.into(), quarantine_key(entry)])
    }

    /// Empties every store: the wipe.
    pub fn clear_everything(&mut self) -> &mut WriteBatch {
        for store in [RECORDS, INDEX, QUARANTINE, META] {
            self.push(&["clear".into(), store.into()]);
        }
        self
    }
}
