//! The monitoring indicators as a CSV file to share with a coordinator: codes and counts only —
//! no names, ids, free text or dates finer than a month — and every count from 1 to 4 replaced by
//! "<5" so that a small group cannot be singled out.

use super::{Counts, Indicators};

/// Counts below this (and above zero) are suppressed.
pub const SMALLEST_SHOWN: usize = 5;
/// What a suppressed count reads as.
pub const SUPPRESSED: &str = "<5";

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
    let groups: [(&str, &Counts); 7] = [
        ("opened_in_month", &ind.opened_by_month),
        ("flag", &ind.by_flag),
        ("age_band", &ind.by_age_band),
        ("sex", &ind.by_sex),
        ("accompaniment", &ind.by_accompaniment),
        ("country", &ind.by_country),
        ("risk_level", &ind.by_risk),
    ];
    for (indicator, counts) in groups {
        for (category, n) in counts {
            row(indicator, category, count(*n));
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

/// RFC 4180 quoting for a field that needs it (codes never do; kept for safety).
fn field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}
