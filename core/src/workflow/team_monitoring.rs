//! The team's own monitoring figures for its coordinator: open cases per worker, reviews waiting
//! and how long, open cases with a follow-up overdue, days from first contact to first referral;
//! and their CSV, with small counts suppressed as in the anonymous monitoring CSV
//! (`monitoring::csv`: 1–4 as "<5", complementary suppression where counts add up to a total).
//! Computed from plain inputs the screen derives from the cases on the coordinator's phone.
use super::review::QueueItem;
use crate::monitoring::csv::{count, protect, Shown, HIDDEN, SMALLEST_SHOWN, SUPPRESSED};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What the figures need of one case (no content).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamCase {
    /// The device holding it (`handover::Assignment::holder`).
    pub holder: Option<String>,
    pub open: bool,
    /// An open follow-up deadline is past (`monitoring::indicators`' rule).
    pub follow_up_overdue: bool,
    pub first_contact: NaiveDate,
    /// `monitoring::first_referral`.
    pub first_referral: Option<NaiveDate>,
}

/// How long reviews have waited, in bands (whole days).
pub const REVIEW_AGE_BANDS: [(&str, i64); 4] =
    [("under_1_day", 1), ("1_to_2_days", 3), ("3_to_6_days", 7), ("7_days_or_more", i64::MAX)];

/// The key of open cases nobody holds.
pub const UNASSIGNED: &str = "unassigned";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TeamIndicators {
    pub open: usize,
    /// Open cases by holder (device id, or [`UNASSIGNED`]).
    pub open_per_worker: BTreeMap<String, usize>,
    pub reviews_waiting: usize,
    /// Reviews waiting, by [`REVIEW_AGE_BANDS`] (every band present).
    pub reviews_by_age: BTreeMap<&'static str, usize>,
    pub oldest_review_days: Option<i64>,
    pub follow_ups_overdue: usize,
    /// Whole days from first contact to first referral, one per referred case (sorted).
    pub days_to_first_referral: Vec<i64>,
}

impl TeamIndicators {
    /// The lower median, as `monitoring::Indicators` computes it.
    pub fn median_days_to_first_referral(&self) -> Option<i64> {
        let n = self.days_to_first_referral.len();
        (n > 0).then(|| self.days_to_first_referral[(n - 1) / 2])
    }
}

const DAY: i64 = 24 * 60 * 60;

/// The figures for `cases` and the supervisors' review `queue` (`review::review_queue`).
pub fn team_indicators(cases: &[TeamCase], queue: &[QueueItem]) -> TeamIndicators {
    let mut out = TeamIndicators::default();
    for c in cases {
        if c.open {
            out.open += 1;
            let holder = c.holder.clone().unwrap_or_else(|| UNASSIGNED.to_owned());
            *out.open_per_worker.entry(holder).or_insert(0) += 1;
            if c.follow_up_overdue {
                out.follow_ups_overdue += 1;
            }
        }
        if let Some(r) = c.first_referral {
            out.days_to_first_referral.push((r - c.first_contact).num_days().max(0));
        }
    }
    out.days_to_first_referral.sort_unstable();
    out.reviews_by_age = REVIEW_AGE_BANDS.iter().map(|(band, _)| (*band, 0)).collect();
    for item in queue {
        let days = item.waiting_secs / DAY;
        let band = REVIEW_AGE_BANDS.iter().find(|(_, below)| days < *below).map(|(b, _)| *b);
        if let Some(band) = band.and_then(|b| out.reviews_by_age.get_mut(b)) {
            *band += 1;
        }
        out.reviews_waiting += 1;
        out.oldest_review_days = Some(out.oldest_review_days.map_or(days, |d| d.max(days)));
    }
    out
}

fn field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

fn protected(counts: &[usize], total: usize) -> Vec<String> {
    let shown = if total >= SMALLEST_SHOWN {
        protect(counts, total)
    } else {
        counts
            .iter()
            .map(|n| if *n > 0 && *n < SMALLEST_SHOWN { Shown::Small } else { Shown::Exact })
            .collect()
    };
    counts
        .iter()
        .zip(shown)
        .map(|(n, how)| match how {
            Shown::Exact => n.to_string(),
            Shown::Small => SUPPRESSED.to_owned(),
            Shown::Hidden => HIDDEN.to_owned(),
        })
        .collect()
}

/// The CSV (`indicator,category,value` rows). Workers appear by the label `label_of` gives
/// their device (a staff code, as in the case's audit trail), never by device id; the oldest
/// review's age and the median are shown only when five or more reviews or referrals lie
/// behind them.
pub fn to_csv(ind: &TeamIndicators, label_of: impl Fn(&str) -> String) -> String {
    let mut rows: Vec<[String; 3]> = Vec::new();
    let mut row = |a: &str, b: &str, c: String| rows.push([a.into(), b.into(), c]);
    row("cases", "open", count(ind.open));
    let workers: Vec<(String, usize)> = ind
        .open_per_worker
        .iter()
        .map(|(d, n)| (if d == UNASSIGNED { d.clone() } else { label_of(d) }, *n))
        .collect();
    let values: Vec<usize> = workers.iter().map(|(_, n)| *n).collect();
    for ((label, _), shown) in workers.iter().zip(protected(&values, ind.open)) {
        row("open_cases_per_worker", label, shown);
    }
    row("reviews", "waiting", count(ind.reviews_waiting));
    let names: Vec<&str> = REVIEW_AGE_BANDS.iter().map(|(b, _)| *b).collect();
    let by_band: Vec<usize> =
        names.iter().map(|b| ind.reviews_by_age.get(b).copied().unwrap_or(0)).collect();
    for (band, shown) in names.iter().zip(protected(&by_band, ind.reviews_waiting)) {
        row("reviews_waiting_for", band, shown);
    }
    let oldest = match ind.oldest_review_days {
        Some(d) if ind.reviews_waiting >= SMALLEST_SHOWN => d.to_string(),
        Some(_) => SUPPRESSED.to_owned(),
        None => String::new(),
    };
    row("reviews", "oldest_waiting_days", oldest);
    row("follow_up", "open_cases_overdue", count(ind.follow_ups_overdue));
    let referred = ind.days_to_first_referral.len();
    row("referral", "cases_referred", count(referred));
    let median = match ind.median_days_to_first_referral() {
        Some(d) if referred >= SMALLEST_SHOWN => d.to_string(),
        Some(_) => SUPPRESSED.to_owned(),
        None => String::new(),
    };
    row("referral", "median_days_from_first_contact", median);
    let mut out = String::from("indicator,category,value\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::review::ReviewSubject;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn case(holder: Option<&str>, open: bool, overdue: bool, referred_on: Option<u32>) -> TeamCase {
        TeamCase {
            holder: holder.map(str::to_owned),
            open,
            follow_up_overdue: overdue,
            first_contact: day(1),
            first_referral: referred_on.map(day),
        }
    }

    fn waiting(id: &str, days: i64) -> QueueItem {
        QueueItem {
            request: id.into(),
            case: format!("c-{id}"),
            subject: ReviewSubject::Bia,
            asked_by: "d-ana".into(),
            waiting_secs: days * DAY + 60,
        }
    }

    #[test]
    fn the_counts_match_the_cases_and_the_queue() {
        let mut cases =
            vec![case(Some("d-ana"), true, true, Some(3)), case(None, true, false, None)];
        cases.extend((0..6).map(|i| case(Some("d-luis"), true, i == 0, Some(2 + i))));
        cases.push(case(Some("d-ana"), false, true, Some(20)));
        let queue = [waiting("a", 0), waiting("b", 2), waiting("c", 9)];
        let ind = team_indicators(&cases, &queue);
        assert_eq!(ind.open, 8);
        let per: Vec<(&str, usize)> =
            ind.open_per_worker.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(per, [("d-ana", 1), ("d-luis", 6), ("unassigned", 1)]);
        assert_eq!(ind.follow_ups_overdue, 2, "a closed case's follow-ups do not count");
        assert_eq!(ind.days_to_first_referral, [1, 2, 2, 3, 4, 5, 6, 19]);
        assert_eq!(ind.median_days_to_first_referral(), Some(3));
        assert_eq!(ind.reviews_waiting, 3);
        let bands: Vec<usize> =
            REVIEW_AGE_BANDS.iter().map(|(b, _)| ind.reviews_by_age[b]).collect();
        assert_eq!(bands, [1, 1, 0, 1]);
        assert_eq!(ind.oldest_review_days, Some(9));
    }

    #[test]
    fn the_csv_suppresses_small_counts_and_holds_no_device_id() {
        let mut cases =
            vec![case(Some("d-ana"), true, true, Some(3)), case(None, true, false, None)];
        cases.extend((0..6).map(|i| case(Some("d-luis"), true, false, Some(2 + i))));
        let queue = [waiting("a", 0), waiting("b", 2), waiting("c", 9)];
        let ind = team_indicators(&cases, &queue);
        let csv = to_csv(&ind, |d| if d == "d-ana" { "AO-3".into() } else { "LM-1".into() });
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "indicator,category,value");
        assert!(lines.contains(&"cases,open,8"), "{csv}");
        // AO-3's single case and the unassigned one are "<5"; LM-1's six would give them away
        // (8 − 6 = 2), so it is hidden as well.
        assert!(lines.contains(&"open_cases_per_worker,AO-3,<5"), "{csv}");
        assert!(lines.contains(&"open_cases_per_worker,unassigned,<5"), "{csv}");
        assert!(lines.contains(&"open_cases_per_worker,LM-1,suppressed"), "{csv}");
        assert!(lines.contains(&"reviews,waiting,<5"), "{csv}");
        assert!(lines.contains(&"reviews,oldest_waiting_days,<5"), "{csv}");
        assert!(lines.contains(&"reviews_waiting_for,3_to_6_days,0"), "{csv}");
        assert!(lines.contains(&"follow_up,open_cases_overdue,<5"), "{csv}");
        assert!(lines.contains(&"referral,cases_referred,7"), "{csv}");
        assert!(lines.contains(&"referral,median_days_from_first_contact,3"), "{csv}");
        assert!(!csv.contains("d-"), "no device id: {csv}");
        assert!(!csv.contains("c-"), "no case id: {csv}");
    }
}
