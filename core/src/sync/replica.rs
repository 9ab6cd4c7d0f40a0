//! The local side of replication: the [`LocalReplica`] trait the replicator reads and writes
//! (the browser's IndexedDB store implements it), and [`MemoryReplica`], an in-memory one for
//! tests and for reasoning about the rules.

use super::envelope::{Content, DocId, DocKind, EnvelopeDoc, MAX_REVISIONS};
use super::revtree::{Rev, RevPath, RevTree};
use serde_json::Value;
use std::collections::BTreeMap;

/// One document edited on this phone, as of its latest local edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalChange {
    pub seq: u64,
    pub id: DocId,
    /// Every leaf, live or not (like `style=all_docs`).
    pub leaves: Vec<Rev>,
}

/// Why the local store refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplicaError {
    /// A local edit must extend a leaf of the document's tree (or create the document).
    NotALeaf,
    /// An append-only entry is written once.
    AppendOnly,
    /// The store itself failed (IndexedDB: quota, a closed database…).
    Storage(String),
}

/// A local copy of the team database.
///
/// The trait is synchronous so the replicator stays sans-IO; IndexedDB is not. The browser's
/// implementation keeps the trees, sequence numbers and checkpoints in memory (loaded when the
/// vault opens) and writes through to IndexedDB in batches that land whole: it must make every
/// write of a [`crate::sync::replicator::Replicator::handle`] call durable before it executes
/// the request that call returned (that request may move the server's checkpoint).
pub trait LocalReplica {
    /// This store's random id: names its checkpoints, so a new or reset store starts afresh.
    fn replica_id(&self) -> &str;
    /// Which of these revisions of a document are not stored here.
    fn missing(&self, id: &DocId, revs: &[Rev]) -> Vec<Rev>;
    /// Stores revisions received from the server: all of them or none.
    fn store_pulled(&mut self, docs: &[EnvelopeDoc]) -> Result<(), ReplicaError>;
    /// Documents *edited on this phone* after local sequence `since`, oldest first, at most
    /// `limit`. Revisions pulled from the team database are not offered back to it: after a new
    /// phone's first sync of thousands of documents, the next push asks about its own edits only.
    fn changes_since(&self, since: u64, limit: usize) -> Vec<LocalChange>;
    /// One stored revision with its ancestry, to push.
    fn revision(&self, id: &DocId, rev: &Rev) -> Option<EnvelopeDoc>;
    fn checkpoint(&self, replication_id: &str) -> Option<Value>;
    fn set_checkpoint(&mut self, replication_id: &str, last_seq: Value)
        -> Result<(), ReplicaError>;
}

/// One document's leaves (with `deleted`) and every stored revision body.
pub type Snapshot = (Vec<(Rev, bool)>, BTreeMap<Rev, Content>);

#[derive(Clone, Debug, Default, PartialEq)]
struct Entry {
    tree: RevTree,
    bodies: BTreeMap<Rev, Content>,
    /// The local sequence number of the last edit made here; 0 if only ever pulled.
    seq: u64,
}

/// A replica held in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct MemoryReplica {
    id: String,
    docs: BTreeMap<DocId, Entry>,
    seq: u64,
    checkpoints: BTreeMap<String, Value>,
}

impl MemoryReplica {
    pub fn new(replica_id: impl Into<String>) -> MemoryReplica {
        MemoryReplica {
            id: replica_id.into(),
            docs: BTreeMap::new(),
            seq: 0,
            checkpoints: BTreeMap::new(),
        }
    }

    /// A local edit: a new revision of `id` on top of `parent` (`None` creates the document).
    pub fn write(
        &mut self,
        id: &DocId,
        parent: Option<&Rev>,
        content: Content,
        random: [u8; 16],
    ) -> Result<Rev, ReplicaError> {
        self.edit(id, parent, content, random, false)
    }

    /// A local edit on top of a revision that others have since built on: a new branch, so the
    /// edit meets theirs as a conflict instead of replacing it or being lost.
    pub fn branch(
        &mut self,
        id: &DocId,
        parent: &Rev,
        content: Content,
        random: [u8; 16],
    ) -> Result<Rev, ReplicaError> {
        self.edit(id, Some(parent), content, random, true)
    }

    fn edit(
        &mut self,
        id: &DocId,
        parent: Option<&Rev>,
        content: Content,
        random: [u8; 16],
        any_parent: bool,
    ) -> Result<Rev, ReplicaError> {
        if id.kind() == DocKind::Event && parent.is_some() {
            return Err(ReplicaError::AppendOnly);
        }
        let entry = self.docs.entry(id.clone()).or_default();
        let ok = match parent {
            None => entry.tree.is_empty(),
            Some(p) if any_parent => entry.tree.contains(p),
            Some(p) => entry.tree.leaves().iter().any(|(leaf, _)| leaf == p),
        };
        if !ok {
            return Err(ReplicaError::NotALeaf);
        }
        let rev = Rev::child_of(parent, random);
        let mut ids = vec![rev.hash.clone()];
        if let Some(p) = parent {
            ids.push(p.hash.clone());
        }
        entry.tree.merge(&RevPath { start: rev.pos, ids }, matches!(content, Content::Tombstone));
        entry.bodies.insert(rev.clone(), content);
        self.seq += 1;
        entry.seq = self.seq;
        Ok(rev)
    }

    pub fn tree(&self, id: &DocId) -> Option<&RevTree> {
        self.docs.get(id).map(|e| &e.tree)
    }

    pub fn content(&self, id: &DocId, rev: &Rev) -> Option<&Content> {
        self.docs.get(id).and_then(|e| e.bodies.get(rev))
    }

    /// Documents with more than one live leaf: the conflicts list.
    pub fn conflicted(&self) -> Vec<DocId> {
        self.docs
            .iter()
            .filter(|(_, e)| !e.tree.conflicts().is_empty())
            .map(|(id, _)| id.clone())
            .collect()
    }

    pub fn ids(&self) -> Vec<DocId> {
        self.docs.keys().cloned().collect()
    }

    /// The local sequence number of the last edit made here.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Every checkpoint, to store them.
    pub fn checkpoints(&self) -> &BTreeMap<String, Value> {
        &self.checkpoints
    }

    /// One document as a persistent store keeps it: its last local edit's sequence number and
    /// every stored revision with its ancestry (the tree is rebuilt from those paths).
    pub fn dump_doc(&self, id: &DocId) -> Option<Value> {
        let entry = self.docs.get(id)?;
        let revs: Vec<Value> = entry
            .bodies
            .keys()
            .filter_map(|rev| self.revision(id, rev))
            .map(|doc| doc.to_json())
            .collect();
        Some(serde_json::json!({"seq": entry.seq, "revs": revs}))
    }

    /// Puts back a document [`MemoryReplica::dump_doc`] made, read as strictly as a pulled one.
    pub fn load_doc(&mut self, value: &Value) -> Result<DocId, ReplicaError> {
        let damaged = || ReplicaError::Storage("a stored document is damaged".into());
        let seq = value.get("seq").and_then(Value::as_u64).ok_or_else(damaged)?;
        let revs = value.get("revs").and_then(Value::as_array).ok_or_else(damaged)?;
        let docs: Vec<EnvelopeDoc> = revs
            .iter()
            .map(EnvelopeDoc::from_json)
            .collect::<Result<_, _>>()
            .map_err(|_| damaged())?;
        let id = docs.first().map(|d| d.id.clone()).ok_or_else(damaged)?;
        if docs.iter().any(|d| d.id != id) {
            return Err(damaged());
        }
        self.store_pulled(&docs)?;
        if let Some(entry) = self.docs.get_mut(&id) {
            entry.seq = seq;
        }
        self.seq = self.seq.max(seq);
        Ok(id)
    }

    /// Puts back the stored sequence number and checkpoints.
    pub fn load_meta(&mut self, seq: u64, checkpoints: BTreeMap<String, Value>) {
        self.seq = self.seq.max(seq);
        self.checkpoints = checkpoints;
    }

    /// Every stored revision body, for tests that compare two replicas in full.
    pub fn snapshot(&self) -> BTreeMap<DocId, Snapshot> {
        self.docs.iter().map(|(id, e)| (id.clone(), (e.tree.leaves(), e.bodies.clone()))).collect()
    }
}

impl LocalReplica for MemoryReplica {
    fn replica_id(&self) -> &str {
        &self.id
    }

    fn missing(&self, id: &DocId, revs: &[Rev]) -> Vec<Rev> {
        let have = |r: &Rev| self.docs.get(id).is_some_and(|e| e.bodies.contains_key(r));
        revs.iter().filter(|r| !have(r)).cloned().collect()
    }

    fn store_pulled(&mut self, docs: &[EnvelopeDoc]) -> Result<(), ReplicaError> {
        for doc in docs {
            let path = doc
                .revisions
                .clone()
                .unwrap_or_else(|| RevPath { start: doc.rev.pos, ids: vec![doc.rev.hash.clone()] });
            let entry = self.docs.entry(doc.id.clone()).or_default();
            entry.tree.merge(&path, matches!(doc.content, Content::Tombstone));
            entry.bodies.insert(doc.rev.clone(), doc.content.clone());
        }
        Ok(())
    }

    fn changes_since(&self, since: u64, limit: usize) -> Vec<LocalChange> {
        let mut changed: Vec<LocalChange> = self
            .docs
            .iter()
            .filter(|(_, e)| e.seq > since && e.seq > 0)
            .map(|(id, e)| LocalChange {
                seq: e.seq,
                id: id.clone(),
                leaves: e.tree.leaves().into_iter().map(|(r, _)| r).collect(),
            })
            .collect();
        changed.sort_by_key(|c| c.seq);
        changed.truncate(limit);
        changed
    }

    fn revision(&self, id: &DocId, rev: &Rev) -> Option<EnvelopeDoc> {
        let entry = self.docs.get(id)?;
        let content = entry.bodies.get(rev)?.clone();
        let revisions = entry.tree.path_to(rev, MAX_REVISIONS);
        Some(EnvelopeDoc { id: id.clone(), rev: rev.clone(), revisions, content })
    }

    fn checkpoint(&self, replication_id: &str) -> Option<Value> {
        self.checkpoints.get(replication_id).cloned()
    }

    fn set_checkpoint(
        &mut self,
        replication_id: &str,
        last_seq: Value,
    ) -> Result<(), ReplicaError> {
        self.checkpoints.insert(replication_id.to_owned(), last_seq);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::envelope::{DocKind, Sealed, TAG_LEN};

    fn sealed(n: u8) -> Content {
        Content::Sealed(Sealed { kid: "c-1".into(), iv: [n; 12], ct: vec![n; 1024 + TAG_LEN] })
    }

    #[test]
    fn a_replica_dumped_document_by_document_loads_back_the_same() {
        let mut a = MemoryReplica::new("r1");
        let m = DocId::new(DocKind::Mutable, [1; 16]);
        let e = DocId::new(DocKind::Event, [2; 16]);
        let r1 = a.write(&m, None, sealed(1), [3; 16]).unwrap();
        let r2 = a.write(&m, Some(&r1), sealed(2), [4; 16]).unwrap();
        // A pulled sibling (a conflict) and a tombstone closing it.
        let sibling = EnvelopeDoc {
            id: m.clone(),
            rev: Rev::child_of(Some(&r1), [5; 16]),
            revisions: Some(RevPath { start: 2, ids: vec!["05".repeat(16), r1.hash.clone()] }),
            content: sealed(5),
        };
        a.store_pulled(std::slice::from_ref(&sibling)).unwrap();
        a.write(&m, Some(&sibling.rev), Content::Tombstone, [6; 16]).unwrap();
        a.write(&e, None, sealed(7), [8; 16]).unwrap();
        a.set_checkpoint("senda-push-r1", serde_json::json!(2)).unwrap();

        let mut b = MemoryReplica::new("r1");
        for id in a.ids() {
            let dumped = a.dump_doc(&id).unwrap();
            let text = dumped.to_string();
            assert_eq!(b.load_doc(&serde_json::from_str(&text).unwrap()), Ok(id));
        }
        b.load_meta(a.seq(), a.checkpoints().clone());
        assert_eq!(b, a);
        assert_eq!(b.tree(&m).unwrap().live_leaves(), vec![r2]);
        assert!(b.load_doc(&serde_json::json!({"seq": 1, "revs": [{"_id": "x"}]})).is_err());
    }

    #[test]
    fn an_edit_on_a_revision_others_built_on_becomes_a_sibling_not_a_replacement() {
        let mut a = MemoryReplica::new("r1");
        let m = DocId::new(DocKind::Mutable, [1; 16]);
        let r1 = a.write(&m, None, sealed(1), [3; 16]).unwrap();
        let r2 = a.write(&m, Some(&r1), sealed(2), [4; 16]).unwrap();
        assert_eq!(a.write(&m, Some(&r1), sealed(3), [5; 16]), Err(ReplicaError::NotALeaf));
        let r2b = a.branch(&m, &r1, sealed(3), [5; 16]).unwrap();
        assert_eq!(a.tree(&m).unwrap().conflicts(), vec![r2, r2b]);
        let unknown = Rev::child_of(None, [9; 16]);
        assert_eq!(a.branch(&m, &unknown, sealed(3), [6; 16]), Err(ReplicaError::NotALeaf));
    }
}
