//! Documents from invented fixture cases: the case's content is there, nothing of another case
//! is, the title holds no personal data, every label exists in the UI strings, and printing
//! leaves an audit entry.

use super::*;
use crate::case::{
    Accompaniment, AccompanyingAdult, Age, AgeBasis, AuditAction, ChildProfile, FirstContact,
    ItemState, Relationship, Sex, WorkerLabel,
};
use crate::locale::Locale;
use crate::procedure::{Procedure, ProcedureTexts};
use crate::ui_text::{self, Text as UiText};
use crate::vocabulary::{AccompanimentStatus, Country};
use chrono::{DateTime, TimeZone, Utc};
use uuid::Uuid;

pub(super) fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 10, 0, 0).single().unwrap_or_default()
}

pub(super) fn content() -> (Procedure, ProcedureTexts) {
    (
        Procedure::parse(include_str!("../../../content/procedure/structure.json"))
            .expect("structure"),
        ProcedureTexts::parse("es", include_str!("../../../content/procedure/es.json"))
            .expect("texts"),
    )
}

/// An invented case; `answers` are (item, text) pairs recorded as text answers.
pub(super) fn fixture(
    n: u128,
    name: &str,
    alias: &str,
    nationality: &str,
    answers: &[(&str, &str)],
) -> Case {
    let by = WorkerLabel::new("AO-3");
    let profile = ChildProfile {
        given_names: name.into(),
        alias: alias.into(),
        sex: Some(Sex::Female),
        age: Age { stated_years: Some(14), basis: Some(AgeBasis::StatedByChild), ..Age::default() },
        nationality_stated: nationality.into(),
        languages: vec!["español".into()],
        accompaniment: Accompaniment {
            status: AccompanimentStatus::Unaccompanied,
            with: vec![AccompanyingAdult {
                relationship: Relationship::Unrelated,
                verified: false,
            }],
        },
        first_contact: FirstContact { country: Some(Country::Mexico), place: "Tapachula".into() },
        ..ChildProfile::default()
    };
    let mut case = Case::new(Uuid::from_u128(n), profile, at(1), &by);
    for (item, text) in answers {
        let state = ItemState::Answered { value: Answer::Text((*text).into()), at: at(2) };
        case.record_item(ItemId::new(*item), state, at(2), &by);
    }
    case.record_item(
        ItemId::new("bid.panel.confidentiality"),
        ItemState::Done { at: at(3) },
        at(3),
        &by,
    );
    case.record_item(
        ItemId::new("bia.hearing.young_child"),
        ItemState::NotApplicable { reason: "Tiene 14 años".into(), at: at(3) },
        at(3),
        &by,
    );
    case.add_note("Visita: la tía confirma la dirección del albergue", at(4), &by);
    case
}

pub(super) fn case_a() -> Case {
    fixture(
        0xA,
        "Maritza Elizabeth",
        "Estrellita",
        "hondureña",
        &[
            ("bia.views.facts", "Quiere reunirse con su tía en Monterrey"),
            ("bia.conclusion.recommendation", "Acogimiento con la tía tras verificar el vínculo"),
            ("bid.panel.members", "Trabajadora social DIF; psicóloga; abogada de la Procuraduría"),
            ("bid.decision.decision", "Reunificación con la tía: es su única red segura"),
            ("bid.decision.dissent", "Ninguno"),
        ],
    )
}

fn case_b() -> Case {
    fixture(
        0xB,
        "Yeferson Alexis",
        "Tigrillo",
        "guatemalteca",
        &[
            ("bia.views.facts", "Teme volver a Quetzaltenango por las maras"),
            ("bid.panel.members", "Juez de niñez; trabajador social SBS"),
            ("bid.decision.decision", "Integración local en familia de acogida"),
        ],
    )
}

/// The whole document as the staff would read it in Spanish.
pub(super) fn read(doc: &Document) -> String {
    let lookup = |k: &str| match ui_text::lookup(Locale::Es, k) {
        UiText::Own(s) | UiText::Fallback(s) => s.to_owned(),
        UiText::Missing => format!("MISSING[{k}]"),
    };
    let mut out = String::new();
    for s in &doc.sections {
        out += &s.heading.resolve(&lookup);
        for r in &s.rows {
            out += &format!("\n{}: {}", r.label.resolve(&lookup), r.value.resolve(&lookup));
        }
        out += "\n";
    }
    for sig in &doc.signatures {
        out += &lookup(sig);
    }
    out
}

fn make(kind: DocumentKind, case: &Case) -> Document {
    let (procedure, texts) = content();
    build(kind, case, &procedure, &texts, at(10).date_naive())
}

#[test]
fn every_label_of_every_document_exists_in_the_interface_strings() {
    for kind in DocumentKind::ALL {
        let text = read(&make(kind, &case_a()));
        assert!(
            !text.contains("MISSING"),
            "{kind:?}: {}",
            text.lines().find(|l| l.contains("MISSING")).unwrap_or_default()
        );
        assert!(matches!(ui_text::lookup(Locale::Es, kind.title_key()), UiText::Own(_)));
    }
}

#[test]
fn the_bia_report_holds_the_case_content_and_nothing_of_another_case() {
    let a = read(&make(DocumentKind::BestInterestsAssessment, &case_a()));
    for expected in [
        "Quiere reunirse con su tía en Monterrey",
        "Acogimiento con la tía",
        "Estrellita",
        "hondureña",
        "No aplica: Tiene 14 años",
    ] {
        assert!(a.contains(expected), "missing {expected:?}");
    }
    for foreign in [
        "Yeferson",
        "Tigrillo",
        "guatemalteca",
        "Quetzaltenango",
        "Juez de niñez",
        "Integración local",
    ] {
        assert!(!a.contains(foreign), "{foreign:?} from another case");
    }
    // The procedure's own words and the seven GC14 elements are there.
    assert!(a.contains("Elemento 1") && a.contains("Elemento 7"), "{a}");
}

#[test]
fn the_bid_report_has_panel_undertakings_decision_reasons_and_signature_lines() {
    let doc = make(DocumentKind::BestInterestsDetermination, &case_a());
    let text = read(&doc);
    assert!(
        text.contains("Trabajadora social DIF; psicóloga; abogada de la Procuraduría"),
        "panel"
    );
    assert!(text.contains("Hecho el 2026-03-03"), "confidentiality undertakings recorded: {text}");
    assert!(
        text.contains("Reunificación con la tía: es su única red segura"),
        "decision and reasons"
    );
    assert!(doc.sections.iter().any(|s| s.heading == Text::Key("doc.section.bid_reasons")));
    assert!(doc.signatures.iter().filter(|s| **s == "doc.sign.panel_member").count() >= 3);
    assert!(!text.contains("Juez de niñez"));
}

#[test]
fn unanswered_items_say_so_rather_than_staying_blank() {
    let empty = fixture(0xC, "", "", "", &[]);
    let text = read(&make(DocumentKind::BestInterestsAssessment, &empty));
    assert!(text.matches("Sin registrar").count() > 20, "{text}");
}

#[test]
fn the_header_carries_the_case_number_and_date_never_a_name() {
    // The page title is the app's (no kind, number or name); the printed header holds these.
    for case in [case_a(), case_b()] {
        for kind in DocumentKind::ALL {
            let doc = make(kind, &case);
            assert_eq!(doc.case_ref, case_ref(&case));
            assert_eq!(iso_date(doc.made_on), "2026-03-10");
        }
    }
    assert_eq!(case_ref(&case_a()), "00000000");
}

#[test]
fn the_registration_record_has_the_full_minimum_data_and_the_follow_up_log_the_notes() {
    let reg = read(&make(DocumentKind::Registration, &case_a()));
    assert!(
        reg.contains("Maritza Elizabeth") && reg.contains("Tapachula") && reg.contains("México")
    );
    assert!(reg.contains("Sin relación familiar") || reg.contains("no verificada"), "{reg}");
    let log = read(&make(DocumentKind::FollowUpLog, &case_a()));
    assert!(
        log.contains("2026-03-04 · AO-3: Visita: la tía confirma la dirección del albergue"),
        "{log}"
    );
    assert!(
        !log.contains("Monterrey"),
        "the log reports the plan and follow-up, not the assessment"
    );
}

#[test]
fn slugs_round_trip_and_printing_is_audited() {
    for kind in DocumentKind::ALL {
        assert_eq!(DocumentKind::from_slug(kind.slug()), Some(kind));
    }
    assert_eq!(DocumentKind::from_slug("referral"), None, "the referral form is not built here");
    let mut case = case_a();
    case.record_printed(DocumentKind::BestInterestsAssessment, at(11), &WorkerLabel::new("LM-1"));
    let last = case.audit_trail().last().map(|e| (e.action, e.at));
    assert_eq!(last, Some((AuditAction::Printed(DocumentKind::BestInterestsAssessment), at(11))));
    let json =
        serde_json::to_string(&AuditAction::Printed(DocumentKind::BestInterestsDetermination))
            .expect("json");
    assert_eq!(json, r#"{"printed":"best_interests_determination"}"#);
}

#[test]
fn conditional_items_appear_only_where_they_apply_or_were_recorded() {
    // Case A was met in Mexico: the Mexican items apply. Moved to Guatemala, they do not.
    let mexico = read(&make(DocumentKind::BestInterestsAssessment, &case_a()));
    assert!(mexico.contains("Procuraduría de Protección"), "{mexico}");
    let mut guatemala = case_a();
    let mut profile = guatemala.profile().clone();
    profile.first_contact.country = Some(Country::Guatemala);
    guatemala.edit_profile(profile, at(5), &WorkerLabel::new("AO-3"));
    let text = read(&make(DocumentKind::BestInterestsAssessment, &guatemala));
    assert!(
        !text.contains("Procuraduría de Protección"),
        "a Mexican step for a case met in Guatemala"
    );
    assert!(text.contains("Quiere reunirse con su tía en Monterrey"), "recorded answers stay");
}

mod referral_form {
    use super::*;
    use crate::case::{ChildAssent, ConsentGiver, ConsentPurpose, FlagId, ReferralRequest};
    use crate::documents::referral::referral_form;

    fn referred(with_information_sharing: bool) -> Case {
        let by = WorkerLabel::new("AO-3");
        let mut case = case_a();
        case.give_consent(
            ConsentPurpose::Referral,
            ConsentGiver::Child,
            ChildAssent::Assented,
            at(5),
            at(5),
            &by,
        )
        .unwrap();
        if with_information_sharing {
            case.give_consent(
                ConsentPurpose::InformationSharing,
                ConsentGiver::Child,
                ChildAssent::Assented,
                at(5),
                at(5),
                &by,
            )
            .unwrap();
        }
        let request = ReferralRequest {
            flag: FlagId::new("international_protection"),
            action: "refer_asylum".into(),
            to: "COMAR — oficina regional".into(),
            kind: "asylum".into(),
            consent_required: Some(ConsentPurpose::Referral),
        };
        case.refer(request, at(6), &by).unwrap();
        case
    }

    #[test]
    fn names_the_referral_its_reason_and_the_consent_it_rests_on() {
        let doc = referral_form(&referred(true), 0, at(10)).unwrap();
        let text = read(&doc);
        assert!(!text.contains("MISSING"), "{text}");
        for expected in [
            "COMAR — oficina regional",
            "Necesidad de protección internacional",
            "2026-03-06",
            "AO-3",
            "remisión",
            "la niña o el niño",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        assert_eq!(doc.kind, DocumentKind::Referral);
        assert!(matches!(
            ui_text::lookup(Locale::Es, DocumentKind::Referral.title_key()),
            UiText::Own(_)
        ));
        assert!(
            referral_form(&referred(true), 1, at(10)).is_none(),
            "only recorded referrals have a form"
        );
    }

    #[test]
    fn the_childs_details_travel_only_with_consent_to_share_information() {
        let with = read(&referral_form(&referred(true), 0, at(10)).unwrap());
        assert!(with.contains("Estrellita") && with.contains("hondureña"));
        let without = read(&referral_form(&referred(false), 0, at(10)).unwrap());
        for personal in
            ["Maritza", "Estrellita", "hondureña", "Tapachula", "Monterrey", "la tía confirma"]
        {
            assert!(!without.contains(personal), "{personal:?} leaked without consent:\n{without}");
        }
        assert!(without.contains(&read_key("doc.referral.withheld_why")));
        // Consent withdrawn after the referral: the details no longer travel on a new print.
        let mut case = referred(true);
        assert!(case.withdraw_consent(
            ConsentPurpose::InformationSharing,
            at(8),
            &WorkerLabel::new("AO-3")
        ));
        assert!(!read(&referral_form(&case, 0, at(10)).unwrap()).contains("Estrellita"));
    }

    fn read_key(key: &str) -> String {
        match ui_text::lookup(Locale::Es, key) {
            UiText::Own(s) | UiText::Fallback(s) => s.to_owned(),
            UiText::Missing => format!("MISSING[{key}]"),
        }
    }
}
