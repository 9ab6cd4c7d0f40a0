//! Engine scenarios, part 3: when a best-interests determination is required and why, and the
//! deadlines that follow from the procedure — sourced, "verify locally" or set by the country
//! settings — including met, late, overdue and waived ones.

use super::deadlines::{DeadlineBasis, DeadlineStatus, Due, LocalTimelines};
use super::engine::evaluate;
use super::facts::{ChildAge, Outcomes};
use super::scenario_support::*;
use crate::vocabulary::{AccompanimentStatus::*, Country::*};

#[test]
fn an_unaccompanied_or_separated_child_needs_a_bid_once_a_durable_solution_is_being_chosen() {
    // Not from day one: the 2008 trigger is the choice of a durable solution (SOURCES a2).
    let none = Outcomes::new();
    let mut durable = Outcomes::new();
    choose(&mut durable, "bia.conclusion.decision_type", "durable_solution", opened());
    for status in [Unaccompanied, Separated] {
        let facts = case(ChildAge::Years(12), status, Some(Mexico), &[]);
        assert!(!run(&facts, &none, opened()).bid.is_required(), "{status:?} on day one");
        let result = run(&facts, &durable, opened());
        assert_eq!(result.bid.reason_ids(), ["durable_solution_uasc"], "{status:?}");
        // The 2021 triggers are unverified and a national authority may decide instead.
        assert!(result.bid.needs_local_verification());
    }
    // Choosing the solution at closure triggers it too.
    let mut at_closure = Outcomes::new();
    choose(&mut at_closure, "closure.solution.solution", "family_reunification", opened());
    let facts = case(ChildAge::Years(12), Unaccompanied, Some(Mexico), &[]);
    assert_eq!(run(&facts, &at_closure, opened()).bid.reason_ids(), ["durable_solution_uasc"]);
    // Screening can raise the status before the case record is updated.
    let flagged = case(ChildAge::Years(12), NotYetKnown, Some(Mexico), &["separated"]);
    assert_eq!(run(&flagged, &durable, opened()).bid.reason_ids(), ["durable_solution_uasc"]);
    let unknown = case(ChildAge::Years(12), NotYetKnown, Some(Mexico), &[]);
    assert!(!run(&unknown, &durable, opened()).bid.is_required());
}

#[test]
fn an_accompanied_child_needs_a_bid_once_separation_from_parents_is_considered() {
    let facts = case(ChildAge::Years(6), Accompanied, Some(Guatemala), &["gbv"]);
    let mut outcomes = Outcomes::new();
    let before = run(&facts, &outcomes, opened());
    assert!(!before.bid.is_required());
    assert!(
        !before.applies("follow_up.review.bid_review") && before.deadline("bid_review").is_none()
    );

    choose(&mut outcomes, "bia.conclusion.decision_type", "separation_from_parents", opened());
    let after = run(&facts, &outcomes, opened());
    assert_eq!(after.bid.reason_ids(), ["separation_from_parents"]);
    assert!(after.phase("bid").is_some_and(|p| p.applies));
    assert!(
        after.applies("bid.panel.confidentiality") && after.applies("follow_up.review.bid_review")
    );
    // No cross-border comparison is asked for a child who is with their family.
    assert!(!after.applies("bid.preparation.origin_and_destination"));
}

#[test]
fn a_temporary_care_decision_triggers_a_bid_only_for_a_child_without_parents_and_is_to_verify() {
    let mut outcomes = Outcomes::new();
    choose(&mut outcomes, "bia.conclusion.decision_type", "temporary_care_exceptional", opened());
    let accompanied = case(ChildAge::Years(10), Accompanied, Some(Honduras), &[]);
    assert!(!run(&accompanied, &outcomes, opened()).bid.is_required());
    let separated = case(ChildAge::Years(10), Separated, Some(Honduras), &[]);
    let status = run(&separated, &outcomes, opened());
    assert_eq!(status.bid.reason_ids(), ["temporary_care_exceptional"]);
    assert!(status.bid.needs_local_verification());
}

#[test]
fn an_unaccompanied_child_has_these_deadlines_on_the_first_day() {
    let facts = case(ChildAge::Years(15), Unaccompanied, Some(Belize), &[]);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    let summary: Vec<(&str, Due, DeadlineBasis, DeadlineStatus)> =
        status.deadlines.iter().map(|d| (d.id(), d.due, d.basis, d.status)).collect();
    assert_eq!(
        summary,
        [
            (
                "notify_authority",
                Due::AsSoonAsPossible { since: opened() },
                DeadlineBasis::Sourced,
                DeadlineStatus::Open
            ),
            (
                "guardian",
                Due::AsSoonAsPossible { since: opened() },
                DeadlineBasis::Sourced,
                DeadlineStatus::Open
            ),
            (
                "tracing",
                Due::AsSoonAsPossible { since: opened() },
                DeadlineBasis::Sourced,
                DeadlineStatus::Open
            ),
            ("care_plan", Due::On(day(2025, 3, 17)), DeadlineBasis::Sourced, DeadlineStatus::Open),
            (
                "first_follow_up",
                Due::WaitingFor { item: "referral_plan.case_plan.agreed" },
                DeadlineBasis::VerifyLocally,
                DeadlineStatus::Open
            ),
            // No BID review yet: no BID is required before a durable solution is chosen.
        ]
    );
}

#[test]
fn the_care_plan_is_due_two_weeks_after_opening_and_can_be_met_late_or_be_overdue() {
    let facts = case(ChildAge::Years(9), Accompanied, Some(Panama), &[]);
    let mut outcomes = Outcomes::new();
    let care_plan = |outcomes: &Outcomes, today| {
        run(&facts, outcomes, today).deadline("care_plan").map(|d| d.status)
    };
    assert_eq!(care_plan(&outcomes, day(2025, 3, 17)), Some(DeadlineStatus::Open));
    assert_eq!(
        care_plan(&outcomes, day(2025, 3, 20)),
        Some(DeadlineStatus::Overdue { days_late: 3 })
    );
    done(&mut outcomes, "referral_plan.case_plan.agreed", day(2025, 3, 12));
    assert_eq!(
        care_plan(&outcomes, day(2025, 3, 20)),
        Some(DeadlineStatus::Met { on: day(2025, 3, 12), late: false })
    );
    done(&mut outcomes, "referral_plan.case_plan.agreed", day(2025, 3, 19));
    assert_eq!(
        care_plan(&outcomes, day(2025, 3, 20)),
        Some(DeadlineStatus::Met { on: day(2025, 3, 19), late: true })
    );
}

#[test]
fn country_settings_replace_a_timeline_and_say_so() {
    let facts = case(ChildAge::Years(11), Separated, Some(CostaRica), &[]);
    let mut outcomes = Outcomes::new();
    done(&mut outcomes, "referral_plan.case_plan.agreed", day(2025, 3, 12));
    let local = LocalTimelines::default().with("care_plan", 7).with("first_follow_up", 30);
    let status = evaluate(content(), &facts, &outcomes, &local, day(2025, 3, 12));
    let care_plan = status.deadline("care_plan").expect("care plan");
    assert_eq!(
        (care_plan.due, care_plan.basis),
        (Due::On(day(2025, 3, 10)), DeadlineBasis::LocalSetting)
    );
    assert_eq!(care_plan.status, DeadlineStatus::Met { on: day(2025, 3, 12), late: true });
    let follow_up = status.deadline("first_follow_up").expect("follow-up");
    assert_eq!(
        (follow_up.due, follow_up.basis),
        (Due::On(day(2025, 4, 11)), DeadlineBasis::LocalSetting)
    );
    // Without a setting no source gives the follow-up a timeline, so none is made up.
    let unset = run(&facts, &outcomes, day(2025, 3, 12));
    assert_eq!(
        unset.deadline("first_follow_up").map(|d| (d.due, d.basis)),
        Some((Due::NotSet, DeadlineBasis::VerifyLocally))
    );
}

#[test]
fn the_salvadoran_asylum_window_counts_five_working_days_from_entry_and_is_to_verify() {
    let facts =
        case(ChildAge::Years(16), Unaccompanied, Some(ElSalvador), &["international_protection"]);
    let mut outcomes = Outcomes::new();
    let window = |outcomes: &Outcomes, today| {
        let status = run(&facts, outcomes, today);
        status.deadline("sv_asylum_application").map(|d| (d.due, d.basis, d.status))
    };
    assert_eq!(
        window(&outcomes, opened()),
        Some((
            Due::WaitingFor { item: "immediate_protection.asylum.entry_date" },
            DeadlineBasis::VerifyLocally,
            DeadlineStatus::Open
        ))
    );
    // Entered on Friday 28 February: five working days later is Friday 7 March.
    give_date(&mut outcomes, "immediate_protection.asylum.entry_date", day(2025, 2, 28), opened());
    assert_eq!(
        window(&outcomes, day(2025, 3, 10)),
        Some((
            Due::On(day(2025, 3, 7)),
            DeadlineBasis::VerifyLocally,
            DeadlineStatus::Overdue { days_late: 3 }
        ))
    );
    done(&mut outcomes, "immediate_protection.asylum.sv_application", day(2025, 3, 6));
    assert_eq!(
        window(&outcomes, day(2025, 3, 10)).map(|w| w.2),
        Some(DeadlineStatus::Met { on: day(2025, 3, 6), late: false })
    );
    // Elsewhere the window does not exist.
    let mexico =
        case(ChildAge::Years(16), Unaccompanied, Some(Mexico), &["international_protection"]);
    assert!(run(&mexico, &outcomes, opened()).deadline("sv_asylum_application").is_none());
}

#[test]
fn the_bid_review_falls_due_on_the_date_the_panel_set() {
    let facts = case(ChildAge::Years(14), Separated, Some(Mexico), &[]);
    let mut outcomes = Outcomes::new();
    choose(&mut outcomes, "bia.conclusion.decision_type", "durable_solution", day(2025, 3, 20));
    give_date(&mut outcomes, "bid.decision.review_date", day(2025, 9, 1), day(2025, 4, 1));
    let review = |outcomes: &Outcomes, today| {
        run(&facts, outcomes, today).deadline("bid_review").map(|d| (d.due, d.status))
    };
    assert_eq!(
        review(&outcomes, day(2025, 9, 2)),
        Some((Due::On(day(2025, 9, 1)), DeadlineStatus::Overdue { days_late: 1 }))
    );
    done(&mut outcomes, "follow_up.review.bid_review", day(2025, 9, 1));
    assert_eq!(
        review(&outcomes, day(2025, 9, 2)).map(|r| r.1),
        Some(DeadlineStatus::Met { on: day(2025, 9, 1), late: false })
    );
}

#[test]
fn a_deadline_is_waived_only_with_a_reason() {
    let facts = case(ChildAge::Years(5), Unaccompanied, Some(Nicaragua), &[]);
    let mut outcomes = Outcomes::new();
    not_applicable(&mut outcomes, "immediate_protection.family.tracing", "", opened());
    let tracing =
        |outcomes: &Outcomes| run(&facts, outcomes, opened()).deadline("tracing").map(|d| d.status);
    assert_eq!(tracing(&outcomes), Some(DeadlineStatus::Open));
    not_applicable(
        &mut outcomes,
        "immediate_protection.family.tracing",
        "Mother found at the shelter the same day",
        opened(),
    );
    assert_eq!(tracing(&outcomes), Some(DeadlineStatus::Waived));
}

#[test]
fn a_detained_child_has_a_release_deadline_from_first_contact() {
    let mut facts =
        case(ChildAge::Years(13), Accompanied, Some(UnitedStates), &["deprivation_of_liberty"]);
    facts.first_contact = day(2025, 3, 1);
    let outcomes = Outcomes::new();
    let status = run(&facts, &outcomes, opened());
    let release = status.deadline("release_from_detention").expect("release deadline");
    assert_eq!(
        (release.due, release.basis),
        (Due::AsSoonAsPossible { since: day(2025, 3, 1) }, DeadlineBasis::Sourced)
    );
    assert!(status.deadline("guardian").is_none() && status.deadline("tracing").is_none());
}
