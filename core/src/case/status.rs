//! Where a case stands (open, closed with a reason, reopened) and its risk level, with a
//! worker's override that always carries a written reason.

use super::audit::WorkerLabel;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The lifecycle state of a case. Stored as `"open"` or `{"closed": {…}}`: serde's external
/// tagging, which costs far less wasm than an internal `"state"` tag.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    #[default]
    Open,
    Closed {
        /// When the case was closed: follow-up deadlines stop here.
        at: DateTime<Utc>,
        /// Why: a case may only close for a recorded reason. `None` only in records migrated
        /// from a version that did not ask (validation then reports it).
        reason: Option<ClosureReason>,
        /// Words that explain an `Other` reason, kept short — never details of a disclosure.
        explanation: String,
    },
    Reopened {
        /// When the case was reopened.
        at: DateTime<Utc>,
        /// Why, in a few words (optional): the next worker needs to know what changed.
        reason: String,
    },
}

impl CaseStatus {
    pub fn is_closed(&self) -> bool {
        matches!(self, CaseStatus::Closed { .. })
    }
}

/// Why a case was closed (SOURCES b5, "Closure").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosureReason {
    /// The case plan's goals were met, a durable solution is in place.
    GoalsMet,
    /// Transferred to another organisation or authority.
    Transferred,
    /// The child turned 18.
    TurnedEighteen,
    /// The child left and cannot be reached.
    ChildLeft,
    Death,
    /// Any other reason, explained in words.
    Other,
}

/// Risk level of a case (SOURCES b5, "Risk level").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

/// The risk level screening gives, and a worker's override of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    /// The level the screening rules derived from the flags (`None` before screening).
    pub screened: Option<RiskLevel>,
    /// A worker's judgement replacing the screened level — only with a written reason.
    pub overridden: Option<RiskOverride>,
}

impl Risk {
    /// The level that applies: the override if any, else the screened level.
    pub fn level(&self) -> Option<RiskLevel> {
        self.overridden.as_ref().map(|o| o.level).or(self.screened)
    }
}

/// A worker's override of the screened risk level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskOverride {
    /// The level the worker sets.
    pub level: RiskLevel,
    /// Why the screened level is wrong for this child: an override without a reason is refused.
    pub reason: String,
    /// Who overrode it: a judgement call has an owner.
    pub by: WorkerLabel,
    /// When.
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_replaces_the_screened_level() {
        let mut risk = Risk { screened: Some(RiskLevel::Low), overridden: None };
        assert_eq!(risk.level(), Some(RiskLevel::Low));
        risk.overridden = Some(RiskOverride {
            level: RiskLevel::High,
            reason: "Disclosed threats from the group that brought her".into(),
            by: WorkerLabel::new("AO-3"),
            at: DateTime::UNIX_EPOCH,
        });
        assert_eq!(risk.level(), Some(RiskLevel::High));
        assert_eq!(Risk::default().level(), None);
    }

    #[test]
    fn status_is_stored_under_its_name() {
        assert_eq!(serde_json::to_string(&CaseStatus::Open).ok().as_deref(), Some(r#""open""#));
        assert!(!CaseStatus::Open.is_closed());
        let closed = CaseStatus::Closed {
            at: DateTime::UNIX_EPOCH,
            reason: Some(ClosureReason::TurnedEighteen),
            explanation: String::new(),
        };
        assert!(closed.is_closed());
        assert_eq!(
            serde_json::to_string(&closed).ok().as_deref(),
            Some(
                r#"{"closed":{"at":"1970-01-01T00:00:00Z","reason":"turned_eighteen","explanation":""}}"#
            )
        );
    }
}
