//! The vault's index: one small summary per record, supplied by the caller (say a case's alias,
//! status and risk level for the case list), stored as one encrypted value so that listing and
//! searching 2,000 records takes one decryption instead of 2,000.
//!
//! Kept as a vector sorted by id rather than a `BTreeMap`: the same lookups by binary search, for
//! a fraction of the wasm.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Version of the index layout (the summaries inside are the caller's to version).
pub const INDEX_FORMAT: u32 = 1;

/// Summaries by record id, in id order.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordIndex<S> {
    entries: Vec<(String, S)>,
}

impl<S> Default for RecordIndex<S> {
    fn default() -> Self {
        RecordIndex { entries: Vec::new() }
    }
}

impl<S> RecordIndex<S> {
    fn find(&self, id: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }

    pub fn get(&self, id: &str) -> Option<&S> {
        self.find(id).ok().map(|i| &self.entries[i].1)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.find(id).is_ok()
    }

    /// Sets the summary of `id`, returning the one it replaces.
    pub fn insert(&mut self, id: String, summary: S) -> Option<S> {
        match self.find(&id) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, summary)),
            Err(i) => {
                self.entries.insert(i, (id, summary));
                None
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<S> {
        self.find(id).ok().map(|i| self.entries.remove(i).1)
    }

    /// Every entry, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &S)> {
        self.entries.iter().map(|(id, s)| (id.as_str(), s))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[derive(Serialize)]
struct Writing<'a, S> {
    format: u32,
    entries: &'a [(String, S)],
}

#[derive(Deserialize)]
struct Reading<S> {
    format: u32,
    entries: Vec<(String, S)>,
}

/// Why a decrypted index cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexError {
    /// Written by a newer version of Senda.
    FutureFormat { found: u32 },
    /// Not an index of summaries of the expected shape.
    UnexpectedShape,
}

/// The plaintext of the index: `{"format":1,"entries":[["id",summary],…]}`.
pub fn index_to_json<S: Serialize>(index: &RecordIndex<S>) -> Result<Vec<u8>, IndexError> {
    serde_json::to_vec(&Writing { format: INDEX_FORMAT, entries: &index.entries })
        .map_err(|_| IndexError::UnexpectedShape)
}

/// Reads the plaintext of an index; entries out of order or repeated mean it is not ours.
pub fn index_from_json<S: DeserializeOwned>(
    plaintext: &[u8],
) -> Result<RecordIndex<S>, IndexError> {
    let read: Reading<S> =
        serde_json::from_slice(plaintext).map_err(|_| IndexError::UnexpectedShape)?;
    if read.format > INDEX_FORMAT {
        return Err(IndexError::FutureFormat { found: read.format });
    }
    if !read.entries.windows(2).all(|w| w[0].0 < w[1].0) {
        return Err(IndexError::UnexpectedShape);
    }
    Ok(RecordIndex { entries: read.entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    struct Summary {
        alias: String,
        open: bool,
    }

    fn summary(alias: &str) -> Summary {
        Summary { alias: alias.into(), open: true }
    }

    #[test]
    fn entries_stay_in_id_order_and_replace_by_id() {
        let mut index = RecordIndex::default();
        assert_eq!(index.insert("b2".into(), summary("Río")), None);
        assert_eq!(index.insert("a1".into(), summary("Luz")), None);
        assert_eq!(index.insert("c3".into(), summary("Zoé")), None);
        assert_eq!(index.insert("b2".into(), summary("Río B")), Some(summary("Río")));
        assert_eq!(index.iter().map(|(id, _)| id).collect::<Vec<_>>(), ["a1", "b2", "c3"]);
        assert_eq!(index.get("b2"), Some(&summary("Río B")));
        assert_eq!(index.remove("a1"), Some(summary("Luz")));
        assert_eq!(index.remove("a1"), None);
        assert!(!index.contains("a1") && index.contains("c3"));
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn an_index_round_trips() {
        let mut index = RecordIndex::default();
        index.insert("b2".into(), summary("Río"));
        index.insert("a1".into(), summary("Luz"));
        let json = index_to_json(&index).unwrap();
        assert!(json.starts_with(br#"{"format":1,"entries":[["a1","#));
        assert_eq!(index_from_json::<Summary>(&json), Ok(index));
        let empty = RecordIndex::<Summary>::default();
        assert_eq!(index_from_json::<Summary>(&index_to_json(&empty).unwrap()), Ok(empty));
    }

    #[test]
    fn a_newer_foreign_or_disordered_index_is_refused() {
        assert_eq!(
            index_from_json::<Summary>(br#"{"format":2,"entries":[]}"#),
            Err(IndexError::FutureFormat { found: 2 })
        );
        assert_eq!(
            index_from_json::<Summary>(br#"{"format":1,"entries":[["a",1]]}"#),
            Err(IndexError::UnexpectedShape)
        );
        assert_eq!(index_from_json::<Summary>(b"not json"), Err(IndexError::UnexpectedShape));
        let disordered = br#"{"format":1,"entries":[["b",{"alias":"x","open":true}],["a",{"alias":"y","open":true}]]}"#;
        assert_eq!(index_from_json::<Summary>(disordered), Err(IndexError::UnexpectedShape));
    }
}
