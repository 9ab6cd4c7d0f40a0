//! Dates and times as the screens show them: `2026-11-29 14:05`, in UTC as stored. Written by
//! hand because chrono's formatting machinery costs the phone kilobytes for two patterns.

use chrono::{DateTime, Datelike, Timelike, Utc};

/// `YYYY-MM-DD HH:MM`.
pub fn short_date_time(at: DateTime<Utc>) -> String {
    format!("{:04}-{:02}-{:02} {:02}:{:02}", at.year(), at.month(), at.day(), at.hour(), at.minute())
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
