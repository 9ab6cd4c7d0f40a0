//! Realistic, invented cases for the benchmark and tests: a child's minimum data, consents,
//! notes, flags, a risk level and some procedure progress, deterministic from a number.
//! Every name and place is made up; none belongs to a real child.

use super::{
    Accompaniment, Age, AgeBasis, Answer, CareArrangement, CareKind, Case, ChildAssent,
    ChildProfile, ConsentGiver, ConsentPurpose, FirstContact, FlagId, ItemId, ItemState, RiskLevel,
    Sex, WorkerLabel,
};
use crate::vocabulary::{AccompanimentStatus, Country};
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeSet;
use uuid::Uuid;

const GIVEN: [&str; 16] = [
    "María José",
    "José Luis",
    "Ana Lucía",
    "Kevin Alexander",
    "Dayana",
    "Wilmer",
    "Yeslin",
    "Brayan",
    "Keila",
    "Jefferson",
    "Nayeli",
    "Edwin",
    "Mackenson",
    "Roselande",
    "Fabiola",
    "Dilan",
];
const ALIAS: [&str; 8] = ["Estrella", "Chino", "Luna", "Flaco", "Güera", "Nené", "Tito", ""];
const NATIONALITY: [&str; 6] =
    ["hondureña", "guatemalteca", "salvadoreña", "haitiana", "venezolana", "nicaragüense"];
const PLACES: [&str; 6] = [
    "albergue de la frontera sur",
    "terminal de autobuses",
    "puesto fronterizo",
    "centro de recepción",
    "casa del migrante",
    "aeropuerto",
];
const FLAGS: [&str; 6] = [
    "separated",
    "international_protection",
    "child_labour",
    "trafficking",
    "urgent_health",
    "language_barrier",
];
const ITEMS: [&str; 10] = [
    "first_contact.safety.immediate_danger",
    "first_contact.safety.urgent_needs",
    "first_contact.introduction.introduce",
    "first_contact.introduction.language",
    "first_contact.age.presumption",
    "first_contact.accompaniment.status",
    "first_contact.information.rights",
    "first_contact.consent.assent",
    "first_contact.notification.authority",
    "screening.interview.run",
];

fn pick<T: Copy>(list: &[T], n: u32, salt: u32) -> T {
    list[(n.wrapping_mul(2_654_435_761).wrapping_add(salt.wrapping_mul(40_503)) >> 7) as usize
        % list.len()]
}

/// Invented case number `n`, opened some days before `now`, as complete as a case that has been
/// followed for a few weeks.
pub fn sample_case(n: u32, now: DateTime<Utc>) -> Case {
    let worker = WorkerLabel::new(format!("W-{:02}", n % 7));
    let opened =
        now - Duration::days(1 + i64::from(n % 120)) - Duration::minutes(i64::from(n % 600));
    let profile = ChildProfile {
        given_names: format!("{} {}", pick(&GIVEN, n, 1), n),
        alias: pick(&ALIAS, n, 2).to_owned(),
        sex: Some(pick(&[Sex::Female, Sex::Male], n, 3)),
        gender_in_own_words: String::new(),
        age: Age {
            stated_years: Some(3 + (n % 15) as u8),
            date_of_birth: None,
            basis: Some(pick(
                &[AgeBasis::StatedByChild, AgeBasis::Document, AgeBasis::PresumedMinor],
                n,
                4,
            )),
            reason_over_17: String::new(),
        },
        nationality_stated: pick(&NATIONALITY, n, 5).to_owned(),
        languages: vec![
            "español".to_owned(),
            pick(&["k'iche'", "kreyòl", "garífuna", "inglés"], n, 6).to_owned(),
        ],
        documents: Vec::new(),
        accompaniment: Accompaniment {
            status: pick(
                &[
                    AccompanimentStatus::Unaccompanied,
                    AccompanimentStatus::Separated,
                    AccompanimentStatus::Accompanied,
                ],
                n,
                7,
            ),
            with: Vec::new(),
        },
        first_contact: FirstContact {
            country: Some(pick(&Country::ALL, n, 8)),
            place: pick(&PLACES, n, 9).to_owned(),
        },
        current_care: CareArrangement {
            kind: Some(pick(
                &[
                    CareKind::ShelterOrReceptionCentre,
                    CareKind::KinshipCare,
                    CareKind::FosterFamily,
                ],
                n,
                10,
            )),
            place: pick(&PLACES, n, 11).to_owned(),
        },
    };
    let id = Uuid::from_u128(0x5e4d_a000_0000_4000_8000_0000_0000_0000 | u128::from(n));
    let mut case = Case::new(id, profile, opened, &worker);
    let later = |minutes: i64| opened + Duration::minutes(minutes);
    let _ = case.give_consent(
        ConsentPurpose::Services,
        ConsentGiver::Child,
        ChildAssent::Assented,
        later(5),
        later(5),
        &worker,
    );
    let _ = case.give_consent(
        ConsentPurpose::Referral,
        ConsentGiver::Guardian,
        ChildAssent::Assented,
        later(6),
        later(6),
        &worker,
    );
    let flags: BTreeSet<FlagId> =
        (0..1 + n % 3).map(|i| FlagId::new(pick(&FLAGS, n, 20 + i))).collect();
    case.set_flags(flags, later(30), &worker);
    case.set_screened_risk(
        Some(pick(&[RiskLevel::High, RiskLevel::Medium, RiskLevel::Low], n, 12)),
        later(31),
        &worker,
    );
    for (i, item) in ITEMS.iter().enumerate().take(4 + (n % 7) as usize) {
        let state = if i % 3 == 2 {
            ItemState::Answered {
                value: Answer::Text("según lo conversado con la niña o el niño".to_owned()),
                at: later(40 + i as i64),
            }
        } else {
            ItemState::Done { at: later(40 + i as i64) }
        };
        case.record_item(ItemId::new(*item), state, later(40 + i as i64), &worker);
    }
    for i in 0..1 + n % 3 {
        case.add_note(
            "Llegó cansada; comió y descansó. Se coordinó revisión médica y llamada con la familia para mañana.",
            later(60 + 60 * i64::from(i)),
            &worker,
        );
    }
    case
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::validate;
    use chrono::TimeZone;

    #[test]
    fn samples_are_valid_varied_and_of_realistic_size() {
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).single().expect("valid");
        let cases: Vec<Case> = (0..200).map(|n| sample_case(n, now)).collect();
        for c in &cases {
            assert_eq!(validate(c, now), Vec::new(), "case {}", c.id());
        }
        let ids: BTreeSet<_> = cases.iter().map(Case::id).collect();
        assert_eq!(ids.len(), 200);
        let sizes: Vec<usize> =
            cases.iter().map(|c| serde_json::to_vec(c).expect("serialises").len()).collect();
        let mean = sizes.iter().sum::<usize>() / sizes.len();
        assert!((1_500..20_000).contains(&mean), "mean record size {mean} bytes");
        assert_eq!(sample_case(7, now), sample_case(7, now), "deterministic");
    }
}
