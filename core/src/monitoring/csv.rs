//! The monitoring indicators as a CSV file to share with a coordinator: codes and counts only —
//! no names, ids, free text or dates finer than a month — and every count from 1 to 4 replaced by
//! "<5" so that a small group cannot be singled out. Where a dimension's counts add up to the
//! total (age band, sex, accompaniment, country, risk level, month opened), further counts are
//! replaced by "suppressed" until no "<5" can be worked out from the total and the counts shown
//! (complementary suppression); if that cannot be reached, the whole dimension is suppressed.

use super::{Counts, Indicators};

/// Counts below this (and above zero) are suppressed.
pub const SMALLEST_SHOWN: usize = 5;
/// What a suppressed count reads as.
pub const SUPPRESSED: &str = "<5";
/// What a count hidden so that no "<5" can be derived reads as (any value, zero included).
pub const HIDDEN: &str = "suppressed";

/// The CSV text: a header, then one `indicator,category,value` row per figure.
pub fn to_csv(ind: &Indicators) -> String {
    let mut rows: Vec<[String; 3]> = Vec::new();
    let mut row = |indicator: &str, category: &str, value: String| {
        rows.push([indicator.into(), category.into(), value])
    };
    row("cases", "total", count(ind.total));
    row("cases", "open", count(ind.open));
    if let Some((first, last)) = &ind.period {
        row("period", "first_month", first.clone());
        row("period", "last_month", last.clone());
    }
    // Whether each dimension's counts add up to the total (one category per case), which lets a
    // reader subtract; flags do not (a case has none, one or several).
    let groups: [(&str, &Counts, bool); 7] = [
        ("opened_in_month", &ind.opened_by_month, true),
        ("flag", &ind.by_flag, false),
        ("age_band", &ind.by_age_band, true),
        ("sex", &ind.by_sex, true),
        ("accompaniment", &ind.by_accompaniment, true),
        ("country", &ind.by_country, true),
        ("risk_level", &ind.by_risk, true),
    ];
    let total_shown = ind.total >= SMALLEST_SHOWN;
    for (indicator, counts, partition) in groups {
        let values: Vec<usize> = counts.values().copied().collect();
        let shown = if partition && total_shown {
            protect(&values, ind.total)
        } else {
            values.iter().map(|n| if small(*n) { Shown::Small } else { Shown::Exact }).collect()
        };
        for ((category, n), how) in counts.iter().zip(shown) {
            let value = match how {
                Shown::Exact => n.to_string(),
                Shown::Small => SUPPRESSED.to_owned(),
                Shown::Hidden => HIDDEN.to_owned(),
            };
            row(indicator, category, value);
        }
    }
    let referred = ind.days_to_referral.len();
    row("referral", "cases_referred", count(referred));
    // A median over fewer than five cases would reveal them: it is suppressed with them.
    let median = match ind.median_days_to_referral() {
        Some(days) if referred >= SMALLEST_SHOWN => days.to_string(),
        Some(_) => SUPPRESSED.to_owned(),
        None => String::new(),
    };
    row("referral", "median_days_from_first_contact", median);
    row("follow_up", "open_cases_overdue", count(ind.follow_ups_overdue));
    row("bid", "decisions_recorded", count(ind.bids_done));

    let mut out = String::from("indicator,category,value\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// A count as shown: zero and five or more as they are, one to four suppressed.
pub fn count(n: usize) -> String {
    if n == 0 || n >= SMALLEST_SHOWN {
        n.to_string()
    } else {
        SUPPRESSED.to_owned()
    }
}

fn small(n: usize) -> bool {
    n > 0 && n < SMALLEST_SHOWN
}

/// How one count of a dimension is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Exact,
    /// "<5": one to four.
    Small,
    /// "suppressed": hidden so that the small ones cannot be derived.
    Hidden,
}

/// How to write the counts of a dimension that add up to `total` (shown exactly): the small ones
/// as "<5", and then the smallest of the others hidden, one by one, until no small count is
/// determined by the total, the counts shown and what "<5" means (one to four). If even hiding
/// every other count leaves one determined (say five cases, each in its own category), every
/// count of the dimension is hidden, zeros included.
pub fn protect(values: &[usize], total: usize) -> Vec<Shown> {
    let mut shown: Vec<Shown> =
        values.iter().map(|n| if small(*n) { Shown::Small } else { Shown::Exact }).collect();
    let mut order: Vec<usize> = (0..values.len()).filter(|i| !small(values[*i])).collect();
    order.sort_by_key(|i| values[*i]);
    let mut next = order.into_iter().filter(|i| values[*i] > 0);
    while derivable(values, &shown, total) {
        match next.next() {
            Some(i) => shown[i] = Shown::Hidden,
            None => return vec![Shown::Hidden; values.len()],
        }
    }
    shown
}

/// Whether some "<5" count is pinned to one value by the rest, as a reader would reason: the
/// hidden and small counts add up to the total less the exact ones; a small one lies in 1..=4 and
/// a hidden one (never zero here) in 5..=total.
fn derivable(values: &[usize], shown: &[Shown], total: usize) -> bool {
    let known: usize =
        values.iter().zip(shown).filter(|(_, s)| **s == Shown::Exact).map(|(v, _)| v).sum();
    let rest = total.saturating_sub(known);
    let range = |s: Shown| match s {
        Shown::Small => (1, SMALLEST_SHOWN - 1),
        _ => (SMALLEST_SHOWN, total),
    };
    let open: Vec<(usize, usize)> =
        shown.iter().filter(|s| **s != Shown::Exact).map(|s| range(*s)).collect();
    let (lo_sum, hi_sum): (usize, usize) =
        open.iter().fold((0, 0), |(l, h), (lo, hi)| (l + lo, h + hi));
    shown.iter().filter(|s| **s != Shown::Exact).zip(&open).any(|(s, (lo, hi))| {
        let most = (*hi).min(rest.saturating_sub(lo_sum - lo));
        let least = (*lo).max(rest.saturating_sub(hi_sum - hi));
        *s == Shown::Small && least >= most
    })
}

/// RFC 4180 quoting for a field that needs it (codes never do; kept for safety).
fn field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}
