//! The session's record index: reading, saving and deleting cases (with undo) in the open
//! vault and keeping the decrypted case list in step; every case for a backup, the stored side
//! of a restore preview, writing restored cases, the backup log and the background lock time.

use super::case_writes::put_cases_catching_up;
use super::Session;
use crate::vault::VaultError;
use leptos::prelude::*;
use senda_core::backup::{BackupLog, CaseFingerprint};
use senda_core::case::{migrate, Case, MigrationError};
use senda_core::index_entry::{
    background_lock, IndexEntry, BACKGROUND_LOCK_RECORD, BACKUP_LOG_RECORD,
};
use senda_core::vault::idle_lock::BackgroundLock;

/// How long a deleted case can be brought back.
const UNDO_WINDOW: std::time::Duration = std::time::Duration::from_secs(10);

/// Cases: read, saved whole, deleted and brought back.
impl Session {
    /// Reads a case, migrating it from older versions of the record. An edit of it not yet
    /// written is newer than the stored copy, so that edit is what another screen opens.
    pub async fn load_case(&self, id: &str) -> Result<Option<Case>, VaultError> {
        if let Some(edit) = self.pending_edit(id) {
            return Ok(Some(edit));
        }
        let open = self.open_vault()?;
        let value: Option<serde_json::Value> = open.lock().await.get(id).await?;
        value.map(|v| readable(id, v)).transpose()
    }

    /// Saves a case whole and updates the list; on failure the stored case is as before.
    pub async fn save_case(&self, case: &Case) -> Result<(), VaultError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        put_cases_catching_up(&mut vault, std::slice::from_ref(case)).await?;
        self.list(&vault);
        self.local_writes.update(|n| *n += 1);
        Ok(())
    }

    /// Removes a case from this phone.
    pub async fn delete_case(&self, id: uuid::Uuid) -> Result<(), VaultError> {
        let open = self.open_vault()?;
        open.lock().await.delete(&id.to_string()).await?;
        self.summaries.update(|list| list.retain(|s| s.id != id));
        Ok(())
    }

    /// Keeps a deleted case for the undo window; after it, the case is gone from memory too.
    pub fn offer_undo(&self, case: Case) {
        let id = case.id();
        self.deleted.set(Some(case));
        let deleted = self.deleted;
        set_timeout(
            move || {
                if deleted.try_with_untracked(|d| d.as_ref().is_some_and(|c| c.id() == id))
                    == Some(true)
                {
                    deleted.set(None);
                }
            },
            UNDO_WINDOW,
        );
    }

    /// Puts the case deleted last back, as it was.
    pub async fn undo_delete(&self) -> Result<(), VaultError> {
        let Some(case) = self.deleted.get_untracked() else { return Ok(()) };
        self.save_case(&case).await?;
        self.deleted.set(None);
        Ok(())
    }
}

/// Backup and restore: every case for a backup, the stored side of a restore preview, writing
/// restored cases, and the backup log.
impl Session {
    /// Every case on this phone, decrypted, for a backup; and how many could not be read
    /// (damaged, set aside by the vault), so the worker is told what the backup lacks.
    pub async fn all_cases(&self) -> Result<(Vec<Case>, usize), VaultError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        let ids: Vec<String> = vault
            .ids()
            .into_iter()
            .filter(|id| uuid::Uuid::parse_str(id).is_ok())
            .map(str::to_owned)
            .collect();
        let (mut cases, mut unreadable) = (Vec::with_capacity(ids.len()), 0);
        for id in ids {
            match vault.get::<serde_json::Value>(&id).await {
                Ok(Some(value)) => match migrate(value) {
                    Ok(case) => cases.push(case),
                    Err(_) => unreadable += 1,
                },
                Ok(None) | Err(VaultError::Damaged { .. }) => unreadable += 1,
                Err(e) => return Err(e),
            }
        }
        Ok((cases, unreadable))
    }

    /// The fingerprints of the stored cases among `ids`, for a restore preview, read from the
    /// records themselves (never from the index, which may lack one). A stored case that is
    /// damaged (set aside) counts as absent, so restoring brings it back; one that decrypts but
    /// cannot be read as a case stops the preview rather than be overwritten.
    pub async fn fingerprints(
        &self,
        ids: impl Iterator<Item = uuid::Uuid>,
    ) -> Result<Vec<CaseFingerprint>, VaultError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        let mut out = Vec::new();
        for id in ids {
            let id = id.to_string();
            match vault.get::<serde_json::Value>(&id).await {
                Ok(Some(value)) => match migrate(value) {
                    Ok(case) => out.push(CaseFingerprint::of(&case)),
                    Err(_) => return Err(VaultError::UnexpectedShape { id }),
                },
                Ok(None) | Err(VaultError::Damaged { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Writes restored cases in one transaction (all or none) and updates the list.
    pub async fn restore_cases(&self, cases: &[Case]) -> Result<(), VaultError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        put_cases_catching_up(&mut vault, cases).await?;
        self.list(&vault);
        Ok(())
    }

    /// When the last backup was made and how often to remind, from the encrypted index.
    pub async fn backup_log(&self) -> BackupLog {
        let Ok(open) = self.open_vault() else { return BackupLog::default() };
        let vault = open.lock().await;
        match vault.summary(BACKUP_LOG_RECORD) {
            Some(IndexEntry::BackupLog(log)) => *log,
            _ => BackupLog::default(),
        }
    }

    pub async fn save_backup_log(&self, log: BackupLog) -> Result<(), VaultError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        vault.put(BACKUP_LOG_RECORD, &log, IndexEntry::BackupLog(log)).await
    }

    /// How long the app may stay in the background before the vault locks.
    pub async fn background_lock(&self) -> Result<BackgroundLock, VaultError> {
        let open = self.open_vault()?;
        let vault = open.lock().await;
        Ok(background_lock(vault.summary(BACKGROUND_LOCK_RECORD)))
    }

    pub async fn set_background_lock(&self, choice: BackgroundLock) -> Result<(), VaultError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        vault.put(BACKGROUND_LOCK_RECORD, &choice, IndexEntry::BackgroundLock(choice)).await
    }
}

/// A stored case value as a case: one of a newer Senda is refused as such, one of another shape
/// is reported, never taken for a missing case.
fn readable(id: &str, value: serde_json::Value) -> Result<Case, VaultError> {
    migrate(value).map_err(|e| match e {
        MigrationError::FutureVersion { .. } => VaultError::NewerFormat,
        _ => VaultError::UnexpectedShape { id: id.to_owned() },
    })
}
