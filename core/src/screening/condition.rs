//! The small condition language of screening triggers: an answer is yes, the child's recorded
//! accompaniment, age below a threshold or in a band, documents held by someone else, who the
//! adults with the child are, where the child is now, the country — combined with any / all /
//! not. Unanswered and "don't know" never raise a flag.

use crate::case::{CareKind, IndicatorAnswer};
use crate::procedure::{AgeBand, ChildAge};
use crate::vocabulary::{AccompanimentStatus, Country};
use serde::Deserialize;
use std::collections::BTreeMap;

/// What the rules know of a child when screening.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScreeningInput {
    pub answers: BTreeMap<String, IndicatorAnswer>,
    pub age: ChildAge,
    pub accompaniment: AccompanimentStatus,
    /// An identity document of the child's is held by an adult, or the child does not know where.
    pub documents_held_by_others: bool,
    /// Adults are recorded with the child and none is a relative or a guardian by law or custom.
    pub only_unrelated_adults: bool,
    /// An adult with the child claims a relationship that has not been verified.
    pub relationship_unverified: bool,
    /// Where the child is now, as recorded (a migration facility must lead to action).
    pub care: Option<CareKind>,
    pub country: Option<Country>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum IndicatorCondition {
    /// The question was answered yes.
    Yes(String),
    Accompaniment(AccompanimentStatus),
    /// Younger than this many years — or age in doubt, when the presumption of minority gives
    /// the child the benefit of the doubt.
    AgeUnder(u8),
    /// In this age band (an age in doubt uses the worker's estimate, else 12–17).
    AgeBand(AgeBand),
    DocumentsHeldByOthers,
    /// Every adult recorded with the child is unrelated (no relative, no guardian).
    OnlyUnrelatedAdults,
    /// A recorded adult's relationship to the child is not verified.
    RelationshipUnverified,
    /// The child's current care is of this kind.
    Care(CareKind),
    Country(Country),
    Any(Vec<IndicatorCondition>),
    All(Vec<IndicatorCondition>),
    Not(Box<IndicatorCondition>),
}

impl IndicatorCondition {
    pub fn holds(&self, input: &ScreeningInput) -> bool {
        match self {
            IndicatorCondition::Yes(q) => input.answers.get(q) == Some(&IndicatorAnswer::Yes),
            IndicatorCondition::Accompaniment(a) => input.accompaniment == *a,
            IndicatorCondition::AgeUnder(limit) => match input.age {
                ChildAge::Years(years) => years < *limit,
                ChildAge::Unknown { .. } => true,
            },
            IndicatorCondition::AgeBand(band) => input.age.band() == Some(*band),
            IndicatorCondition::DocumentsHeldByOthers => input.documents_held_by_others,
            IndicatorCondition::OnlyUnrelatedAdults => input.only_unrelated_adults,
            IndicatorCondition::RelationshipUnverified => input.relationship_unverified,
            IndicatorCondition::Care(kind) => input.care == Some(*kind),
            IndicatorCondition::Country(c) => input.country == Some(*c),
            IndicatorCondition::Any(list) => list.iter().any(|c| c.holds(input)),
            IndicatorCondition::All(list) => list.iter().all(|c| c.holds(input)),
            IndicatorCondition::Not(inner) => !inner.holds(input),
        }
    }

    /// The questions this condition reads, for the content checks and the "which answers" list.
    pub fn questions(&self) -> Vec<&str> {
        match self {
            IndicatorCondition::Yes(q) => vec![q.as_str()],
            IndicatorCondition::Any(list) | IndicatorCondition::All(list) => {
                list.iter().flat_map(|c| c.questions()).collect()
            }
            IndicatorCondition::Not(inner) => inner.questions(),
            _ => Vec::new(),
        }
    }
}
