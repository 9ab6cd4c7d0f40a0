//! Engine scenarios, part 4 (issue #13): the child-safety gates of the procedure — contact with
//! the country of origin only after a clear no to fear of return and to wanting protection,
//! notification of the child-protection authority per situation, care away from an abusive
//! carer, safeguards before a return, and who enters the full best-interests assessment.

use super::facts::{ChildAge, Outcomes};
use super::scenario_support::*;
use crate::vocabulary::{AccompanimentStatus::*, Country::*};

const ORIGIN_CONTACT: [&str; 2] =
    ["first_contact.notification.consular", "immediate_protection.family.pa_kinship"];

#[test]
fn the_consulate_and_the_embassies_wait_for_a_clear_no_to_fear_of_return_and_to_protection() {
    let outcomes = Outcomes::new();
    // Fear of return never asked, or answered "don't know" (which is not recorded as a no).
    let unasked = case(ChildAge::Years(14), Separated, Some(Panama), &[]);
    let status = run(&unasked, &outcomes, opened());
    assert_does_not_apply(&status, &ORIGIN_CONTACT);
    assert_applies(&status, &["first_contact.notification.origin_contact_gate"]);
    // Only one of the two questions answered no: still shut.
    let mut half = unasked.clone();
    half.answered_no.insert("safety.fear_return".to_owned());
    assert_does_not_apply(&run(&half, &outcomes, opened()), &ORIGIN_CONTACT);
    // A clear no to both opens consular assistance and Panama's kinship checks.
    let mut cleared = half.clone();
    cleared.answered_no.insert("safety.wants_protection".to_owned());
    let status = run(&cleared, &outcomes, opened());
    assert_applies(&status, &ORIGIN_CONTACT);
    assert_does_not_apply(&status, &["first_contact.notification.origin_contact_gate"]);
    // A protection need shuts it whatever else was answered, and the asylum step takes over.
    let mut fearful = cleared;
    fearful.flags.insert("international_protection".to_owned());
    let status = run(&fearful, &outcomes, opened());
    assert_does_not_apply(&status, &ORIGIN_CONTACT);
    assert_applies(&status, &["immediate_protection.asylum.no_contact_origin"]);
}

#[test]
fn notifying_the_authority_is_a_duty_for_a_child_alone_separated_or_at_risk_and_local_otherwise() {
    let outcomes = Outcomes::new();
    let with_family = case(ChildAge::Years(9), Accompanied, Some(CostaRica), &[]);
    let status = run(&with_family, &outcomes, opened());
    assert_does_not_apply(&status, &["first_contact.notification.authority"]);
    assert_applies(&status, &["first_contact.notification.authority_local"]);
    assert!(status.deadline("notify_authority").is_none());
    for facts in [
        case(ChildAge::Years(9), Separated, Some(CostaRica), &[]),
        case(ChildAge::Years(9), Accompanied, Some(CostaRica), &["trafficking"]),
    ] {
        let status = run(&facts, &outcomes, opened());
        assert_applies(&status, &["first_contact.notification.authority"]);
        assert_does_not_apply(&status, &["first_contact.notification.authority_local"]);
        assert!(status.deadline("notify_authority").is_some());
    }
}

#[test]
fn a_child_abused_by_the_carer_is_not_kept_with_them() {
    let facts = case(ChildAge::Years(10), Accompanied, Some(Mexico), &["gbv", "abuse_by_carer"]);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    assert_does_not_apply(&status, &["immediate_protection.care.stay_with_family"]);
    assert_applies(
        &status,
        &[
            "immediate_protection.specialised.abuse_by_carer",
            "immediate_protection.specialised.gbv",
            "referral_plan.referrals.gbv_consent",
        ],
    );
}

#[test]
fn a_child_about_to_be_returned_gets_the_safeguards_and_a_representative() {
    let facts = case(ChildAge::Years(15), Accompanied, Some(Guatemala), &["return_pending"]);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    assert_applies(
        &status,
        &[
            "immediate_protection.specialised.return_pending",
            "first_contact.notification.legal_representation",
            "first_contact.notification.authority",
        ],
    );
    // Back home and afraid: protection at home, not the asylum step.
    let home = case(
        ChildAge::Years(13),
        Unaccompanied,
        Some(Honduras),
        &["returned_child", "returned_at_risk"],
    );
    let status = run(&home, &outcomes, opened());
    assert_applies(&status, &["immediate_protection.specialised.returned_at_risk"]);
    assert_does_not_apply(&status, &["immediate_protection.asylum.referral"]);
}

#[test]
fn the_full_assessment_is_for_children_alone_separated_or_at_risk() {
    let elements = ["bia.hearing.preparation", "bia.views.facts", "bia.education.facts"];
    let outcomes = Outcomes::new();
    let with_family = case(ChildAge::Years(8), Accompanied, Some(CostaRica), &[]);
    let status = run(&with_family, &outcomes, opened());
    assert_does_not_apply(&status, &elements);
    // Every case still weighs the urgency and records a conclusion, and is told why.
    assert_applies(&status, &["bia.urgency.entry", "bia.conclusion.balancing"]);
    for facts in [
        case(ChildAge::Years(8), Separated, Some(CostaRica), &[]),
        case(ChildAge::Years(8), Accompanied, Some(CostaRica), &["child_labour"]),
    ] {
        assert_applies(&run(&facts, &outcomes, opened()), &elements);
    }
}

#[test]
fn only_a_clear_no_on_the_case_counts_as_answered_no() {
    use crate::case::{Case, ChildProfile, IndicatorAnswer, WorkerLabel};
    let by = WorkerLabel::new("AO-3");
    let when = at(opened());
    let mut case = Case::new(uuid::Uuid::nil(), ChildProfile::default(), when, &by);
    case.answer_indicator("safety.fear_return", IndicatorAnswer::No, when, &by);
    case.answer_indicator("safety.wants_protection", IndicatorAnswer::DontKnow, when, &by);
    case.answer_indicator("work.works", IndicatorAnswer::Yes, when, &by);
    let facts = super::case_facts(&case, opened());
    assert_eq!(
        facts.answered_no.iter().map(String::as_str).collect::<Vec<_>>(),
        ["safety.fear_return"]
    );
}
