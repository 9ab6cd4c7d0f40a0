//! The five forms `forms` builds and the fields added to the older documents: every field is
//! present in words ("not recorded" rather than a blank), the consents limit what travels, no
//! title holds a name, addresses round-trip and printing any of them is audited.

use super::address::{listed, make, DocumentRef};
use super::tests::{at, case_a, content, read};
use super::*;
use crate::case::{
    AgreedAction, AuditAction, BidReview, CaseConference, ChildAssent, ClosureReason, ConsentGiver,
    ConsentPurpose, FlagId, InterviewDetails, PanelMember, ReviewOutcome, RiskLevel, WorkerLabel,
};
use chrono::NaiveDate;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default()
}

/// Case A with everything the new forms read recorded.
fn full_case() -> Case {
    let by = WorkerLabel::new("AO-3");
    let mut case = case_a();
    case.set_screened_risk(Some(RiskLevel::Medium), at(2), &by);
    case.set_flags([FlagId::new("unaccompanied")].into(), at(2), &by);
    let _ = case.override_risk(RiskLevel::High, "Amenazas del grupo que la trajo", at(3), &by);
    case.record_interview(
        InterviewDetails {
            interviewer: "AO-3".into(),
            interpreter: "Intérprete de mam".into(),
            language: "mam".into(),
        },
        at(3),
        &by,
    );
    for (name, expertise) in [("Lic. Torres", "Derecho"), ("Dra. Ruiz", "Psicología")] {
        let member = PanelMember {
            name: name.into(),
            expertise: expertise.into(),
            undertaking_signed_on: Some(day(4)),
        };
        let _ = case.add_panel_member(member, at(4), &by);
    }
    let _ = case.add_conference(
        CaseConference {
            held_on: day(5),
            attended: vec!["AO-3".into(), "Procuraduría".into()],
            decided: "Verificar el vínculo con la tía".into(),
            actions: vec![AgreedAction {
                what: "Visita domiciliaria".into(),
                who: "DIF Monterrey".into(),
                by: Some(day(9)),
            }],
        },
        at(5),
        &by,
    );
    let _ = case.add_bid_review(
        BidReview {
            held_on: day(8),
            what_changed: "La tía perdió el empleo".into(),
            outcome: ReviewOutcome::Revised,
            revised_decision: "Familia de acogida mientras la tía se estabiliza".into(),
            next_review: Some(day(28)),
        },
        at(8),
        &by,
    );
    let _ = case.give_consent(
        ConsentPurpose::Referral,
        ConsentGiver::Guardian,
        ChildAssent::Assented,
        at(6),
        at(6),
        &by,
    );
    let _ = case.give_consent(
        ConsentPurpose::FamilyTracing,
        ConsentGiver::Child,
        ChildAssent::NotSought,
        at(6),
        at(6),
        &by,
    );
    case.withdraw_consent(ConsentPurpose::FamilyTracing, at(7), &by);
    case.record_consent_explanation(ConsentPurpose::Referral, "Qué hace el DIF", at(6), &by);
    let _ = case.close(ClosureReason::Transferred, "Pasa al DIF de Monterrey", at(9), &by);
    case
}

fn every_ref(case: &Case) -> Vec<DocumentRef> {
    let mut refs: Vec<DocumentRef> = DocumentKind::ALL.into_iter().map(DocumentRef::Kind).collect();
    refs.extend(listed(case).into_iter().map(|(r, _)| r));
    refs
}

fn doc(wanted: DocumentRef, case: &Case) -> Document {
    let (procedure, texts) = content();
    make(wanted, case, &procedure, &texts, at(10)).expect("the case has this document")
}

#[test]
fn every_field_of_every_document_is_present_in_words_with_no_blank() {
    let case = full_case();
    let refs = every_ref(&case);
    assert_eq!(refs.len(), 6 + 2 + 1 + 2 + 1, "kinds, undertakings, review, consents, conference");
    for wanted in refs {
        let d = doc(wanted, &case);
        let text = read(&d);
        assert!(!text.contains("MISSING"), "{wanted:?}: {text}");
        for line in text.lines().filter(|l| l.contains(": ")) {
            let value = line.split_once(": ").map_or("", |(_, v)| v);
            assert!(!value.trim().is_empty(), "{wanted:?} has a blank: {line}");
        }
        assert!(!d.signatures.is_empty(), "{wanted:?} has no signature line");
        // The content's draft status is printed on every document.
        assert!(text.contains("Borrador"), "{wanted:?} does not say the content is a draft");
    }
}

#[test]
fn nothing_recorded_reads_as_not_recorded() {
    let case = case_a();
    let text = read(&doc(DocumentRef::Kind(DocumentKind::Interview), &case));
    assert!(text.contains("Entrevistador o entrevistadora: Sin registrar"), "{text}");
    let closure = read(&doc(DocumentRef::Kind(DocumentKind::Closure), &case));
    assert!(closure.contains("El caso sigue abierto"), "{closure}");
}

#[test]
fn registration_interview_and_bia_carry_flags_risk_reasons_and_the_override_reason() {
    let case = full_case();
    for kind in
        [DocumentKind::Registration, DocumentKind::Interview, DocumentKind::BestInterestsAssessment]
    {
        let text = read(&doc(DocumentRef::Kind(kind), &case));
        assert!(text.contains("Niña o niño no acompañado"), "{kind:?}: flag");
        assert!(text.contains("Amenazas del grupo que la trajo"), "{kind:?}: override reason");
        assert!(
            text.contains("Nivel propuesto por la detección: Riesgo medio"),
            "{kind:?}: {text}"
        );
    }
    let interview = read(&doc(DocumentRef::Kind(DocumentKind::Interview), &case));
    assert!(interview.contains("Intérprete de mam") && interview.contains(": mam"));
    let bid = read(&doc(DocumentRef::Kind(DocumentKind::BestInterestsDetermination), &case));
    assert!(bid.contains("Lic. Torres") && bid.contains("Opinión de madre, padre, tutor"), "{bid}");
}

#[test]
fn the_undertaking_and_the_conference_record_name_the_case_by_number_only() {
    let case = full_case();
    for wanted in [DocumentRef::PanelUndertaking(1), DocumentRef::Conference(0)] {
        let text = read(&doc(wanted, &case));
        for personal in ["Maritza", "Estrellita", "hondureña", "Tapachula"] {
            assert!(!text.contains(personal), "{wanted:?} shows {personal}");
        }
        assert!(text.contains(&case_ref(&case)));
    }
    let undertaking = read(&doc(DocumentRef::PanelUndertaking(1), &case));
    assert!(undertaking.contains("Dra. Ruiz") && !undertaking.contains("Lic. Torres"));
    let conference = read(&doc(DocumentRef::Conference(0), &case));
    assert!(
        conference.contains("Visita domiciliaria, a cargo de DIF Monterrey, para el 2026-03-09")
    );
}

#[test]
fn the_transfer_form_carries_the_childs_details_only_under_consent_to_share_information() {
    let by = WorkerLabel::new("AO-3");
    let mut case = full_case();
    let without = read(&doc(DocumentRef::Kind(DocumentKind::Closure), &case));
    assert!(!without.contains("Estrellita") && without.contains("no hay consentimiento vigente"));
    assert!(without.contains("Transferido a otra organización"));
    let _ = case.give_consent(
        ConsentPurpose::InformationSharing,
        ConsentGiver::Guardian,
        ChildAssent::Assented,
        at(9),
        at(9),
        &by,
    );
    let with = read(&doc(DocumentRef::Kind(DocumentKind::Closure), &case));
    assert!(with.contains("Estrellita"), "{with}");
    case.withdraw_consent(ConsentPurpose::InformationSharing, at(10), &by);
    let withdrawn = read(&doc(DocumentRef::Kind(DocumentKind::Closure), &case));
    assert!(!withdrawn.contains("Estrellita"), "a withdrawn consent no longer lets it travel");
}

#[test]
fn a_consent_record_holds_only_its_own_purpose_with_its_withdrawal() {
    let case = full_case();
    let referral = read(&doc(DocumentRef::Consent(ConsentPurpose::Referral), &case));
    assert!(referral.contains("Qué hace el DIF") && referral.contains("una tutora o un tutor"));
    assert!(referral.contains("estuvo de acuerdo"), "{referral}");
    assert!(!referral.contains("búsqueda de la familia"), "{referral}");
    let tracing = read(&doc(DocumentRef::Consent(ConsentPurpose::FamilyTracing), &case));
    assert!(tracing.contains("Retirado el: 2026-03-07"), "{tracing}");
    assert!(tracing.contains("Qué se explicó: Sin registrar"), "{tracing}");
    assert!(!listed(&case)
        .iter()
        .any(|(r, _)| *r == DocumentRef::Consent(ConsentPurpose::Services)));
}

#[test]
fn a_revised_review_says_what_it_was_revised_to_and_when_the_next_review_is() {
    let text = read(&doc(DocumentRef::BidReview(0), &full_case()));
    assert!(text.contains("Revisada") && text.contains("Familia de acogida mientras"), "{text}");
    assert!(text.contains("2026-03-28") && text.contains("La tía perdió el empleo"));
}

#[test]
fn addresses_round_trip_and_printing_is_audited() {
    let mut case = full_case();
    for wanted in every_ref(&case) {
        assert_eq!(DocumentRef::parse(&wanted.slug()), Some(wanted));
        let d = doc(wanted, &case);
        assert_eq!(d.kind, wanted.kind());
        case.record_printed(d.kind, at(11), &WorkerLabel::new("LM-1"));
        let last = case.audit_trail().last().map(|e| e.action);
        assert_eq!(last, Some(AuditAction::Printed(d.kind)));
    }
    for nothing in ["undertaking-9", "conference-x", "consent-nothing", "bid-review-", ""] {
        let found = DocumentRef::parse(nothing);
        let (procedure, texts) = content();
        let built = found.and_then(|r| make(r, &case, &procedure, &texts, at(10)));
        assert!(built.is_none(), "{nothing:?} names no document of this case");
    }
}

#[test]
fn the_french_documents_print_french_content_marked_for_review() {
    let (procedure, _) = content();
    let fr = ProcedureTexts::parse("fr", include_str!("../../../content/procedure/fr.json"))
        .expect("fr");
    let case = full_case();
    let d = make(DocumentRef::Kind(DocumentKind::Interview), &case, &procedure, &fr, at(10))
        .expect("interview");
    use crate::ui_text::Part;
    for (part, json) in [
        (Part::Shell, include_str!("../../../content/ui/fr.json")),
        (Part::Common, include_str!("../../../content/ui/common/fr.json")),
        (Part::Cases, include_str!("../../../content/ui/cases/fr.json")),
    ] {
        crate::ui_text::install_part(crate::locale::Locale::Fr, part, json).expect("fr strings");
    }
    let lookup = |k: &str| match crate::ui_text::lookup(crate::locale::Locale::Fr, k) {
        crate::ui_text::Text::Own(s) => s.to_owned(),
        _ => format!("NOT-FRENCH[{k}]"),
    };
    let text: String = d
        .sections
        .iter()
        .flat_map(|s| {
            s.rows
                .iter()
                .map(|r| format!("{}: {}\n", r.label.resolve(&lookup), r.value.resolve(&lookup)))
        })
        .collect();
    assert!(!text.contains("NOT-FRENCH"), "{text}");
    assert!(text.contains("Entretien de repérage") || text.contains("Menez le repérage"), "{text}");
    assert!(text.contains("francophone"), "the draft note is printed");
}
