//! The restore preview: which incoming cases are new, identical to a stored one, or in conflict
//! with one — and the rule that no conflict is written without the user's choice for it.

use crate::case::Case;
use chrono::{DateTime, Utc};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use uuid::Uuid;

/// A digest of a case's whole stored form (64-bit FNV-1a of its JSON), to tell identical copies
/// from different ones without decrypting every stored case. It detects change, it is not a
/// security measure: a forged collision could only make an incoming case look identical, and
/// identical cases are skipped, so nothing stored can be overwritten through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ContentHash(u64);

impl ContentHash {
    pub fn of(case: &Case) -> ContentHash {
        // Serialised to a Vec, like storage does, rather than streamed into the hasher: one
        // serializer for every use of `Case` keeps the wasm build smaller. Serialising a case
        // cannot fail: every map key in it is a string and no field has a fallible serializer.
        let json = serde_json::to_vec(case).unwrap_or_default();
        ContentHash(fnv1a(&json))
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// Stored as 16 hex digits: a JSON number would lose precision in JavaScript.
impl Serialize for ContentHash {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ContentHash {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let hex = String::deserialize(deserializer)?;
        if hex.len() != 16 {
            return Err(de::Error::custom("a content hash is 16 hex digits"));
        }
        u64::from_str_radix(&hex, 16).map(ContentHash).map_err(de::Error::custom)
    }
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What the vault knows of a stored case without decrypting it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFingerprint {
    /// Matches an incoming case to a stored one.
    pub id: Uuid,
    /// Shown in a conflict, so the user can tell which copy is newer.
    pub updated_at: DateTime<Utc>,
    /// Tells an identical copy from a different one.
    pub content_hash: ContentHash,
}

impl CaseFingerprint {
    pub fn of(case: &Case) -> CaseFingerprint {
        CaseFingerprint {
            id: case.id(),
            updated_at: case.updated_at(),
            content_hash: ContentHash::of(case),
        }
    }
}

/// How an incoming case relates to the stored ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No stored case has this id: it will be added.
    New,
    /// A stored case is exactly the same: nothing to do.
    Identical,
    /// A stored case has the same id and different content: the user chooses which to keep.
    Conflict { stored_updated_at: DateTime<Utc>, incoming_updated_at: DateTime<Utc> },
}

/// One incoming case and its verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreEntry {
    pub case: Case,
    pub verdict: Verdict,
}

/// The user's choice for one conflicting case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConflictChoice {
    KeepStored,
    TakeIncoming,
}

/// What restoring a backup would do, case by case, in the backup's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestorePreview {
    entries: Vec<RestoreEntry>,
}

/// The preview's summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RestoreCounts {
    pub new: usize,
    pub identical: usize,
    pub conflicts: usize,
}

/// Conflicts that have no choice yet, by id: nothing may be written until each has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnresolvedConflicts {
    pub ids: Vec<Uuid>,
}

impl fmt::Display for UnresolvedConflicts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Choose which copy to keep for each of the {} conflicting cases before restoring.",
            self.ids.len()
        )
    }
}

impl std::error::Error for UnresolvedConflicts {}

impl RestorePreview {
    /// Compares incoming cases (ids already unique, as `parse_payload` guarantees) with the
    /// fingerprints of the stored ones.
    pub fn new(stored: &[CaseFingerprint], incoming: Vec<Case>) -> RestorePreview {
        // A B-tree rather than a hash map: the build has one already, and no hasher to add.
        let mut by_id = BTreeMap::new();
        by_id.extend(stored.iter().map(|f| (f.id, f)));
        let entries = incoming
            .into_iter()
            .map(|case| {
                let verdict = match by_id.get(&case.id()) {
                    None => Verdict::New,
                    Some(s) if s.content_hash == ContentHash::of(&case) => Verdict::Identical,
                    Some(s) => Verdict::Conflict {
                        stored_updated_at: s.updated_at,
                        incoming_updated_at: case.updated_at(),
                    },
                };
                RestoreEntry { case, verdict }
            })
            .collect();
        RestorePreview { entries }
    }

    pub fn entries(&self) -> &[RestoreEntry] {
        &self.entries
    }

    /// How many cases are new, identical and in conflict, for the preview's summary.
    pub fn counts(&self) -> RestoreCounts {
        let mut counts = RestoreCounts::default();
        for e in &self.entries {
            match e.verdict {
                Verdict::New => counts.new += 1,
                Verdict::Identical => counts.identical += 1,
                Verdict::Conflict { .. } => counts.conflicts += 1,
            }
        }
        counts
    }

    /// The ids of the conflicting cases, in the backup's order.
    pub fn conflicts(&self) -> Vec<Uuid> {
        self.entries
            .iter()
            .filter(|e| matches!(e.verdict, Verdict::Conflict { .. }))
            .map(|e| e.case.id())
            .collect()
    }

    /// The cases to write: every new one, and each conflicting one the user chose to take.
    /// Refused, writing nothing, while any conflict has no choice.
    pub fn into_cases_to_write(
        self,
        choices: &BTreeMap<Uuid, ConflictChoice>,
    ) -> Result<Vec<Case>, UnresolvedConflicts> {
        let unresolved: Vec<Uuid> =
            self.conflicts().into_iter().filter(|id| !choices.contains_key(id)).collect();
        if !unresolved.is_empty() {
            return Err(UnresolvedConflicts { ids: unresolved });
        }
        Ok(self
            .entries
            .into_iter()
            .filter(|e| match e.verdict {
                Verdict::New => true,
                Verdict::Identical => false,
                Verdict::Conflict { .. } => {
                    choices.get(&e.case.id()) == Some(&ConflictChoice::TakeIncoming)
                }
            })
            .map(|e| e.case)
            .collect())
    }
}

#[cfg(test)]
mod tests;
