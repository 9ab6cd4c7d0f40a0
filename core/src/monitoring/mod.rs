//! Anonymous monitoring indicators of the Guide's use, computed from the cases on this phone:
//! counts by profile (flag), age band, sex, accompaniment, country and risk level; cases opened
//! per month; the median days from first contact to referral; follow-ups overdue; BIDs done.
//! Only counts and whole months leave this module; `csv` turns them into a shareable file.

pub mod csv;

use crate::case::{Case, CaseStatus, ItemState, RiskLevel, Sex};
use crate::procedure::timeline_settings::TimelineSettings;
use crate::procedure::{
    case_facts, case_outcomes, evaluate, AgeBand, ChildAge, DeadlineStatus, Procedure,
};
use crate::vocabularies::Vocabulary;
use crate::vocabulary::AccompanimentStatus;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// The procedure item that marks the referral to services (with referrals recorded from screening,
/// the earlier of the two ends "time to referral").
pub const REFERRAL_ITEM: &str = "referral_plan.referrals.services";
/// The item that records a best-interests determination's decision.
pub const BID_DECISION_ITEM: &str = "bid.decision.decision";
/// The phase whose deadlines are follow-ups.
pub const FOLLOW_UP_PHASE: &str = "follow_up";

/// Counts by category code, in the order categories are first met or listed.
pub type Counts = BTreeMap<String, usize>;

/// The indicators for a set of cases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Indicators {
    pub total: usize,
    pub open: usize,
    /// First and last month a case was opened, as `YYYY-MM`.
    pub period: Option<(String, String)>,
    pub opened_by_month: Counts,
    pub by_flag: Counts,
    pub by_age_band: Counts,
    pub by_sex: Counts,
    pub by_accompaniment: Counts,
    pub by_country: Counts,
    pub by_risk: Counts,
    /// Whole days from first contact to referral, one per referred case (sorted).
    pub days_to_referral: Vec<u32>,
    /// Open cases with at least one follow-up deadline overdue today.
    pub follow_ups_overdue: usize,
    /// Cases whose best-interests determination has a recorded decision.
    pub bids_done: usize,
}

impl Indicators {
    /// The median of `days_to_referral` (the lower middle for an even count), if any case was referred.
    pub fn median_days_to_referral(&self) -> Option<u32> {
        let n = self.days_to_referral.len();
        (n > 0).then(|| self.days_to_referral[(n - 1) / 2])
    }
}

/// Computes the indicators of `cases` on `today`, applying `procedure` and each case's country
/// timelines (for deadlines), as the case's own procedure screen does.
pub fn indicators(
    cases: &[Case],
    procedure: &Procedure,
    timelines: &TimelineSettings,
    today: NaiveDate,
) -> Indicators {
    let mut out = Indicators { total: cases.len(), ..Indicators::default() };
    for case in cases {
        let facts = case_facts(case, today);
        let opened = case.created_at().date_naive();
        let is_open = !matches!(case.status(), CaseStatus::Closed { .. });
        if is_open {
            out.open += 1;
        }
        bump(&mut out.opened_by_month, &month(opened));
        for flag in case.flags() {
            bump(&mut out.by_flag, flag.as_str());
        }
        bump(&mut out.by_age_band, age_band_code(facts.age));
        bump(&mut out.by_sex, sex_code(case.profile().sex));
        bump(&mut out.by_accompaniment, accompaniment_code(facts.accompaniment));
        bump(&mut out.by_country, facts.country.map_or("not_recorded", |c| c.code()));
        bump(&mut out.by_risk, risk_code(case.risk().level()));
        if let Some(referred) = first_referral(case) {
            let days = (referred - opened).num_days();
            out.days_to_referral.push(u32::try_from(days).unwrap_or(0));
        }
        if case.procedure().items.iter().any(|(id, s)| {
            id.as_str() == BID_DECISION_ITEM && matches!(s, ItemState::Answered { .. })
        }) {
            out.bids_done += 1;
        }
        if is_open && follow_up_overdue(case, procedure, timelines, today) {
            out.follow_ups_overdue += 1;
        }
    }
    out.days_to_referral.sort_unstable();
    out.period = match (out.opened_by_month.keys().next(), out.opened_by_month.keys().next_back()) {
        (Some(first), Some(last)) => Some((first.clone(), last.clone())),
        _ => None,
    };
    out
}

/// Whether one of `case`'s follow-up deadlines (the follow-up phase's items) is overdue on
/// `today`, as its procedure screen computes them (open or closed: callers count open cases).
pub fn follow_up_overdue(
    case: &Case,
    procedure: &Procedure,
    timelines: &TimelineSettings,
    today: NaiveDate,
) -> bool {
    let follow_up_items: Vec<&str> = procedure
        .phases
        .iter()
        .filter(|p| p.id == FOLLOW_UP_PHASE)
        .flat_map(|p| p.steps.iter().flat_map(|s| s.items.iter().map(|i| i.id.as_str())))
        .collect();
    let facts = case_facts(case, today);
    let outcomes = case_outcomes(case, procedure);
    let status = evaluate(procedure, &facts, &outcomes, &timelines.local(facts.country), today);
    status.deadlines.iter().any(|d| {
        follow_up_items.contains(&d.rule.met_by.as_str())
            && matches!(d.status, DeadlineStatus::Overdue { .. })
    })
}

/// The day of the case's first referral: the earliest referral recorded from screening, or the
/// procedure's "referred to services" item, whichever came first.
pub fn first_referral(case: &Case) -> Option<NaiveDate> {
    let recorded = case.referrals().iter().map(|r| r.at.date_naive()).min();
    let ticked = case.procedure().items.iter().find_map(|(id, s)| match s {
        ItemState::Done { at } if id.as_str() == REFERRAL_ITEM => Some(at.date_naive()),
        _ => None,
    });
    match (recorded, ticked) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn bump(counts: &mut Counts, key: &str) {
    *counts.entry(key.to_owned()).or_insert(0) += 1;
}

/// `YYYY-MM`: no finer date ever leaves the phone in a monitoring figure.
pub fn month(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

pub fn age_band_code(age: ChildAge) -> &'static str {
    match age {
        ChildAge::Years(y) => match AgeBand::of_years(y) {
            Some(AgeBand::UnderSix) => "under_6",
            Some(AgeBand::SixToEleven) => "6_to_11",
            Some(AgeBand::TwelveToSeventeen) => "12_to_17",
            None => "18_or_over",
        },
        ChildAge::Unknown { .. } => "age_in_doubt",
    }
}

pub fn sex_code(sex: Option<Sex>) -> &'static str {
    sex.map_or("not_recorded", Vocabulary::code)
}

pub fn accompaniment_code(status: AccompanimentStatus) -> &'static str {
    status.code()
}

pub fn risk_code(level: Option<RiskLevel>) -> &'static str {
    level.map_or("not_screened", Vocabulary::code)
}

#[cfg(test)]
mod tests;
