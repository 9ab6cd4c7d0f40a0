//! What the real rules say about a scenario: the flags, risk level and obliged actions of the screening run on the child's true situation, whether the procedure lets a worker contact the consulate of the child's country, and what comes first.

use super::feedback::FirstStep;
use super::model::Scenario;
use crate::case::{IndicatorAnswer, RiskLevel};
use crate::procedure::{evaluate, CaseFacts, LocalTimelines, Outcomes, Procedure};
use crate::screening::{screen, ScreeningInput, ScreeningStructure};
use chrono::NaiveDate;

/// The procedure item that allows contact with the consulate of the child's country.
pub const CONSULAR_ITEM: &str = "first_contact.notification.consular";
/// The procedure item that keeps that contact shut until screening records a clear no.
pub const ORIGIN_GATE_ITEM: &str = "first_contact.notification.origin_contact_gate";

/// The rules' answer for one scenario, as owned rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Truth {
    /// Raised flags, in content order.
    pub flags: Vec<String>,
    pub risk: Option<RiskLevel>,
    /// Obliged actions, each once, in the screening's order.
    pub actions: Vec<String>,
    /// Whether the procedure's consular-contact item applies.
    pub origin_contact: bool,
    pub first: FirstStep,
}

/// Screens `input` and asks the procedure whether consular contact is allowed.
pub fn rules_say(
    structure: &ScreeningStructure,
    procedure: &Procedure,
    input: &ScreeningInput,
) -> Truth {
    let result = screen(structure, input);
    let flags: Vec<String> = result.flags.iter().map(|f| f.id().to_owned()).collect();
    let actions: Vec<String> = result.actions.iter().map(|a| a.action.id.clone()).collect();
    let first = if actions.iter().any(|a| a == "urgent_care") {
        FirstStep::UrgentCare
    } else if actions.iter().any(|a| a == "immediate_safety") {
        FirstStep::Safety
    } else {
        FirstStep::Listen
    };
    Truth {
        origin_contact: consular_contact_allowed(procedure, input, &flags),
        risk: result.risk,
        flags,
        actions,
        first,
    }
}

/// Whether the real procedure lets the worker contact the child's consulate, given these flags and
/// the questions answered a clear no in `input`.
pub fn consular_contact_allowed(
    procedure: &Procedure,
    input: &ScreeningInput,
    flags: &[String],
) -> bool {
    // Any fixed day: the consular item has no deadline.
    let day = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    let facts = CaseFacts {
        age: input.age,
        accompaniment: input.accompaniment,
        country: input.country,
        flags: flags.iter().cloned().collect(),
        answered_no: input
            .answers
            .iter()
            .filter(|(_, a)| **a == IndicatorAnswer::No)
            .map(|(q, _)| q.clone())
            .collect(),
        case_opened: day,
        first_contact: day,
    };
    let outcomes = Outcomes::new();
    evaluate(procedure, &facts, &outcomes, &LocalTimelines::default(), day).applies(CONSULAR_ITEM)
}

impl Truth {
    /// The rules' answer for `scenario` as it really is.
    pub fn of(structure: &ScreeningStructure, procedure: &Procedure, scenario: &Scenario) -> Truth {
        let answers = scenario.answers(structure.questions().map(|q| q.id.as_str()));
        rules_say(structure, procedure, &scenario.true_input(answers))
    }

    pub fn obliges(&self, action: &str) -> bool {
        self.actions.iter().any(|a| a == action)
    }
}
