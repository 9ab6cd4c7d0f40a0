//! A deletion revision's shape and size, a case's fate after a pull, and settling a deletion
//! against an edit.
use super::*;
use crate::sync::case_sections::SectionDoc;
use crate::sync::padding::padded_len;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap()
}

#[test]
fn a_deletion_is_a_section_document_saying_so() {
    let doc = deletion_doc("c1", "profile", now(), 10);
    let read = SectionDoc::from_json(&doc).expect("a section document");
    assert!(is_deleted(&read));
    assert_eq!((read.case.as_str(), read.section, read.at), ("c1", "profile", now()));
    let edit = SectionDoc {
        case: "c1".into(),
        section: "profile",
        at: now(),
        data: json!({"profile": {}}),
    };
    assert!(!is_deleted(&edit));
}

#[test]
fn a_deletion_pads_to_the_bucket_of_the_revision_it_replaces() {
    for like in [10, 900, 1500, 3000, 9000, 70_000, 200_000] {
        let doc = deletion_doc("0b6c0a62-8f8e-4a43-9d5f-0f1e2d3c4b5a", "notes", now(), like);
        let len = doc.to_string().len();
        assert_eq!(padded_len(len), padded_len(like), "replacing {like} bytes");
    }
    // Without a bigger revision to look like, it stays in the smallest bucket.
    let small = deletion_doc("c1", "case", now(), 0).to_string().len();
    assert_eq!(padded_len(small), Some(crate::sync::padding::MIN_BUCKET));
}

fn leaves(deletions: usize, edits: usize) -> SectionLeaves {
    SectionLeaves { deletions, edits }
}

#[test]
fn a_case_is_removed_only_when_every_live_leaf_is_a_deletion() {
    assert_eq!(case_fate(&[leaves(0, 1), leaves(0, 2)], false), CaseFate::Sections);
    assert_eq!(case_fate(&[leaves(1, 0), leaves(1, 0)], false), CaseFate::Remove);
    assert_eq!(case_fate(&[], false), CaseFate::Sections);
}

#[test]
fn an_edit_beside_a_deletion_is_a_conflict_even_in_another_section() {
    // The same section edited on one phone, deleted on the other.
    assert_eq!(case_fate(&[leaves(1, 1), leaves(1, 0)], false), CaseFate::EditAgainstDelete);
    // A section first written after the deletion (no deletion in it).
    assert_eq!(case_fate(&[leaves(1, 0), leaves(0, 1)], false), CaseFate::EditAgainstDelete);
}

#[test]
fn an_edit_not_yet_written_here_keeps_the_case() {
    assert_eq!(case_fate(&[leaves(1, 0)], true), CaseFate::KeepLocal);
    assert_eq!(case_fate(&[leaves(1, 1)], true), CaseFate::EditAgainstDelete);
}

#[test]
fn only_a_case_once_synced_and_now_absent_and_readable_was_deleted_here() {
    assert!(deleted_here(false, false, true));
    assert!(!deleted_here(true, false, true), "still in the vault");
    assert!(!deleted_here(false, true, true), "set aside as damaged is not deleted");
    assert!(!deleted_here(false, false, false), "never arrived here, or already deleted");
}

#[test]
fn keeping_the_edit_closes_the_deletions_and_restores_what_nobody_edited() {
    assert_eq!(
        settle(&[("d", true), ("e", false)], true),
        vec![Settle::Keep("e"), Settle::Close("d")]
    );
    assert_eq!(settle(&[("d", true)], true), vec![Settle::Restore("d")]);
    assert_eq!(settle(&[("e", false)], true), vec![Settle::Keep("e")]);
    // Two edits and a deletion: both edits stay (an ordinary conflict), never one dropped.
    assert_eq!(
        settle(&[("e1", false), ("d", true), ("e2", false)], true),
        vec![Settle::Keep("e1"), Settle::Keep("e2"), Settle::Close("d")]
    );
}

#[test]
fn confirming_the_deletion_leaves_one_deletion_in_every_section() {
    assert_eq!(
        settle(&[("d", true), ("e", false)], false),
        vec![Settle::Keep("d"), Settle::Close("e")]
    );
    assert_eq!(settle(&[("e", false)], false), vec![Settle::Delete("e")]);
    assert_eq!(
        settle(&[("e1", false), ("e2", false)], false),
        vec![Settle::Delete("e1"), Settle::Close("e2")]
    );
    assert_eq!(
        settle(&[("d1", true), ("d2", true)], false),
        vec![Settle::Keep("d1"), Settle::Close("d2")]
    );
    assert!(settle::<&str>(&[], false).is_empty());
}
