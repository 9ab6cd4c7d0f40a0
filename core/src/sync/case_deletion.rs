//! Deleting a team's case: a sealed "deleted" revision of every section document (padded like the
//! revision it replaces, so the server cannot tell it from an edit), what a pull does with a case
//! some of whose leaves are deletions, and how a person settles a deletion against an edit.
//!
//! Deletion is a revision, never CouchDB's `_deleted`: an edit made offline on another phone is a
//! sibling of the deletion, so the two meet as a conflict a person resolves (keep the edit, or
//! confirm the deletion). Never last-write-wins, never an edit lost without someone choosing.

use super::case_sections::SectionDoc;
use super::merge::{deletion, is_deletion};
use super::padding::padded_len;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

/// The pseudo-section a case-level conflict (deleted on one phone, edited on another) is listed
/// under.
pub const DELETION: &str = "deletion";

/// Whether a section document's revision is a deletion.
pub fn is_deleted(doc: &SectionDoc) -> bool {
    is_deletion(&doc.data)
}

/// The plaintext of a section's deletion revision, filled so that it pads to the same bucket as
/// a plaintext of `like_len` bytes (the revision it replaces): its size says nothing new.
pub fn deletion_doc(
    case: &str,
    section: &'static str,
    at: DateTime<Utc>,
    like_len: usize,
) -> Value {
    let mut doc = SectionDoc { case: case.to_owned(), section, at, data: deletion() }.to_json();
    let target = padded_len(like_len);
    doc["p"] = json!("");
    let bare = doc.to_string().len();
    if let Some(target) = target.filter(|t| padded_len(bare) < Some(*t)) {
        // The largest fill that stays in the target bucket (the length prefix is 4 bytes).
        let fill = target - 4 - bare;
        doc["p"] = json!(" ".repeat(fill));
    }
    doc
}

/// The live leaves of one section document of a case, by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SectionLeaves {
    pub deletions: usize,
    pub edits: usize,
}

/// What a pull does with a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseFate {
    /// No deletion among its live leaves: each section by the usual rules.
    Sections,
    /// Every live leaf of every section is a deletion and this phone holds nothing newer: the
    /// case leaves this phone.
    Remove,
    /// Every live leaf is a deletion, but this phone's vault holds an edit not yet written to the
    /// team copy: kept; the next export writes it beside the deletion, a conflict.
    KeepLocal,
    /// A deletion and an edit are both live: a person decides for the whole case.
    EditAgainstDelete,
}

/// The case's fate from its sections' live leaves; `unsynced_edit`: the vault's copy differs
/// from what it last synced.
pub fn case_fate(sections: &[SectionLeaves], unsynced_edit: bool) -> CaseFate {
    let deletions: usize = sections.iter().map(|s| s.deletions).sum();
    let edits: usize = sections.iter().map(|s| s.edits).sum();
    match (deletions, edits) {
        (0, _) => CaseFate::Sections,
        (_, e) if e > 0 => CaseFate::EditAgainstDelete,
        _ if unsynced_edit => CaseFate::KeepLocal,
        _ => CaseFate::Remove,
    }
}

/// Whether a case missing from this phone's vault was deleted here (so its deletion must be
/// written): it is absent but readable (not set aside as damaged, not waiting for the index), and
/// the vault was once made equal to one of its sections that is not itself a deletion.
pub fn deleted_here(in_vault: bool, set_aside: bool, synced_to_content: bool) -> bool {
    !in_vault && !set_aside && synced_to_content
}

/// One step of settling a deletion against an edit, on one section document's live leaf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Settle<R> {
    /// This leaf stays the live one.
    Keep(R),
    /// This leaf is closed (a `_deleted` tombstone on it).
    Close(R),
    /// A new revision on this deletion holding the section as it was before it (keep the edit:
    /// the sections nobody edited come back).
    Restore(R),
    /// A new deletion revision on this edit (confirm the deletion of a section that only has
    /// edits, such as one first written after the deletion).
    Delete(R),
}

/// How one section document is settled: `leaves` are its live leaves, each with whether it is a
/// deletion. Keeping the edit never closes an edit (two edits left are an ordinary conflict).
pub fn settle<R: Clone>(leaves: &[(R, bool)], keep_edit: bool) -> Vec<Settle<R>> {
    let deletions: Vec<&R> = leaves.iter().filter(|(_, d)| *d).map(|(r, _)| r).collect();
    let edits: Vec<&R> = leaves.iter().filter(|(_, d)| !*d).map(|(r, _)| r).collect();
    let mut out = Vec::new();
    if keep_edit {
        if edits.is_empty() {
            if let Some((first, rest)) = deletions.split_first() {
                out.push(Settle::Restore((*first).clone()));
                out.extend(rest.iter().map(|r| Settle::Close((*r).clone())));
            }
        } else {
            out.extend(edits.iter().map(|r| Settle::Keep((*r).clone())));
            out.extend(deletions.iter().map(|r| Settle::Close((*r).clone())));
        }
    } else if let Some((first, rest)) = deletions.split_first() {
        out.push(Settle::Keep((*first).clone()));
        out.extend(rest.iter().chain(edits.iter()).map(|r| Settle::Close((*r).clone())));
    } else if let Some((first, rest)) = edits.split_first() {
        out.push(Settle::Delete((*first).clone()));
        out.extend(rest.iter().map(|r| Settle::Close((*r).clone())));
    }
    out
}

#[cfg(test)]
#[path = "case_deletion_tests.rs"]
mod tests;
