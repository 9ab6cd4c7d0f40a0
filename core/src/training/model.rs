//! The practice scenarios (`content/training/scenarios.json`): the fictional child's situation as a worker would learn it, and what the author expects the rules to say about it.

use crate::case::{CareKind, IndicatorAnswer, RiskLevel};
use crate::procedure::ChildAge;
use crate::screening::ScreeningInput;
use crate::ui_text::Review;
use crate::vocabulary::{AccompanimentStatus, Country};
use serde::Deserialize;
use std::collections::BTreeMap;

/// All scenarios, in the order the practice space lists them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenarios {
    pub review: Review,
    pub scenarios: Vec<Scenario>,
}

/// One fictional situation. Its words (title, story) are in the locale files under
/// `scenario.<id>.title` and `scenario.<id>.story`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    /// The RCM country where the worker meets the child.
    pub country: Country,
    /// Age in years; `null` when it is in doubt (the presumption of minority applies).
    pub age: Option<u8>,
    pub accompaniment: AccompanimentStatus,
    pub care: CareKind,
    #[serde(default)]
    pub documents_held_by_others: bool,
    #[serde(default)]
    pub only_unrelated_adults: bool,
    #[serde(default)]
    pub relationship_unverified: bool,
    /// Screening questions the child's situation answers yes; every other one is a clear no,
    /// except those in `dont_know`.
    pub yes: Vec<String>,
    /// Questions the child cannot answer (too young, does not know).
    #[serde(default)]
    pub dont_know: Vec<String>,
    /// What the author expects the rules to say; the content tests check it.
    pub expect: Expectation,
    pub sources: Vec<String>,
}

/// The author's expected outcome, checked against the rules.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// The flags the real screening raises, in any order.
    pub flags: Vec<String>,
    pub risk: Option<RiskLevel>,
    /// Whether the procedure allows contact with the consulate of the child's country.
    pub origin_contact: bool,
    /// What comes before everything else.
    pub first: super::feedback::FirstStep,
}

impl Scenarios {
    pub fn parse(json: &str) -> Result<Scenarios, String> {
        serde_json::from_str(json).map_err(|e| format!("content/training/scenarios.json: {e}"))
    }

    pub fn get(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }
}

impl Scenario {
    pub fn child_age(&self) -> ChildAge {
        self.age.map_or(ChildAge::Unknown { apparent_band: None }, ChildAge::Years)
    }

    /// What the child would answer to every screening question of `questions`.
    pub fn answers<'q>(
        &self,
        questions: impl Iterator<Item = &'q str>,
    ) -> BTreeMap<String, IndicatorAnswer> {
        questions
            .map(|q| {
                let answer = if self.yes.iter().any(|y| y == q) {
                    IndicatorAnswer::Yes
                } else if self.dont_know.iter().any(|d| d == q) {
                    IndicatorAnswer::DontKnow
                } else {
                    IndicatorAnswer::No
                };
                (q.to_owned(), answer)
            })
            .collect()
    }

    /// The screening input of the child as the scenario really is.
    pub fn true_input(&self, answers: BTreeMap<String, IndicatorAnswer>) -> ScreeningInput {
        ScreeningInput {
            answers,
            age: self.child_age(),
            accompaniment: self.accompaniment,
            documents_held_by_others: self.documents_held_by_others,
            only_unrelated_adults: self.only_unrelated_adults,
            relationship_unverified: self.relationship_unverified,
            care: Some(self.care),
            country: Some(self.country),
        }
    }
}

/// Where a child may be now, in the order the practice form offers them.
pub const CARE_KINDS: [CareKind; 8] = [
    CareKind::WithParentOrCaregiver,
    CareKind::KinshipCare,
    CareKind::FosterFamily,
    CareKind::ShelterOrReceptionCentre,
    CareKind::MigrationFacility,
    CareKind::Hospital,
    CareKind::NoFixedPlace,
    CareKind::Other,
];

/// The stored code of a kind of care (as `content/training/scenarios.json` writes it).
pub fn care_code(kind: CareKind) -> &'static str {
    match kind {
        CareKind::WithParentOrCaregiver => "with_parent_or_caregiver",
        CareKind::KinshipCare => "kinship_care",
        CareKind::FosterFamily => "foster_family",
        CareKind::ShelterOrReceptionCentre => "shelter_or_reception_centre",
        CareKind::MigrationFacility => "migration_facility",
        CareKind::Hospital => "hospital",
        CareKind::NoFixedPlace => "no_fixed_place",
        CareKind::Other => "other",
    }
}
