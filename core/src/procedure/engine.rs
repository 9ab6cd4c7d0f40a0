//! The procedure engine: given a case's facts and outcomes, which phases, steps and items
//! apply, how far each step has come, which step is next, whether a BID is required and
//! which deadlines follow. Pure: the same input always gives the same answer.

use super::bid::{bid_requirement, BidRequirement};
use super::condition::{applies, Situation};
use super::deadlines::{deadlines, Deadline, LocalTimelines};
use super::facts::{Answer, CaseFacts, ItemOutcome, Outcomes};
use super::model::{Item, ItemKind, Procedure};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Everything the procedure view needs about one case.
#[derive(Debug)]
pub struct ProcedureStatus<'p, 'o> {
    /// All phases in order; a phase that does not apply has no steps.
    pub phases: Vec<PhaseStatus<'p>>,
    /// The first step, in procedure order, with a required item still open.
    pub next_step: Option<StepRef<'p>>,
    pub bid: BidRequirement<'p>,
    pub deadlines: Vec<Deadline<'p>>,
    /// Outcomes for item ids the content no longer has: kept and shown, never counted.
    pub retired: Vec<(&'o str, &'o ItemOutcome)>,
    /// Items that exist and have an outcome but no longer apply (a flag was lifted, the
    /// status changed): shown as history, never counted.
    pub no_longer_applicable: Vec<&'p str>,
}

#[derive(Debug)]
pub struct PhaseStatus<'p> {
    pub id: &'p str,
    pub applies: bool,
    /// Only the steps that apply, each with at least one item.
    pub steps: Vec<StepStatus<'p>>,
}

#[derive(Debug)]
pub struct StepStatus<'p> {
    pub id: &'p str,
    /// Only the items that apply, in order.
    pub items: Vec<ItemStatus<'p>>,
    /// Items done, answered or set aside with a reason.
    pub resolved: usize,
    /// Required items not yet resolved.
    pub required_open: usize,
}

#[derive(Debug)]
pub struct ItemStatus<'p> {
    pub id: &'p str,
    pub required: bool,
    pub progress: ItemProgress,
}

/// Where one applicable item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemProgress {
    Open,
    Done,
    Answered,
    /// Marked not applicable, with a reason.
    NotApplicable,
    /// Something is recorded but it does not complete the item (an option the content no
    /// longer offers, a blank reason, a value of the wrong kind): show it and ask again.
    NeedsAttention,
}

impl ItemProgress {
    pub fn is_resolved(self) -> bool {
        matches!(self, ItemProgress::Done | ItemProgress::Answered | ItemProgress::NotApplicable)
    }
}

/// A step and the phase that holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepRef<'p> {
    pub phase: &'p str,
    pub step: &'p str,
}

impl<'p> ProcedureStatus<'p, '_> {
    pub fn phase(&self, id: &str) -> Option<&PhaseStatus<'p>> {
        self.phases.iter().find(|p| p.id == id)
    }

    pub fn step(&self, id: &str) -> Option<&StepStatus<'p>> {
        self.phases.iter().flat_map(|p| &p.steps).find(|s| s.id == id)
    }

    /// The applicable items, in procedure order.
    pub fn items(&self) -> impl Iterator<Item = &ItemStatus<'p>> {
        self.phases.iter().flat_map(|p| &p.steps).flat_map(|s| &s.items)
    }

    pub fn item(&self, id: &str) -> Option<&ItemStatus<'p>> {
        self.items().find(|i| i.id == id)
    }

    pub fn applies(&self, item_id: &str) -> bool {
        self.item(item_id).is_some()
    }

    pub fn deadline(&self, id: &str) -> Option<&Deadline<'p>> {
        self.deadlines.iter().find(|d| d.rule.id == id)
    }
}

/// Works out the procedure for one case. `local` holds the organisation's timelines for the
/// case's country; `today` decides what is overdue.
pub fn evaluate<'p, 'o>(
    procedure: &'p Procedure,
    facts: &CaseFacts,
    outcomes: &'o Outcomes,
    local: &LocalTimelines,
    today: NaiveDate,
) -> ProcedureStatus<'p, 'o> {
    let bid = bid_requirement(procedure, facts, outcomes);
    let situation = Situation { facts, outcomes, bid_required: bid.is_required() };

    let phases: Vec<PhaseStatus> = procedure
        .phases
        .iter()
        .map(|phase| {
            let phase_applies = applies(phase.when.as_ref(), &situation);
            let steps = if phase_applies {
                phase
                    .steps
                    .iter()
                    .filter(|step| applies(step.when.as_ref(), &situation))
                    .map(|step| step_status(&step.id, &step.items, &situation, outcomes))
                    .filter(|step| !step.items.is_empty())
                    .collect()
            } else {
                Vec::new()
            };
            PhaseStatus { id: &phase.id, applies: phase_applies, steps }
        })
        .collect();

    let next_step = phases.iter().find_map(|phase| {
        phase
            .steps
            .iter()
            .find(|s| s.required_open > 0)
            .map(|s| StepRef { phase: phase.id, step: s.id })
    });

    // Sets built by insertion: `collect` into a B-tree sorts first, which costs the phone
    // kilobytes of sorting code for each element type.
    let mut applicable = BTreeSet::new();
    phases.iter().flat_map(|p| &p.steps).flat_map(|s| &s.items).for_each(|i| {
        applicable.insert(i.id);
    });
    let mut known = BTreeSet::new();
    procedure.items().for_each(|p| {
        known.insert(p.item.id.as_str());
    });
    let retired = outcomes
        .iter()
        .filter(|(id, _)| !known.contains(id.as_str()))
        .map(|(id, outcome)| (id.as_str(), outcome))
        .collect();
    let no_longer_applicable = procedure
        .items()
        .map(|p| p.item.id.as_str())
        .filter(|id| outcomes.contains_key(*id) && !applicable.contains(id))
        .collect();
    let deadlines = deadlines(procedure, &applicable, facts, outcomes, local, today);

    ProcedureStatus { phases, next_step, bid, deadlines, retired, no_longer_applicable }
}

fn step_status<'p>(
    id: &'p str,
    items: &'p [Item],
    situation: &Situation,
    outcomes: &Outcomes,
) -> StepStatus<'p> {
    let items: Vec<ItemStatus> = items
        .iter()
        .filter(|item| applies(item.when.as_ref(), situation))
        .map(|item| ItemStatus {
            id: &item.id,
            required: item.required,
            progress: progress(item, outcomes.get(&item.id)),
        })
        .collect();
    let resolved = items.iter().filter(|i| i.progress.is_resolved()).count();
    let required_open = items.iter().filter(|i| i.required && !i.progress.is_resolved()).count();
    StepStatus { id, items, resolved, required_open }
}

/// How an outcome completes an item of a given kind.
fn progress(item: &Item, outcome: Option<&ItemOutcome>) -> ItemProgress {
    match outcome {
        None => ItemProgress::Open,
        Some(ItemOutcome::NotApplicable { reason, .. }) if reason.trim().is_empty() => {
            ItemProgress::NeedsAttention
        }
        Some(ItemOutcome::NotApplicable { .. }) => ItemProgress::NotApplicable,
        Some(ItemOutcome::Done { .. }) if item.kind == ItemKind::Check => ItemProgress::Done,
        Some(ItemOutcome::Answered { value, .. }) if answers(item, value) => ItemProgress::Answered,
        Some(_) => ItemProgress::NeedsAttention,
    }
}

/// Whether `value` is a usable answer to `item`.
fn answers(item: &Item, value: &Answer) -> bool {
    match (value, item.kind) {
        (Answer::Choice(option), ItemKind::Question) => item.options.contains(option),
        (Answer::Text(text), ItemKind::Text) => !text.trim().is_empty(),
        (Answer::Date(_), ItemKind::Date) => true,
        _ => false,
    }
}
