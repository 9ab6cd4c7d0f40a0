//! Tests of reading stored records: the v0, v1, v2, v3 and v4 fixtures, future versions and wrong shapes.

use super::*;
use crate::case::arbitrary::at;
use crate::case::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use uuid::Uuid;

const V0_FIXTURE: &str = include_str!("../../../tests/fixtures/case_v0.json");
const V1_FIXTURE: &str = include_str!("../../../tests/fixtures/case_v1.json");
const V2_FIXTURE: &str = include_str!("../../../tests/fixtures/case_v2.json");
const V3_FIXTURE: &str = include_str!("../../../tests/fixtures/case_v3.json");
const V4_FIXTURE: &str = include_str!("../../../tests/fixtures/case_v4.json");

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap_or_default()
}

fn v0_record() -> Value {
    serde_json::from_str(V0_FIXTURE).expect("the v0 fixture is JSON")
}

#[test]
fn the_v0_fixture_migrates_to_v1_losing_nothing() {
    let case = migrate(v0_record()).expect("v0 migrates");
    let created = utc("2025-11-03T15:20:00Z");
    let modified = utc("2025-11-05T10:02:30Z");
    let by = WorkerLabel::not_recorded();

    assert_eq!(case.id().to_string(), "6f1c2b9e-4d3a-4c1e-9a57-0b8e2f6d4c11");
    assert_eq!((case.created_at(), case.updated_at()), (created, modified));

    let p = case.profile();
    assert_eq!(p.given_names, "Wendy Yamileth");
    assert_eq!(p.alias, "");
    assert_eq!(p.sex, Some(Sex::Female));
    assert_eq!(p.age, Age { stated_years: Some(17), ..Age::default() });
    assert_eq!(p.nationality_stated, "hondureña");
    assert_eq!(p.accompaniment.status, crate::vocabulary::AccompanimentStatus::Unaccompanied);
    assert_eq!(p.first_contact.country, Some(crate::vocabulary::Country::Guatemala));
    assert_eq!(p.first_contact.place, "Tecún Umán, casa del migrante");

    assert_eq!(
        case.status(),
        &CaseStatus::Closed { at: modified, reason: None, explanation: String::new() }
    );
    assert_eq!(case.risk(), &Risk { screened: Some(RiskLevel::High), overridden: None });
    let flags: Vec<&str> = case.flags().iter().map(FlagId::as_str).collect();
    assert_eq!(flags, ["trafficking.documents_held_by_adult", "uasc.unaccompanied"]);
    assert!(case.consents().is_empty(), "v0 recorded no consents");
    assert_eq!(
        case.notes(),
        [Note {
            written_at: modified,
            by: by.clone(),
            text: "Viaja con un hombre que dice ser su tío; él guarda su partida de nacimiento."
                .into(),
        }]
    );
    let items: Vec<(&str, &ItemState)> =
        case.procedure().items.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let done = ItemState::Done { at: modified };
    assert_eq!(items, [("first_contact.safe_space", &done), ("first_contact.urgent_needs", &done)]);
    assert_eq!(case.audit_trail(), [AuditEvent { at: created, by, action: AuditAction::Created }]);

    // What v0 never asked for, validation now asks for.
    assert_eq!(validate(&case, modified), [ValidationIssue::ClosedWithoutReason]);
}

#[test]
fn v0_values_that_v1_cannot_hold_are_kept_in_a_note() {
    let mut record = v0_record();
    record["country"] = json!("CO");
    record["sex"] = json!("X");
    record["notes"] = json!("");
    record["unaccompanied"] = json!(false);
    record["age"] = Value::Null;
    let case = migrate(record).expect("v0 migrates");
    assert_eq!(case.profile().first_contact.country, None);
    assert_eq!(case.profile().sex, None);
    assert_eq!(case.profile().age.stated_years, None);
    assert_eq!(
        case.profile().accompaniment.status,
        crate::vocabulary::AccompanimentStatus::NotYetKnown
    );
    let texts: Vec<&str> = case.notes().iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Kept from an earlier version of Senda — sex: X; country of first contact: CO"]
    );
}

/// The case the v1 fixture holds, built through the public methods.
fn v1_expected() -> Case {
    let by = WorkerLabel::new("AO-3");
    let profile = ChildProfile {
        given_names: "Kevin".into(),
        alias: "el Chele".into(),
        sex: Some(Sex::Male),
        gender_in_own_words: "chico".into(),
        age: Age {
            stated_years: Some(16),
            date_of_birth: NaiveDate::from_ymd_opt(2009, 8, 14),
            basis: Some(AgeBasis::StatedByChild),
            reason_over_17: String::new(),
        },
        nationality_stated: "salvadoreño".into(),
        languages: vec!["español".into()],
        documents: vec![DocumentHeld {
            kind: DocumentKind::NationalIdentityCard,
            held_by: DocumentHolder::Child,
        }],
        accompaniment: Accompaniment {
            status: crate::vocabulary::AccompanimentStatus::Separated,
            with: vec![AccompanyingAdult { relationship: Relationship::Sibling, verified: true }],
        },
        first_contact: FirstContact {
            country: Some(crate::vocabulary::Country::Mexico),
            place: "Tijuana".into(),
        },
        current_care: CareArrangement {
            kind: Some(CareKind::ShelterOrReceptionCentre),
            place: "Casa YMCA".into(),
        },
    };
    let mut case = Case::new(Uuid::from_u128(0x5e4da), profile, at(0), &by);
    let _ = case.give_consent(
        ConsentPurpose::Services,
        ConsentGiver::Child,
        ChildAssent::NotSought,
        at(1),
        at(2),
        &by,
    );
    case.set_flags([FlagId::new("asylum.fear_of_return")].into(), at(3), &by);
    case.set_screened_risk(Some(RiskLevel::Medium), at(3), &by);
    let _ = case.override_risk(RiskLevel::High, "Amenazas de una pandilla", at(4), &by);
    case.record_item(
        ItemId::new("first_contact.safe_space"),
        ItemState::Done { at: at(5) },
        at(5),
        &by,
    );
    let answer = ItemState::Answered { value: Answer::Choice("yes_interpreter".into()), at: at(6) };
    case.record_item(ItemId::new("screening.language"), answer, at(6), &by);
    let skipped =
        ItemState::NotApplicable { reason: "Sin discapacidad referida".into(), at: at(7) };
    case.record_item(ItemId::new("screening.disability"), skipped, at(7), &by);
    case.add_note("Quiere reunirse con su madre en Los Ángeles.", at(8), &by);
    case.record_referral(at(9), &by);
    let _ = case.close(ClosureReason::Transferred, "", at(20), &by);
    let _ = case.reopen("Regresó al albergue", at(40), &by);
    case
}

#[test]
fn the_v1_fixture_migrates_to_v2_losing_nothing_with_no_screening_yet() {
    let fixture: Value = serde_json::from_str(V1_FIXTURE).expect("the v1 fixture is JSON");
    let case = parse_stored(V1_FIXTURE).expect("v1 reads");
    assert_eq!(case, v1_expected());
    assert_eq!(migrate(fixture.clone()), Ok(case.clone()));
    assert!(case.screening().answers.is_empty() && case.referrals().is_empty());
    // Everything else is stored exactly as v1 stored it.
    let mut written = serde_json::to_value(&case).expect("serialises");
    let fields = written.as_object_mut().expect("an object");
    assert_eq!(fields.remove("schema_version"), Some(json!(CASE_SCHEMA_VERSION)));
    assert!(fields.remove("screening").is_some() && fields.remove("referrals").is_some());
    assert!(fields.remove("casework").is_some() && fields.remove("workflow").is_some());
    let mut v1 = fixture;
    v1.as_object_mut().map(|o| o.remove("schema_version"));
    assert_eq!(written, v1);
}

/// The case the v2 fixture holds: the v1 case, screened, with a referral made under consent.
fn v2_expected() -> Case {
    let by = WorkerLabel::new("AO-3");
    let mut case = v1_expected();
    case.answer_indicator("safety.fear_return", IndicatorAnswer::Yes, at(41), &by);
    case.answer_indicator("work.works", IndicatorAnswer::DontKnow, at(41), &by);
    let _ = case.give_consent(
        ConsentPurpose::Referral,
        ConsentGiver::Child,
        ChildAssent::NotSought,
        at(42),
        at(42),
        &by,
    );
    let _ = case.refer(
        ReferralRequest {
            flag: FlagId::new("international_protection"),
            action: "refer_asylum".into(),
            to: "Comisión Mexicana de Ayuda a Refugiados (COMAR)".into(),
            kind: "asylum".into(),
            consent_required: Some(ConsentPurpose::Referral),
        },
        at(43),
        &by,
    );
    let _ = case.record_referral_outcome(0, "Cita el lunes", at(44), &by);
    case
}

#[test]
fn the_v2_fixture_migrates_to_v3_losing_nothing_with_no_casework_yet() {
    let fixture: Value = serde_json::from_str(V2_FIXTURE).expect("the v2 fixture is JSON");
    let case = parse_stored(V2_FIXTURE).expect("v2 reads");
    assert_eq!(case, v2_expected());
    assert_eq!(case.referrals().len(), 1, "the fixture holds a referral");
    assert_eq!(migrate(fixture.clone()), Ok(case.clone()));
    assert_eq!(case.casework(), &Casework::default());
    // Everything else is stored exactly as v2 stored it.
    let mut written = serde_json::to_value(&case).expect("serialises");
    let fields = written.as_object_mut().expect("an object");
    assert_eq!(fields.remove("schema_version"), Some(json!(CASE_SCHEMA_VERSION)));
    assert!(fields.remove("casework").is_some() && fields.remove("workflow").is_some());
    let mut v2 = fixture;
    v2.as_object_mut().map(|o| o.remove("schema_version"));
    assert_eq!(written, v2);
}

#[test]
fn a_v2_record_that_already_has_casework_is_refused() {
    let mut record: Value = serde_json::from_str(V2_FIXTURE).expect("JSON");
    record["casework"] = json!({});
    assert_eq!(
        migrate(record),
        Err(MigrationError::WrongShape {
            version: 2,
            detail: "field `casework` did not exist in version 2".into()
        })
    );
}

/// The case the v3 fixture holds: the v2 case with its interview, panel, a conference, a BID
/// review and a consent explanation recorded.
pub(crate) fn v3_expected() -> Case {
    let by = WorkerLabel::new("AO-3");
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 4, d).unwrap_or_default();
    let mut case = v2_expected();
    case.record_interview(
        InterviewDetails {
            interviewer: "AO-3".into(),
            interpreter: "Intérprete de k'iche' (por teléfono)".into(),
            language: "k'iche'".into(),
        },
        at(45),
        &by,
    );
    let _ = case.add_panel_member(
        PanelMember {
            name: "Coordinadora de protección".into(),
            expertise: "Protección de la niñez".into(),
            undertaking_signed_on: Some(day(2)),
        },
        at(46),
        &by,
    );
    let _ = case.add_conference(
        CaseConference {
            held_on: day(3),
            attended: vec!["AO-3".into(), "Psicóloga del albergue".into()],
            decided: "Seguir en el albergue mientras COMAR decide".into(),
            actions: vec![AgreedAction {
                what: "Acompañar a la cita con COMAR".into(),
                who: "AO-3".into(),
                by: Some(day(7)),
            }],
        },
        at(47),
        &by,
    );
    let _ = case.add_bid_review(
        BidReview {
            held_on: day(20),
            what_changed: "Se localizó a la madre".into(),
            outcome: ReviewOutcome::Confirmed,
            revised_decision: String::new(),
            next_review: Some(day(30)),
        },
        at(48),
        &by,
    );
    case.record_consent_explanation(
        ConsentPurpose::Referral,
        "Qué hace COMAR y qué datos recibe",
        at(49),
        &by,
    );
    case
}

#[test]
fn the_v3_fixture_reads_as_the_case_it_was_made_from_and_writes_back_the_same() {
    let fixture: Value = serde_json::from_str(V3_FIXTURE).expect("the v3 fixture is JSON");
    let case = parse_stored(V3_FIXTURE).expect("v3 reads");
    assert_eq!(case, v3_expected());
    assert_eq!(case.casework().panel.len(), 1, "the fixture holds a panel member");
    assert_eq!(migrate(fixture.clone()), Ok(case.clone()));
    assert!(case.workflow().is_empty(), "version 4 adds an empty workflow log");
    let mut upgraded = fixture;
    upgraded["schema_version"] = json!(4);
    upgraded["workflow"] = json!([]);
    assert_eq!(serde_json::to_value(&case).ok(), Some(upgraded));
}

/// The v3 case after a caseworker offered it to a teammate (the signature's bytes are a shape,
/// not a real signature: whether it verifies is the workflow rules' business, not storage's).
pub(crate) fn v4_expected() -> Case {
    use crate::workflow::entry::WorkflowEntry;
    use crate::workflow::handover::{EventBody, HandoverEvent, HandoverNote, NoteDeadline, Step};
    let mut case = v3_expected();
    let event = HandoverEvent {
        body: EventBody {
            id: "h-1".into(),
            case: case.id().to_string(),
            by: "device-a".into(),
            at: 1_775_000_000,
            step: Step::Offer {
                to: "device-b".into(),
                note: HandoverNote {
                    pending: vec!["Cita con COMAR".into()],
                    deadlines: vec![NoteDeadline {
                        what: "Cita con COMAR".into(),
                        due: NaiveDate::from_ymd_opt(2026, 4, 7).unwrap_or_default(),
                    }],
                    child_told: "Que otra persona del equipo lo acompaña desde mañana".into(),
                },
            },
        },
        signature: vec![7; 64],
    };
    assert!(case.add_workflow_entry(
        WorkflowEntry::Handover(event),
        at(50),
        &WorkerLabel::new("AO-3")
    ));
    case
}

#[test]
fn the_v4_fixture_reads_as_the_case_it_was_made_from_and_writes_back_the_same() {
    let fixture: Value = serde_json::from_str(V4_FIXTURE).expect("the v4 fixture is JSON");
    let case = parse_stored(V4_FIXTURE).expect("v4 reads");
    assert_eq!(case, v4_expected());
    assert_eq!(case.workflow().len(), 1, "the fixture holds a handover offer");
    // If this fails, the stored shape changed: bump CASE_SCHEMA_VERSION and add a migration.
    assert_eq!(serde_json::to_value(&case).ok(), Some(fixture));
}

#[test]
fn a_v3_record_that_already_has_a_workflow_is_refused() {
    let mut record: Value = serde_json::from_str(V3_FIXTURE).expect("JSON");
    record["workflow"] = json!([]);
    assert_eq!(
        migrate(record),
        Err(MigrationError::WrongShape {
            version: 3,
            detail: "field `workflow` did not exist in version 3".into()
        })
    );
}

#[test]
fn an_entry_about_another_case_or_already_in_the_log_is_not_added() {
    let mut case = v4_expected();
    let entry = case.workflow()[0].clone();
    let trail = case.audit_trail().len();
    assert!(!case.add_workflow_entry(entry.clone(), at(51), &WorkerLabel::new("AO-3")));
    let crate::workflow::entry::WorkflowEntry::Handover(mut other) = entry else {
        panic!("the fixture's entry is a handover")
    };
    other.body.case = Uuid::nil().to_string();
    let other = crate::workflow::entry::WorkflowEntry::Handover(other);
    assert!(!case.add_workflow_entry(other, at(51), &WorkerLabel::new("AO-3")));
    assert_eq!((case.workflow().len(), case.audit_trail().len()), (1, trail));
}

#[test]
fn a_v1_record_that_already_has_v2_fields_is_refused() {
    let mut record: Value = serde_json::from_str(V1_FIXTURE).expect("JSON");
    record["referrals"] = json!([]);
    assert_eq!(
        migrate(record),
        Err(MigrationError::WrongShape {
            version: 1,
            detail: "field `referrals` did not exist in version 1".into()
        })
    );
}

#[test]
fn a_record_from_a_future_version_is_refused_clearly() {
    let mut record = serde_json::to_value(v1_expected()).expect("serialises");
    record["schema_version"] = json!(7);
    let err = migrate(record).map(|_| ());
    assert_eq!(err, Err(MigrationError::FutureVersion { found: 7 }));
    let message = err.map_err(|e| e.to_string()).err().unwrap_or_default();
    assert!(
        message.contains("newer version of Senda") && message.contains("record version 7"),
        "{message}"
    );
}

#[test]
fn records_without_a_usable_version_are_refused() {
    assert_eq!(migrate(json!([1, 2])), Err(MigrationError::NotAnObject));
    assert_eq!(migrate(json!("case")), Err(MigrationError::NotAnObject));
    assert_eq!(migrate(json!({"id": "x"})), Err(MigrationError::MissingSchemaVersion));
    assert_eq!(migrate(json!({"schema_version": "1"})), Err(MigrationError::InvalidSchemaVersion));
    assert_eq!(migrate(json!({"schema_version": -1})), Err(MigrationError::InvalidSchemaVersion));
    assert_eq!(migrate(json!({"schema_version": 1.5})), Err(MigrationError::InvalidSchemaVersion));
}

#[test]
fn wrong_types_are_refused_without_quoting_the_record() {
    let mut record = v0_record();
    record["age"] = json!("Wendy Yamileth");
    let Err(MigrationError::WrongShape { version: 0, detail }) = migrate(record) else {
        panic!("expected a wrong-shape error for v0");
    };
    assert_eq!(detail, "field `age` must be a whole number from 0 to 255, or null");

    let mut record: Value = serde_json::from_str(V1_FIXTURE).expect("JSON");
    record["profile"]["sex"] = json!("Kevin");
    let err = migrate(record).map(|_| ()).map_err(|e| e.to_string());
    let message = err.err().unwrap_or_default();
    assert!(message.starts_with("This case record (version 1) is damaged"), "{message}");
    assert!(!message.contains("Kevin"), "{message}");

    let mut record: Value = serde_json::from_str(V1_FIXTURE).expect("JSON");
    record.as_object_mut().map(|o| o.remove("audit"));
    let Err(MigrationError::WrongShape { version: 1, detail }) = migrate(record) else {
        panic!("expected a wrong-shape error for v1");
    };
    assert_eq!(detail, "missing field `audit`", "our own field names are kept");

    let mut record: Value = serde_json::from_str(V2_FIXTURE).expect("JSON");
    record["referrals"][0]["consent"] = json!("Kevin");
    let message = migrate(record).map(|_| ()).map_err(|e| e.to_string()).err().unwrap_or_default();
    assert!(message.starts_with("This case record (version 2) is damaged"), "{message}");
    assert!(!message.contains("Kevin"), "{message}");
}

#[test]
fn every_v0_field_of_the_wrong_type_or_missing_is_named() {
    let cases = [
        ("id", json!("not-a-uuid"), "field `id` must be a UUID"),
        ("created", json!("3 November"), "field `created` must be a date and time"),
        ("age", json!(300), "field `age` must be a whole number from 0 to 255, or null"),
        ("name", json!(null), "field `name` must be text"),
        ("unaccompanied", json!("yes"), "field `unaccompanied` must be true or false"),
        ("status", json!("archived"), "field `status` must be \"open\" or \"closed\""),
        ("risk", json!("urgent"), "field `risk` must be \"low\", \"medium\", \"high\" or null"),
        ("flags", json!(["ok", 3]), "field `flags` must be a list of texts"),
        ("checklist", json!({"a": "done"}), "field `checklist` must be an object of true or false"),
    ];
    for (field, value, expected) in cases {
        let mut record = v0_record();
        record[field] = value;
        let detail = match migrate(record) {
            Err(MigrationError::WrongShape { version: 0, detail }) => detail,
            other => panic!("{field}: {other:?}"),
        };
        assert_eq!(detail, expected);
    }
    let mut record = v0_record();
    record.as_object_mut().map(|o| o.remove("place"));
    assert_eq!(
        migrate(record),
        Err(MigrationError::WrongShape { version: 0, detail: "missing field `place`".into() })
    );
}

#[test]
fn stored_text_that_is_not_json_is_refused_with_its_position() {
    assert_eq!(
        parse_stored("{\"schema_version\": 1,\n ]"),
        Err(MigrationError::NotJson { line: 2, column: 2 })
    );
    assert_eq!(parse_stored(""), Err(MigrationError::NotJson { line: 1, column: 0 }));
}

#[test]
fn describe_hides_every_quoted_value() {
    let e = serde_json::from_str::<Sex>("\"Kevin\"").err().map(|e| describe(&e));
    assert_eq!(e.as_deref().map(|d| d.contains("Kevin")), Some(false));
    assert!(e.is_some_and(|d| d.starts_with("unknown variant `…`")));
}
