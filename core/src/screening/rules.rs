//! The screening rules: which flags the answers and the child's data raise and why, the actions
//! they oblige, and the risk level they point to (the highest of the triggers that hold, per
//! the inter-agency definitions in SOURCES a4), with the reasons for it.

use super::age::{read_age, AgeReading};
use super::condition::ScreeningInput;
use super::model::{FlagRule, ObligedAction, ScreeningStructure, Trigger};
use crate::case::{FlagId, RiskLevel};
use std::collections::BTreeSet;

/// A flag the screening raised and everything that explains it.
#[derive(Debug)]
pub struct RaisedFlag<'s> {
    pub rule: &'s FlagRule,
    /// The triggers that hold, in content order.
    pub triggers: Vec<&'s Trigger>,
    /// The highest risk level among them.
    pub level: RiskLevel,
    /// The questions answered yes that raised it.
    pub answers: Vec<&'s str>,
}

impl RaisedFlag<'_> {
    pub fn id(&self) -> &str {
        &self.rule.id
    }
}

/// An action the raised flags oblige, with the flags that oblige it.
#[derive(Debug)]
pub struct ActionDue<'s> {
    pub action: &'s ObligedAction,
    pub flags: Vec<&'s str>,
}

/// One reason for the risk level: a trigger of a flag and the level it points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RiskReason<'s> {
    pub flag: &'s str,
    pub trigger: &'s str,
    pub level: RiskLevel,
}

#[derive(Debug)]
pub struct ScreeningResult<'s> {
    /// Raised flags, in content order.
    pub flags: Vec<RaisedFlag<'s>>,
    /// The highest level among the reasons; `None` when no flag is raised.
    pub risk: Option<RiskLevel>,
    /// Every trigger that holds, highest level first.
    pub reasons: Vec<RiskReason<'s>>,
    /// Obliged actions, each once, in the order of the first flag that obliges it.
    pub actions: Vec<ActionDue<'s>>,
    pub age: AgeReading,
}

impl ScreeningResult<'_> {
    pub fn flag_ids(&self) -> BTreeSet<FlagId> {
        self.flags.iter().map(|f| FlagId::new(f.id())).collect()
    }

    pub fn has_flag(&self, id: &str) -> bool {
        self.flags.iter().any(|f| f.id() == id)
    }

    pub fn flag(&self, id: &str) -> Option<&RaisedFlag<'_>> {
        self.flags.iter().find(|f| f.id() == id)
    }

    pub fn obliges(&self, action: &str) -> bool {
        self.actions.iter().any(|a| a.action.id == action)
    }
}

/// Applies the screening rules to what is known of the child.
pub fn screen<'s>(
    structure: &'s ScreeningStructure,
    input: &ScreeningInput,
) -> ScreeningResult<'s> {
    let mut flags = Vec::new();
    let mut reasons = Vec::new();
    for rule in &structure.flags {
        let triggers: Vec<&Trigger> =
            rule.triggers.iter().filter(|t| t.when.holds(input)).collect();
        let Some(level) = triggers.iter().map(|t| t.risk).max() else { continue };
        let mut answers: Vec<&str> = Vec::new();
        for q in triggers.iter().flat_map(|t| t.when.questions()) {
            if input.answers.get(q) == Some(&crate::case::IndicatorAnswer::Yes)
                && !answers.contains(&q)
            {
                answers.push(q);
            }
        }
        reasons.extend(triggers.iter().map(|t| RiskReason {
            flag: &rule.id,
            trigger: &t.id,
            level: t.risk,
        }));
        flags.push(RaisedFlag { rule, triggers, level, answers });
    }
    // Stable: equal levels keep content order.
    reasons.sort_by_key(|r| std::cmp::Reverse(r.level));
    let mut actions: Vec<ActionDue> = Vec::new();
    for flag in &flags {
        for id in &flag.rule.actions {
            match actions.iter_mut().find(|a| a.action.id == *id) {
                Some(due) => due.flags.push(&flag.rule.id),
                None => {
                    if let Some(action) = structure.action(id) {
                        actions.push(ActionDue { action, flags: vec![&flag.rule.id] });
                    }
                }
            }
        }
    }
    ScreeningResult {
        risk: reasons.first().map(|r| r.level),
        flags,
        reasons,
        actions,
        age: read_age(input.age, input.country),
    }
}
