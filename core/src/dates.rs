//! Dates and times as the screens show them: `2026-11-29 14:05`, in UTC as stored. Written by
//! hand because chrono's formatting machinery costs the phone kilobytes for two patterns.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

/// `YYYY-MM-DD HH:MM`.
pub fn short_date_time(at: DateTime<Utc>) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute()
    )
}

/// `YYYY-MM-DD`, as a date input gives and takes it.
pub fn iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// Reads `YYYY-MM-DD`; anything else is `None`.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn matches_the_strftime_pattern_it_replaces() {
        let at = Utc.with_ymd_and_hms(2026, 3, 7, 9, 5, 59).single().expect("valid");
        assert_eq!(short_date_time(at), "2026-03-07 09:05");
        assert_eq!(short_date_time(at), at.format("%Y-%m-%d %H:%M").to_string());
    }
}

#[cfg(test)]
mod iso_tests {
    use super::*;

    #[test]
    fn iso_dates_round_trip_and_refuse_anything_else() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 3).expect("valid");
        assert_eq!(iso_date(d), "2025-03-03");
        assert_eq!(parse_iso_date("2025-03-03"), Some(d));
        assert_eq!(parse_iso_date(" 2025-3-3 "), Some(d));
        for bad in ["", "2025-02-30", "3 March", "2025-03", "-2025-03-03", "2025-03-03x"] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
