//! Helpers for the engine scenarios: build a case's facts and outcomes tersely, run the engine
//! on the real content, and complete whole phases the way a worker would.

use super::deadlines::LocalTimelines;
use super::engine::{evaluate, ProcedureStatus};
use super::facts::{Answer, CaseFacts, ChildAge, ItemOutcome, Outcomes};
use super::model::{ItemKind, Procedure};
use crate::vocabulary::{AccompanimentStatus, Country};
use chrono::{DateTime, NaiveDate, Utc};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Noon UTC on a day, so the UTC date is the local date everywhere in the region.
pub fn at(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(12, 0, 0).expect("valid time").and_utc()
}

/// The day every scenario's case is opened and the child first met: Monday 3 March 2025.
pub fn opened() -> NaiveDate {
    day(2025, 3, 3)
}

pub fn content() -> &'static Procedure {
    super::procedure().expect("structure.json parses")
}

pub fn case(
    age: ChildAge,
    accompaniment: AccompanimentStatus,
    country: Option<Country>,
    flags: &[&str],
) -> CaseFacts {
    CaseFacts {
        age,
        accompaniment,
        country,
        flags: flags.iter().map(|f| (*f).to_owned()).collect(),
        answered_no: Default::default(),
        case_opened: opened(),
        first_contact: opened(),
    }
}

pub fn done(outcomes: &mut Outcomes, item: &str, on: NaiveDate) {
    outcomes.insert(item.to_owned(), ItemOutcome::Done { at: at(on) });
}

pub fn choose(outcomes: &mut Outcomes, item: &str, option: &str, on: NaiveDate) {
    let value = Answer::Choice(option.to_owned());
    outcomes.insert(item.to_owned(), ItemOutcome::Answered { value, at: at(on) });
}

pub fn give_date(outcomes: &mut Outcomes, item: &str, date: NaiveDate, on: NaiveDate) {
    outcomes
        .insert(item.to_owned(), ItemOutcome::Answered { value: Answer::Date(date), at: at(on) });
}

pub fn not_applicable(outcomes: &mut Outcomes, item: &str, reason: &str, on: NaiveDate) {
    outcomes.insert(
        item.to_owned(),
        ItemOutcome::NotApplicable { reason: reason.to_owned(), at: at(on) },
    );
}

pub fn run<'o>(
    facts: &CaseFacts,
    outcomes: &'o Outcomes,
    today: NaiveDate,
) -> ProcedureStatus<'static, 'o> {
    evaluate(content(), facts, outcomes, &LocalTimelines::default(), today)
}

/// Ids of the applicable items.
pub fn applicable(status: &ProcedureStatus) -> Vec<String> {
    status.items().map(|i| i.id.to_owned()).collect()
}

pub fn assert_applies(status: &ProcedureStatus, ids: &[&str]) {
    for id in ids {
        assert!(status.applies(id), "{id} should apply");
    }
}

pub fn assert_does_not_apply(status: &ProcedureStatus, ids: &[&str]) {
    for id in ids {
        assert!(!status.applies(id), "{id} should not apply");
    }
}

/// Completes every required open item of `phase` as a worker would (ticks checks, takes the
/// first option of questions unless `answers` says otherwise, writes a line of text), until
/// nothing required is left open there.
pub fn complete_phase(
    facts: &CaseFacts,
    outcomes: &mut Outcomes,
    phase: &str,
    answers: &[(&str, &str)],
    on: NaiveDate,
) {
    for _ in 0..10 {
        let open: Vec<String> = {
            let status = run(facts, outcomes, on);
            let Some(p) = status.phase(phase) else { return };
            p.steps
                .iter()
                .flat_map(|s| &s.items)
                .filter(|i| i.required && !i.progress.is_resolved())
                .map(|i| i.id.to_owned())
                .collect()
        };
        if open.is_empty() {
            return;
        }
        for id in open {
            let Some(placed) = content().item(&id) else {
                continue;
            };
            match placed.item.kind {
                ItemKind::Check => done(outcomes, &id, on),
                ItemKind::Question => {
                    let chosen =
                        answers.iter().find(|(item, _)| *item == id).map(|(_, o)| (*o).to_owned());
                    let first = placed.item.options.first().cloned().unwrap_or_default();
                    choose(outcomes, &id, &chosen.unwrap_or(first), on);
                }
                ItemKind::Text => {
                    let value = Answer::Text("Recorded in the interview.".to_owned());
                    outcomes.insert(id, ItemOutcome::Answered { value, at: at(on) });
                }
                ItemKind::Date => give_date(outcomes, &id, on, on),
            }
        }
    }
    panic!("phase {phase} never completes");
}
