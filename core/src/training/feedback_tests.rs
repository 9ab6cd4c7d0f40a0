//! Feedback for sets of trainee answers on the real scenarios, screened by the real rules.

use super::content_tests::{scenarios, structure};
use super::feedback::Why;
use super::*;
use crate::case::{ConsentPurpose, IndicatorAnswer};
use crate::procedure::Procedure;
use crate::screening::{ScreeningStructure, ServiceKind};
use crate::vocabulary::AccompanimentStatus;

fn procedure() -> &'static Procedure {
    crate::procedure::procedure().expect("procedure parses")
}

/// The answers of a trainee who gets everything right.
fn perfect(structure: &ScreeningStructure, scenario: &Scenario) -> TraineeAnswers {
    let truth = Truth::of(structure, procedure(), scenario);
    TraineeAnswers {
        accompaniment: Some(scenario.accompaniment),
        care: Some(scenario.care),
        documents_held_by_others: scenario.documents_held_by_others,
        only_unrelated_adults: scenario.only_unrelated_adults,
        relationship_unverified: scenario.relationship_unverified,
        answers: scenario.answers(structure.questions().map(|q| q.id.as_str())),
        first: Some(truth.first),
        referrals: truth
            .actions
            .iter()
            .filter_map(|a| structure.action(a).and_then(|a| a.refer_to))
            .collect(),
        consent: ConsentPurpose::ALL.into_iter().collect(),
        choices: Default::default(),
    }
}

fn yes(questions: &[&str]) -> std::collections::BTreeMap<String, IndicatorAnswer> {
    questions.iter().map(|q| ((*q).to_owned(), IndicatorAnswer::Yes)).collect()
}

#[test]
fn a_trainee_who_gets_everything_right_scores_full_marks_on_every_scenario() {
    let s = structure();
    for scenario in &scenarios().scenarios {
        let f = feedback(&s, procedure(), scenario, &perfect(&s, scenario));
        let problems: Vec<_> = f.problems().collect();
        assert!(problems.is_empty(), "{}: {problems:?}", scenario.id);
        for skill in Skill::ALL {
            assert_eq!(f.score(skill).percent(), 100, "{} {skill:?}", scenario.id);
        }
    }
}

#[test]
fn a_missed_flag_and_the_consulate_of_a_child_who_fears_return_are_named_with_sources() {
    let s = structure();
    let all = scenarios();
    let scenario = all.get("mam_speaker_gang_threat").unwrap();
    let mut answers = perfect(&s, scenario);
    // The trainee never asks about language: the mother "helps her find words".
    answers.answers =
        yes(&["safety.fear_return", "safety.threatened_at_home", "safety.wants_protection"]);
    answers.choices.insert(Choice::ContactConsulate);
    let f = feedback(&s, procedure(), scenario, &answers);

    let missed = f.findings.iter().find(|x| x.kind == FindingKind::FlagMissed).unwrap();
    assert_eq!(missed.subject, "language_barrier");
    assert_eq!(missed.why, Why::Screening(format!("flag.{}.why", "language_barrier")));
    assert_eq!(missed.sources, s.flag("language_barrier").unwrap().sources);
    assert!(f.has(&FindingKind::ActionSkipped, "interpreter"));

    let never = f.findings.iter().find(|x| x.kind == FindingKind::NeverCrossed).unwrap();
    assert_eq!(never.subject, "contact_consulate");
    assert_eq!(never.why, Why::Screening("action.no_contact_origin".into()));
    assert!(never.sources.contains(&"S56".to_owned()), "{:?}", never.sources);
    assert!(never.sources.contains(&"S45".to_owned()), "{:?}", never.sources);

    assert!(f.has(&FindingKind::FlagRaised, "international_protection"));
    assert!(f.score(Skill::Screening).percent() < 100);
    assert!(f.score(Skill::Protection).percent() < 100);
    assert_eq!(f.score(Skill::Identification).percent(), 100);
    assert_eq!(f.score(Skill::Referral).percent(), 100);
}

#[test]
fn doing_more_than_the_situation_calls_for_is_named_and_a_referral_needs_consent() {
    let s = structure();
    let all = scenarios();
    let scenario = all.get("family_joining_relatives").unwrap();
    let mut answers = perfect(&s, scenario);
    answers.answers.insert("family.adult_speaks_for_child".into(), IndicatorAnswer::Yes);
    answers.referrals.insert(ServiceKind::AntiTrafficking);
    answers.consent.clear();
    let f = feedback(&s, procedure(), scenario, &answers);
    assert!(f.has(&FindingKind::FlagNotNeeded, "trafficking"));
    assert!(f.has(&FindingKind::ReferralNotNeeded, "anti_trafficking"));
    assert!(f.has(&FindingKind::ConsentNeeded, "referral"));
    assert!(f.has(&FindingKind::RiskDiffers, "risk"));
    assert!(f.score(Skill::Referral).percent() < 100);
}

#[test]
fn urgent_care_comes_before_everything() {
    let s = structure();
    let all = scenarios();
    let scenario = all.get("darien_fever_aunt").unwrap();
    let mut answers = perfect(&s, scenario);
    answers.first = Some(FirstStep::Listen);
    let f = feedback(&s, procedure(), scenario, &answers);
    let wrong = f.findings.iter().find(|x| x.kind == FindingKind::FirstStepWrong).unwrap();
    assert_eq!(wrong.subject, "urgent_care");
    assert_eq!(wrong.why, Why::Training("why.first.urgent_care".into()));
    assert_eq!(wrong.sources, s.action("urgent_care").unwrap().sources);
    assert_eq!(f.score(Skill::Protection).earned + 1, f.score(Skill::Protection).possible);
}

#[test]
fn the_consulate_of_a_child_with_nothing_to_fear_waits_for_a_clear_no() {
    let s = structure();
    let all = scenarios();
    let scenario = all.get("family_joining_relatives").unwrap();
    let mut answers = perfect(&s, scenario);
    answers.choices.insert(Choice::ContactConsulate);
    // Asked and answered no: allowed.
    assert!(feedback(&s, procedure(), scenario, &answers).problems().next().is_none());
    // Never asked: the gate is shut.
    answers.answers.remove("safety.fear_return");
    let f = feedback(&s, procedure(), scenario, &answers);
    let never = f.findings.iter().find(|x| x.kind == FindingKind::NeverCrossed).unwrap();
    assert_eq!(never.why, Why::Training("why.consulate_unasked".into()));
    // "Don't know" keeps it shut too.
    answers.answers.insert("safety.fear_return".into(), IndicatorAnswer::DontKnow);
    assert!(feedback(&s, procedure(), scenario, &answers)
        .has(&FindingKind::NeverCrossed, "contact_consulate"));
}

#[test]
fn handing_a_child_to_an_unverified_adult_and_detention_are_never() {
    let s = structure();
    let all = scenarios();
    let scenario = all.get("cousin_keeps_the_passport").unwrap();
    let mut answers = perfect(&s, scenario);
    answers.choices.insert(Choice::HandOverToAdult);
    answers.choices.insert(Choice::KeepInMigrationFacility);
    answers.choices.insert(Choice::TraceFamily);
    answers.consent.remove(&ConsentPurpose::FamilyTracing);
    let f = feedback(&s, procedure(), scenario, &answers);
    assert!(f.has(&FindingKind::NeverCrossed, "hand_over_to_adult"));
    assert!(f.has(&FindingKind::NeverCrossed, "keep_in_migration_facility"));
    assert!(f.has(&FindingKind::ConsentNeeded, "family_tracing"));
    // A child with verified parents may go with them: no "never" for the hand-over there.
    let family = all.get("family_joining_relatives").unwrap();
    let mut answers = perfect(&s, family);
    answers.choices.insert(Choice::HandOverToAdult);
    assert!(feedback(&s, procedure(), family, &answers).problems().next().is_none());
}

#[test]
fn a_wrong_record_of_who_the_child_is_with_costs_identification_and_may_miss_flags() {
    let s = structure();
    let all = scenarios();
    let scenario = all.get("says_seventeen_alone").unwrap();
    let mut answers = perfect(&s, scenario);
    answers.accompaniment = Some(AccompanimentStatus::Accompanied);
    let f = feedback(&s, procedure(), scenario, &answers);
    assert!(f.has(&FindingKind::IdentifiedWrong, "accompaniment"));
    assert!(f.has(&FindingKind::FlagMissed, "unaccompanied"));
    assert_eq!(f.score(Skill::Identification).percent(), 80);
}
