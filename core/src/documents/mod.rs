//! Model documents made from a case: registration record, interview record, best-interests
//! assessment report, best-interests determination report, follow-up log, closure or transfer
//! form, and (in `forms`) the panel undertaking, BID review report, consent record and case
//! conference record; `address` names each and builds it. Pure: built from
//! the case and the procedure content in the staff language; the view lays them out for print.
//! Labels are UI-string keys (the view translates them); values are the case's own words.

pub mod address;
pub mod forms;
pub mod kind;
mod profile;
pub mod referral;
mod sections;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_forms;

use crate::case::{Answer, Case, ItemId, ItemState, RiskLevel};
use crate::dates::iso_date;
use crate::procedure::condition::{applies, Situation};
use crate::procedure::{
    bid::bid_requirement, case_facts, case_outcomes, Procedure, ProcedureTexts,
};
use chrono::NaiveDate;

pub use kind::DocumentKind;

/// A piece of text in a document: a UI-string key (translated by the view), a key with values
/// to fill in, or words taken as they are (the case's or the content's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    Key(&'static str),
    KeyWith(&'static str, Vec<(&'static str, Text)>),
    /// A key built from data (a flag's name, `flag.<id>`).
    Keyed(String),
    Plain(String),
}

/// A label and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub label: Text,
    pub value: Text,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: Text,
    pub rows: Vec<Row>,
}

/// A model document ready to lay out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub kind: DocumentKind,
    /// The case's short number: the only identifier in the title and header.
    pub case_ref: String,
    pub made_on: NaiveDate,
    pub sections: Vec<Section>,
    /// Who signs, one line each (with a date line beside it).
    pub signatures: Vec<&'static str>,
}

impl Text {
    /// The words, with keys looked up by `lookup` (the staff language's strings).
    pub fn resolve(&self, lookup: &dyn Fn(&str) -> String) -> String {
        match self {
            Text::Key(key) => lookup(key),
            Text::Keyed(key) => lookup(key),
            Text::Plain(s) => s.clone(),
            Text::KeyWith(key, values) => {
                let values: Vec<(&str, String)> =
                    values.iter().map(|(k, v)| (*k, v.resolve(lookup))).collect();
                let pairs: Vec<(&str, &str)> =
                    values.iter().map(|(k, v)| (*k, v.as_str())).collect();
                crate::ui_text::fill(&lookup(key), &pairs)
            }
        }
    }
}

/// The case's short number, as on its card.
pub fn case_ref(case: &Case) -> String {
    case.id().simple().to_string()[..8].to_owned()
}

/// Builds the document `kind` for `case` on `today`, with the procedure's words from `texts`.
pub fn build(
    kind: DocumentKind,
    case: &Case,
    procedure: &Procedure,
    texts: &ProcedureTexts,
    today: NaiveDate,
) -> Document {
    let mut sections = vec![profile::header(case)];
    match kind {
        DocumentKind::Registration => sections.push(profile::full(case)),
        _ => sections.push(profile::summary(case)),
    }
    if matches!(
        kind,
        DocumentKind::Registration
            | DocumentKind::Interview
            | DocumentKind::BestInterestsAssessment
    ) {
        sections.push(sections::risk(case));
    }
    if kind == DocumentKind::Interview {
        sections.push(sections::interview(case));
    }
    if kind == DocumentKind::BestInterestsDetermination {
        sections.push(bid_reasons(case, procedure, texts, today));
        sections.push(sections::guardian_views(case, texts));
        sections.push(sections::panel(case));
    }
    // Conditional items appear only where they apply to this case (or were recorded anyway);
    // the others always do, blank if nothing was recorded, so the form can be filled by hand.
    let facts = case_facts(case, today);
    let outcomes = case_outcomes(case, procedure);
    let bid_required = bid_requirement(procedure, &facts, &outcomes).is_required();
    let situation = Situation { facts: &facts, outcomes: &outcomes, bid_required };
    for step in kind.steps() {
        if let Some(section) = step_section(case, procedure, texts, step, &situation) {
            sections.push(section);
        }
    }
    if kind == DocumentKind::FollowUpLog {
        sections.push(sections::notes(case));
    }
    Document {
        kind,
        case_ref: case_ref(case),
        made_on: today,
        sections,
        signatures: kind.signatures().to_vec(),
    }
}

/// Key of a risk level's name.
pub(crate) fn risk_key(level: Option<RiskLevel>) -> &'static str {
    level.map_or("risk.none", crate::vocabularies::Vocabulary::name_key)
}

/// Why a determination is needed, from the engine's BID triggers.
fn bid_reasons(
    case: &Case,
    procedure: &Procedure,
    texts: &ProcedureTexts,
    today: NaiveDate,
) -> Section {
    let facts = case_facts(case, today);
    let outcomes = case_outcomes(case, procedure);
    let requirement = bid_requirement(procedure, &facts, &outcomes);
    let rows = if requirement.is_required() {
        requirement
            .reasons
            .iter()
            .map(|t| Row {
                label: Text::Key("doc.bid.reason"),
                value: Text::Plain(
                    texts
                        .bid_triggers
                        .get(&t.id)
                        .map(|r| r.reason.clone())
                        .unwrap_or_else(|| t.id.clone()),
                ),
            })
            .collect()
    } else {
        vec![Row { label: Text::Key("doc.bid.reason"), value: Text::Key("doc.bid.no_trigger") }]
    };
    Section { heading: Text::Key("doc.section.bid_reasons"), rows }
}

/// One step of the procedure: each item's instruction and what the case records for it.
fn step_section(
    case: &Case,
    procedure: &Procedure,
    texts: &ProcedureTexts,
    step_id: &str,
    situation: &Situation,
) -> Option<Section> {
    let step = procedure.step(step_id)?;
    let rows: Vec<Row> = step
        .items
        .iter()
        .filter(|item| {
            (applies(step.when.as_ref(), situation) && applies(item.when.as_ref(), situation))
                || case.procedure().items.contains_key(&ItemId::new(item.id.clone()))
        })
        .map(|item| {
            let text = texts.items.get(&item.id);
            let label =
                Text::Plain(text.map(|t| t.instruction.clone()).unwrap_or_else(|| item.id.clone()));
            let value = item_value(case, texts, &item.id);
            Row { label, value }
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let heading =
        texts.steps.get(step_id).map(|s| s.title.clone()).unwrap_or_else(|| step_id.to_owned());
    Some(Section { heading: Text::Plain(heading), rows })
}

/// What the case records for the checklist item `id`, in words ("not recorded" if nothing).
pub(crate) fn item_value(case: &Case, texts: &ProcedureTexts, id: &str) -> Text {
    match case.procedure().items.get(&ItemId::new(id.to_owned())) {
        None => Text::Key("doc.not_recorded"),
        Some(ItemState::Done { at }) => {
            Text::KeyWith("doc.done_on", vec![("date", Text::Plain(iso_date(at.date_naive())))])
        }
        Some(ItemState::NotApplicable { reason, .. }) => {
            Text::KeyWith("doc.not_applicable", vec![("reason", Text::Plain(reason.clone()))])
        }
        Some(ItemState::Answered { value, .. }) => match value {
            Answer::Text(t) if t.trim().is_empty() => Text::Key("doc.not_recorded"),
            Answer::Text(t) => Text::Plain(t.clone()),
            Answer::YesNo(true) => Text::Key("doc.yes"),
            Answer::YesNo(false) => Text::Key("doc.no"),
            Answer::Choice(option) => Text::Plain(
                texts
                    .items
                    .get(id)
                    .and_then(|t| t.options.get(option))
                    .cloned()
                    .unwrap_or_else(|| option.clone()),
            ),
        },
    }
}
