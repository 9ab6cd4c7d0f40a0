//! A case's procedure as its screen shows it: the engine's answer for the case on a given day,
//! as owned rows a view can compare and keep — phases with their required items done, the
//! applicable steps, the next step, the deadlines with their due dates, and outcomes kept in the
//! record that no longer count.

use super::deadlines::{DeadlineBasis, DeadlineStatus, Due};
use super::engine::{evaluate, ItemProgress};
use super::facts::{Answer, ItemOutcome};
use super::from_case::{case_facts, case_outcomes};
use super::model::Procedure;
use super::timeline_settings::TimelineSettings;
use crate::case::Case;
use crate::dates::iso_date;
use chrono::NaiveDate;

/// The engine's answer for the case as it is now, as owned rows the view can compare and keep.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub phases: Vec<PhaseRow>,
    /// Applicable steps in procedure order.
    pub steps: Vec<StepRow>,
    pub next: Option<String>,
    pub bid_required: bool,
    pub deadlines: Vec<DeadlineRow>,
    /// Outcomes kept in the record that no longer count: for items the content has retired or
    /// that no longer apply to this child. Shown, never lost.
    pub history: Vec<HistoryRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HistoryRow {
    pub item: String,
    pub retired: bool,
    pub outcome: OutcomeRow,
}

#[derive(Clone, Debug, PartialEq)]
pub enum OutcomeRow {
    Done(String),
    Chose(String, String),
    Wrote(String, String),
    NotApplicable(String, String),
}

impl OutcomeRow {
    pub fn of(outcome: &ItemOutcome) -> OutcomeRow {
        let on = iso_date(outcome.at().date_naive());
        match outcome {
            ItemOutcome::Done { .. } => OutcomeRow::Done(on),
            ItemOutcome::Answered { value: Answer::Choice(c), .. } => {
                OutcomeRow::Chose(c.clone(), on)
            }
            ItemOutcome::Answered { value: Answer::Text(t), .. } => {
                OutcomeRow::Wrote(t.clone(), on)
            }
            ItemOutcome::Answered { value: Answer::Date(d), .. } => {
                OutcomeRow::Wrote(iso_date(*d), on)
            }
            ItemOutcome::NotApplicable { reason, .. } => {
                OutcomeRow::NotApplicable(reason.clone(), on)
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PhaseRow {
    pub id: String,
    pub applies: bool,
    pub required: usize,
    pub required_done: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepRow {
    pub id: String,
    pub phase: String,
    pub items: Vec<(String, ItemProgress)>,
    pub resolved: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DeadlineRow {
    pub id: String,
    pub due: DueRow,
    pub basis: DeadlineBasis,
    pub status: DeadlineStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DueRow {
    On(String),
    Asap(String),
    WaitingFor(String),
    NotSet,
}

impl Progress {
    /// The procedure's state for `case` on `today`, with the organisation's timelines for the
    /// case's country in place of the sources' where they are set.
    pub fn of(
        procedure: &Procedure,
        timelines: &TimelineSettings,
        case: &Case,
        today: NaiveDate,
    ) -> Progress {
        let facts = case_facts(case, today);
        let outcomes = case_outcomes(case, procedure);
        // The organisation's timelines for the case's country replace the sources' where set.
        let local = timelines.local(facts.country);
        let status = evaluate(procedure, &facts, &outcomes, &local, today);
        let phases = status
            .phases
            .iter()
            .map(|p| {
                let required = p.steps.iter().flat_map(|s| &s.items).filter(|i| i.required).count();
                let open: usize = p.steps.iter().map(|s| s.required_open).sum();
                PhaseRow {
                    id: p.id.to_owned(),
                    applies: p.applies,
                    required,
                    required_done: required - open,
                }
            })
            .collect();
        let steps = status
            .phases
            .iter()
            .flat_map(|p| p.steps.iter().map(move |s| (p.id, s)))
            .map(|(phase, s)| StepRow {
                id: s.id.to_owned(),
                phase: phase.to_owned(),
                items: s.items.iter().map(|i| (i.id.to_owned(), i.progress)).collect(),
                resolved: s.resolved,
            })
            .collect();
        let deadlines = status
            .deadlines
            .iter()
            .map(|d| DeadlineRow {
                id: d.id().to_owned(),
                due: match d.due {
                    Due::On(date) => DueRow::On(iso_date(date)),
                    Due::AsSoonAsPossible { since } => DueRow::Asap(iso_date(since)),
                    Due::WaitingFor { item } => DueRow::WaitingFor(item.to_owned()),
                    Due::NotSet => DueRow::NotSet,
                },
                basis: d.basis,
                status: d.status,
            })
            .collect();
        let retired = status.retired.iter().map(|(id, outcome)| HistoryRow {
            item: (*id).to_owned(),
            retired: true,
            outcome: OutcomeRow::of(outcome),
        });
        let lifted = status.no_longer_applicable.iter().filter_map(|id| {
            let outcome = outcomes.get(*id)?;
            Some(HistoryRow {
                item: (*id).to_owned(),
                retired: false,
                outcome: OutcomeRow::of(outcome),
            })
        });
        let history = lifted.chain(retired).collect();
        Progress {
            phases,
            steps,
            next: status.next_step.map(|s| s.step.to_owned()),
            bid_required: status.bid.is_required(),
            deadlines,
            history,
        }
    }

    /// The progress of one item (open if it does not apply or is unknown).
    pub fn item(&self, id: &str) -> ItemProgress {
        self.steps
            .iter()
            .flat_map(|s| &s.items)
            .find(|(i, _)| i == id)
            .map_or(ItemProgress::Open, |(_, p)| *p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{ChildProfile, ItemId, ItemState, WorkerLabel};
    use crate::vocabulary::Country;
    use chrono::{DateTime, Utc};
    use uuid::Uuid;

    const DANGER: &str = "first_contact.safety.immediate_danger";

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn noon(date: NaiveDate) -> DateTime<Utc> {
        date.and_hms_opt(12, 0, 0).expect("valid time").and_utc()
    }

    fn procedure() -> &'static Procedure {
        crate::procedure::procedure().expect("structure.json parses")
    }

    fn case() -> Case {
        let mut profile = ChildProfile { alias: "Luz".into(), ..Default::default() };
        profile.age.stated_years = Some(12);
        profile.first_contact.country = Some(Country::Mexico);
        Case::new(Uuid::nil(), profile, noon(day(2025, 3, 3)), &WorkerLabel::new("MT-07"))
    }

    fn progress(case: &Case, today: NaiveDate) -> Progress {
        Progress::of(procedure(), &TimelineSettings::new(), case, today)
    }

    #[test]
    fn a_new_case_starts_at_first_contact_and_an_item_done_counts_towards_its_phase() {
        let mut case = case();
        let before = progress(&case, day(2025, 3, 3));
        let phase = |p: &Progress| p.phases.iter().find(|r| r.id == "first_contact").cloned();
        assert_eq!(before.item(DANGER), ItemProgress::Open);
        assert_eq!(before.next.as_deref(), Some("first_contact.safety"));
        let at = noon(day(2025, 3, 3));
        case.record_item(
            ItemId::new(DANGER),
            ItemState::Done { at },
            at,
            &WorkerLabel::new("MT-07"),
        );
        let after = progress(&case, day(2025, 3, 3));
        assert_eq!(after.item(DANGER), ItemProgress::Done);
        let (b, a) = (phase(&before).expect("phase"), phase(&after).expect("phase"));
        assert_eq!((a.required, a.required_done), (b.required, b.required_done + 1));
    }

    #[test]
    fn deadlines_are_judged_on_the_day_given() {
        let case = case();
        let open = |p: &Progress| {
            p.deadlines.iter().filter(|d| matches!(d.status, DeadlineStatus::Open)).count()
        };
        let overdue = |p: &Progress| {
            p.deadlines
                .iter()
                .filter(|d| matches!(d.status, DeadlineStatus::Overdue { .. }))
                .count()
        };
        let first_day = progress(&case, day(2025, 3, 3));
        let a_year_on = progress(&case, day(2026, 3, 3));
        assert!(!first_day.deadlines.is_empty());
        assert_eq!(overdue(&first_day), 0);
        assert!(overdue(&a_year_on) > 0, "nothing done for a year leaves deadlines overdue");
        assert!(open(&a_year_on) < open(&first_day));
    }

    #[test]
    fn an_item_unknown_to_the_procedure_is_open_and_an_outcome_it_retired_is_kept() {
        let mut case = case();
        let at = noon(day(2025, 3, 3));
        let gone = "first_contact.retired_item";
        case.record_item(ItemId::new(gone), ItemState::Done { at }, at, &WorkerLabel::new("MT-07"));
        let p = progress(&case, day(2025, 3, 4));
        assert_eq!(p.item(gone), ItemProgress::Open);
        assert!(p.history.iter().any(|h| h.item == gone
            && h.retired
            && h.outcome == OutcomeRow::Done("2025-03-03".into())));
    }
}
