//! Checks of the training content: every scenario parses, its expected outcome is what the real screening rules and procedure say (a contradicting scenario fails, naming it), the set covers the 11 countries and every flag, and Spanish, English and French are complete.

use super::*;
use crate::procedure::flags::flag_vocabulary;
use crate::sources::sources;
use crate::ui_text::Review;
use crate::vocabulary::Country;
use std::collections::BTreeSet;

pub(super) fn scenarios() -> Scenarios {
    Scenarios::parse(include_str!("../../../content/training/scenarios.json"))
        .expect("scenarios parse")
}

pub(super) fn structure() -> crate::screening::ScreeningStructure {
    crate::screening::ScreeningStructure::parse(include_str!(
        "../../../content/screening/structure.json"
    ))
    .expect("structure parses")
}

pub(super) fn texts() -> [TrainingTexts; 3] {
    [
        TrainingTexts::parse(include_str!("../../../content/training/es.json")).expect("es"),
        TrainingTexts::parse(include_str!("../../../content/training/en.json")).expect("en"),
        TrainingTexts::parse(include_str!("../../../content/training/fr.json")).expect("fr"),
    ]
}

fn procedure() -> &'static crate::procedure::Procedure {
    crate::procedure::procedure().expect("procedure parses")
}

/// Every way a scenario's expectation differs from the rules, naming the scenario.
fn contradictions(all: &Scenarios) -> Vec<String> {
    let s = structure();
    let mut wrong = Vec::new();
    for scenario in &all.scenarios {
        let truth = Truth::of(&s, procedure(), scenario);
        let expected: BTreeSet<&str> = scenario.expect.flags.iter().map(String::as_str).collect();
        let computed: BTreeSet<&str> = truth.flags.iter().map(String::as_str).collect();
        if expected != computed {
            wrong.push(format!(
                "{}: flags expected {expected:?}, rules raise {computed:?}",
                scenario.id
            ));
        }
        if scenario.expect.risk != truth.risk {
            wrong.push(format!(
                "{}: risk expected {:?}, rules give {:?}",
                scenario.id, scenario.expect.risk, truth.risk
            ));
        }
        if scenario.expect.origin_contact != truth.origin_contact {
            wrong.push(format!(
                "{}: consular contact expected {}, the procedure says {}",
                scenario.id, scenario.expect.origin_contact, truth.origin_contact
            ));
        }
        if scenario.expect.first != truth.first {
            wrong.push(format!(
                "{}: first step expected {:?}, the rules say {:?}",
                scenario.id, scenario.expect.first, truth.first
            ));
        }
    }
    wrong
}

#[test]
fn every_scenario_expects_what_the_rules_say() {
    let wrong = contradictions(&scenarios());
    assert!(wrong.is_empty(), "scenarios the rules contradict:\n{}", wrong.join("\n"));
}

#[test]
fn a_scenario_whose_expectation_the_rules_contradict_is_named() {
    let mut all = scenarios();
    let scenario = all.scenarios.iter_mut().find(|x| x.id == "family_joining_relatives").unwrap();
    // The author claims a flag and an open consulate the child's situation does not give.
    scenario.expect.flags.push("trafficking".into());
    let fears = all.scenarios.iter_mut().find(|x| x.id == "flight_booked_afraid").unwrap();
    fears.expect.origin_contact = true;
    let wrong = contradictions(&all);
    assert_eq!(wrong.len(), 2, "{wrong:?}");
    assert!(wrong[0].starts_with("family_joining_relatives: flags"), "{}", wrong[0]);
    assert!(wrong[1].starts_with("flight_booked_afraid: consular contact"), "{}", wrong[1]);
}

#[test]
fn ids_are_unique_every_question_and_source_resolves_and_all_are_drafts() {
    let s = structure();
    let all = scenarios();
    assert_eq!(all.review, Review::Draft);
    let known = sources().expect("sources parse");
    let mut seen = BTreeSet::new();
    for scenario in &all.scenarios {
        assert!(seen.insert(scenario.id.as_str()), "duplicate scenario {}", scenario.id);
        // `/practice/lessons` opens the lessons (src/pages/training/mod.rs).
        assert_ne!(scenario.id, "lessons", "a scenario may not be called lessons");
        for q in scenario.yes.iter().chain(&scenario.dont_know) {
            assert!(s.question(q).is_some(), "{}: unknown question {q}", scenario.id);
        }
        assert!(!scenario.sources.is_empty(), "{} has no source", scenario.id);
        for id in &scenario.sources {
            assert!(known.contains(id), "{}: unknown source {id}", scenario.id);
        }
        if let Some(age) = scenario.age {
            assert!(age < 18, "{} is not a child", scenario.id);
        }
    }
}

#[test]
fn at_least_twenty_scenarios_cover_every_country_and_every_flag() {
    let all = scenarios();
    assert!(all.scenarios.len() >= 20, "{} scenarios", all.scenarios.len());
    let countries: BTreeSet<Country> = all.scenarios.iter().map(|s| s.country).collect();
    assert_eq!(countries.len(), 11, "countries: {countries:?}");
    let vocabulary = flag_vocabulary().expect("flags parse");
    let used: BTreeSet<&str> =
        all.scenarios.iter().flat_map(|s| &s.expect.flags).map(String::as_str).collect();
    for flag in vocabulary.flags.iter().map(|f| f.id.as_str()) {
        assert!(used.contains(flag), "no scenario raises {flag}");
    }
    // Some where the right answer is to do less, some where urgent care comes first, and some
    // where the consulate must not be contacted.
    assert!(all.scenarios.iter().filter(|s| s.expect.flags.is_empty()).count() >= 1);
    let do_less = all
        .scenarios
        .iter()
        .filter(|s| s.expect.risk.is_none_or(|r| r == crate::case::RiskLevel::Low))
        .count();
    assert!(do_less >= 5, "{do_less} scenarios with little or nothing to do");
    assert!(all.scenarios.iter().filter(|s| s.expect.first == FirstStep::UrgentCare).count() >= 3);
    assert!(all.scenarios.iter().filter(|s| !s.expect.origin_contact).count() >= 5);
}

#[test]
fn spanish_english_and_french_are_complete_and_drafts() {
    let [es, en, fr] = texts();
    let spanish: BTreeSet<&str> = es.entries().map(|(k, _)| k).collect();
    for scenario in &scenarios().scenarios {
        for key in
            [format!("scenario.{}.title", scenario.id), format!("scenario.{}.story", scenario.id)]
        {
            assert!(spanish.contains(key.as_str()), "es lacks {key}");
        }
    }
    for (code, t) in [("es", &es), ("en", &en), ("fr", &fr)] {
        assert_eq!(t.language, code);
        assert_eq!(t.review, Review::Draft, "{code} must be a draft");
        assert!(!t.review_note.trim().is_empty());
        let keys: BTreeSet<&str> = t.entries().map(|(k, _)| k).collect();
        assert_eq!(keys, spanish, "{code} keys differ from Spanish");
        for (k, v) in t.entries() {
            assert!(!v.trim().is_empty(), "{code} {k} is blank");
            // No invented phone numbers or web addresses in a story.
            assert!(!v.contains("http") && !v.contains("www."), "{code} {k} has an address");
            let digits = v.chars().filter(char::is_ascii_digit).count();
            assert!(digits <= 4, "{code} {k} has a number that may be a phone number");
        }
    }
}

#[test]
fn every_feedback_why_and_every_choice_has_its_text() {
    let s = structure();
    let [es, ..] = texts();
    for field in [
        "accompaniment",
        "care",
        "documents_held_by_others",
        "only_unrelated_adults",
        "relationship_unverified",
    ] {
        assert!(es.get(&format!("why.identify.{field}")).is_some(), "why.identify.{field}");
    }
    for step in FirstStep::ALL {
        assert!(es.get(&format!("first.{}", step.code())).is_some(), "first.{}", step.code());
        assert!(
            es.get(&format!("why.first.{}", step.code())).is_some(),
            "why.first.{}",
            step.code()
        );
    }
    for choice in Choice::ALL {
        assert!(es.get(&format!("choice.{}", choice.code())).is_some(), "choice.{}", choice.code());
    }
    for skill in Skill::ALL {
        assert!(es.get(&format!("skill.{}", skill.code())).is_some(), "skill.{}", skill.code());
    }
    for key in ["why.risk", "why.consulate_unasked", "why.referral_not_needed"] {
        assert!(es.get(key).is_some(), "{key}");
    }
    assert!(s.actions.iter().any(|a| a.id == "no_contact_origin"));
}

#[test]
fn care_codes_are_the_stored_codes() {
    for kind in model::CARE_KINDS {
        let stored = serde_json::to_string(&kind).expect("serialises");
        assert_eq!(stored, format!("\"{}\"", model::care_code(kind)));
    }
}

#[test]
fn every_training_key_the_practice_screens_use_exists() {
    let [es, ..] = texts();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src/pages/training");
    let mut seen = 0;
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read the practice screens") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read file");
        for marker in [".text(\"", ".text_with(\""] {
            for piece in text.split(marker).skip(1) {
                let Some((key, _)) = piece.split_once('"') else { continue };
                seen += 1;
                if es.get(key).is_none() {
                    missing.push(key.to_owned());
                }
            }
        }
    }
    assert!(seen > 20, "found only {seen} keys: is the scan broken?");
    assert!(missing.is_empty(), "training keys with no text: {missing:?}");
}
