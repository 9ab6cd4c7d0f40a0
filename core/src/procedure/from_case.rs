//! Adapts a stored case to what the engine reads: the child's situation (`CaseFacts`) from the
//! profile and flags, and the recorded outcomes (`Outcomes`) from the case's procedure progress.
//!
//! Two shapes differ and are bridged here, so neither the record nor the engine changes:
//! - The case can store a yes/no answer (`Answer::YesNo`); the content asks yes/no questions as
//!   questions with the options `yes` and `no`, so it becomes the choice `yes` or `no`.
//! - The engine knows date answers; the case does not. A date item's answer is stored as text in
//!   `YYYY-MM-DD` (`date_answer`) and read back as a date here. Text that is not such a date stays
//!   text, which the engine reports as needing attention rather than guessing.

use super::facts::{AgeBand, Answer, CaseFacts, ChildAge, ItemOutcome, Outcomes};
use super::model::{ItemKind, Procedure};
use crate::case::{self, AgeBasis, Case, ItemState};
use crate::dates::{iso_date, parse_iso_date};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// The facts of `case` on `today`. The case was opened, and the child first met, on the day the
/// record was created: the record has no separate first-contact date.
pub fn case_facts(case: &Case, today: NaiveDate) -> CaseFacts {
    let profile = case.profile();
    let opened = case.created_at().date_naive();
    CaseFacts {
        age: child_age(&profile.age, today),
        accompaniment: profile.accompaniment.status,
        country: profile.first_contact.country,
        // Already sorted, so the set is built by insertion rather than by `collect`, which
        // sorts first and costs the phone kilobytes of sorting code.
        flags: case.flags().iter().fold(BTreeSet::new(), |mut set, f| {
            set.insert(f.as_str().to_owned());
            set
        }),
        answered_no: case.screening().answers.iter().fold(BTreeSet::new(), |mut set, (q, a)| {
            if *a == case::IndicatorAnswer::No {
                set.insert(q.clone());
            }
            set
        }),
        case_opened: opened,
        first_contact: opened,
    }
}

/// What is known of the age. A presumed minor is in doubt whatever was stated (the stated age is
/// kept only as the worker's estimate of how to speak to the child); a date of birth ages the
/// record as time passes; with nothing recorded, the presumption of minority applies.
fn child_age(age: &case::Age, today: NaiveDate) -> ChildAge {
    if age.basis == Some(AgeBasis::PresumedMinor) {
        return ChildAge::Unknown { apparent_band: age.stated_years.and_then(AgeBand::of_years) };
    }
    let from_birth = age
        .date_of_birth
        .filter(|dob| *dob <= today)
        .and_then(|dob| today.years_since(dob))
        .map(|years| u8::try_from(years).unwrap_or(u8::MAX));
    match from_birth.or(age.stated_years) {
        Some(years) => ChildAge::Years(years),
        None => ChildAge::Unknown { apparent_band: None },
    }
}

/// The outcomes recorded on `case`, by item id, read against the content's item kinds.
pub fn case_outcomes(case: &Case, procedure: &Procedure) -> Outcomes {
    let mut outcomes = Outcomes::new();
    for (id, state) in &case.procedure().items {
        let is_date = procedure.item(id.as_str()).is_some_and(|p| p.item.kind == ItemKind::Date);
        outcomes.insert(id.as_str().to_owned(), outcome(state, is_date));
    }
    outcomes
}

fn outcome(state: &ItemState, is_date: bool) -> ItemOutcome {
    match state {
        ItemState::Done { at } => ItemOutcome::Done { at: *at },
        ItemState::NotApplicable { reason, at } => {
            ItemOutcome::NotApplicable { reason: reason.clone(), at: *at }
        }
        ItemState::Answered { value, at } => {
            let value = match value {
                case::Answer::YesNo(yes) => {
                    Answer::Choice(if *yes { "yes" } else { "no" }.to_owned())
                }
                case::Answer::Choice(option) => Answer::Choice(option.clone()),
                case::Answer::Text(text) => match parse_iso_date(text).filter(|_| is_date) {
                    Some(date) => Answer::Date(date),
                    None => Answer::Text(text.clone()),
                },
            };
            ItemOutcome::Answered { value, at: *at }
        }
    }
}

/// How the case stores the answer to a date item.
pub fn date_answer(date: NaiveDate) -> case::Answer {
    case::Answer::Text(iso_date(date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{ChildProfile, FlagId, ItemId, WorkerLabel};
    use crate::procedure::{evaluate, ItemProgress, LocalTimelines};
    use crate::vocabulary::{AccompanimentStatus, Country};
    use chrono::{DateTime, Utc};
    use uuid::Uuid;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn noon(date: NaiveDate) -> DateTime<Utc> {
        date.and_hms_opt(12, 0, 0).expect("valid time").and_utc()
    }

    fn worker() -> WorkerLabel {
        WorkerLabel::new("MT-07")
    }

    fn case_with(edit: impl FnOnce(&mut ChildProfile)) -> Case {
        let mut profile = ChildProfile { alias: "Luz".into(), ..Default::default() };
        edit(&mut profile);
        Case::new(Uuid::nil(), profile, noon(day(2025, 3, 3)), &worker())
    }

    fn procedure() -> &'static Procedure {
        crate::procedure::procedure().expect("structure.json parses")
    }

    fn age_of(edit: impl FnOnce(&mut case::Age)) -> ChildAge {
        case_facts(&case_with(|p| edit(&mut p.age)), day(2026, 3, 3)).age
    }

    #[test]
    fn the_age_comes_from_birth_then_stated_years_and_otherwise_is_presumed_a_minor() {
        assert_eq!(age_of(|a| a.stated_years = Some(14)), ChildAge::Years(14));
        // A date of birth ages the record: 15 at opening, 16 a year later.
        assert_eq!(
            age_of(|a| {
                a.stated_years = Some(15);
                a.date_of_birth = Some(day(2010, 1, 10));
            }),
            ChildAge::Years(16)
        );
        // A birth date in the future is a typing error: the stated age stands.
        assert_eq!(
            age_of(|a| {
                a.stated_years = Some(9);
                a.date_of_birth = Some(day(2030, 1, 1));
            }),
            ChildAge::Years(9)
        );
        assert_eq!(age_of(|_| {}), ChildAge::Unknown { apparent_band: None });
        assert_eq!(
            age_of(|a| {
                a.stated_years = Some(17);
                a.basis = Some(AgeBasis::PresumedMinor);
            }),
            ChildAge::Unknown { apparent_band: Some(AgeBand::TwelveToSeventeen) }
        );
        assert_eq!(
            age_of(|a| {
                a.stated_years = Some(19);
                a.basis = Some(AgeBasis::PresumedMinor);
            }),
            ChildAge::Unknown { apparent_band: None }
        );
    }

    #[test]
    fn status_country_flags_and_dates_come_from_the_record() {
        let mut case = case_with(|p| {
            p.accompaniment.status = AccompanimentStatus::Separated;
            p.first_contact.country = Some(Country::Guatemala);
        });
        let flags = [FlagId::new("trafficking")].into_iter().collect();
        case.set_flags(flags, noon(day(2025, 3, 4)), &worker());
        let facts = case_facts(&case, day(2025, 3, 10));
        assert_eq!(facts.accompaniment, AccompanimentStatus::Separated);
        assert_eq!(facts.country, Some(Country::Guatemala));
        assert!(facts.has_flag("trafficking"));
        assert_eq!(facts.case_opened, day(2025, 3, 3));
        assert_eq!(facts.first_contact, day(2025, 3, 3));
    }

    #[test]
    fn every_kind_of_item_state_becomes_the_engines_outcome() {
        let date_item =
            procedure().items().find(|p| p.item.kind == ItemKind::Date).map(|p| p.item.id.clone());
        let text_item = procedure()
            .items()
            .find(|p| p.item.kind == ItemKind::Text)
            .map(|p| p.item.id.clone())
            .expect("the content has a text item");
        let at = noon(day(2025, 3, 3));
        let mut case = case_with(|_| {});
        let mut record =
            |id: &str, state: ItemState| case.record_item(ItemId::new(id), state, at, &worker());
        record("a.yes", ItemState::Answered { value: case::Answer::YesNo(true), at });
        record("a.no", ItemState::Answered { value: case::Answer::YesNo(false), at });
        record("a.choice", ItemState::Answered { value: case::Answer::Choice("given".into()), at });
        record("a.done", ItemState::Done { at });
        record("a.na", ItemState::NotApplicable { reason: "already done by DIF".into(), at });
        record(
            &text_item,
            ItemState::Answered { value: case::Answer::Text("2025-03-05".into()), at },
        );
        if let Some(date_item) = &date_item {
            record(date_item, ItemState::Answered { value: date_answer(day(2025, 3, 5)), at });
        }
        let outcomes = case_outcomes(&case, procedure());
        let answered = |value| ItemOutcome::Answered { value, at };
        assert_eq!(outcomes["a.yes"], answered(Answer::Choice("yes".into())));
        assert_eq!(outcomes["a.no"], answered(Answer::Choice("no".into())));
        assert_eq!(outcomes["a.choice"], answered(Answer::Choice("given".into())));
        assert_eq!(outcomes["a.done"], ItemOutcome::Done { at });
        assert_eq!(
            outcomes["a.na"],
            ItemOutcome::NotApplicable { reason: "already done by DIF".into(), at }
        );
        // Only a date item reads its text as a date.
        assert_eq!(outcomes[&text_item], answered(Answer::Text("2025-03-05".into())));
        if let Some(date_item) = &date_item {
            assert_eq!(outcomes[date_item], answered(Answer::Date(day(2025, 3, 5))));
        }
    }

    #[test]
    fn a_recorded_case_drives_the_engine_through_first_contact() {
        let mut case = case_with(|p| {
            p.age.stated_years = Some(15);
            p.accompaniment.status = AccompanimentStatus::Separated;
            p.first_contact.country = Some(Country::Guatemala);
        });
        let today = day(2025, 3, 3);
        let run = |case: &Case| {
            let facts = case_facts(case, today);
            let outcomes = case_outcomes(case, procedure());
            let status =
                evaluate(procedure(), &facts, &outcomes, &LocalTimelines::default(), today);
            let next = status.next_step.map(|s| s.step.to_owned());
            let first = status.phases[0].steps[0]
                .items
                .iter()
                .map(|i| (i.id.to_owned(), i.progress))
                .collect::<Vec<_>>();
            (next, first)
        };
        let (next, first) = run(&case);
        let first_step = procedure().phases[0].steps[0].id.clone();
        assert_eq!(next.as_deref(), Some(first_step.as_str()));
        assert!(first.iter().all(|(_, p)| *p == ItemProgress::Open));
        // Resolve every item of the first step the way the view does.
        let at = noon(today);
        for (id, _) in &first {
            let item = procedure().item(id).expect("known item").item;
            let state = match item.kind {
                ItemKind::Check => ItemState::Done { at },
                ItemKind::Question => {
                    ItemState::Answered { value: case::Answer::Choice(item.options[0].clone()), at }
                }
                ItemKind::Text => {
                    ItemState::Answered { value: case::Answer::Text("noted".into()), at }
                }
                ItemKind::Date => ItemState::Answered { value: date_answer(today), at },
            };
            case.record_item(ItemId::new(id.clone()), state, at, &worker());
        }
        let (next, first) = run(&case);
        assert!(first.iter().all(|(_, p)| p.is_resolved()), "{first:?}");
        assert_ne!(next.as_deref(), Some(first_step.as_str()));
    }
}
