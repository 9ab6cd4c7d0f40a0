//! Engine scenarios, part 1: which phases, steps and items apply to children of different
//! ages, accompaniment statuses, flags and countries.

use super::engine::StepRef;
use super::facts::{AgeBand, ChildAge, Outcomes};
use super::scenario_support::*;
use crate::vocabulary::{AccompanimentStatus::*, Country::*};

#[test]
fn fifteen_year_old_alone_in_mexico_gets_guardian_dif_care_and_tracing() {
    let facts = case(ChildAge::Years(15), Unaccompanied, Some(Mexico), &[]);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    assert_applies(
        &status,
        &[
            "first_contact.notification.guardian",
            "first_contact.notification.mx_procuraduria",
            "first_contact.accompaniment.parents_whereabouts",
            "first_contact.information.confidentiality",
            "immediate_protection.care.interim_care",
            "immediate_protection.care.mx_dif",
            "immediate_protection.family.tracing",
            "bia.conclusion.mx_restitution_plan",
            "closure.solution.rests_on_bid",
            "first_contact.notification.legal_representation",
            // Fear of return has not been ruled out: no contact with the country of origin.
            "first_contact.notification.origin_contact_gate",
        ],
    );
    assert_does_not_apply(
        &status,
        &[
            "first_contact.information.through_caregiver",
            "first_contact.accompaniment.relationship",
            "first_contact.age.presume_minority",
            "immediate_protection.care.stay_with_family",
            "immediate_protection.family.tracing_young",
            "immediate_protection.asylum.referral",
            "bia.short.risks",
            "first_contact.notification.consular",
            // No BID from day one: it comes with the choice of a durable solution.
            "bid.preparation.origin_and_destination",
        ],
    );
    assert_eq!(
        status.next_step,
        Some(StepRef { phase: "first_contact", step: "first_contact.safety" })
    );
    assert!(status.phase("bid").is_some_and(|p| !p.applies));
}

#[test]
fn four_year_old_detained_with_her_mother_in_guatemala_is_released_with_the_family() {
    let facts = case(ChildAge::Years(4), Accompanied, Some(Guatemala), &["deprivation_of_liberty"]);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    assert_applies(
        &status,
        &[
            "first_contact.information.through_caregiver",
            "first_contact.accompaniment.relationship",
            "immediate_protection.liberty.not_detained",
            "immediate_protection.liberty.release",
            "immediate_protection.care.stay_with_family",
            "bia.hearing.young_child",
        ],
    );
    assert_does_not_apply(
        &status,
        &[
            "first_contact.notification.guardian",
            "first_contact.information.confidentiality",
            "immediate_protection.care.interim_care",
            "immediate_protection.family.tracing",
            "follow_up.review.bid_review",
        ],
    );
    let bid = status.phase("bid").expect("bid phase listed");
    assert!(!bid.applies && bid.steps.is_empty());
    let liberty = status.step("immediate_protection.liberty").expect("liberty step");
    assert_eq!((liberty.items.len(), liberty.required_open), (2, 2));
}

#[test]
fn unknown_age_with_no_estimate_is_presumed_an_adolescent_minor() {
    let facts = case(ChildAge::Unknown { apparent_band: None }, Separated, Some(Honduras), &[]);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    assert_applies(
        &status,
        &[
            "first_contact.age.presume_minority",
            "first_contact.age.age_assessment",
            "first_contact.information.confidentiality",
            "first_contact.notification.guardian",
        ],
    );
    assert_does_not_apply(
        &status,
        &["first_contact.information.through_caregiver", "bia.hearing.young_child"],
    );
    // The age assessment is offered, not required: two required items in the age step.
    let age = status.step("first_contact.age").expect("age step");
    assert_eq!((age.items.len(), age.required_open), (3, 2));
}

#[test]
fn unknown_age_estimated_under_six_alone_in_panama_gets_urgent_tracing_and_play_based_hearing() {
    let facts = case(
        ChildAge::Unknown { apparent_band: Some(AgeBand::UnderSix) },
        Unaccompanied,
        Some(Panama),
        &[],
    );
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    assert_applies(
        &status,
        &[
            "first_contact.age.presume_minority",
            "first_contact.information.through_caregiver",
            "immediate_protection.family.tracing_young",
            "first_contact.notification.origin_contact_gate",
            "bia.hearing.young_child",
        ],
    );
    // Kinship checks through the embassies wait until fear of return is ruled out.
    assert_does_not_apply(&status, &["immediate_protection.family.pa_kinship"]);
    assert_does_not_apply(&status, &["first_contact.information.confidentiality"]);
}

#[test]
fn adolescent_fleeing_a_gang_in_el_salvador_gets_the_asylum_step_and_no_consular_contact() {
    let facts =
        case(ChildAge::Years(16), Accompanied, Some(ElSalvador), &["international_protection"]);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    let asylum = status.step("immediate_protection.asylum").expect("asylum step applies");
    let ids: Vec<&str> = asylum.items.iter().map(|i| i.id).collect();
    assert_eq!(
        ids,
        [
            "immediate_protection.asylum.referral",
            "immediate_protection.asylum.no_contact_origin",
            "immediate_protection.asylum.entry_date",
            "immediate_protection.asylum.sv_application",
        ]
    );
    assert_eq!(asylum.required_open, 4);
    assert_does_not_apply(
        &status,
        &["first_contact.notification.consular", "immediate_protection.family.tracing"],
    );
}

#[test]
fn nine_year_old_with_an_unrelated_adult_in_the_dominican_republic_flags_trafficking() {
    let facts = case(ChildAge::Years(9), Accompanied, Some(DominicanRepublic), &["trafficking"]);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    assert_applies(
        &status,
        &[
            "first_contact.accompaniment.relationship",
            "immediate_protection.specialised.trafficking",
            "first_contact.notification.origin_contact_gate",
            // Confidentiality and its limits are explained to 6-11 too.
            "first_contact.information.confidentiality",
        ],
    );
    assert_does_not_apply(
        &status,
        &[
            "immediate_protection.specialised.mx_trafficking_report",
            "first_contact.information.through_caregiver",
            "first_contact.notification.consular",
        ],
    );
    assert!(!status.bid.is_required());
}

#[test]
fn trafficking_in_mexico_adds_a_reporting_route_marked_verify_locally() {
    let facts = case(ChildAge::Years(14), Unaccompanied, Some(Mexico), &["trafficking"]);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    let id = "immediate_protection.specialised.mx_trafficking_report";
    assert!(status.applies(id));
    assert!(content().item(id).is_some_and(|p| p.item.verify_locally));
}

#[test]
fn thirteen_year_old_survivor_of_violence_in_costa_rica_is_referred_only_with_consent() {
    let facts =
        case(ChildAge::Years(13), Separated, Some(CostaRica), &["gbv", "international_protection"]);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    assert_applies(
        &status,
        &[
            "first_contact.introduction.interviewer_gender",
            "immediate_protection.specialised.gbv",
            "referral_plan.referrals.gbv_consent",
            "immediate_protection.asylum.cr_protocol",
        ],
    );
    assert_does_not_apply(&status, &["immediate_protection.asylum.sv_application"]);
    // The interviewer's sex is offered, not required.
    assert!(status
        .item("first_contact.introduction.interviewer_gender")
        .is_some_and(|i| !i.required));
}

#[test]
fn returned_children_follow_their_own_countrys_reception_route() {
    let outcomes = Outcomes::new();
    let gt = case(ChildAge::Years(12), Unaccompanied, Some(Guatemala), &["returned_child"]);
    let status = run(&gt, &outcomes, opened());
    assert_applies(
        &status,
        &[
            "immediate_protection.specialised.returned",
            "immediate_protection.specialised.returned_gt",
        ],
    );
    assert_does_not_apply(&status, &["immediate_protection.specialised.returned_hn"]);
    let hn = case(ChildAge::Years(12), Unaccompanied, Some(Honduras), &["returned_child"]);
    let status = run(&hn, &outcomes, opened());
    assert_applies(&status, &["immediate_protection.specialised.returned_hn"]);
    assert_does_not_apply(&status, &["immediate_protection.specialised.returned_gt"]);
}

#[test]
fn seventeen_year_old_claimant_in_canada_needs_a_designated_representative() {
    let facts =
        case(ChildAge::Years(17), Unaccompanied, Some(Canada), &["international_protection"]);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    assert_applies(
        &status,
        &[
            "immediate_protection.asylum.ca_representative",
            "first_contact.information.confidentiality",
        ],
    );
    assert_does_not_apply(
        &status,
        &["immediate_protection.asylum.entry_date", "immediate_protection.family.pa_kinship"],
    );
}

#[test]
fn a_case_without_a_country_gets_no_country_specific_items() {
    let facts = case(
        ChildAge::Years(10),
        Unaccompanied,
        None,
        &["international_protection", "trafficking", "returned_child"],
    );
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    let country_items: Vec<String> = applicable(&status)
        .into_iter()
        .filter(|id| {
            id.rsplit('.').next().is_some_and(|n| {
                ["mx_", "sv_", "ca_", "cr_", "pa_", "bz_", "us_"].iter().any(|p| n.starts_with(p))
                    || n.ends_with("_gt")
                    || n.ends_with("_hn")
            })
        })
        .collect();
    assert_eq!(country_items, Vec::<String>::new());
    assert!(status.applies("immediate_protection.asylum.referral"));
}
