//! The deadlines that follow from the procedure for one case: each computed from a case date
//! or an answer (nobody types a due date), marked as sourced, "verify locally" or set by the
//! organisation's country settings, and checked against the item that meets it.

use super::facts::{CaseFacts, ItemOutcome, Outcomes};
use super::model::{Anchor, DeadlineRule, DueRule, Procedure};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::{BTreeMap, BTreeSet};

/// Timelines an organisation sets for its country, in calendar days by deadline id. They
/// replace the content's rule, and the deadline then says it comes from a local setting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LocalTimelines {
    pub days: BTreeMap<String, u32>,
}

impl LocalTimelines {
    pub fn with(mut self, deadline_id: &str, days: u32) -> Self {
        self.days.insert(deadline_id.to_owned(), days);
        self
    }
}

/// When something is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due<'p> {
    On(NaiveDate),
    /// The standard gives no number of days, only urgency; counted since this date.
    AsSoonAsPossible {
        since: NaiveDate,
    },
    /// The date it counts from is not known yet: it comes from this item.
    WaitingFor {
        item: &'p str,
    },
    /// No source gives a timeline and no country setting provides one.
    NotSet,
}

/// Where a deadline's timeline comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadlineBasis {
    /// From the cited sources.
    Sourced,
    /// Not confirmed by a source: to be checked against local rules.
    VerifyLocally,
    /// From the organisation's country settings.
    LocalSetting,
}

/// Where a deadline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadlineStatus {
    Open,
    Overdue {
        days_late: i64,
    },
    Met {
        on: NaiveDate,
        late: bool,
    },
    /// The item that meets it was marked not applicable, with a reason.
    Waived,
}

/// One deadline of a case.
#[derive(Clone, Debug)]
pub struct Deadline<'p> {
    pub rule: &'p DeadlineRule,
    pub due: Due<'p>,
    pub basis: DeadlineBasis,
    pub status: DeadlineStatus,
}

impl Deadline<'_> {
    pub fn id(&self) -> &str {
        &self.rule.id
    }
}

/// The deadlines of the rules whose `met_by` item is in `applicable`, in content order.
pub fn deadlines<'p>(
    procedure: &'p Procedure,
    applicable: &BTreeSet<&str>,
    facts: &CaseFacts,
    outcomes: &Outcomes,
    local: &LocalTimelines,
    today: NaiveDate,
) -> Vec<Deadline<'p>> {
    procedure
        .deadlines
        .iter()
        .filter(|rule| applicable.contains(rule.met_by.as_str()))
        .map(|rule| {
            let setting = local.days.get(&rule.id).copied();
            let due = due(rule, setting, facts, outcomes);
            let basis = match (setting, rule.verify_locally) {
                (Some(_), _) => DeadlineBasis::LocalSetting,
                (None, true) => DeadlineBasis::VerifyLocally,
                (None, false) => DeadlineBasis::Sourced,
            };
            let status = status(due, outcomes.get(&rule.met_by), today);
            Deadline { rule, due, basis, status }
        })
        .collect()
}

fn due<'p>(
    rule: &'p DeadlineRule,
    setting: Option<u32>,
    facts: &CaseFacts,
    outcomes: &Outcomes,
) -> Due<'p> {
    let start = match &rule.from {
        Anchor::CaseOpened => Some(facts.case_opened),
        Anchor::FirstContact => Some(facts.first_contact),
        Anchor::ItemDone(item) => {
            outcomes.get(item).filter(|o| counts_as_done(o)).map(|o| o.at().date_naive())
        }
        Anchor::ItemDate(item) => outcomes.get(item).and_then(ItemOutcome::date),
    };
    let Some(start) = start else {
        return match &rule.from {
            Anchor::ItemDone(item) | Anchor::ItemDate(item) => Due::WaitingFor { item },
            // Case dates are always known; kept total for the type's sake.
            Anchor::CaseOpened | Anchor::FirstContact => Due::NotSet,
        };
    };
    if let Some(days) = setting {
        return Due::On(add_days(start, days));
    }
    match rule.due {
        DueRule::Days(days) => Due::On(add_days(start, days)),
        DueRule::WorkingDays(days) => Due::On(add_working_days(start, days)),
        DueRule::AsSoonAsPossible => Due::AsSoonAsPossible { since: start },
        DueRule::SetLocally => Due::NotSet,
    }
}

fn counts_as_done(outcome: &ItemOutcome) -> bool {
    !matches!(outcome, ItemOutcome::NotApplicable { .. })
}

fn status(due: Due, met_by: Option<&ItemOutcome>, today: NaiveDate) -> DeadlineStatus {
    match met_by {
        Some(ItemOutcome::NotApplicable { reason, .. }) if !reason.trim().is_empty() => {
            DeadlineStatus::Waived
        }
        Some(outcome @ (ItemOutcome::Done { .. } | ItemOutcome::Answered { .. })) => {
            let on = outcome.at().date_naive();
            let late = matches!(due, Due::On(date) if on > date);
            DeadlineStatus::Met { on, late }
        }
        _ => match due {
            Due::On(date) if today > date => {
                DeadlineStatus::Overdue { days_late: (today - date).num_days() }
            }
            _ => DeadlineStatus::Open,
        },
    }
}

fn add_days(start: NaiveDate, days: u32) -> NaiveDate {
    start.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX)
}

/// Counts `days` Monday-to-Friday days after `start`.
fn add_working_days(start: NaiveDate, days: u32) -> NaiveDate {
    let mut date = start;
    let mut left = days;
    while left > 0 {
        date = add_days(date, 1);
        if date == NaiveDate::MAX {
            break;
        }
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn working_days_skip_weekends() {
        // Friday 7 March 2025 + 5 working days = Friday 14 March.
        assert_eq!(add_working_days(day(2025, 3, 7), 5), day(2025, 3, 14));
        // Wednesday + 2 = Friday; Thursday + 2 = Monday.
        assert_eq!(add_working_days(day(2025, 3, 5), 2), day(2025, 3, 7));
        assert_eq!(add_working_days(day(2025, 3, 6), 2), day(2025, 3, 10));
        // Saturday + 1 = Monday.
        assert_eq!(add_working_days(day(2025, 3, 8), 1), day(2025, 3, 10));
        assert_eq!(add_working_days(day(2025, 3, 8), 0), day(2025, 3, 8));
    }

    #[test]
    fn calendar_days_cross_month_ends() {
        assert_eq!(add_days(day(2025, 2, 20), 14), day(2025, 3, 6));
        assert_eq!(add_days(day(2024, 2, 20), 14), day(2024, 3, 5));
    }
}
