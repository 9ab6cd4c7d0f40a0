//! The one-line summary of a case that the case list shows and searches — kept in the vault's
//! encrypted index so the list needs one decryption, not one per case — and the list's query.

use super::{Case, CaseStatus, RiskLevel};
use crate::text_search::matches_words;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What the case list needs of a case. As sensitive as the case itself: stored encrypted only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: Uuid,
    /// The alias if there is one (what workers call the child), else the given names.
    pub label: String,
    pub open: bool,
    pub risk: Option<RiskLevel>,
    pub updated_at: DateTime<Utc>,
}

impl CaseSummary {
    pub fn of(case: &Case) -> CaseSummary {
        let profile = case.profile();
        let label =
            if profile.alias.trim().is_empty() { &profile.given_names } else { &profile.alias };
        CaseSummary {
            id: case.id(),
            label: label.trim().to_owned(),
            open: !matches!(case.status(), CaseStatus::Closed { .. }),
            risk: case.risk().level(),
            updated_at: case.updated_at(),
        }
    }

    /// The first characters of the id, as workers read it aloud or write it on a form.
    pub fn short_id(&self) -> String {
        self.id.simple().to_string()[..8].to_owned()
    }
}

/// Which cases the list shows, by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    Open,
    Closed,
    All,
}

/// The list's search box and filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseQuery {
    /// Words of the name or alias, or the start of the case id; accents and case do not matter.
    pub text: String,
    pub status: StatusFilter,
    /// `None`: any risk level, including not yet screened.
    pub risk: Option<RiskLevel>,
}

/// The summaries matching `query`, most recently touched first.
pub fn select<'a>(summaries: &'a [CaseSummary], query: &CaseQuery) -> Vec<&'a CaseSummary> {
    let text = query.text.trim();
    let mut out: Vec<&CaseSummary> = summaries
        .iter()
        .filter(|s| match query.status {
            StatusFilter::Open => s.open,
            StatusFilter::Closed => !s.open,
            StatusFilter::All => true,
        })
        .filter(|s| query.risk.is_none() || s.risk == query.risk)
        .filter(|s| {
            text.is_empty()
                || matches_words(&s.label, text)
                || s.id
                    .simple()
                    .to_string()
                    .starts_with(&text.to_ascii_lowercase().replace('-', ""))
        })
        .collect();
    out.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{ChildProfile, ClosureReason, WorkerLabel};
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 10, minute, 0).single().expect("valid time")
    }

    fn case(n: u128, given: &str, alias: &str, minute: u32) -> Case {
        let profile =
            ChildProfile { given_names: given.into(), alias: alias.into(), ..Default::default() };
        Case::new(Uuid::from_u128(n << 124), profile, at(minute), &WorkerLabel::new("w1"))
    }

    #[test]
    fn summary_prefers_the_alias_and_tracks_status_and_risk() {
        let mut c = case(1, "María José", "Estrella", 0);
        let s = CaseSummary::of(&c);
        assert_eq!((s.label.as_str(), s.open, s.risk), ("Estrella", true, None));
        c.close(ClosureReason::GoalsMet, "", at(5), &WorkerLabel::new("w1")).expect("closes");
        assert!(!CaseSummary::of(&c).open);
        assert_eq!(CaseSummary::of(&case(2, "Ana", "  ", 0)).label, "Ana");
    }

    #[test]
    fn search_finds_names_without_accents_or_by_id_and_sorts_by_recency() {
        let all: Vec<CaseSummary> =
            [case(1, "José Pérez", "", 1), case(2, "Josefina", "", 3), case(3, "Ana", "", 2)]
                .iter()
                .map(CaseSummary::of)
                .collect();
        let q = |text: &str| CaseQuery { text: text.into(), ..Default::default() };
        let labels = |v: Vec<&CaseSummary>| v.iter().map(|s| s.label.clone()).collect::<Vec<_>>();
        assert_eq!(labels(select(&all, &q(""))), ["Josefina", "Ana", "José Pérez"]);
        assert_eq!(labels(select(&all, &q("jose"))), ["Josefina", "José Pérez"]);
        assert_eq!(labels(select(&all, &q("PEREZ"))), ["José Pérez"]);
        let id = all[2].short_id();
        assert_eq!(labels(select(&all, &q(&id))), ["Ana"]);
        assert!(select(&all, &q("zzz")).is_empty());
    }

    #[test]
    fn filters_by_status_and_risk() {
        let mut closed = case(1, "Luis", "", 1);
        closed.close(ClosureReason::GoalsMet, "", at(9), &WorkerLabel::new("w")).expect("closes");
        let mut high = case(2, "Eva", "", 2);
        high.set_screened_risk(Some(RiskLevel::High), at(3), &WorkerLabel::new("w"));
        let all: Vec<CaseSummary> =
            [closed, high, case(3, "Iris", "", 4)].iter().map(CaseSummary::of).collect();
        let count =
            |status, risk| select(&all, &CaseQuery { text: String::new(), status, risk }).len();
        assert_eq!(count(StatusFilter::Open, None), 2);
        assert_eq!(count(StatusFilter::Closed, None), 1);
        assert_eq!(count(StatusFilter::All, None), 3);
        assert_eq!(count(StatusFilter::Open, Some(RiskLevel::High)), 1);
        assert_eq!(count(StatusFilter::All, Some(RiskLevel::Low)), 0);
    }
}
