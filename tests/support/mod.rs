//! Shared helpers of the vault's browser tests: direct IndexedDB access (no mocks) and sample
//! case-like records.
#![allow(dead_code)]

use js_sys::{Promise, Uint8Array};
use senda::vault::{UnlockedVault, Vault, VaultError};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/tests/support/raw_idb.js")]
extern "C" {
    #[wasm_bindgen(js_name = deleteDatabase)]
    fn delete_database_js(name: &str) -> Promise;
    #[wasm_bindgen(js_name = rawGet)]
    fn raw_get_js(name: &str, store: &str, key: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = rawPut)]
    fn raw_put_js(name: &str, store: &str, key: &JsValue, value: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = rawDelete)]
    fn raw_delete_js(name: &str, store: &str, key: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = rawKeys)]
    fn raw_keys_js(name: &str, store: &str) -> Promise;
    #[wasm_bindgen(js_name = rawBytes)]
    fn raw_bytes_js(name: &str) -> Promise;
    #[wasm_bindgen(js_name = rawStoreBytes)]
    fn raw_store_bytes_js(name: &str, store: &str) -> Promise;
    #[wasm_bindgen(js_name = databaseNames)]
    fn database_names_js() -> Promise;
    #[wasm_bindgen(js_name = localStorageText)]
    pub fn local_storage_text() -> String;
    #[wasm_bindgen(js_name = smallBucket)]
    fn small_bucket_js(name: &str, quota: f64) -> Promise;
    pub fn now() -> f64;
    #[wasm_bindgen(js_name = storageUsage)]
    fn storage_usage_js() -> Promise;
}

async fn wait(p: Promise) -> JsValue {
    JsFuture::from(p).await.expect("raw IndexedDB access failed")
}

/// The record key `[generation, id]` as the vault stores it.
pub fn record_key(generation: u32, id: &str) -> JsValue {
    js_sys::Array::of2(&f64::from(generation).into(), &id.into()).into()
}

pub async fn raw_get(db: &str, store: &str, key: &JsValue) -> JsValue {
    wait(raw_get_js(db, store, key)).await
}

pub async fn raw_record(db: &str, generation: u32, id: &str) -> Option<Vec<u8>> {
    let v = raw_get(db, "records", &record_key(generation, id)).await;
    v.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec)
}

pub async fn raw_put_bytes(db: &str, store: &str, key: &JsValue, bytes: &[u8]) {
    wait(raw_put_js(db, store, key, &Uint8Array::from(bytes).into())).await;
}

pub async fn raw_delete(db: &str, store: &str, key: &JsValue) {
    wait(raw_delete_js(db, store, key)).await;
}

/// The keys of a store, as JSON (e.g. `[[1,"a"],[1,"b"]]`).
pub async fn raw_keys(db: &str, store: &str) -> String {
    wait(raw_keys_js(db, store)).await.as_string().unwrap_or_default()
}

/// Every key and value of every store of `db`, as bytes.
pub async fn raw_bytes(db: &str) -> Vec<u8> {
    Uint8Array::new(&wait(raw_bytes_js(db)).await).to_vec()
}

/// Every key and value of one store of `db`, as bytes.
pub async fn raw_bytes_of(db: &str, store: &str) -> Vec<u8> {
    Uint8Array::new(&wait(raw_store_bytes_js(db, store)).await).to_vec()
}

/// The names of this origin's databases, as JSON (e.g. `["a","b"]`), without creating any.
pub async fn database_names() -> String {
    wait(database_names_js()).await.as_string().unwrap_or_default()
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub async fn delete_database(name: &str) {
    wait(delete_database_js(name)).await;
}

/// Deletes `name` and opens a new vault database there.
pub async fn fresh(name: &str) -> Vault {
    wait(delete_database_js(name)).await;
    Vault::open_in(&JsValue::UNDEFINED, name).await.expect("open")
}

pub async fn reopen(name: &str) -> Vault {
    Vault::open_in(&JsValue::UNDEFINED, name).await.expect("reopen")
}

/// An `IDBFactory` in a storage bucket whose quota (bytes) the browser enforces.
pub async fn small_bucket(name: &str, quota: f64) -> JsValue {
    wait(small_bucket_js(name, quota)).await
}

pub async fn storage_usage() -> f64 {
    wait(storage_usage_js()).await.as_f64().unwrap_or(0.0)
}

pub const PASSCODE: &str = "río verde de tarde";
pub const NEW_PASSCODE: &str = "luna sobre el puerto 7";

/// What a case list needs: the vault's caller-supplied summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub alias: String,
    pub status: String,
}

/// A stand-in for a case record: the vault stores any serde type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseRecord {
    pub alias: String,
    pub notes: String,
    pub age: u8,
    pub flags: Vec<String>,
}

pub fn case(alias: &str, notes: &str) -> (CaseRecord, CaseSummary) {
    (
        CaseRecord {
            alias: alias.into(),
            notes: notes.into(),
            age: 14,
            flags: vec!["separated".into()],
        },
        CaseSummary { alias: alias.into(), status: "open".into() },
    )
}

pub type Cases = UnlockedVault<CaseSummary>;

/// Unlocks, failing the test with the vault's own message if it cannot.
pub async fn unlock(vault: &Vault, passcode: &str) -> Cases {
    match vault.unlock(passcode).await {
        Ok(v) => v,
        Err(e) => panic!("unlock failed: {e}"),
    }
}

pub async fn create(vault: &Vault) -> Cases {
    match vault.create(PASSCODE).await {
        Ok(v) => v,
        Err(e) => panic!("create failed: {e}"),
    }
}

pub async fn put(vault: &mut Cases, id: &str, alias: &str, notes: &str) {
    let (record, summary) = case(alias, notes);
    if let Err(e) = vault.put(id, &record, summary).await {
        panic!("put {id} failed: {e}");
    }
}

pub async fn get(vault: &mut Cases, id: &str) -> Result<Option<CaseRecord>, VaultError> {
    vault.get::<CaseRecord>(id).await
}

/// The opaque storage key of `id` in an open vault (format 2 stores no case id in plain).
pub async fn key_of(vault: &Cases, id: &str) -> String {
    vault.storage_key(id).await.expect("storage key")
}

/// What `raw_keys(db, "records")` shows for these ids of generation `generation`.
pub async fn keys_of(vault: &Cases, generation: u32, ids: &[&str]) -> String {
    let mut keys = Vec::new();
    for id in ids {
        keys.push(key_of(vault, id).await);
    }
    keys.sort();
    let listed: Vec<String> = keys.iter().map(|k| format!("[{generation},\"{k}\"]")).collect();
    format!("[{}]", listed.join(","))
}

/// The stored header's bytes.
pub async fn raw_header(db: &str) -> Vec<u8> {
    Uint8Array::new(&raw_get(db, "meta", &"header".into()).await).to_vec()
}

/// Writes a vault of format 1, as Senda did before format 2, into the (fresh) database `db`:
/// header, records sealed directly under the passcode key in generation 1, and the index.
pub async fn write_format_1(db: &str, passcode: &str, cases: &[(&str, CaseRecord, CaseSummary)]) {
    use senda::vault::crypto::{new_salt, pbkdf2_key};
    use senda_core::vault::envelope::{additional_data, Slot};
    use senda_core::vault::header::{KdfParams, VaultHeader, KEY_CHECK_PLAINTEXT};
    use senda_core::vault::index::{index_to_json, RecordIndex};
    use senda_core::vault::policy::VaultPolicy;
    let kdf = KdfParams::pbkdf2(new_salt().expect("salt"));
    let key = pbkdf2_key(passcode, &kdf).await.expect("key");
    let check =
        key.seal(KEY_CHECK_PLAINTEXT, &additional_data(1, Slot::KeyCheck)).await.expect("seal");
    let header = VaultHeader::new(kdf, &check, VaultPolicy::default());
    let mut index = RecordIndex::default();
    for (id, record, summary) in cases {
        let json = serde_json::to_vec(record).expect("json");
        let sealed = key.seal(&json, &additional_data(1, Slot::Record(id))).await.expect("seal");
        raw_put_bytes(db, "records", &record_key(1, id), &sealed.to_bytes()).await;
        index.insert(id.to_string(), summary.clone());
    }
    let json = index_to_json(&index).expect("index");
    let sealed = key.seal(&json, &additional_data(1, Slot::Index)).await.expect("seal");
    raw_put_bytes(db, "index", &JsValue::from_f64(1.0), &sealed.to_bytes()).await;
    raw_put_bytes(db, "meta", &"header".into(), &header.to_bytes()).await;
    wait(raw_put_js(db, "meta", &"failed-attempts".into(), &JsValue::from_f64(0.0))).await;
}

/// Argon2id on this thread (the core's function) in place of the key worker, which a
/// wasm-bindgen test page cannot load: a passcode change derives the new key with it.
pub fn argon2id_on_main_thread() {
    senda::vault::kdf::derive_on_main_thread(Some(|passcode, salt, cost| {
        senda_core::vault::kdf::argon2id(passcode, salt, cost).ok()
    }));
}
