//! Tests of each validation rule, both ways, and of the issues' codes, keys and messages.

use super::*;
use crate::case::arbitrary::{at, worker};
use crate::case::{ChildAssent, ChildProfile, ConsentGiver, RiskLevel, RiskOverride};
use chrono::Duration;
use uuid::Uuid;

/// Opened at(0) = 2026-03-10.
fn case_with(profile: ChildProfile) -> Case {
    Case::new(Uuid::from_u128(9), profile, at(0), &worker())
}

fn named() -> ChildProfile {
    ChildProfile { given_names: "Ana".into(), ..ChildProfile::default() }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn issues_with_age(
    stated: Option<u8>,
    dob: Option<NaiveDate>,
    reason: &str,
    now: DateTime<Utc>,
) -> Vec<ValidationIssue> {
    let mut profile = named();
    profile.age.stated_years = stated;
    profile.age.date_of_birth = dob;
    profile.age.reason_over_17 = reason.into();
    validate(&case_with(profile), now)
}

#[test]
fn a_named_case_has_no_issues() {
    assert_eq!(validate(&case_with(named()), at(0)), []);
}

#[test]
fn a_date_of_birth_after_today_is_reported_and_today_is_not() {
    let today = at(0).date_naive();
    assert_eq!(
        issues_with_age(None, today.succ_opt(), "", at(0)),
        [ValidationIssue::DateOfBirthInFuture]
    );
    assert_eq!(issues_with_age(None, Some(today), "", at(0)), []);
}

#[test]
fn an_age_over_17_needs_a_reason() {
    assert_eq!(
        issues_with_age(Some(18), None, "", at(0)),
        [ValidationIssue::AgeOver17WithoutReason]
    );
    assert_eq!(
        issues_with_age(Some(18), None, "  ", at(0)),
        [ValidationIssue::AgeOver17WithoutReason]
    );
    assert_eq!(
        issues_with_age(Some(18), None, "Presumed minor until the age assessment", at(0)),
        []
    );
    assert_eq!(issues_with_age(Some(17), None, "", at(0)), []);
}

#[test]
fn a_stated_age_must_match_the_date_of_birth_as_time_passes() {
    // Born 2011-03-15: 14 when the case opens on 2026-03-10, 15 from 2026-03-15.
    let dob = Some(date(2011, 3, 15));
    assert_eq!(issues_with_age(Some(14), dob, "", at(0)), []);
    assert_eq!(
        issues_with_age(Some(12), dob, "", at(0)),
        [ValidationIssue::AgeContradictsDateOfBirth]
    );
    assert_eq!(
        issues_with_age(Some(15), dob, "", at(0)),
        [ValidationIssue::AgeContradictsDateOfBirth]
    );
    let a_week_later = at(0) + Duration::days(7);
    assert_eq!(issues_with_age(Some(14), dob, "", a_week_later), [], "stated at opening");
    assert_eq!(issues_with_age(Some(15), dob, "", a_week_later), [], "stated after the birthday");
    assert_eq!(
        issues_with_age(Some(16), dob, "", a_week_later),
        [ValidationIssue::AgeContradictsDateOfBirth]
    );
}

#[test]
fn a_future_date_of_birth_is_not_also_reported_as_a_contradiction() {
    let dob = at(0).date_naive().succ_opt();
    assert_eq!(issues_with_age(Some(3), dob, "", at(0)), [ValidationIssue::DateOfBirthInFuture]);
}

#[test]
fn a_case_with_nothing_recorded_is_empty_and_any_one_fact_is_enough() {
    let by = worker();
    let mut case = case_with(ChildProfile::default());
    assert_eq!(validate(&case, at(0)), [ValidationIssue::EmptyCase]);
    case.set_flags(
        [crate::case::FlagId::new("trafficking.documents_held_by_adult")].into(),
        at(1),
        &by,
    );
    assert_eq!(validate(&case, at(1)), [], "a volunteer's case may hold only flags");

    let mut noted = case_with(ChildProfile::default());
    noted.add_note("Met at the bus station", at(1), &by);
    assert_eq!(validate(&noted, at(1)), []);

    let alias_only = ChildProfile { alias: "Estrella".into(), ..ChildProfile::default() };
    assert_eq!(validate(&case_with(alias_only), at(0)), []);
}

#[test]
fn a_consent_dated_after_now_is_reported_once_per_purpose() {
    let mut case = case_with(named());
    let future = at(60);
    for purpose in [ConsentPurpose::Referral, ConsentPurpose::Referral, ConsentPurpose::Services] {
        case.consents.push(crate::case::Consent {
            purpose,
            given_by: ConsentGiver::Child,
            child_assent: ChildAssent::NotSought,
            given_at: future,
            withdrawn_at: None,
        });
    }
    assert_eq!(
        validate(&case, at(30)),
        [
            ValidationIssue::ConsentGivenInFuture { purpose: ConsentPurpose::Services },
            ValidationIssue::ConsentGivenInFuture { purpose: ConsentPurpose::Referral },
        ]
    );
    assert_eq!(validate(&case, future), [], "no longer in the future");
}

#[test]
fn a_closed_case_needs_a_reason() {
    let mut case = case_with(named());
    case.status = CaseStatus::Closed { at: at(1), reason: None, explanation: String::new() };
    assert_eq!(validate(&case, at(1)), [ValidationIssue::ClosedWithoutReason]);
    case.status = CaseStatus::Closed {
        at: at(1),
        reason: Some(ClosureReason::Other),
        explanation: " ".into(),
    };
    assert_eq!(validate(&case, at(1)), [ValidationIssue::ClosedWithoutReason]);
    case.status = CaseStatus::Closed {
        at: at(1),
        reason: Some(ClosureReason::Other),
        explanation: "Moved".into(),
    };
    assert_eq!(validate(&case, at(1)), []);
    case.status = CaseStatus::Closed {
        at: at(1),
        reason: Some(ClosureReason::GoalsMet),
        explanation: String::new(),
    };
    assert_eq!(validate(&case, at(1)), []);
}

#[test]
fn a_risk_override_needs_a_reason() {
    let mut case = case_with(named());
    let mut o =
        RiskOverride { level: RiskLevel::High, reason: String::new(), by: worker(), at: at(1) };
    case.risk.overridden = Some(o.clone());
    assert_eq!(validate(&case, at(1)), [ValidationIssue::RiskOverrideWithoutReason]);
    o.reason = "Disclosed threats".into();
    case.risk.overridden = Some(o);
    assert_eq!(validate(&case, at(1)), []);
}

#[test]
fn codes_and_keys_are_stable_and_unique_and_messages_quote_no_content() {
    let all = [
        ValidationIssue::DateOfBirthInFuture,
        ValidationIssue::AgeOver17WithoutReason,
        ValidationIssue::AgeContradictsDateOfBirth,
        ValidationIssue::EmptyCase,
        ValidationIssue::ConsentGivenInFuture { purpose: ConsentPurpose::FamilyTracing },
        ValidationIssue::ClosedWithoutReason,
        ValidationIssue::RiskOverrideWithoutReason,
        ValidationIssue::OnlyUnrelatedAdults,
    ];
    let keys: Vec<&str> = all.iter().map(|i| i.message_key()).collect();
    assert_eq!(keys, ValidationIssue::MESSAGE_KEYS);
    for issue in all {
        assert_eq!(issue.message_key(), format!("validation.{}", issue.code()));
        assert!(issue.english().ends_with('.'));
        assert_eq!(issue.to_string(), issue.english());
    }
    assert_eq!(ValidationIssue::DateOfBirthInFuture.code(), "dob_in_future");
    assert_eq!(
        ValidationIssue::ConsentGivenInFuture { purpose: ConsentPurpose::FamilyTracing }.english(),
        "The consent for family tracing is dated in the future."
    );
}

#[test]
fn a_device_clock_set_back_does_not_make_a_consistent_age_contradict() {
    // Opened (by the device's clock) on 2026-03-20, after the 15th birthday; validated on 03-10.
    let mut profile = named();
    profile.age.stated_years = Some(15);
    profile.age.date_of_birth = Some(date(2011, 3, 15));
    let case =
        Case::new(Uuid::from_u128(9), profile.clone(), at(0) + Duration::days(10), &worker());
    assert_eq!(validate(&case, at(0)), []);
    profile.age.stated_years = Some(13);
    let case = Case::new(Uuid::from_u128(9), profile, at(0) + Duration::days(10), &worker());
    assert_eq!(validate(&case, at(0)), [ValidationIssue::AgeContradictsDateOfBirth]);
}

#[test]
fn a_child_recorded_with_only_unrelated_adults_is_reported_as_unaccompanied() {
    use crate::case::{AccompanyingAdult, Relationship};
    use crate::vocabulary::AccompanimentStatus;
    let unrelated = AccompanyingAdult { relationship: Relationship::Unrelated, verified: false };
    let mut profile = named();
    profile.accompaniment.status = AccompanimentStatus::Accompanied;
    profile.accompaniment.with.push(unrelated);
    assert_eq!(
        validate(&case_with(profile.clone()), at(0)),
        [ValidationIssue::OnlyUnrelatedAdults]
    );
    // Recorded as unaccompanied, it is consistent; a relative among the adults, too.
    profile.accompaniment.status = AccompanimentStatus::Unaccompanied;
    assert!(validate(&case_with(profile.clone()), at(0)).is_empty());
    profile.accompaniment.status = AccompanimentStatus::Separated;
    profile
        .accompaniment
        .with
        .push(AccompanyingAdult { relationship: Relationship::OtherRelative, verified: false });
    assert!(validate(&case_with(profile), at(0)).is_empty());
}
