//! Whether a case needs a best-interests determination, and why: the BID triggers of the
//! content (durable solution for an unaccompanied or separated child, separation from parents
//! against their will, …) evaluated against the case.

use super::condition::Situation;
use super::facts::{CaseFacts, Outcomes};
use super::model::{BidTrigger, Procedure};

/// The triggers that hold for a case; a BID is required when there is at least one.
#[derive(Debug)]
pub struct BidRequirement<'p> {
    pub reasons: Vec<&'p BidTrigger>,
}

impl BidRequirement<'_> {
    pub fn is_required(&self) -> bool {
        !self.reasons.is_empty()
    }

    /// Ids of the triggers that hold, in content order.
    pub fn reason_ids(&self) -> Vec<&str> {
        self.reasons.iter().map(|t| t.id.as_str()).collect()
    }

    /// Whether any reason rests on a trigger the sources could not confirm.
    pub fn needs_local_verification(&self) -> bool {
        self.reasons.iter().any(|t| t.verify_locally)
    }
}

/// Evaluates every BID trigger. Triggers may not depend on a BID being required (the
/// validator refuses that), so they are evaluated with that flag off.
pub fn bid_requirement<'p>(
    procedure: &'p Procedure,
    facts: &CaseFacts,
    outcomes: &Outcomes,
) -> BidRequirement<'p> {
    let situation = Situation { facts, outcomes, bid_required: false };
    let reasons = procedure.bid_triggers.iter().filter(|t| t.when.holds(&situation)).collect();
    BidRequirement { reasons }
}
