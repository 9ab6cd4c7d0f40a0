use super::*;
use crate::sync::envelope::DocKind;

fn ctx() -> ResolutionContext {
    ResolutionContext {
        doc: DocId::new(DocKind::Mutable, [1; 16]),
        ours_rev: Rev::child_of(Some(&Rev::child_of(None, [0; 16])), [0xaa; 16]),
        theirs_rev: Rev::child_of(Some(&Rev::child_of(None, [0; 16])), [0xbb; 16]),
        by_device: "d-phone-a".into(),
        at_unix: 1_790_000_000,
    }
}

fn base() -> Value {
    json!({"given_name": "Ana", "age": 14, "languages": ["es"], "contact": {"phone": "x", "shelter": "A"}})
}

#[test]
fn changes_to_different_fields_become_one_proposal_to_confirm() {
    let ours = json!({"given_name": "Ana", "age": 15, "languages": ["es"], "contact": {"phone": "x", "shelter": "A"}});
    let theirs = json!({"given_name": "Ana", "age": 14, "languages": ["es", "fr"], "contact": {"phone": "x", "shelter": "B"}});
    let cmp = compare(Some(&base()), &ours, &theirs, SectionKind::Profile).unwrap();
    assert_eq!(cmp.need(), Need::Confirm);
    assert_eq!(
        cmp.proposal,
        json!({"given_name": "Ana", "age": 15, "languages": ["es", "fr"], "contact": {"phone": "x", "shelter": "B"}})
    );
    assert_eq!(cmp.changed_by_ours, ["/age"]);
    assert_eq!(cmp.changed_by_theirs, ["/contact/shelter", "/languages"]);
    let done = resolve(&cmp, &BTreeMap::new(), Role::Worker, &ctx()).unwrap();
    assert_eq!(done.resolved, cmp.proposal);
    assert_eq!(done.event["how"], "merged");
    assert_eq!(done.event["not_chosen"], json!([]));
}

#[test]
fn the_same_field_changed_on_both_sides_needs_a_persons_choice_and_the_other_value_is_kept() {
    let mut ours = base();
    ours["contact"]["phone"] = json!("111");
    let mut theirs = base();
    theirs["contact"]["phone"] = json!("222");
    theirs["age"] = json!(15);
    let cmp = compare(Some(&base()), &ours, &theirs, SectionKind::Profile).unwrap();
    assert_eq!(cmp.need(), Need::Choice);
    assert_eq!(cmp.conflicts.len(), 1);
    assert_eq!(cmp.conflicts[0].pointer, "/contact/phone");
    assert_eq!(cmp.conflicts[0].base, Some(json!("x")));
    assert_eq!(
        resolve(&cmp, &BTreeMap::new(), Role::Worker, &ctx()),
        Err(MergeError::MissingChoice("/contact/phone".into()))
    );
    let choices = BTreeMap::from([("/contact/phone".to_owned(), Side::Theirs)]);
    let done = resolve(&cmp, &choices, Role::Worker, &ctx()).unwrap();
    assert_eq!(done.resolved["contact"]["phone"], "222");
    assert_eq!(done.resolved["age"], 15, "the disjoint change is kept too");
    let kept = &done.event["not_chosen"][0];
    assert_eq!(
        (kept["field"].as_str(), kept["value"].as_str(), kept["from"].as_str()),
        (Some("/contact/phone"), Some("111"), Some("ours"))
    );
    assert_eq!(kept["rev"], ctx().ours_rev.to_string());
    assert_eq!(done.event["revs"].as_array().map(Vec::len), Some(2));
    assert_eq!(done.event["at"], 1_790_000_000);
}

#[test]
fn a_bia_or_bid_decision_changed_on_both_sides_needs_the_supervisor() {
    for section in [SectionKind::Bia, SectionKind::Bid] {
        let base = json!({"decision": {"outcome": "stay", "reasons": "r"}, "notes": "n"});
        let ours = json!({"decision": {"outcome": "reunify", "reasons": "r"}, "notes": "n"});
        let theirs =
            json!({"decision": {"outcome": "stay_with_foster", "reasons": "r"}, "notes": "n2"});
        let cmp = compare(Some(&base), &ours, &theirs, section).unwrap();
        assert_eq!(cmp.need(), Need::Supervisor);
        let choices = BTreeMap::from([("/decision/outcome".to_owned(), Side::Ours)]);
        assert_eq!(
            resolve(&cmp, &choices, Role::Worker, &ctx()),
            Err(MergeError::SupervisorRequired)
        );
        let done = resolve(&cmp, &choices, Role::Supervisor, &ctx()).unwrap();
        assert_eq!(
            done.resolved,
            json!({"decision": {"outcome": "reunify", "reasons": "r"}, "notes": "n2"})
        );
        assert_eq!(done.event["how"], "supervisor");
        assert_eq!(done.event["not_chosen"][0]["value"], "stay_with_foster");
    }
    assert!(!SectionKind::Profile.is_decision_field("/decision"));
    assert!(!SectionKind::Bia.is_decision_field("/decisions"));
    assert!(SectionKind::Bid.is_decision_field("/recommendation"));
}

#[test]
fn a_field_removed_on_one_side_and_changed_on_the_other_is_a_conflict_not_a_silent_loss() {
    let mut ours = base();
    ours.as_object_mut().unwrap().remove("age");
    let mut theirs = base();
    theirs["age"] = json!(16);
    let cmp = compare(Some(&base()), &ours, &theirs, SectionKind::Profile).unwrap();
    assert_eq!(cmp.conflicts[0].ours, None);
    let choices = BTreeMap::from([("/age".to_owned(), Side::Ours)]);
    let done = resolve(&cmp, &choices, Role::Worker, &ctx()).unwrap();
    assert!(done.resolved.get("age").is_none());
    assert_eq!(done.event["not_chosen"][0]["value"], 16);
}

#[test]
fn without_a_common_base_every_difference_is_a_conflict() {
    let ours = json!({"a": 1, "same": true});
    let theirs = json!({"a": 2, "b": 3, "same": true});
    let cmp = compare(None, &ours, &theirs, SectionKind::Screening).unwrap();
    let pointers: Vec<&str> = cmp.conflicts.iter().map(|c| c.pointer.as_str()).collect();
    assert_eq!(pointers, ["/a"]);
    assert_eq!(cmp.changed_by_theirs, ["/b"], "a field only one side has is not in conflict");
}

#[test]
fn field_names_with_slashes_are_escaped_in_pointers() {
    let base = json!({"a/b": 1, "t~": 1});
    let ours = json!({"a/b": 2, "t~": 5});
    let theirs = json!({"a/b": 3, "t~": 6});
    let cmp = compare(Some(&base), &ours, &theirs, SectionKind::Other).unwrap();
    let pointers: Vec<&str> = cmp.conflicts.iter().map(|c| c.pointer.as_str()).collect();
    assert_eq!(pointers, ["/a~1b", "/t~0"]);
    let choices =
        BTreeMap::from([("/a~1b".to_owned(), Side::Theirs), ("/t~0".to_owned(), Side::Ours)]);
    assert_eq!(
        resolve(&cmp, &choices, Role::Worker, &ctx()).unwrap().resolved,
        json!({"a/b": 3, "t~": 5})
    );
}

#[test]
fn a_choice_for_a_field_not_in_conflict_or_a_non_object_is_refused() {
    let cmp = compare(Some(&base()), &base(), &base(), SectionKind::Profile).unwrap();
    let choices = BTreeMap::from([("/age".to_owned(), Side::Ours)]);
    assert_eq!(
        resolve(&cmp, &choices, Role::Worker, &ctx()),
        Err(MergeError::UnknownField("/age".into()))
    );
    assert_eq!(
        compare(None, &json!([1]), &json!({}), SectionKind::Profile),
        Err(MergeError::NotASection)
    );
    assert_eq!(
        compare(Some(&json!(3)), &json!({}), &json!({}), SectionKind::Profile),
        Err(MergeError::NotASection)
    );
    assert_eq!(MergeError::SupervisorRequired.message_key(), "sync.error.supervisor_required");
}

#[test]
fn deleting_against_editing_is_a_conflict_of_the_whole_document_and_the_edit_is_kept() {
    let mut edited = base();
    edited["age"] = json!(15);
    let cmp = compare(Some(&base()), &deletion(), &edited, SectionKind::Profile).unwrap();
    assert_eq!(cmp.need(), Need::Choice);
    assert_eq!(cmp.conflicts.len(), 1);
    assert_eq!(cmp.conflicts[0].pointer, "", "the whole document");
    let choices = BTreeMap::from([(String::new(), Side::Ours)]);
    let done = resolve(&cmp, &choices, Role::Worker, &ctx()).unwrap();
    assert!(is_deletion(&done.resolved));
    assert_eq!(done.event["not_chosen"][0]["value"], edited, "the edit is kept in the history");
    let bid = compare(Some(&base()), &edited, &deletion(), SectionKind::Bid).unwrap();
    assert_eq!(bid.need(), Need::Supervisor);
}

#[test]
fn deleting_an_unchanged_version_is_proposed_as_is() {
    let cmp = compare(Some(&base()), &base(), &deletion(), SectionKind::Profile).unwrap();
    assert_eq!(cmp.need(), Need::Confirm);
    assert!(is_deletion(&cmp.proposal));
    assert_eq!(cmp.changed_by_theirs, [""]);
    let both = compare(Some(&base()), &deletion(), &deletion(), SectionKind::Profile).unwrap();
    assert_eq!((both.need(), both.conflicts.len()), (Need::Confirm, 0));
}
