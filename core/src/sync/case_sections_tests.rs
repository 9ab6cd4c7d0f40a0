//! Splitting a case into section documents and back, the after-pull rule per section, and the
//! union of append-only lists.
use super::*;
use crate::case::{migrate, sample_case};
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 4, 30, 0).unwrap()
}

#[test]
fn a_case_splits_into_sections_and_joins_back_unchanged() {
    let case = sample_case(3, now());
    let value = serde_json::to_value(&case).unwrap();
    let sections = split(&value).unwrap();
    assert_eq!(sections.len(), SECTIONS.len());
    assert!(
        sections.values().all(|s| s.get("updated_at").is_none()),
        "no section holds updated_at"
    );
    let back = join(&sections, case.updated_at()).unwrap();
    assert_eq!(migrate(back).unwrap(), case);
}

#[test]
fn a_field_no_section_holds_is_refused_rather_than_dropped() {
    let mut value = serde_json::to_value(sample_case(1, now())).unwrap();
    value["new_field"] = json!(1);
    assert_eq!(split(&value), Err(SectionError::UnknownField("new_field".into())));
    assert_eq!(split(&json!([1])), Err(SectionError::NotACase));
    let mut sections = split(&serde_json::to_value(sample_case(1, now())).unwrap()).unwrap();
    sections.remove("notes");
    assert_eq!(join(&sections, now()), Err(SectionError::MissingSection("notes")));
    sections.insert("notes", json!({"profile": {}}));
    assert_eq!(join(&sections, now()), Err(SectionError::UnknownField("profile".into())));
}

#[test]
fn a_section_document_round_trips_and_a_foreign_one_is_refused() {
    let doc = SectionDoc {
        case: "c1".into(),
        section: "profile",
        at: now(),
        data: json!({"profile": {"x": 1}}),
    };
    assert_eq!(SectionDoc::from_json(&doc.to_json()), Ok(doc.clone()));
    let mut other = doc.to_json();
    other["s"] = json!("secrets");
    assert_eq!(SectionDoc::from_json(&other), Err(SectionError::UnknownSection("secrets".into())));
    let mut key = doc.to_json();
    key["t"] = json!("case_key");
    assert_eq!(SectionDoc::from_json(&key), Err(SectionError::NotASection));
    let mut time = doc.to_json();
    time["at"] = json!("yesterday");
    assert_eq!(SectionDoc::from_json(&time), Err(SectionError::BadTime));
}

fn state<'a>(
    vault: Option<&'a Value>,
    synced: Option<&'a Value>,
    leaf: Option<&'a Value>,
    live: usize,
) -> SectionState<'a> {
    SectionState { vault, synced, synced_is_leaf: synced.is_some() && synced == leaf, leaf, live }
}

#[test]
fn after_a_pull_a_section_is_applied_only_over_what_the_vault_last_synced() {
    let (a, b, c) = (json!({"v": 1}), json!({"v": 2}), json!({"v": 3}));
    // The team moved on from what this phone shows: apply.
    assert_eq!(on_pull("profile", state(Some(&a), Some(&a), Some(&b), 1)), PullStep::Apply);
    // A case new to this phone: apply.
    assert_eq!(on_pull("profile", state(None, None, Some(&b), 1)), PullStep::Apply);
    // This phone edited since it last synced: never overwritten.
    assert_eq!(on_pull("profile", state(Some(&c), Some(&a), Some(&b), 1)), PullStep::KeepLocal);
    // Already in step.
    let in_step = SectionState {
        vault: Some(&b),
        synced: Some(&b),
        synced_is_leaf: true,
        leaf: Some(&b),
        live: 1,
    };
    assert_eq!(on_pull("profile", in_step), PullStep::Nothing);
    // Two live leaves: a person decides, except for lists that only grow.
    assert_eq!(on_pull("profile", state(Some(&a), Some(&a), None, 2)), PullStep::Conflict);
    assert_eq!(on_pull("notes", state(Some(&a), Some(&a), None, 2)), PullStep::MergeLists);
    // A copy that never synced and differs from the team's: a person decides too.
    assert_eq!(on_pull("profile", state(Some(&c), None, Some(&b), 1)), PullStep::Conflict);
    assert_eq!(on_pull("profile", state(Some(&b), None, Some(&b), 1)), PullStep::Apply);
    assert!(export_needed(&c, Some(&a)));
    assert!(export_needed(&c, None));
    assert!(!export_needed(&a, Some(&a)));
}

#[test]
fn appended_entries_from_both_sides_are_all_kept_in_the_same_order_on_both_phones() {
    let e = |m: u32, t: &str| json!({"at": format!("2026-12-02T04:{m:02}:00Z"), "text": t});
    let base = json!({"notes": [e(1, "a")]});
    let ours = json!({"notes": [e(1, "a"), e(5, "ours")]});
    let theirs = json!({"notes": [e(1, "a"), e(3, "theirs")]});
    let merged = union_lists(Some(&base), &[&ours, &theirs]).unwrap();
    assert_eq!(merged, json!({"notes": [e(1, "a"), e(3, "theirs"), e(5, "ours")]}));
    assert_eq!(union_lists(Some(&base), &[&theirs, &ours]), Some(merged.clone()), "symmetric");
    // The same entry added on both sides is kept once.
    assert_eq!(union_lists(Some(&base), &[&ours, &ours]), Some(ours.clone()));
    // A removed or changed entry is not an append: a person decides.
    assert_eq!(union_lists(Some(&base), &[&json!({"notes": []}), &ours]), None);
    assert_eq!(union_lists(Some(&base), &[&json!({"notes": [e(1, "b")]}), &ours]), None);
    assert_eq!(
        union_lists(None, &[&ours, &theirs]).map(|v| v["notes"].as_array().unwrap().len()),
        Some(3)
    );
}

#[test]
fn a_case_from_a_phone_not_yet_updated_joins_without_a_workflow_section_but_a_current_one_waits() {
    let case = sample_case(2, now());
    let mut sections = split(&serde_json::to_value(&case).unwrap()).unwrap();
    sections.remove("workflow");
    assert_eq!(join(&sections, now()), Err(SectionError::MissingSection("workflow")));
    // The same case as a version-3 phone writes it: no workflow section, version 3.
    sections.get_mut("case").unwrap()["schema_version"] = json!(3);
    let back = join(&sections, case.updated_at()).unwrap();
    assert!(back.get("workflow").is_none());
    let read = migrate(back).unwrap();
    assert!(read.workflow().is_empty());
    assert_eq!(read.profile(), case.profile());
}

#[test]
fn workflow_entries_added_on_two_phones_are_all_kept() {
    let base = json!({"workflow": [{"kind": "handover", "n": 1}]});
    let a = json!({"workflow": [{"kind": "handover", "n": 1}, {"kind": "review_request", "n": 2}]});
    let b = json!({"workflow": [{"kind": "handover", "n": 1}, {"kind": "panel", "n": 3}]});
    let state = SectionState {
        vault: Some(&a),
        synced: Some(&base),
        synced_is_leaf: false,
        leaf: None,
        live: 2,
    };
    assert_eq!(on_pull("workflow", state), PullStep::MergeLists);
    let merged = union_lists(Some(&base), &[&a, &b]).unwrap();
    assert_eq!(merged, union_lists(Some(&base), &[&b, &a]).unwrap(), "same on both phones");
    assert_eq!(merged["workflow"].as_array().unwrap().len(), 3);
}
