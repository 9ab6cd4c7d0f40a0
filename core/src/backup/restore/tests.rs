//! Tests of the content hash and of the restore preview's verdicts and its no-silent-overwrite rule.

use super::*;
use crate::case::arbitrary::{at, worker};
use crate::case::ChildProfile;

fn case(id: u128) -> Case {
    let profile = ChildProfile { alias: format!("child {id}"), ..ChildProfile::default() };
    Case::new(Uuid::from_u128(id), profile, at(0), &worker())
}

fn edited(mut case: Case, minutes: i64) -> Case {
    case.add_note("seen again", at(minutes), &worker());
    case
}

#[test]
fn the_hash_is_fnv1a_64() {
    // Published FNV-1a 64-bit test vectors.
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
}

#[test]
fn the_content_hash_follows_content_and_survives_storage() {
    let a = case(1);
    assert_eq!(ContentHash::of(&a), ContentHash::of(&a.clone()));
    assert_ne!(ContentHash::of(&a), ContentHash::of(&case(2)));
    assert_ne!(ContentHash::of(&a), ContentHash::of(&edited(a.clone(), 5)));
    let stored =
        crate::case::parse_stored(&serde_json::to_string(&a).unwrap_or_default()).expect("reads");
    assert_eq!(ContentHash::of(&stored), ContentHash::of(&a));
}

#[test]
fn fingerprints_store_the_hash_as_hex_and_refuse_anything_else() {
    let fingerprint = CaseFingerprint::of(&case(1));
    let json = serde_json::to_value(fingerprint).expect("serialises");
    let hex = json["content_hash"].as_str().unwrap_or_default().to_owned();
    assert_eq!(hex.len(), 16);
    assert_eq!(hex, fingerprint.content_hash.to_string());
    assert_eq!(serde_json::from_value::<CaseFingerprint>(json.clone()).ok(), Some(fingerprint));
    for bad in
        [serde_json::json!("12"), serde_json::json!("zzzzzzzzzzzzzzzz"), serde_json::json!(12)]
    {
        let mut json = json.clone();
        json["content_hash"] = bad;
        assert!(serde_json::from_value::<CaseFingerprint>(json).is_err());
    }
}

/// Stored: 1, 2, 3. Incoming: 1 unchanged, 2 edited, 4 new, 3 edited.
fn preview() -> RestorePreview {
    let stored: Vec<CaseFingerprint> =
        [case(1), case(2), case(3)].iter().map(CaseFingerprint::of).collect();
    RestorePreview::new(&stored, vec![case(1), edited(case(2), 30), case(4), edited(case(3), 40)])
}

#[test]
fn incoming_cases_are_new_identical_or_in_conflict() {
    let preview = preview();
    let verdicts: Vec<(u128, Verdict)> =
        preview.entries().iter().map(|e| (e.case.id().as_u128(), e.verdict)).collect();
    assert_eq!(
        verdicts,
        [
            (1, Verdict::Identical),
            (2, Verdict::Conflict { stored_updated_at: at(0), incoming_updated_at: at(30) }),
            (4, Verdict::New),
            (3, Verdict::Conflict { stored_updated_at: at(0), incoming_updated_at: at(40) }),
        ]
    );
    assert_eq!(preview.counts(), RestoreCounts { new: 1, identical: 1, conflicts: 2 });
    assert_eq!(preview.conflicts(), [Uuid::from_u128(2), Uuid::from_u128(3)]);
}

#[test]
fn nothing_is_written_while_a_conflict_has_no_choice() {
    let choices = BTreeMap::from([(Uuid::from_u128(2), ConflictChoice::TakeIncoming)]);
    let err = preview().into_cases_to_write(&choices);
    assert_eq!(err, Err(UnresolvedConflicts { ids: vec![Uuid::from_u128(3)] }));
    assert_eq!(
        err.map(|_| ()).map_err(|e| e.to_string()),
        Err("Choose which copy to keep for each of the 1 conflicting cases before restoring."
            .to_owned())
    );
    let none = preview().into_cases_to_write(&BTreeMap::new()).map(|_| ());
    assert_eq!(
        none,
        Err(UnresolvedConflicts { ids: vec![Uuid::from_u128(2), Uuid::from_u128(3)] })
    );
}

#[test]
fn with_every_conflict_chosen_new_and_taken_cases_are_written() {
    let choices = BTreeMap::from([
        (Uuid::from_u128(2), ConflictChoice::KeepStored),
        (Uuid::from_u128(3), ConflictChoice::TakeIncoming),
        (Uuid::from_u128(9), ConflictChoice::TakeIncoming),
    ]);
    let written = preview().into_cases_to_write(&choices).expect("all chosen");
    assert_eq!(written, vec![case(4), edited(case(3), 40)]);
}

#[test]
fn restoring_into_an_empty_vault_adds_everything() {
    let preview = RestorePreview::new(&[], vec![case(1), case(2)]);
    assert_eq!(preview.counts(), RestoreCounts { new: 2, identical: 0, conflicts: 0 });
    assert_eq!(preview.into_cases_to_write(&BTreeMap::new()), Ok(vec![case(1), case(2)]));
}
