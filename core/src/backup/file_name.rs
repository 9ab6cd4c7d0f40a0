//! Names of the files Senda offers for download. A file name is seen by the phone's download
//! list, other apps and anyone the file is sent to, so it holds a date and, for one case, the
//! random case number — never a name, alias or anything typed.

use crate::dates::iso_date;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// `senda-backup-2026-11-29.senda`.
pub fn backup_file_name(made_at: DateTime<Utc>) -> String {
    format!("senda-backup-{}.senda", iso_date(made_at.date_naive()))
}

/// `senda-case-1a2b3c4d-2026-11-29.json`: the first 8 hex digits of the random case id, as the
/// case list shows it, so the worker can tell which case the file holds.
pub fn case_export_file_name(id: Uuid, exported_at: DateTime<Utc>) -> String {
    let short = id.simple().to_string();
    format!("senda-case-{}-{}.json", &short[..8], iso_date(exported_at.date_naive()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn names_hold_a_date_and_a_random_number_only() {
        let at = Utc.with_ymd_and_hms(2026, 11, 29, 23, 59, 0).single().unwrap_or_default();
        assert_eq!(backup_file_name(at), "senda-backup-2026-11-29.senda");
        let id = Uuid::from_u128(0x1a2b_3c4d_0000_0000_0000_0000_0000_0001);
        assert_eq!(case_export_file_name(id, at), "senda-case-1a2b3c4d-2026-11-29.json");
    }
}
