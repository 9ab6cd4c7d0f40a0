//! Test-only builders of cases: property-test strategies for any case the methods can produce,
//! and one realistic complete case for size estimates.

use super::*;
use crate::vocabulary::{AccompanimentStatus, Country};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use uuid::Uuid;

/// A fixed instant plus `minutes`, so tests never read the clock.
pub fn at(minutes: i64) -> DateTime<Utc> {
    let base = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).single().unwrap_or_default();
    base + Duration::minutes(minutes)
}

pub fn worker() -> WorkerLabel {
    WorkerLabel::new("AO-3")
}

/// Any text, including quotes, HTML and non-Latin scripts.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "\\PC{0,24}", Just("<script>alert(\"x\")</script>".to_owned())]
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    proptest::option::of(
        (1990i32..2030, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()),
    )
}

prop_compose! {
    fn age()(stated_years in proptest::option::of(any::<u8>()), date_of_birth in date(),
             basis in proptest::option::of(select(vec![AgeBasis::StatedByChild, AgeBasis::Document,
                 AgeBasis::Assessment, AgeBasis::PresumedMinor])),
             reason_over_17 in text()) -> Age {
        Age { stated_years, date_of_birth, basis, reason_over_17 }
    }
}

prop_compose! {
    fn document()(kind in select(vec![DocumentKind::BirthCertificate, DocumentKind::NationalIdentityCard,
                      DocumentKind::Passport, DocumentKind::MigrationDocument, DocumentKind::Other]),
                  held_by in select(vec![DocumentHolder::Child, DocumentHolder::AccompanyingAdult,
                      DocumentHolder::Authority, DocumentHolder::ElsewhereOrUnknown])) -> DocumentHeld {
        DocumentHeld { kind, held_by }
    }
}

prop_compose! {
    fn accompaniment()(status in select(vec![AccompanimentStatus::Unaccompanied, AccompanimentStatus::Separated,
                           AccompanimentStatus::Accompanied, AccompanimentStatus::NotYetKnown]),
                       with in proptest::collection::vec((select(vec![Relationship::Parent,
                           Relationship::Grandparent, Relationship::Sibling, Relationship::OtherRelative,
                           Relationship::LegalGuardian, Relationship::Unrelated]), any::<bool>()), 0..3))
                       -> Accompaniment {
        let with = with.into_iter().map(|(relationship, verified)| AccompanyingAdult { relationship, verified }).collect();
        Accompaniment { status, with }
    }
}

prop_compose! {
    pub fn profile()(given_names in text(), alias in text(),
                     sex in proptest::option::of(select(vec![Sex::Female, Sex::Male, Sex::Intersex, Sex::PrefersNotToSay])),
                     gender_in_own_words in text(), age in age(), nationality_stated in text(),
                     languages in proptest::collection::vec(text(), 0..3),
                     documents in proptest::collection::vec(document(), 0..3),
                     accompaniment in accompaniment(),
                     country in proptest::option::of(select(Country::ALL.to_vec())), first_place in text(),
                     care in proptest::option::of(select(vec![CareKind::WithParentOrCaregiver, CareKind::KinshipCare,
                         CareKind::FosterFamily, CareKind::ShelterOrReceptionCentre, CareKind::MigrationFacility,
                         CareKind::Hospital, CareKind::NoFixedPlace, CareKind::Other])),
                     care_place in text()) -> ChildProfile {
        ChildProfile {
            given_names, alias, sex, gender_in_own_words, age, nationality_stated, languages, documents,
            accompaniment, first_contact: FirstContact { country, place: first_place },
            current_care: CareArrangement { kind: care, place: care_place },
        }
    }
}

/// One change a worker can make; applied in sequence to build an arbitrary case.
#[derive(Clone, Debug)]
pub enum Change {
    Profile(Box<ChildProfile>),
    Flags(Vec<String>),
    Screened(Option<RiskLevel>),
    Override(RiskLevel, String),
    Consent(ConsentPurpose, i64),
    Withdraw(ConsentPurpose),
    Note(String),
    Item(String, u8, String),
    Close(ClosureReason, String),
    Reopen(String),
    Refer,
    Answer(String, u8),
    ReferTo(String, bool),
    Outcome(usize, String),
}

fn risk_level() -> impl Strategy<Value = RiskLevel> {
    select(vec![RiskLevel::Low, RiskLevel::Medium, RiskLevel::High])
}

pub fn change() -> impl Strategy<Value = Change> {
    let purpose = || select(ConsentPurpose::ALL.to_vec());
    prop_oneof![
        profile().prop_map(|p| Change::Profile(Box::new(p))),
        proptest::collection::vec("[a-z_.]{1,16}", 0..4).prop_map(Change::Flags),
        proptest::option::of(risk_level()).prop_map(Change::Screened),
        (risk_level(), text()).prop_map(|(l, r)| Change::Override(l, r)),
        (purpose(), 0i64..600).prop_map(|(p, ago)| Change::Consent(p, ago)),
        purpose().prop_map(Change::Withdraw),
        text().prop_map(Change::Note),
        ("[a-z_.]{1,16}", 0u8..4, text()).prop_map(|(id, kind, t)| Change::Item(id, kind, t)),
        (
            select(vec![
                ClosureReason::GoalsMet,
                ClosureReason::Transferred,
                ClosureReason::TurnedEighteen,
                ClosureReason::ChildLeft,
                ClosureReason::Death,
                ClosureReason::Other
            ]),
            text()
        )
            .prop_map(|(r, e)| Change::Close(r, e)),
        text().prop_map(Change::Reopen),
        Just(Change::Refer),
        ("[a-z_.]{1,16}", 0u8..4).prop_map(|(q, a)| Change::Answer(q, a)),
        (text(), any::<bool>()).prop_map(|(to, consent)| Change::ReferTo(to, consent)),
        (0usize..3, text()).prop_map(|(i, t)| Change::Outcome(i, t)),
    ]
}

/// Any case the public methods can produce: an opening followed by up to 12 changes, one every
/// 7 minutes. Refused changes are simply skipped, as they would be in the app.
pub fn case() -> impl Strategy<Value = Case> {
    (any::<u128>(), profile(), proptest::collection::vec(change(), 0..12)).prop_map(
        |(id, profile, changes)| {
            let by = worker();
            let mut case = Case::new(Uuid::from_u128(id), profile, at(0), &by);
            for (step, change) in changes.into_iter().enumerate() {
                let now = at(7 * (step as i64 + 1));
                let _ = apply(&mut case, change, now, &by);
            }
            case
        },
    )
}

pub fn apply(
    case: &mut Case,
    change: Change,
    now: DateTime<Utc>,
    by: &WorkerLabel,
) -> Result<(), ActionRefused> {
    match change {
        Change::Profile(p) => case.edit_profile(*p, now, by),
        Change::Flags(f) => case.set_flags(f.into_iter().map(FlagId::new).collect(), now, by),
        Change::Screened(l) => case.set_screened_risk(l, now, by),
        Change::Override(l, r) => case.override_risk(l, &r, now, by)?,
        Change::Consent(p, ago) => case.give_consent(
            p,
            ConsentGiver::Child,
            ChildAssent::NotSought,
            now - Duration::minutes(ago),
            now,
            by,
        )?,
        Change::Withdraw(p) => {
            case.withdraw_consent(p, now, by);
        }
        Change::Note(t) => {
            case.add_note(&t, now, by);
        }
        Change::Item(id, kind, t) => {
            let state = match kind {
                0 => ItemState::Done { at: now },
                1 => ItemState::Answered { value: Answer::YesNo(t.len() % 2 == 0), at: now },
                2 => ItemState::Answered { value: Answer::Text(t), at: now },
                _ => ItemState::NotApplicable { reason: t, at: now },
            };
            case.record_item(ItemId::new(id), state, now, by);
        }
        Change::Close(r, e) => case.close(r, &e, now, by)?,
        Change::Reopen(r) => case.reopen(&r, now, by)?,
        Change::Refer => case.record_referral(now, by),
        Change::Answer(q, a) => match IndicatorAnswer::ALL.get(usize::from(a)) {
            Some(answer) => case.answer_indicator(&q, *answer, now, by),
            None => {
                case.clear_indicator(&q, now, by);
            }
        },
        Change::ReferTo(to, consent) => case.refer(
            ReferralRequest {
                flag: FlagId::new("gbv"),
                action: "refer_gbv".into(),
                to,
                kind: "gbv".into(),
                consent_required: consent.then_some(ConsentPurpose::Referral),
            },
            now,
            by,
        )?,
        Change::Outcome(i, t) => case.record_referral_outcome(i, &t, now, by)?,
    }
    Ok(())
}

/// A case as full as months of real work make one: every profile field, 120 answered checklist
/// items, 30 notes of about 300 characters, consents for every purpose and a 250-event trail.
pub fn complete_case(id: u128) -> Case {
    let by = worker();
    let profile = ChildProfile {
        given_names: "María José de los Ángeles".into(),
        alias: "Estrella".into(),
        sex: Some(Sex::Female),
        gender_in_own_words: "niña".into(),
        age: Age {
            stated_years: Some(15),
            date_of_birth: NaiveDate::from_ymd_opt(2010, 11, 2),
            basis: Some(AgeBasis::Document),
            reason_over_17: String::new(),
        },
        nationality_stated: "hondureña".into(),
        languages: vec!["español".into(), "garífuna".into()],
        documents: vec![DocumentHeld {
            kind: DocumentKind::BirthCertificate,
            held_by: DocumentHolder::AccompanyingAdult,
        }],
        accompaniment: Accompaniment {
            status: AccompanimentStatus::Separated,
            with: vec![AccompanyingAdult {
                relationship: Relationship::OtherRelative,
                verified: false,
            }],
        },
        first_contact: FirstContact {
            country: Some(Country::Mexico),
            place: "Tapachula, estación migratoria".into(),
        },
        current_care: CareArrangement {
            kind: Some(CareKind::ShelterOrReceptionCentre),
            place: "Albergue temporal DIF".into(),
        },
    };
    let mut case = Case::new(Uuid::from_u128(id), profile, at(0), &by);
    for purpose in ConsentPurpose::ALL {
        let _ = case.give_consent(
            purpose,
            ConsentGiver::AppointedRepresentative,
            ChildAssent::Assented,
            at(1),
            at(2),
            &by,
        );
    }
    let _ = case.override_risk(
        RiskLevel::High,
        "Refiere amenazas del grupo que organizó el viaje.",
        at(3),
        &by,
    );
    case.set_flags(
        (0..8).map(|i| FlagId::new(format!("screening.flag_{i}"))).collect(),
        at(3),
        &by,
    );
    for i in 0..120 {
        let state = ItemState::Answered {
            value: Answer::Text("Sí, con intérprete, en presencia de su tía.".into()),
            at: at(4),
        };
        case.record_item(ItemId::new(format!("phase_{}.item_{i}", i / 20)), state, at(4), &by);
    }
    for i in 0..30 {
        case.add_note(
            &"Seguimiento presencial; la niña se encuentra estable y asiste a la escuela. "
                .repeat(4),
            at(5 + i),
            &by,
        );
    }
    for i in 0..210 {
        case.record_referral(at(100 + i), &by);
    }
    case
}
