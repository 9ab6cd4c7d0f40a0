//! The small, closed language in which content says when a phase, step, item or BID trigger
//! applies (`all` / `any` / `not` over the child's age, accompaniment, flags, country, answers
//! already given, screening questions answered a clear no and whether a BID is required), and
//! how it is evaluated.

use super::facts::{AgeBand, CaseFacts, Outcomes};
use crate::vocabulary::{AccompanimentStatus, Country};
use serde::Deserialize;

/// A condition as written in `content/procedure/structure.json`, for example
/// `{ "all": [{ "country": "MX" }, { "flag": "trafficking" }] }` or `"age_in_doubt"`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// A screening flag is raised.
    Flag(String),
    /// Any screening flag at all is raised.
    AnyFlag,
    /// The screening question was answered a clear "no" ("don't know" and unanswered are not).
    ScreenedNo(String),
    Accompaniment(AccompanimentStatus),
    AgeBand(AgeBand),
    /// The child's age is in doubt (presumption of minority).
    AgeInDoubt,
    Country(Country),
    /// A question item has been answered with this option.
    Answer {
        item: String,
        option: String,
    },
    /// At least one BID trigger holds for the case.
    BidRequired,
}

/// Everything a condition may look at.
pub struct Situation<'a> {
    pub facts: &'a CaseFacts,
    pub outcomes: &'a Outcomes,
    pub bid_required: bool,
}

impl Condition {
    /// Whether the condition holds for this situation.
    pub fn holds(&self, s: &Situation) -> bool {
        match self {
            Condition::All(all) => all.iter().all(|c| c.holds(s)),
            Condition::Any(any) => any.iter().any(|c| c.holds(s)),
            Condition::Not(c) => !c.holds(s),
            Condition::Flag(flag) => s.facts.has_flag(flag),
            Condition::AnyFlag => !s.facts.flags.is_empty(),
            Condition::ScreenedNo(question) => s.facts.answered_no.contains(question),
            Condition::Accompaniment(status) => s.facts.accompaniment == *status,
            Condition::AgeBand(band) => s.facts.age.band() == Some(*band),
            Condition::AgeInDoubt => s.facts.age.in_doubt(),
            Condition::Country(country) => s.facts.country == Some(*country),
            Condition::Answer { item, option } => {
                s.outcomes.get(item).and_then(|o| o.choice()) == Some(option.as_str())
            }
            Condition::BidRequired => s.bid_required,
        }
    }

    /// Calls `visit` on this condition and every condition nested in it (for validation).
    pub fn walk<'c>(&'c self, visit: &mut impl FnMut(&'c Condition)) {
        visit(self);
        match self {
            Condition::All(list) | Condition::Any(list) => list.iter().for_each(|c| c.walk(visit)),
            Condition::Not(c) => c.walk(visit),
            _ => {}
        }
    }
}

/// Whether an optional condition holds; no condition means "always".
pub fn applies(when: Option<&Condition>, s: &Situation) -> bool {
    when.is_none_or(|c| c.holds(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::facts::{Answer, ChildAge, ItemOutcome};
    use chrono::{DateTime, NaiveDate};

    fn facts() -> CaseFacts {
        let day = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap_or_default();
        CaseFacts {
            age: ChildAge::Years(15),
            accompaniment: AccompanimentStatus::Separated,
            country: Some(Country::Mexico),
            flags: ["gbv".to_owned()].into(),
            answered_no: ["safety.fear_return".to_owned()].into(),
            case_opened: day,
            first_contact: day,
        }
    }

    fn parse(json: &str) -> Condition {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn conditions_are_read_from_their_json_form() {
        assert_eq!(parse(r#""age_in_doubt""#), Condition::AgeInDoubt);
        assert_eq!(parse(r#"{"country":"MX"}"#), Condition::Country(Country::Mexico));
        assert_eq!(parse(r#"{"age_band":"6_to_11"}"#), Condition::AgeBand(AgeBand::SixToEleven));
        assert!(serde_json::from_str::<Condition>(r#"{"country":"CO"}"#).is_err());
        assert!(serde_json::from_str::<Condition>(r#"{"accompaniment":"alone"}"#).is_err());
        assert!(serde_json::from_str::<Condition>(r#"{"flags":"gbv"}"#).is_err());
    }

    #[test]
    fn combinators_and_leaves_evaluate_against_the_case() {
        let facts = facts();
        let mut outcomes = Outcomes::new();
        outcomes.insert(
            "q".to_owned(),
            ItemOutcome::Answered { value: Answer::Choice("yes".into()), at: DateTime::UNIX_EPOCH },
        );
        let s = Situation { facts: &facts, outcomes: &outcomes, bid_required: false };
        let holds = |json: &str| parse(json).holds(&s);
        assert!(holds(r#"{"all":[{"country":"MX"},{"flag":"gbv"}]}"#));
        assert!(!holds(r#"{"all":[{"country":"MX"},{"flag":"trafficking"}]}"#));
        assert!(holds(
            r#"{"any":[{"accompaniment":"unaccompanied"},{"accompaniment":"separated"}]}"#
        ));
        assert!(holds(r#"{"not":{"age_band":"under_6"}}"#));
        assert!(holds(r#"{"age_band":"12_to_17"}"#));
        assert!(!holds(r#""age_in_doubt""#));
        assert!(holds(r#"{"answer":{"item":"q","option":"yes"}}"#));
        assert!(!holds(r#"{"answer":{"item":"q","option":"no"}}"#));
        assert!(!holds(r#"{"answer":{"item":"other","option":"yes"}}"#));
        assert!(!holds(r#""bid_required""#));
        assert!(holds(r#""any_flag""#));
        assert!(holds(r#"{"screened_no":"safety.fear_return"}"#));
        assert!(!holds(r#"{"screened_no":"safety.wants_protection"}"#));
        assert!(applies(None, &s));
    }
}
