//! Engine scenarios, part 2: how answers open items, how progress and the next step move, and
//! how older or changed records stay readable.

use super::engine::{ItemProgress, StepRef};
use super::facts::{ChildAge, Outcomes};
use super::scenario_support::*;
use crate::vocabulary::{AccompanimentStatus::*, Country::*};

#[test]
fn an_interpreter_is_required_when_the_answer_or_a_flag_says_so() {
    let id = "first_contact.introduction.interpreter";
    let facts = case(ChildAge::Years(11), Accompanied, Some(Mexico), &[]);
    let mut outcomes = Outcomes::new();
    assert!(!run(&facts, &outcomes, opened()).applies(id));
    choose(&mut outcomes, "first_contact.introduction.language", "own_language", opened());
    assert!(!run(&facts, &outcomes, opened()).applies(id));
    choose(&mut outcomes, "first_contact.introduction.language", "interpreter_needed", opened());
    assert!(run(&facts, &outcomes, opened()).applies(id));
    let flagged = case(ChildAge::Years(11), Accompanied, Some(Mexico), &["language_barrier"]);
    assert!(run(&flagged, &Outcomes::new(), opened()).applies(id));
}

#[test]
fn the_next_step_moves_on_as_phases_are_completed() {
    let facts = case(ChildAge::Years(8), Accompanied, Some(Belize), &[]);
    let mut outcomes = Outcomes::new();
    done(&mut outcomes, "first_contact.safety.immediate_danger", opened());
    let status = run(&facts, &outcomes, opened());
    let safety = status.step("first_contact.safety").expect("safety");
    assert_eq!((safety.resolved, safety.required_open), (1, 2));
    assert_eq!(status.next_step.map(|s| s.step), Some("first_contact.safety"));

    complete_phase(&facts, &mut outcomes, "first_contact", &[], opened());
    let status = run(&facts, &outcomes, opened());
    assert!(status
        .phase("first_contact")
        .is_some_and(|p| p.steps.iter().all(|s| s.required_open == 0)));
    assert_eq!(status.next_step, Some(StepRef { phase: "screening", step: "screening.interview" }));

    complete_phase(&facts, &mut outcomes, "screening", &[], opened());
    let status = run(&facts, &outcomes, opened());
    assert_eq!(status.next_step.map(|s| s.step), Some("immediate_protection.liberty"));

    for phase in ["immediate_protection", "bia", "referral_plan", "follow_up", "closure"] {
        complete_phase(&facts, &mut outcomes, phase, &[("bia.urgency.urgent", "no")], opened());
    }
    assert_eq!(run(&facts, &outcomes, opened()).next_step, None);
}

#[test]
fn an_urgent_case_gets_the_short_assessment_before_the_full_one() {
    let facts = case(ChildAge::Years(7), Separated, Some(Nicaragua), &["urgent_health"]);
    let mut outcomes = Outcomes::new();
    choose(&mut outcomes, "bia.urgency.urgent", "no", opened());
    assert!(run(&facts, &outcomes, opened()).step("bia.short").is_none());
    choose(&mut outcomes, "bia.urgency.urgent", "yes", opened());
    let status = run(&facts, &outcomes, opened());
    assert_eq!(status.step("bia.short").map(|s| s.required_open), Some(3));
    assert!(status.applies("immediate_protection.care.urgent_care"));
}

#[test]
fn a_not_applicable_mark_needs_a_reason_and_answers_must_fit_the_item() {
    let facts = case(ChildAge::Years(14), Accompanied, Some(Mexico), &[]);
    let mut outcomes = Outcomes::new();
    not_applicable(&mut outcomes, "first_contact.safety.urgent_needs", "  ", opened());
    not_applicable(
        &mut outcomes,
        "first_contact.safety.red_flags",
        "Met with the family in a shelter",
        opened(),
    );
    done(&mut outcomes, "first_contact.introduction.language", opened());
    choose(&mut outcomes, "first_contact.registration.documents", "driving_licence", opened());
    let status = run(&facts, &outcomes, opened());
    let progress = |id: &str| status.item(id).map(|i| i.progress);
    assert_eq!(progress("first_contact.safety.urgent_needs"), Some(ItemProgress::NeedsAttention));
    assert_eq!(progress("first_contact.safety.red_flags"), Some(ItemProgress::NotApplicable));
    assert_eq!(progress("first_contact.introduction.language"), Some(ItemProgress::NeedsAttention));
    assert_eq!(
        progress("first_contact.registration.documents"),
        Some(ItemProgress::NeedsAttention)
    );
    assert_eq!(
        status.step("first_contact.safety").map(|s| (s.resolved, s.required_open)),
        Some((1, 2))
    );
}

#[test]
fn an_older_record_keeps_retired_outcomes_and_shows_new_items_open() {
    let facts = case(ChildAge::Years(15), Unaccompanied, Some(Panama), &[]);
    let mut outcomes = Outcomes::new();
    done(&mut outcomes, "first_contact.safety.immediate_danger", opened());
    done(&mut outcomes, "first_contact.safety.old_checklist_item", opened());
    choose(&mut outcomes, "screening.removed_question", "yes", opened());
    let status = run(&facts, &outcomes, opened());
    let retired: Vec<&str> = status.retired.iter().map(|(id, _)| *id).collect();
    assert_eq!(retired, ["first_contact.safety.old_checklist_item", "screening.removed_question"]);
    assert_eq!(
        status.item("first_contact.safety.immediate_danger").map(|i| i.progress),
        Some(ItemProgress::Done)
    );
    assert_eq!(
        status.item("first_contact.safety.red_flags").map(|i| i.progress),
        Some(ItemProgress::Open)
    );
    assert_eq!(status.step("first_contact.safety").map(|s| s.resolved), Some(1));
}

#[test]
fn lifting_a_flag_sets_its_recorded_items_aside_without_losing_them() {
    let mut outcomes = Outcomes::new();
    done(&mut outcomes, "immediate_protection.specialised.smuggling", opened());
    let flagged = case(ChildAge::Years(16), Separated, Some(CostaRica), &["smuggling"]);
    assert!(run(&flagged, &outcomes, opened()).no_longer_applicable.is_empty());
    let lifted = case(ChildAge::Years(16), Separated, Some(CostaRica), &[]);
    let status = run(&lifted, &outcomes, opened());
    assert_eq!(status.no_longer_applicable, ["immediate_protection.specialised.smuggling"]);
    assert!(status.retired.is_empty());
}

#[test]
fn a_person_of_eighteen_gets_no_age_band_guidance() {
    let facts = case(ChildAge::Years(18), Unaccompanied, Some(Mexico), &[]);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    assert_does_not_apply(
        &status,
        &[
            "first_contact.information.through_caregiver",
            "first_contact.information.confidentiality",
            "bia.hearing.young_child",
            "first_contact.age.presume_minority",
        ],
    );
}

#[test]
fn closing_answers_open_the_matching_checks() {
    let facts = case(ChildAge::Years(13), Unaccompanied, Some(UnitedStates), &[]);
    let mut outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    assert_does_not_apply(
        &status,
        &["closure.close.transfer", "closure.solution.return_safe", "closure.solution.us_sponsor"],
    );
    choose(&mut outcomes, "closure.solution.solution", "family_reunification", opened());
    choose(&mut outcomes, "closure.close.reason", "transferred", opened());
    let status = run(&facts, &outcomes, opened());
    assert_applies(&status, &["closure.solution.us_sponsor", "closure.close.transfer"]);
    choose(&mut outcomes, "closure.solution.solution", "return_reintegration", opened());
    let status = run(&facts, &outcomes, opened());
    assert_applies(&status, &["closure.solution.return_safe"]);
    assert_does_not_apply(
        &status,
        &["closure.solution.us_sponsor", "closure.solution.resettlement"],
    );
}
