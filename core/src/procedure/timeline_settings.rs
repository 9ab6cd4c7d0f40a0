//! The timelines an organisation sets for each country — in calendar days, by deadline — where
//! its national procedure gives a number the sources do not (or a different one). Kept on the
//! device in plain storage (they are procedure settings, not personal data), read back safely,
//! and turned into the engine's `LocalTimelines` for a case's country.

use super::deadlines::LocalTimelines;
use super::model::{DeadlineRule, DueRule, Procedure};
use crate::vocabulary::Country;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the stored shape; bump it with a migration when the shape changes.
pub const TIMELINES_VERSION: u32 = 1;
/// The longest timeline accepted: a year. A longer one is a typing slip, not a procedure.
pub const MAX_DAYS: u32 = 365;

/// Days by deadline id, by country code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineSettings {
    version: u32,
    countries: BTreeMap<String, BTreeMap<String, u32>>,
}

/// Why a typed timeline was refused; the view names it in the worker's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimelineInputError {
    /// Not a whole number of days.
    NotANumber,
    /// More than `MAX_DAYS`.
    TooLong,
}

impl TimelineInputError {
    pub fn message_key(self) -> &'static str {
        match self {
            TimelineInputError::NotANumber => "timelines.error.not_a_number",
            TimelineInputError::TooLong => "timelines.error.too_long",
        }
    }
}

/// Reads what the worker typed: blank clears the setting, a whole number from 0 to `MAX_DAYS`
/// sets it, anything else is refused and changes nothing.
pub fn parse_days(input: &str) -> Result<Option<u32>, TimelineInputError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    if !input.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TimelineInputError::NotANumber);
    }
    match input.parse::<u32>() {
        Ok(days) if days <= MAX_DAYS => Ok(Some(days)),
        _ => Err(TimelineInputError::TooLong),
    }
}

/// The deadlines an organisation may set: every deadline counted in days or set locally.
/// "As soon as possible" stays as the standards say it: no number of days may soften it; and a
/// deadline due on a date the worker records (a BID's review date) has no timeline to set.
pub fn settable(procedure: &Procedure) -> impl Iterator<Item = &DeadlineRule> {
    procedure
        .deadlines
        .iter()
        .filter(|rule| !matches!(rule.due, DueRule::AsSoonAsPossible | DueRule::Days(0)))
}

impl TimelineSettings {
    /// Reads the stored JSON; anything missing, corrupt or of another version gives no
    /// settings (the sourced timelines apply), and `true` asks the caller to rewrite storage.
    pub fn load(stored: Option<&str>) -> (TimelineSettings, bool) {
        let Some(raw) = stored else { return (TimelineSettings::new(), false) };
        match serde_json::from_str::<TimelineSettings>(raw) {
            Ok(s)
                if s.version == TIMELINES_VERSION
                    && s.countries.values().flat_map(|d| d.values()).all(|d| *d <= MAX_DAYS) =>
            {
                (s, false)
            }
            _ => (TimelineSettings::new(), true),
        }
    }

    pub fn new() -> TimelineSettings {
        TimelineSettings { version: TIMELINES_VERSION, countries: BTreeMap::new() }
    }

    pub fn to_json(&self) -> String {
        // Maps of strings to integers always serialise.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The days set for `deadline` in `country`, if any.
    pub fn days(&self, country: Country, deadline: &str) -> Option<u32> {
        self.countries.get(country.code()).and_then(|d| d.get(deadline)).copied()
    }

    /// Sets or clears one timeline.
    pub fn set(&mut self, country: Country, deadline: &str, days: Option<u32>) {
        let for_country = self.countries.entry(country.code().to_owned()).or_default();
        match days {
            Some(days) => {
                for_country.insert(deadline.to_owned(), days.min(MAX_DAYS));
            }
            None => {
                for_country.remove(deadline);
            }
        }
        if for_country.is_empty() {
            self.countries.remove(country.code());
        }
    }

    /// What the engine reads for a case in `country`; a case with no country gets none.
    pub fn local(&self, country: Option<Country>) -> LocalTimelines {
        let mut local = LocalTimelines::default();
        if let Some(days) = country.and_then(|c| self.countries.get(c.code())) {
            local.days = days.clone();
        }
        local
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::procedure;

    #[test]
    fn typed_days_are_whole_numbers_up_to_a_year_and_blank_clears() {
        assert_eq!(parse_days(" 14 "), Ok(Some(14)));
        assert_eq!(parse_days("0"), Ok(Some(0)));
        assert_eq!(parse_days("365"), Ok(Some(365)));
        assert_eq!(parse_days(""), Ok(None));
        assert_eq!(parse_days("   "), Ok(None));
        for bad in ["-3", "2.5", "dos", "1e3", "+4", "14 días"] {
            assert_eq!(parse_days(bad), Err(TimelineInputError::NotANumber), "{bad}");
        }
        assert_eq!(parse_days("366"), Err(TimelineInputError::TooLong));
        assert_eq!(parse_days("99999999999999"), Err(TimelineInputError::TooLong));
    }

    #[test]
    fn as_soon_as_possible_is_never_offered_but_unsourced_timelines_are() {
        let ids: Vec<&str> = settable(procedure().unwrap()).map(|r| r.id.as_str()).collect();
        assert!(
            ids.contains(&"first_follow_up"),
            "no source gives it a number: only a setting can"
        );
        assert!(ids.contains(&"care_plan"));
        assert!(!ids.contains(&"notify_authority"));
        assert!(!ids.contains(&"release_from_detention"));
        assert!(!ids.contains(&"bid_review"), "due on the review date the panel sets");
    }

    #[test]
    fn settings_are_per_country_and_round_trip() {
        let mut s = TimelineSettings::new();
        s.set(Country::Mexico, "first_follow_up", Some(30));
        s.set(Country::Guatemala, "first_follow_up", Some(15));
        s.set(Country::Guatemala, "care_plan", Some(10));
        s.set(Country::Guatemala, "care_plan", None);
        let (back, rewrite) = TimelineSettings::load(Some(&s.to_json()));
        assert!(!rewrite);
        assert_eq!(back, s);
        assert_eq!(back.days(Country::Mexico, "first_follow_up"), Some(30));
        assert_eq!(back.days(Country::Guatemala, "care_plan"), None);
        assert_eq!(
            back.local(Some(Country::Guatemala)),
            LocalTimelines::default().with("first_follow_up", 15)
        );
        assert_eq!(back.local(Some(Country::Panama)), LocalTimelines::default());
        assert_eq!(back.local(None), LocalTimelines::default());
    }

    #[test]
    fn clearing_the_last_timeline_of_a_country_removes_the_country() {
        let mut s = TimelineSettings::new();
        s.set(Country::Belize, "care_plan", Some(7));
        s.set(Country::Belize, "care_plan", None);
        assert_eq!(s, TimelineSettings::new());
    }

    #[test]
    fn damaged_or_foreign_storage_falls_back_to_the_sourced_timelines() {
        assert_eq!(TimelineSettings::load(None), (TimelineSettings::new(), false));
        for raw in [
            "",
            "{",
            "null",
            "[]",
            r#"{"version":2,"countries":{}}"#,
            r#"{"version":1,"countries":{"MX":{"care_plan":-1}}}"#,
            r#"{"version":1,"countries":{"MX":{"care_plan":4000}}}"#,
            r#"{"countries":{}}"#,
        ] {
            assert_eq!(TimelineSettings::load(Some(raw)), (TimelineSettings::new(), true), "{raw}");
        }
    }

    #[test]
    fn a_country_setting_moves_the_engines_deadline() {
        use crate::procedure::{
            evaluate, CaseFacts, ChildAge, DeadlineBasis, Due, ItemOutcome, Outcomes,
        };
        use crate::vocabulary::AccompanimentStatus;
        use chrono::{NaiveDate, TimeZone, Utc};
        let procedure = procedure().unwrap();
        let opened = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let facts = CaseFacts {
            age: ChildAge::Years(14),
            accompaniment: AccompanimentStatus::Accompanied,
            country: Some(Country::Mexico),
            flags: Default::default(),
            answered_no: Default::default(),
            case_opened: opened,
            first_contact: opened,
        };
        let mut outcomes = Outcomes::new();
        outcomes.insert(
            "referral_plan.case_plan.agreed".into(),
            ItemOutcome::Done { at: Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap() },
        );
        let mut settings = TimelineSettings::new();
        settings.set(Country::Mexico, "first_follow_up", Some(30));
        let today = NaiveDate::from_ymd_opt(2026, 3, 11).unwrap();
        let without = evaluate(procedure, &facts, &outcomes, &settings.local(None), today);
        assert_eq!(without.deadline("first_follow_up").map(|d| d.due), Some(Due::NotSet));
        let with = evaluate(procedure, &facts, &outcomes, &settings.local(facts.country), today);
        let d = with.deadline("first_follow_up").unwrap();
        assert_eq!(d.due, Due::On(NaiveDate::from_ymd_opt(2026, 4, 9).unwrap()));
        assert_eq!(d.basis, DeadlineBasis::LocalSetting);
    }
}
