//! What the engine needs to know about a case: the child's situation (`CaseFacts`) and what has
//! been recorded against each checklist item (`ItemOutcome`). The case model adapts to these.

use crate::vocabulary::{AccompanimentStatus, Country};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The age bands the content distinguishes. They follow how children are spoken to (under 6
/// through the caregiver; 6–11; 12–17), which also matches the national thresholds of 12 in
/// Mexico and El Salvador closely enough for guidance (SOURCES c10, e2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum AgeBand {
    #[serde(rename = "under_6")]
    UnderSix,
    #[serde(rename = "6_to_11")]
    SixToEleven,
    #[serde(rename = "12_to_17")]
    TwelveToSeventeen,
}

impl AgeBand {
    /// The band of a child of `years`; `None` from 18 on, when the person is no longer a child.
    pub fn of_years(years: u8) -> Option<AgeBand> {
        match years {
            0..=5 => Some(AgeBand::UnderSix),
            6..=11 => Some(AgeBand::SixToEleven),
            12..=17 => Some(AgeBand::TwelveToSeventeen),
            _ => None,
        }
    }
}

/// What is known of the child's age.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChildAge {
    /// Age in whole years, stated or established.
    Years(u8),
    /// Age in doubt: the person is presumed to be a child. `apparent_band` is the worker's
    /// estimate, used only to choose how to speak to the child.
    Unknown { apparent_band: Option<AgeBand> },
}

impl ChildAge {
    /// The band the content applies. With no estimate at all, the doubt is between an adult
    /// and an adolescent, which Mexican and Salvadoran law settle as adolescent (SOURCES c10).
    pub fn band(self) -> Option<AgeBand> {
        match self {
            ChildAge::Years(years) => AgeBand::of_years(years),
            ChildAge::Unknown { apparent_band } => {
                Some(apparent_band.unwrap_or(AgeBand::TwelveToSeventeen))
            }
        }
    }

    /// Whether the age is in doubt, so the presumption of minority applies.
    pub fn in_doubt(self) -> bool {
        matches!(self, ChildAge::Unknown { .. })
    }
}

/// The facts about a case that decide which parts of the procedure apply and when things are
/// due. Nothing here identifies the child.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseFacts {
    pub age: ChildAge,
    pub accompaniment: AccompanimentStatus,
    /// The RCM country where the case is handled; `None` until it is recorded.
    pub country: Option<Country>,
    /// Screening flags currently raised, by id (see `content/flags.json`).
    pub flags: BTreeSet<String>,
    /// Screening questions answered a clear "no" (never "don't know" or unanswered): gates such
    /// as contact with the country of origin open only on these.
    pub answered_no: BTreeSet<String>,
    pub case_opened: NaiveDate,
    pub first_contact: NaiveDate,
}

impl CaseFacts {
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.contains(flag)
    }
}

/// The value given to a question, text or date item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The id of one of the question's options.
    Choice(String),
    Text(String),
    Date(NaiveDate),
}

/// What was recorded against one checklist item, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemOutcome {
    /// The action was carried out (check items).
    Done { at: DateTime<Utc> },
    /// The item was answered (question, text and date items).
    Answered { value: Answer, at: DateTime<Utc> },
    /// The worker decided the item does not apply to this child; the reason is required.
    NotApplicable { reason: String, at: DateTime<Utc> },
}

impl ItemOutcome {
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            ItemOutcome::Done { at }
            | ItemOutcome::Answered { at, .. }
            | ItemOutcome::NotApplicable { at, .. } => *at,
        }
    }

    /// The option chosen, when this outcome answers a question.
    pub fn choice(&self) -> Option<&str> {
        match self {
            ItemOutcome::Answered { value: Answer::Choice(option), .. } => Some(option),
            _ => None,
        }
    }

    /// The date given, when this outcome answers a date item.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            ItemOutcome::Answered { value: Answer::Date(date), .. } => Some(*date),
            _ => None,
        }
    }
}

/// Outcomes of a case, by item id. Ids that no longer exist in content are kept: the engine
/// reports them as retired so an older record stays readable.
pub type Outcomes = BTreeMap<String, ItemOutcome>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_bands_have_their_edges_where_the_content_expects_them() {
        assert_eq!(AgeBand::of_years(0), Some(AgeBand::UnderSix));
        assert_eq!(AgeBand::of_years(5), Some(AgeBand::UnderSix));
        assert_eq!(AgeBand::of_years(6), Some(AgeBand::SixToEleven));
        assert_eq!(AgeBand::of_years(11), Some(AgeBand::SixToEleven));
        assert_eq!(AgeBand::of_years(12), Some(AgeBand::TwelveToSeventeen));
        assert_eq!(AgeBand::of_years(17), Some(AgeBand::TwelveToSeventeen));
        assert_eq!(AgeBand::of_years(18), None);
    }

    #[test]
    fn an_unknown_age_is_presumed_a_minor() {
        let unknown = ChildAge::Unknown { apparent_band: None };
        assert!(unknown.in_doubt());
        assert_eq!(unknown.band(), Some(AgeBand::TwelveToSeventeen));
        let small = ChildAge::Unknown { apparent_band: Some(AgeBand::UnderSix) };
        assert_eq!(small.band(), Some(AgeBand::UnderSix));
        assert!(!ChildAge::Years(9).in_doubt());
    }
}
