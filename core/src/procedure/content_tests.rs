//! Content validity: the structure, flags, sources and both locales hold together, say what
//! issue 4 asks them to say, and the validator really catches the defects it claims to.

use super::error::ContentError;
use super::flags::{flag_vocabulary, FlagVocabulary};
use super::model::{Anchor, DueRule, ItemKind, Procedure};
use super::texts::{self, ProcedureTexts, FILES};
use super::validate::validate_structure;
use super::validate_texts::{compare_never_notes, validate_texts};
use crate::sources::{sources, SourceList};

fn content() -> &'static Procedure {
    super::procedure().expect("structure.json parses")
}

fn listed(errors: &[ContentError]) -> String {
    errors.iter().map(|e| format!("- {e}")).collect::<Vec<_>>().join("\n")
}

fn locale_texts() -> Vec<&'static ProcedureTexts> {
    FILES.iter().map(|(l, _, _)| texts::texts(*l).expect("parses").texts).collect()
}

#[test]
fn the_structure_is_valid_against_flags_and_sources() {
    let flags = flag_vocabulary().expect("flags.json parses");
    let errors = validate_structure(content(), flags, sources().expect("sources.json parses"));
    assert!(errors.is_empty(), "content defects:\n{}", listed(&errors));
}

#[test]
fn spanish_english_and_french_texts_are_complete_for_every_id() {
    for (locale, file, json) in FILES {
        let t = ProcedureTexts::parse(file, json).unwrap_or_else(|e| panic!("{e}"));
        let errors = validate_texts(content(), &t, file, locale.code());
        assert!(errors.is_empty(), "{file}:\n{}", listed(&errors));
    }
}

#[test]
fn never_do_notes_are_the_same_in_every_locale() {
    let errors = compare_never_notes(content(), &locale_texts());
    assert!(errors.is_empty(), "{}", listed(&errors));
}

#[test]
fn the_eight_phases_come_in_the_guide_order() {
    let ids: Vec<&str> = content().phases.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "first_contact",
            "screening",
            "immediate_protection",
            "bia",
            "bid",
            "referral_plan",
            "follow_up",
            "closure"
        ]
    );
}

#[test]
fn every_item_cites_at_least_one_source() {
    let unsourced: Vec<&str> = content()
        .items()
        .filter(|p| p.item.sources.is_empty())
        .map(|p| p.item.id.as_str())
        .collect();
    assert!(unsourced.is_empty(), "{unsourced:?}");
}

/// Guards against invented timelines: the only fixed period counted from the case's own
/// dates that is not marked "verify locally" is the GPC care-plan indicator (S28).
#[test]
fn the_only_sourced_fixed_timeline_is_the_care_plan_within_two_weeks() {
    let fixed: Vec<&str> = content()
        .deadlines
        .iter()
        .filter(|d| matches!(d.due, DueRule::Days(_) | DueRule::WorkingDays(_)))
        .filter(|d| !matches!(d.from, Anchor::ItemDate(_)) && !d.verify_locally)
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(fixed, ["care_plan"]);
    let care_plan = content().deadline("care_plan").expect("care_plan");
    assert_eq!(
        (care_plan.due, care_plan.sources.as_slice()),
        (DueRule::Days(14), &["S28".to_owned()][..])
    );
}

#[test]
fn what_the_sources_could_not_confirm_is_marked_verify_locally() {
    let items: Vec<&str> =
        content().items().filter(|p| p.item.verify_locally).map(|p| p.item.id.as_str()).collect();
    assert_eq!(
        items,
        [
            "first_contact.notification.authority_local",
            "immediate_protection.specialised.mx_trafficking_report",
            "immediate_protection.specialised.return_pending",
            "immediate_protection.asylum.sv_application",
            "bia.urgency.entry",
            "bid.decision.dissent",
        ]
    );
    let triggers: Vec<&str> =
        content().bid_triggers.iter().filter(|t| t.verify_locally).map(|t| t.id.as_str()).collect();
    assert_eq!(triggers, ["durable_solution_uasc", "temporary_care_exceptional"]);
}

#[test]
fn the_standards_prohibitions_are_spelled_out_where_they_apply() {
    for t in locale_texts() {
        for id in [
            "immediate_protection.liberty.not_detained",
            "immediate_protection.asylum.no_contact_origin",
            "immediate_protection.specialised.gbv",
            "immediate_protection.specialised.abuse_by_carer",
            "immediate_protection.specialised.return_pending",
            "immediate_protection.specialised.returned_at_risk",
            "first_contact.notification.origin_contact_gate",
            "first_contact.notification.legal_representation",
            "first_contact.introduction.interpreter",
            "first_contact.age.age_assessment",
            "first_contact.accompaniment.relationship",
            "first_contact.registration.minimum_data",
            "first_contact.information.no_detention",
            "first_contact.notification.consular",
            "bid.preparation.urgent_protection_continues",
            "closure.solution.return_safe",
        ] {
            assert!(
                t.items.get(id).is_some_and(|i| i.never.is_some()),
                "{}: {id} lacks its never note",
                t.language
            );
        }
    }
}

#[test]
fn the_bia_follows_the_seven_elements_and_hears_the_child() {
    for element in ["views", "identity", "family", "safety", "vulnerability", "health", "education"]
    {
        for part in ["facts", "information_sources", "weight"] {
            let id = format!("bia.{element}.{part}");
            let placed = content().item(&id).unwrap_or_else(|| panic!("{id} missing"));
            assert_eq!(placed.item.kind, ItemKind::Text, "{id}");
        }
    }
    for id in [
        "bia.hearing.preparation",
        "bia.hearing.conversation",
        "bia.hearing.capacity",
        "bia.conclusion.feedback",
    ] {
        assert!(content().item(id).is_some(), "{id} missing");
    }
    assert!(
        content().step("bia.short").is_some_and(|s| s.when.is_some()),
        "short BIA only when urgent"
    );
}

#[test]
fn the_bid_records_everything_its_panel_needs() {
    for id in [
        "bid.preparation.question",
        "bid.preparation.options",
        "bid.preparation.information",
        "bid.preparation.child_views",
        "bid.panel.members",
        "bid.panel.confidentiality",
        "bid.decision.decision",
        "bid.decision.dissent",
        "bid.decision.implementation",
        "bid.decision.review_date",
        "bid.decision.review_route",
    ] {
        assert!(content().item(id).is_some(), "{id} missing");
    }
    assert_eq!(
        content().item("bid.decision.review_date").map(|p| p.item.kind),
        Some(ItemKind::Date)
    );
}

#[test]
fn the_volunteer_flow_covers_first_contact_with_check_items_only() {
    let sections: Vec<&str> = content().volunteer.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections, ["safety", "urgent_needs", "red_flags", "who_to_call", "what_to_tell"]);
    for section in &content().volunteer {
        assert!(!section.items.is_empty(), "{}", section.id);
        for id in &section.items {
            let placed = content().item(id).unwrap_or_else(|| panic!("{id}"));
            assert_eq!(placed.item.kind, ItemKind::Check, "{id} could record data");
            assert!(placed.is_unconditional(), "{id} depends on case facts");
        }
    }
}

const BROKEN: &str = r#"{
  "content_version": 1,
  "phases": [{ "id": "p", "steps": [{ "id": "p.s", "items": [
    { "id": "p.s.a", "kind": "question", "options": ["yes"], "sources": ["S28"],
      "when": { "answer": { "item": "p.s.b", "option": "yes" } } },
    { "id": "p.s.b", "kind": "question", "options": ["yes", "no"], "sources": [] },
    { "id": "p.s.b", "kind": "check", "sources": ["S999"], "when": { "flag": "aliens" } },
    { "id": "q.c", "kind": "text", "options": ["x", "y"], "sources": ["S28"], "when": { "any": [] } }
  ] }] }],
  "bid_triggers": [{ "id": "t", "when": "bid_required", "sources": ["S15"] }],
  "deadlines": [{ "id": "d", "met_by": "p.s.zzz", "from": { "item_date": "p.s.a" }, "due": { "days": 1 }, "sources": ["S28"] }],
  "volunteer": [{ "id": "v", "items": ["q.c"] }]
}"#;

#[test]
fn the_validator_catches_each_kind_of_structural_defect() {
    let broken = Procedure::parse(BROKEN).expect("well-formed JSON");
    let flags = FlagVocabulary::parse(
        r#"{"flags":[{"id":"gbv","name":{"es":"VBG","en":"GBV","fr":"VBG"}}]}"#,
    )
    .expect("flags");
    let sources = SourceList::parse(
        r#"{"sources":[{"id":"S28","title":"t","issuer":"i"},{"id":"S15","title":"t","issuer":"i"}]}"#,
    )
    .expect("sources");
    let errors = validate_structure(&broken, &flags, &sources);
    let s = |v: &str| v.to_owned();
    for expected in [
        ContentError::BadOptions { id: s("p.s.a") },
        ContentError::UnusableAnswer {
            at: s("p.s.a"),
            item: s("p.s.b"),
            problem: "does not come earlier in the procedure",
        },
        ContentError::NoSource { id: s("p.s.b") },
        ContentError::DuplicateId { id: s("p.s.b") },
        ContentError::UnknownSource { at: s("p.s.b"), source: s("S999") },
        ContentError::UnknownFlag { at: s("p.s.b"), flag: s("aliens") },
        ContentError::MisplacedId { id: s("q.c"), parent: s("p.s") },
        ContentError::BadOptions { id: s("q.c") },
        ContentError::EmptyCondition { at: s("q.c") },
        ContentError::CircularTrigger { at: s("t") },
        ContentError::UnknownItem { at: s("d"), item: s("p.s.zzz") },
        ContentError::BadAnchor { at: s("d"), item: s("p.s.a") },
        ContentError::UnsafeVolunteerItem { section: s("v"), item: s("q.c") },
    ] {
        assert!(errors.contains(&expected), "not caught: {expected}\ngot:\n{}", listed(&errors));
    }
}

#[test]
fn a_misspelt_key_makes_the_structure_unreadable() {
    let misspelt = BROKEN.replace("\"kind\": \"text\"", "\"kind\": \"text\", \"requried\": true");
    let err = Procedure::parse(&misspelt).expect_err("refused");
    assert!(err.to_string().contains("requried"), "{err}");
}

#[test]
fn the_text_validator_catches_missing_stale_blank_and_mismatched_texts() {
    let (_, file, json) = FILES[1];
    let edited = json
        .replacen("\"first_contact.safety.immediate_danger\": {", "\"first_contact.safety.retired_item\": {", 1)
        .replacen("\"title\": \"Urgency\"", "\"title\": \" \"", 1)
        .replacen("\"yes\": \"Yes: a short assessment now\", ", "", 1)
        .replacen(
            "\"why\": \"A recorded dissent helps a later review see what was in doubt.\",\n      \"verify_note\": \"The available sources do not say how dissent is recorded in a determination; follow your local procedure.\"",
            "\"why\": \"A recorded dissent helps a later review see what was in doubt.\"",
            1,
        );
    let t = ProcedureTexts::parse(file, &edited).expect("still parses");
    let errors = validate_texts(content(), &t, file, "es");
    let s = |v: &str| v.to_owned();
    for expected in [
        ContentError::WrongLanguage { file, found: s("en") },
        ContentError::MissingText { file, id: s("first_contact.safety.immediate_danger") },
        ContentError::StaleText { file, id: s("first_contact.safety.retired_item") },
        ContentError::BlankText { file, id: s("bia.urgency"), field: "title" },
        ContentError::OptionTexts { file, id: s("bia.urgency.urgent") },
        ContentError::VerifyNote { file, id: s("bid.decision.dissent") },
    ] {
        assert!(errors.contains(&expected), "not caught: {expected}\ngot:\n{}", listed(&errors));
    }
}
