//! Tests of the case record: each change, its refusals, its audit trail, and storage round trips.

use super::*;
use crate::case::arbitrary::{self, at, worker};
use crate::case::parse_stored;
use proptest::prelude::*;

fn new_case() -> Case {
    let profile = ChildProfile { alias: "Estrella".into(), ..ChildProfile::default() };
    Case::new(Uuid::from_u128(1), profile, at(0), &worker())
}

fn actions(case: &Case) -> Vec<AuditAction> {
    case.audit_trail().iter().map(|e| e.action).collect()
}

#[test]
fn a_new_case_is_open_and_its_creation_is_audited() {
    let case = new_case();
    assert_eq!(case.id(), Uuid::from_u128(1));
    assert_eq!((case.created_at(), case.updated_at()), (at(0), at(0)));
    assert_eq!(case.status(), &CaseStatus::Open);
    assert_eq!(
        case.audit_trail(),
        &[AuditEvent { at: at(0), by: worker(), action: AuditAction::Created }]
    );
}

#[test]
fn each_change_is_audited_and_touches_the_case_but_saving_the_same_values_does_not() {
    let by = worker();
    let mut case = new_case();
    let mut profile = case.profile().clone();
    case.edit_profile(profile.clone(), at(1), &by);
    case.set_flags(BTreeSet::new(), at(1), &by);
    case.set_screened_risk(None, at(1), &by);
    case.record_item(ItemId::new("a"), ItemState::Done { at: at(0) }, at(1), &by);
    case.record_item(ItemId::new("a"), ItemState::Done { at: at(0) }, at(40), &by);
    assert_eq!(case.updated_at(), at(1));
    assert_eq!(actions(&case), [AuditAction::Created, AuditAction::Edited(CasePart::Procedure)]);

    profile.age.stated_years = Some(14);
    case.edit_profile(profile, at(50), &by);
    case.set_flags([FlagId::new("uasc.unaccompanied")].into(), at(51), &by);
    case.set_screened_risk(Some(RiskLevel::Medium), at(52), &by);
    assert!(case.add_note("Needs an interpreter for Mam.", at(53), &by));
    assert!(!case.add_note("   ", at(54), &by), "a blank note is not added");
    case.record_referral(at(55), &by);
    case.record_export(at(56), &by);
    assert!(case.clear_item(&ItemId::new("a"), at(57), &by));
    assert!(!case.clear_item(&ItemId::new("a"), at(58), &by));
    assert_eq!(case.updated_at(), at(57));
    assert_eq!(
        actions(&case)[2..],
        [
            AuditAction::Edited(CasePart::Profile),
            AuditAction::Edited(CasePart::Flags),
            AuditAction::Edited(CasePart::Risk),
            AuditAction::Edited(CasePart::Notes),
            AuditAction::Referred,
            AuditAction::Exported,
            AuditAction::Edited(CasePart::Procedure),
        ]
    );
    assert_eq!(case.notes().len(), 1);
    assert_eq!(case.profile().age.stated_years, Some(14));
}

#[test]
fn a_risk_override_needs_a_reason_and_then_applies_until_cleared() {
    let by = worker();
    let mut case = new_case();
    case.set_screened_risk(Some(RiskLevel::Low), at(1), &by);
    assert_eq!(
        case.override_risk(RiskLevel::High, "  ", at(2), &by),
        Err(ActionRefused::Invalid(ValidationIssue::RiskOverrideWithoutReason))
    );
    assert_eq!(case.risk().level(), Some(RiskLevel::Low));
    assert_eq!(case.audit_trail().len(), 2, "a refused override leaves no trace");

    assert_eq!(
        case.override_risk(RiskLevel::High, " Threats from the smuggler ", at(3), &by),
        Ok(())
    );
    assert_eq!(case.risk().level(), Some(RiskLevel::High));
    assert_eq!(
        case.risk().overridden.as_ref().map(|o| o.reason.as_str()),
        Some("Threats from the smuggler")
    );
    assert_eq!(actions(&case).last(), Some(&AuditAction::RiskOverridden));

    case.clear_risk_override(at(4), &by);
    assert_eq!(case.risk().level(), Some(RiskLevel::Low));
    assert_eq!(actions(&case).last(), Some(&AuditAction::Edited(CasePart::Risk)));
}

#[test]
fn consents_are_refused_in_the_future_kept_per_purpose_and_withdrawn() {
    let by = worker();
    let mut case = new_case();
    let refused = case.give_consent(
        ConsentPurpose::Referral,
        ConsentGiver::Child,
        ChildAssent::NotSought,
        at(10),
        at(5),
        &by,
    );
    assert_eq!(
        refused,
        Err(ActionRefused::Invalid(ValidationIssue::ConsentGivenInFuture {
            purpose: ConsentPurpose::Referral
        }))
    );
    assert!(case.consents().is_empty());

    let given = case.give_consent(
        ConsentPurpose::Referral,
        ConsentGiver::Parent,
        ChildAssent::Assented,
        at(1),
        at(5),
        &by,
    );
    assert_eq!(given, Ok(()));
    assert_eq!(
        case.consent_in_force(ConsentPurpose::Referral, at(6)).map(|c| c.given_by),
        Some(ConsentGiver::Parent)
    );
    assert!(case.consent_in_force(ConsentPurpose::FamilyTracing, at(6)).is_none());

    assert!(!case.withdraw_consent(ConsentPurpose::FamilyTracing, at(7), &by));
    assert!(case.withdraw_consent(ConsentPurpose::Referral, at(8), &by));
    assert!(case.consent_in_force(ConsentPurpose::Referral, at(9)).is_none());
    assert_eq!(case.consents().len(), 1, "the withdrawn consent stays on record");
    assert_eq!(case.consents()[0].withdrawn_at, Some(at(8)));
}

#[test]
fn closing_needs_a_reason_and_only_a_closed_case_reopens() {
    let by = worker();
    let mut case = new_case();
    assert_eq!(case.reopen("", at(1), &by), Err(ActionRefused::NotClosed));
    assert_eq!(
        case.close(ClosureReason::Other, " ", at(2), &by),
        Err(ActionRefused::Invalid(ValidationIssue::ClosedWithoutReason))
    );
    assert!(!case.status().is_closed());

    assert_eq!(case.close(ClosureReason::Transferred, "", at(3), &by), Ok(()));
    assert_eq!(
        case.status(),
        &CaseStatus::Closed {
            at: at(3),
            reason: Some(ClosureReason::Transferred),
            explanation: String::new()
        }
    );
    assert_eq!(
        case.close(ClosureReason::GoalsMet, "", at(4), &by),
        Err(ActionRefused::AlreadyClosed)
    );

    assert_eq!(case.reopen("Came back to the shelter", at(5), &by), Ok(()));
    assert_eq!(
        case.status(),
        &CaseStatus::Reopened { at: at(5), reason: "Came back to the shelter".into() }
    );
    assert_eq!(actions(&case)[1..], [AuditAction::Closed, AuditAction::Reopened]);
}

#[test]
fn refusals_explain_themselves() {
    assert_eq!(ActionRefused::AlreadyClosed.to_string(), "This case is already closed.");
    let invalid = ActionRefused::Invalid(ValidationIssue::ClosedWithoutReason);
    assert_eq!(invalid.to_string(), ValidationIssue::ClosedWithoutReason.english());
}

#[test]
fn the_stored_form_names_its_schema_version_and_refuses_any_other() {
    let json = serde_json::to_string(&new_case()).expect("a case serialises");
    assert!(
        json.starts_with(r#"{"schema_version":4,"id":"00000000-0000-0000-0000-000000000001","#),
        "{json}"
    );
    let older = json.replacen(r#""schema_version":4"#, r#""schema_version":3"#, 1);
    let err = serde_json::from_str::<Case>(&older).map(|_| ()).map_err(|e| e.to_string());
    assert!(err.is_err_and(|e| e.contains("read it through migrate")));
}

proptest! {
    #[test]
    fn any_case_survives_storage_unchanged(case in arbitrary::case()) {
        let json = serde_json::to_string(&case).expect("a case serialises");
        prop_assert_eq!(parse_stored(&json), Ok(case.clone()));
        let pretty = serde_json::to_string_pretty(&case).expect("a case serialises");
        prop_assert_eq!(serde_json::from_str::<Case>(&pretty).ok(), Some(case));
    }

    #[test]
    fn the_audit_trail_only_ever_grows(
        case in arbitrary::case(),
        changes in proptest::collection::vec(arbitrary::change(), 1..10),
    ) {
        let mut case = case;
        for (i, change) in changes.into_iter().enumerate() {
            let before = case.audit_trail().to_vec();
            let _ = arbitrary::apply(&mut case, change, at(1000 + 5 * i as i64), &worker());
            prop_assert!(case.audit_trail().starts_with(&before));
            prop_assert!(case.audit_trail().len() <= before.len() + 1);
        }
    }
}
