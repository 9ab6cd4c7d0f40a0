//! The browser's local replica of the team database: the core's [`MemoryReplica`] in memory,
//! written through to its own IndexedDB database (an opaque name) in batches that land whole:
//! documents with their revision trees, the local checkpoints, and each section document's link
//! to its case and the revision the vault last synced (the base a later merge needs).

use js_sys::{Array, Reflect};
use senda_core::sync::envelope::{Content, DocId, EnvelopeDoc};
use senda_core::sync::replica::{LocalChange, LocalReplica, MemoryReplica, ReplicaError};
use senda_core::sync::revtree::{Rev, RevTree};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/sync/replica_idb.js")]
extern "C" {
    #[wasm_bindgen(js_name = openReplica)]
    fn open_replica(name: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = loadAll)]
    fn load_all(db: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = putAll)]
    fn put_all(db: &JsValue, puts: &Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = closeReplica)]
    fn close_replica(db: &JsValue);
    #[wasm_bindgen(js_name = deleteReplica)]
    fn delete_replica(name: &str) -> js_sys::Promise;
}

/// Which case section a document holds, and the revision the vault last showed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub case: String,
    pub section: String,
    pub synced: Option<Rev>,
}

impl Link {
    fn to_json(&self) -> Value {
        json!({"case": self.case, "s": self.section, "synced": self.synced.as_ref().map(Rev::to_string)})
    }

    fn from_json(value: &Value) -> Option<Link> {
        let synced = match value.get("synced") {
            Some(Value::String(r)) => Some(r.parse().ok()?),
            _ => None,
        };
        Some(Link {
            case: value.get("case")?.as_str()?.to_owned(),
            section: value.get("s")?.as_str()?.to_owned(),
            synced,
        })
    }
}

fn storage(value: JsValue) -> ReplicaError {
    let name = Reflect::get(&value, &JsValue::from_str("name")).ok().and_then(|n| n.as_string());
    ReplicaError::Storage(name.unwrap_or_else(|| "UnknownError".to_owned()))
}

/// A team's replica on this phone.
pub struct IdbReplica {
    db: JsValue,
    mem: MemoryReplica,
    links: BTreeMap<DocId, Link>,
    dirty_docs: BTreeSet<DocId>,
    dirty_links: BTreeSet<DocId>,
    dirty_meta: bool,
}

fn random_hex() -> Result<String, ReplicaError> {
    let bytes = super::crypto::random_bytes::<16>()
        .map_err(|_| ReplicaError::Storage("no randomness".into()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl IdbReplica {
    /// Opens (creating on first use) the replica database `name` and reads it whole.
    pub async fn open(name: &str) -> Result<IdbReplica, ReplicaError> {
        let db = JsFuture::from(open_replica(name)).await.map_err(storage)?;
        let all: Array = JsFuture::from(load_all(&db)).await.map_err(storage)?.unchecked_into();
        let pairs = |i: u32| {
            let store = Array::from(&all.get(i));
            let keys = Array::from(&store.get(0));
            let values = Array::from(&store.get(1));
            (0..keys.length())
                .filter_map(|k| {
                    let key = keys.get(k).as_string()?;
                    let value: Value = serde_json::from_str(&values.get(k).as_string()?).ok()?;
                    Some((key, value))
                })
                .collect::<Vec<_>>()
        };
        let damaged = || ReplicaError::Storage("the replica's record is damaged".into());
        let meta = pairs(2).into_iter().find(|(k, _)| k == "replica").map(|(_, v)| v);
        let (id, fresh) = match &meta {
            Some(m) => (m.get("id").and_then(Value::as_str).ok_or_else(damaged)?.to_owned(), false),
            None => (random_hex()?, true),
        };
        let mut mem = MemoryReplica::new(id);
        for (_, doc) in pairs(0) {
            mem.load_doc(&doc)?;
        }
        if let Some(m) = &meta {
            let seq = m.get("seq").and_then(Value::as_u64).unwrap_or(0);
            let checkpoints: BTreeMap<String, Value> = m
                .get("checkpoints")
                .and_then(Value::as_object)
                .map(|o| o.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default();
            mem.load_meta(seq, checkpoints);
        }
        let mut links = BTreeMap::new();
        for (key, value) in pairs(1) {
            let id = DocId::parse(&key).map_err(|_| damaged())?;
            links.insert(id, Link::from_json(&value).ok_or_else(damaged)?);
        }
        let mut replica = IdbReplica {
            db,
            mem,
            links,
            dirty_docs: BTreeSet::new(),
            dirty_links: BTreeSet::new(),
            dirty_meta: fresh,
        };
        replica.flush().await?;
        Ok(replica)
    }

    /// Makes every change since the last flush durable, in one transaction.
    pub async fn flush(&mut self) -> Result<(), ReplicaError> {
        let puts = Array::new();
        let put = |store: &str, key: &str, value: &Value| {
            puts.push(&Array::of3(&store.into(), &key.into(), &value.to_string().into()));
        };
        for id in &self.dirty_docs {
            if let Some(doc) = self.mem.dump_doc(id) {
                put("docs", id.as_str(), &doc);
            }
        }
        for id in &self.dirty_links {
            if let Some(link) = self.links.get(id) {
                put("links", id.as_str(), &link.to_json());
            }
        }
        if self.dirty_meta {
            let meta = json!({"id": self.mem.replica_id(), "seq": self.mem.seq(), "checkpoints": self.mem.checkpoints()});
            put("meta", "replica", &meta);
        }
        if puts.length() > 0 {
            JsFuture::from(put_all(&self.db, &puts)).await.map_err(storage)?;
        }
        self.dirty_docs.clear();
        self.dirty_links.clear();
        self.dirty_meta = false;
        Ok(())
    }

    /// Closes the database (held changes not flushed are dropped).
    pub fn close(self) {
        close_replica(&self.db);
    }

    /// Deletes a replica database.
    pub async fn delete(name: &str) -> Result<(), ReplicaError> {
        JsFuture::from(delete_replica(name)).await.map_err(storage)?;
        Ok(())
    }

    /// A local edit (see [`MemoryReplica::write`]); durable at the next flush.
    pub fn write(
        &mut self,
        id: &DocId,
        parent: Option<&Rev>,
        content: Content,
        random: [u8; 16],
    ) -> Result<Rev, ReplicaError> {
        let rev = self.mem.write(id, parent, content, random)?;
        self.dirty_docs.insert(id.clone());
        self.dirty_meta = true;
        Ok(rev)
    }

    /// A local edit on a revision others built on (see [`MemoryReplica::branch`]).
    pub fn branch(
        &mut self,
        id: &DocId,
        parent: &Rev,
        content: Content,
        random: [u8; 16],
    ) -> Result<Rev, ReplicaError> {
        let rev = self.mem.branch(id, parent, content, random)?;
        self.dirty_docs.insert(id.clone());
        self.dirty_meta = true;
        Ok(rev)
    }

    pub fn tree(&self, id: &DocId) -> Option<&RevTree> {
        self.mem.tree(id)
    }

    pub fn content(&self, id: &DocId, rev: &Rev) -> Option<&Content> {
        self.mem.content(id, rev)
    }

    pub fn ids(&self) -> Vec<DocId> {
        self.mem.ids()
    }

    /// Documents with more than one live leaf.
    pub fn conflicted(&self) -> Vec<DocId> {
        self.mem.conflicted()
    }

    pub fn link(&self, id: &DocId) -> Option<&Link> {
        self.links.get(id)
    }

    pub fn links(&self) -> impl Iterator<Item = (&DocId, &Link)> {
        self.links.iter()
    }

    pub fn set_link(&mut self, id: &DocId, link: Link) {
        if self.links.get(id) != Some(&link) {
            self.links.insert(id.clone(), link);
            self.dirty_links.insert(id.clone());
        }
    }
}

impl LocalReplica for IdbReplica {
    fn replica_id(&self) -> &str {
        self.mem.replica_id()
    }

    fn missing(&self, id: &DocId, revs: &[Rev]) -> Vec<Rev> {
        self.mem.missing(id, revs)
    }

    fn store_pulled(&mut self, docs: &[EnvelopeDoc]) -> Result<(), ReplicaError> {
        self.mem.store_pulled(docs)?;
        self.dirty_docs.extend(docs.iter().map(|d| d.id.clone()));
        Ok(())
    }

    fn changes_since(&self, since: u64, limit: usize) -> Vec<LocalChange> {
        self.mem.changes_since(since, limit)
    }

    fn revision(&self, id: &DocId, rev: &Rev) -> Option<EnvelopeDoc> {
        self.mem.revision(id, rev)
    }

    fn checkpoint(&self, replication_id: &str) -> Option<Value> {
        self.mem.checkpoint(replication_id)
    }

    fn set_checkpoint(
        &mut self,
        replication_id: &str,
        last_seq: Value,
    ) -> Result<(), ReplicaError> {
        self.mem.set_checkpoint(replication_id, last_seq)?;
        self.dirty_meta = true;
        Ok(())
    }
}
