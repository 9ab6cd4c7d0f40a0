//! The screening result for a case as its screen shows it: the rules' answer for the case on a
//! given day as owned rows a view can compare and keep, and whether the flags and screened level
//! stored on the case are out of date (the child's data changed since they were set).

use super::age::AgeReading;
use super::from_case::screening_input;
use super::model::ScreeningStructure;
use super::rules::screen;
use crate::case::{Case, RiskLevel};
use chrono::NaiveDate;

/// The rules' answer for the case as it is now.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub risk: Option<RiskLevel>,
    /// (flag, trigger, level), highest first.
    pub reasons: Vec<(String, String, RiskLevel)>,
    pub flags: Vec<FlagRow>,
    pub age: AgeReading,
}

/// One raised flag: its level, what raised it and the actions it obliges.
#[derive(Clone, Debug, PartialEq)]
pub struct FlagRow {
    pub id: String,
    pub level: RiskLevel,
    pub triggers: Vec<String>,
    pub actions: Vec<String>,
}

impl Outcome {
    /// Screens `case` on `today` with the rules in `structure`.
    pub fn of(structure: &ScreeningStructure, case: &Case, today: NaiveDate) -> Outcome {
        let result = screen(structure, &screening_input(case, today));
        Outcome {
            risk: result.risk,
            reasons: result
                .reasons
                .iter()
                .map(|r| (r.flag.to_owned(), r.trigger.to_owned(), r.level))
                .collect(),
            flags: result
                .flags
                .iter()
                .map(|f| FlagRow {
                    id: f.id().to_owned(),
                    level: f.level,
                    triggers: f.triggers.iter().map(|t| t.id.clone()).collect(),
                    actions: f.rule.actions.clone(),
                })
                .collect(),
            age: result.age,
        }
    }

    /// Whether the flags and screened level stored on `case` differ from this outcome, so that
    /// rescreening the case would change something.
    pub fn differs_from(&self, case: &Case) -> bool {
        let ids: Vec<&str> = self.flags.iter().map(|f| f.id.as_str()).collect();
        case.flags().iter().map(|f| f.as_str()).collect::<Vec<_>>() != ids
            || case.risk().screened != self.risk
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{ChildProfile, IndicatorAnswer, WorkerLabel};
    use crate::screening::{answer_and_rescreen, rescreen};
    use crate::vocabulary::{AccompanimentStatus, Country};
    use chrono::{DateTime, TimeZone, Utc};
    use uuid::Uuid;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 3, 10, minute, 0).single().unwrap_or_default()
    }

    fn case() -> Case {
        let mut profile = ChildProfile { alias: "Luz".into(), ..Default::default() };
        profile.age.stated_years = Some(14);
        profile.accompaniment.status = AccompanimentStatus::Accompanied;
        profile.first_contact.country = Some(Country::Mexico);
        Case::new(Uuid::nil(), profile, at(0), &WorkerLabel::new("AO-3"))
    }

    #[test]
    fn a_disclosure_raises_its_flag_with_the_trigger_and_the_level_as_reason() {
        let structure = super::super::content_tests::structure();
        let by = WorkerLabel::new("AO-3");
        let mut case = case();
        let (flag, question) = ("gbv", "violence.disclosed");
        answer_and_rescreen(
            &mut case,
            &structure,
            question,
            Some(IndicatorAnswer::Yes),
            at(1),
            &by,
        );
        let outcome = Outcome::of(&structure, &case, at(1).date_naive());
        assert_eq!(outcome.risk, Some(RiskLevel::High));
        let row = outcome.flags.iter().find(|f| f.id == flag).expect("the flag is raised");
        assert_eq!(row.level, RiskLevel::High);
        assert!(!row.triggers.is_empty() && !row.actions.is_empty());
        assert!(outcome.reasons.iter().any(|(f, _, l)| f == flag && *l == RiskLevel::High));
    }

    #[test]
    fn a_case_rescreened_is_up_to_date_until_its_data_changes() {
        let structure = super::super::content_tests::structure();
        let by = WorkerLabel::new("AO-3");
        let mut case = case();
        let today = at(1).date_naive();
        rescreen(&mut case, &structure, at(1), &by);
        assert!(!Outcome::of(&structure, &case, today).differs_from(&case));
        // The child turns out to be travelling alone: the stored flags no longer say so.
        let mut profile = case.profile().clone();
        profile.accompaniment.status = AccompanimentStatus::Unaccompanied;
        case.edit_profile(profile, at(2), &by);
        let outcome = Outcome::of(&structure, &case, today);
        assert!(outcome.differs_from(&case), "{:?}", outcome.flags);
        rescreen(&mut case, &structure, at(3), &by);
        assert!(!Outcome::of(&structure, &case, today).differs_from(&case));
    }
}
