//! The entries of the case vault's encrypted index, as stored: a case's summary, who uses this
//! vault, or the backup log. A stored format: changing it needs a migration (see the fixture).

use crate::backup::BackupLog;
use crate::case::CaseSummary;
use serde::{Deserialize, Serialize};

/// One entry of the vault's encrypted index: a case's summary, or who uses this vault.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexEntry {
    Case(CaseSummary),
    Worker(String),
    /// When the last backup was made and how often to remind (record `BACKUP_LOG_RECORD`).
    BackupLog(BackupLog),
    /// This phone belongs to a team (record `TEAM_RECORD`; the record holds the team's keys).
    Team,
}

/// The id of the record that holds this phone's team (server, account, keys).
pub const TEAM_RECORD: &str = "team";

/// The id of the record that holds the worker's label.
pub const WORKER_RECORD: &str = "worker";

/// The id of the record that holds the backup log.
pub const BACKUP_LOG_RECORD: &str = "backup-log";

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    /// The index entries as phones store them today, one per line (case, worker, backup log).
    const FIXTURE: &str = r#"{"case":{"id":"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b","label":"Luz","open":true,"risk":"high","updated_at":"2025-03-03T12:00:00Z"}}
{"worker":"MT-07"}
{"backup_log":{"last_made_at":"2025-02-28T09:30:00Z","remind_after_days":7}}"#;

    fn entries() -> Vec<IndexEntry> {
        vec![
            IndexEntry::Case(CaseSummary {
                id: Uuid::parse_str("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b").unwrap(),
                label: "Luz".into(),
                open: true,
                risk: Some(crate::case::RiskLevel::High),
                updated_at: Utc.with_ymd_and_hms(2025, 3, 3, 12, 0, 0).unwrap(),
            }),
            IndexEntry::Worker("MT-07".into()),
            IndexEntry::BackupLog(BackupLog {
                last_made_at: Some(Utc.with_ymd_and_hms(2025, 2, 28, 9, 30, 0).unwrap()),
                remind_after_days: 7,
            }),
        ]
    }

    #[test]
    fn stored_entries_read_back_as_they_were_written() {
        let read: Vec<IndexEntry> =
            FIXTURE.lines().map(|l| serde_json::from_str(l).expect(l)).collect();
        assert_eq!(read, entries());
    }

    #[test]
    fn entries_are_written_in_the_stored_format() {
        let written: Vec<String> =
            entries().iter().map(|e| serde_json::to_string(e).unwrap()).collect();
        assert_eq!(written.join("\n"), FIXTURE);
    }

    #[test]
    fn a_backup_log_without_its_optional_fields_reads_with_defaults() {
        let read: IndexEntry = serde_json::from_str(r#"{"backup_log":{}}"#).unwrap();
        assert_eq!(read, IndexEntry::BackupLog(BackupLog::default()));
    }
}
