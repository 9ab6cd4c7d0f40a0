//! When the worker should be reminded to make a backup: the record of the last one (kept inside
//! the vault, never in plain storage), how often to remind, and the rule that decides.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The reminder interval a new vault starts with.
pub const DEFAULT_REMIND_AFTER_DAYS: u16 = 7;
/// The intervals the backup screen offers, in days.
pub const REMIND_AFTER_CHOICES: [u16; 5] = [1, 3, 7, 14, 30];
/// Bounds of a stored interval; anything outside (a damaged or hand-edited record) is clamped.
pub const MIN_REMIND_AFTER_DAYS: u16 = 1;
pub const MAX_REMIND_AFTER_DAYS: u16 = 90;

/// What the vault remembers about backups. Stored encrypted, as a vault record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupLog {
    /// When the newest backup of this vault's cases was made (`None`: never).
    #[serde(default)]
    pub last_made_at: Option<DateTime<Utc>>,
    /// Remind when the last backup is older than this many days and cases changed since.
    #[serde(default = "default_days")]
    pub remind_after_days: u16,
}

fn default_days() -> u16 {
    DEFAULT_REMIND_AFTER_DAYS
}

impl Default for BackupLog {
    fn default() -> Self {
        BackupLog { last_made_at: None, remind_after_days: DEFAULT_REMIND_AFTER_DAYS }
    }
}

/// What the case list says about backups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupReminder {
    /// Nothing to say: no cases, nothing changed since the last backup, or it is recent.
    NotDue,
    /// There are cases and no backup of them was ever made from this vault.
    NeverMade,
    /// The last backup is `days` old and cases changed after it.
    Overdue { days: i64 },
}

impl BackupLog {
    /// The interval in force, within the bounds whatever was stored.
    pub fn interval_days(&self) -> u16 {
        self.remind_after_days.clamp(MIN_REMIND_AFTER_DAYS, MAX_REMIND_AFTER_DAYS)
    }

    /// The log after a backup made at `at`.
    pub fn made(self, at: DateTime<Utc>) -> BackupLog {
        BackupLog { last_made_at: Some(at), ..self }
    }

    /// The log after restoring a backup made at `made_at` into a vault that held `stored_before`
    /// cases. Into an empty vault, every case now on the phone is in that file, so it counts as
    /// this vault's last backup (if newer); otherwise the phone holds cases the file lacks.
    pub fn after_restore(self, stored_before: usize, made_at: DateTime<Utc>) -> BackupLog {
        let newer = self.last_made_at.is_none_or(|last| made_at > last);
        if stored_before == 0 && newer {
            self.made(made_at)
        } else {
            self
        }
    }

    /// Whether to remind, given the latest change to any case (`None`: no cases) and now.
    pub fn reminder(
        &self,
        latest_change: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> BackupReminder {
        let Some(latest_change) = latest_change else {
            return BackupReminder::NotDue;
        };
        let Some(last) = self.last_made_at else {
            return BackupReminder::NeverMade;
        };
        if latest_change <= last {
            return BackupReminder::NotDue;
        }
        let age = now - last;
        if age >= Duration::days(i64::from(self.interval_days())) {
            BackupReminder::Overdue { days: age.num_days() }
        } else {
            BackupReminder::NotDue
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 10, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn no_cases_no_reminder_and_cases_never_backed_up_are_reminded_at_once() {
        let log = BackupLog::default();
        assert_eq!(log.reminder(None, day(20)), BackupReminder::NotDue);
        assert_eq!(log.reminder(Some(day(20)), day(20)), BackupReminder::NeverMade);
    }

    #[test]
    fn reminds_only_when_the_backup_is_old_and_cases_changed_after_it() {
        let log = BackupLog::default().made(day(1));
        assert_eq!(log.reminder(Some(day(2)), day(7)), BackupReminder::NotDue, "6 days old");
        assert_eq!(log.reminder(Some(day(2)), day(8)), BackupReminder::Overdue { days: 7 });
        assert_eq!(
            log.reminder(Some(day(1)), day(29)),
            BackupReminder::NotDue,
            "nothing changed since"
        );
        let daily = BackupLog { remind_after_days: 1, ..log };
        assert_eq!(daily.reminder(Some(day(2)), day(2)), BackupReminder::Overdue { days: 1 });
    }

    #[test]
    fn a_stored_interval_out_of_bounds_is_clamped() {
        let zero = BackupLog { last_made_at: Some(day(1)), remind_after_days: 0 };
        assert_eq!(zero.interval_days(), 1);
        assert_eq!(
            zero.reminder(Some(day(1) + Duration::hours(1)), day(1) + Duration::hours(2)),
            BackupReminder::NotDue
        );
        let huge = BackupLog { remind_after_days: 5000, ..zero };
        assert_eq!(huge.interval_days(), MAX_REMIND_AFTER_DAYS);
    }

    #[test]
    fn restoring_into_an_empty_vault_counts_as_its_backup_and_otherwise_not() {
        let fresh = BackupLog::default();
        assert_eq!(fresh.after_restore(0, day(3)).last_made_at, Some(day(3)));
        assert_eq!(fresh.after_restore(2, day(3)).last_made_at, None, "the phone had other cases");
        let recent = fresh.made(day(10));
        assert_eq!(
            recent.after_restore(0, day(3)).last_made_at,
            Some(day(10)),
            "an older file changes nothing"
        );
    }

    #[test]
    fn the_log_reads_back_and_fills_what_is_missing() {
        let log = BackupLog { last_made_at: Some(day(4)), remind_after_days: 14 };
        let json = serde_json::to_string(&log).unwrap_or_default();
        assert_eq!(serde_json::from_str::<BackupLog>(&json).ok(), Some(log));
        assert_eq!(serde_json::from_str::<BackupLog>("{}").ok(), Some(BackupLog::default()));
    }
}
