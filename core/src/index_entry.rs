//! The entries of the case vault's encrypted index, as stored: a case's summary, who uses this
//! vault, or the backup log. A stored format: changing it needs a migration (see the fixture).

use crate::backup::BackupLog;
use crate::case::CaseSummary;
use crate::vault::idle_lock::BackgroundLock;
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
    /// How long the app may be in the background before the vault locks (record
    /// `BACKGROUND_LOCK_RECORD`); absent means the default.
    BackgroundLock(BackgroundLock),
}

/// The id of the record that holds this phone's team (server, account, keys).
pub const TEAM_RECORD: &str = "team";

/// The id of the record that holds the worker's label.
pub const WORKER_RECORD: &str = "worker";

/// The id of the record that holds the backup log.
pub const BACKUP_LOG_RECORD: &str = "backup-log";

/// The id of the record that holds the background lock time.
pub const BACKGROUND_LOCK_RECORD: &str = "background-lock";

/// The background lock time from its index entry: the default when none was chosen, or when
/// what is stored is not one of the choices.
pub fn background_lock(entry: Option<&IndexEntry>) -> BackgroundLock {
    match entry {
        Some(IndexEntry::BackgroundLock(choice)) => choice.or_default(),
        _ => BackgroundLock::default(),
    }
}

/// The index entry of a stored record, made again from the record itself (for an index that was
/// damaged or lacks it): a case's summary, the worker's label or the backup log; `None` for a
/// record that is none of these or cannot be read as one (it then stays unlisted).
pub fn index_entry_of(id: &str, record: serde_json::Value) -> Option<IndexEntry> {
    match id {
        WORKER_RECORD => serde_json::from_value(record).ok().map(IndexEntry::Worker),
        BACKUP_LOG_RECORD => serde_json::from_value(record).ok().map(IndexEntry::BackupLog),
        BACKGROUND_LOCK_RECORD => {
            serde_json::from_value(record).ok().map(IndexEntry::BackgroundLock)
        }
        _ => {
            let case = crate::case::migrate(record).ok()?;
            (case.id().to_string() == id).then(|| IndexEntry::Case(CaseSummary::of(&case)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    /// The index entries as phones store them today, one per line (case, worker, backup log).
    const FIXTURE: &str = r#"{"case":{"id":"6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b","label":"Luz","open":true,"risk":"high","updated_at":"2025-03-03T12:00:00Z"}}
{"worker":"MT-07"}
{"backup_log":{"last_made_at":"2025-02-28T09:30:00Z","remind_after_days":7}}
{"background_lock":{"after_seconds":120}}"#;

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
            IndexEntry::BackgroundLock(BackgroundLock { after_seconds: 120 }),
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
    fn the_background_lock_time_is_the_chosen_one_or_the_default() {
        let chosen = IndexEntry::BackgroundLock(BackgroundLock { after_seconds: 120 });
        assert_eq!(background_lock(Some(&chosen)).after_seconds, 120);
        assert_eq!(background_lock(None), BackgroundLock::default());
        let odd = IndexEntry::BackgroundLock(BackgroundLock { after_seconds: 7 });
        assert_eq!(background_lock(Some(&odd)), BackgroundLock::default());
        assert_eq!(background_lock(Some(&IndexEntry::Team)), BackgroundLock::default());
    }

    #[test]
    fn a_backup_log_without_its_optional_fields_reads_with_defaults() {
        let read: IndexEntry = serde_json::from_str(r#"{"backup_log":{}}"#).unwrap();
        assert_eq!(read, IndexEntry::BackupLog(BackupLog::default()));
    }

    #[test]
    fn an_entry_is_made_again_from_its_record() {
        use crate::case::{Case, ChildProfile, WorkerLabel};
        let id = Uuid::parse_str("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b").unwrap();
        let profile = ChildProfile { alias: "Luz".into(), ..ChildProfile::default() };
        let at = Utc.with_ymd_and_hms(2025, 3, 3, 12, 0, 0).unwrap();
        let case = Case::new(id, profile, at, &WorkerLabel::new("MT-07"));
        let stored = serde_json::to_value(&case).unwrap();
        assert_eq!(
            index_entry_of(&id.to_string(), stored.clone()),
            Some(IndexEntry::Case(CaseSummary::of(&case)))
        );
        // A case stored under another id is not listed as that id's case.
        assert_eq!(index_entry_of("0b6f2a4e-1c9d-4e2f-9a57-3d1c2b4a5f60", stored), None);
        assert_eq!(
            index_entry_of(WORKER_RECORD, serde_json::json!("MT-07")),
            Some(IndexEntry::Worker("MT-07".into()))
        );
        assert_eq!(
            index_entry_of(BACKUP_LOG_RECORD, serde_json::json!({})),
            Some(IndexEntry::BackupLog(BackupLog::default()))
        );
        assert_eq!(
            index_entry_of(BACKGROUND_LOCK_RECORD, serde_json::json!({"after_seconds": 30})),
            Some(IndexEntry::BackgroundLock(BackgroundLock { after_seconds: 30 }))
        );
        assert_eq!(index_entry_of("other", serde_json::json!({"schema": 99})), None);
    }
}
