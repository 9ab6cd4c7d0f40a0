//! The case session: whether this phone has a vault, whether it is locked or open, the open
//! vault and its decrypted index while unlocked, and locking — by hand, on idle, after time in
//! the background, and by quick exit. Locking drops the key and every decrypted value.

use crate::case_editor::SaveState;
use crate::vault::{AttemptCount, UnlockedVault, Vault, VaultError, VaultStatus};
use async_lock::Mutex;
use leptos::prelude::*;
use senda_core::backup::{BackupLog, CaseFingerprint};
use senda_core::case::{migrate, Case, CaseSummary, WorkerLabel};
use senda_core::vault::idle_lock::{LockDecision, LockReason};
use senda_core::vault::policy::VaultPolicy;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// One entry of the vault's encrypted index: a case's summary, or who uses this vault.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexEntry {
    Case(CaseSummary),
    Worker(String),
    /// When the last backup was made and how often to remind (record `BACKUP_LOG_RECORD`).
    BackupLog(BackupLog),
}

/// The id of the record that holds the worker's label.
const WORKER_RECORD: &str = "worker";

pub type CaseVault = UnlockedVault<IndexEntry>;

/// How long after an edit autosave writes it (edits in between join the same write).
const AUTOSAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

/// How long a deleted case can be brought back.
const UNDO_WINDOW: std::time::Duration = std::time::Duration::from_secs(10);

/// Where the case session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    Opening,
    /// This browser gives no storage for the vault (private window, blocked storage).
    Unavailable,
    NoVault,
    Locked(AttemptCount),
    Unlocked,
}

/// The case session, shared by every case screen.
#[derive(Clone, Copy)]
pub struct Session {
    pub gate: RwSignal<Gate>,
    /// The decrypted index while unlocked; empty when locked.
    pub summaries: RwSignal<Vec<CaseSummary>>,
    pub worker: RwSignal<Option<WorkerLabel>>,
    /// Why the vault locked by itself, for the unlock screen.
    pub locked_because: RwSignal<Option<LockReason>>,
    /// The neutral cover page shown by quick exit.
    pub neutral: RwSignal<bool>,
    /// An edit waiting for its autosave. The session keeps it, not the screen, so leaving the
    /// case screen or locking within the grouping delay never drops the edit.
    pending_save: StoredValue<Option<Case>>,
    save_scheduled: StoredValue<bool>,
    /// The outcome of the latest autosave, by case id; the screen showing that case reflects it.
    pub autosave: RwSignal<Option<(uuid::Uuid, SaveState)>>,
    /// How many records were found damaged and set aside (the rest stays readable).
    pub damaged: RwSignal<usize>,
    /// A case just deleted, kept in memory for a few seconds so the deletion can be undone.
    pub deleted: RwSignal<Option<Case>>,
    vault: StoredValue<Option<Rc<Vault>>, LocalStorage>,
    open: StoredValue<Option<Rc<Mutex<CaseVault>>>, LocalStorage>,
    last_activity: StoredValue<f64>,
    hidden_since: StoredValue<Option<f64>>,
}

/// The session; provided by `App`.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Now, from the browser's clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

impl Session {
    /// Opens the vault's storage and learns whether a vault exists; watches for idleness.
    pub fn start() -> Session {
        let session = Session {
            gate: RwSignal::new(Gate::Opening),
            summaries: RwSignal::new(Vec::new()),
            worker: RwSignal::new(None),
            locked_because: RwSignal::new(None),
            neutral: RwSignal::new(false),
            deleted: RwSignal::new(None),
            damaged: RwSignal::new(0),
            pending_save: StoredValue::new(None),
            save_scheduled: StoredValue::new(false),
            autosave: RwSignal::new(None),
            vault: StoredValue::new_local(None),
            open: StoredValue::new_local(None),
            last_activity: StoredValue::new(js_sys::Date::now()),
            hidden_since: StoredValue::new(None),
        };
        leptos::task::spawn_local(async move {
            match Vault::open().await {
                Ok(vault) => {
                    let vault = Rc::new(vault);
                    session.vault.set_value(Some(vault.clone()));
                    session.refresh_gate(&vault).await;
                }
                Err(_) => session.gate.set(Gate::Unavailable),
            }
        });
        session.watch_activity();
        session
    }

    async fn refresh_gate(&self, vault: &Vault) {
        self.gate.set(match vault.status().await {
            Ok(VaultStatus::NotCreated) => Gate::NoVault,
            Ok(VaultStatus::Locked(count)) => Gate::Locked(count),
            Err(_) => Gate::Unavailable,
        });
    }

    fn locked_vault(&self) -> Result<Rc<Vault>, VaultError> {
        self.vault.get_value().ok_or(VaultError::NotCreated)
    }

    fn opened(&self, vault: CaseVault) {
        let mut summaries = Vec::new();
        let mut worker = None;
        for (_, entry) in vault.summaries() {
            match entry {
                IndexEntry::Case(s) => summaries.push(s.clone()),
                IndexEntry::Worker(label) => worker = Some(WorkerLabel::new(label.clone())),
                IndexEntry::BackupLog(_) => {}
            }
        }
        self.damaged.set(vault.quarantined().len());
        self.open.set_value(Some(Rc::new(Mutex::new(vault))));
        self.summaries.set(summaries);
        self.worker.set(worker);
        self.locked_because.set(None);
        self.last_activity.set_value(js_sys::Date::now());
        self.gate.set(Gate::Unlocked);
    }

    /// Creates the vault with its passcode and the worker's label, and opens it.
    pub async fn create(&self, passcode: &str, worker: &str) -> Result<(), VaultError> {
        let vault = self.locked_vault()?;
        let mut open = vault.create::<IndexEntry>(passcode).await?;
        let label = worker.trim().to_owned();
        open.put(WORKER_RECORD, &label, IndexEntry::Worker(label.clone())).await?;
        let _ = crate::vault::request_persistent_storage().await;
        self.opened(open);
        Ok(())
    }

    /// Whether `passcode` opens the vault, without counting a wrong one (see `Vault::check_passcode`).
    pub async fn check_passcode(&self, passcode: &str) -> Result<bool, VaultError> {
        self.locked_vault()?.check_passcode(passcode).await
    }

    /// Opens the vault; a wrong passcode updates the count shown, the last one wipes.
    pub async fn unlock(&self, passcode: &str) -> Result<(), VaultError> {
        let vault = self.locked_vault()?;
        match vault.unlock::<IndexEntry>(passcode).await {
            Ok(open) => {
                self.opened(open);
                Ok(())
            }
            Err(e) => {
                match &e {
                    VaultError::WrongPasscode { failed_attempts, attempts_left } => {
                        self.gate.set(Gate::Locked(AttemptCount {
                            failed: *failed_attempts,
                            left: *attempts_left,
                        }))
                    }
                    VaultError::Wiped => self.gate.set(Gate::NoVault),
                    _ => {}
                }
                Err(e)
            }
        }
    }

    /// Drops the key and every decrypted value, and shows the unlock screen.
    pub fn lock(&self, because: Option<LockReason>) {
        if self.gate.get_untracked() != Gate::Unlocked {
            return;
        }
        // Everything leaves the session now; an edit still waiting is written with the key it
        // was made under, and then the key goes too.
        let open = self.open.get_value();
        self.open.set_value(None);
        if let (Some(case), Some(open)) = (self.pending_save.get_value(), open) {
            self.pending_save.set_value(None);
            leptos::task::spawn_local(async move {
                let summary = IndexEntry::Case(CaseSummary::of(&case));
                let _ = open.lock().await.put(&case.id().to_string(), &case, summary).await;
            });
        }
        self.deleted.set(None);
        self.summaries.set(Vec::new());
        self.worker.set(None);
        self.locked_because.set(because);
        self.gate.set(Gate::Locked(AttemptCount { failed: 0, left: 0 }));
        if let Ok(vault) = self.locked_vault() {
            let session = *self;
            leptos::task::spawn_local(async move { session.refresh_gate(&vault).await });
        }
    }

    /// Quick exit: locks at once and covers the app with a neutral page.
    pub fn quick_exit(&self) {
        self.lock(None);
        self.neutral.set(true);
    }

    /// Erases every case on this phone.
    pub async fn wipe(&self) -> Result<(), VaultError> {
        self.lock(None);
        self.locked_vault()?.wipe().await?;
        self.gate.set(Gate::NoVault);
        Ok(())
    }

    fn open_vault(&self) -> Result<Rc<Mutex<CaseVault>>, VaultError> {
        self.open.get_value().ok_or(VaultError::NotCreated)
    }

    /// The worker label for audit entries.
    pub fn worker_label(&self) -> WorkerLabel {
        self.worker.get_untracked().unwrap_or_else(|| WorkerLabel::new("?"))
    }

    /// Reads a case, migrating it from older versions of the record.
    pub async fn load_case(&self, id: &str) -> Result<Option<Case>, VaultError> {
        let open = self.open_vault()?;
        let value: Option<serde_json::Value> = open.lock().await.get(id).await?;
        Ok(value.and_then(|v| migrate(v).ok()))
    }

    /// Saves a case whole and updates the list; on failure the stored case is as before.
    pub async fn save_case(&self, case: &Case) -> Result<(), VaultError> {
        let open = self.open_vault()?;
        let summary = CaseSummary::of(case);
        open.lock()
            .await
            .put(&case.id().to_string(), case, IndexEntry::Case(summary.clone()))
            .await?;
        self.summaries.update(|list| match list.iter_mut().find(|s| s.id == summary.id) {
            Some(s) => *s = summary,
            None => list.push(summary),
        });
        Ok(())
    }

    /// Autosave: keeps `case` as the latest edit and writes it within the grouping delay;
    /// later edits ride on the same write, so typing never postpones saving.
    pub fn queue_save(&self, case: Case) {
        self.autosave.set(Some((case.id(), SaveState::Saving)));
        self.pending_save.set_value(Some(case));
        if self.save_scheduled.get_value() {
            return;
        }
        self.save_scheduled.set_value(true);
        let session = *self;
        set_timeout(move || session.flush_save(), AUTOSAVE_DELAY);
    }

    /// Writes the edit waiting for autosave, if any.
    pub fn flush_save(&self) {
        self.save_scheduled.set_value(false);
        let Some(case) = self.pending_save.get_value() else { return };
        self.pending_save.set_value(None);
        let session = *self;
        leptos::task::spawn_local(async move {
            let state = match session.save_case(&case).await {
                Ok(()) => SaveState::Saved,
                Err(e) => SaveState::Failed(e.message_key()),
            };
            // A newer edit of the same case may already be waiting: it will report itself.
            if session.pending_save.with_value(Option::is_none) {
                session.autosave.set(Some((case.id(), state)));
            }
        });
    }

    /// Removes a case from this phone.
    pub async fn delete_case(&self, id: uuid::Uuid) -> Result<(), VaultError> {
        let open = self.open_vault()?;
        open.lock().await.delete(&id.to_string()).await?;
        self.summaries.update(|list| list.retain(|s| s.id != id));
        Ok(())
    }

    /// The lock and wipe settings of the open vault.
    pub async fn policy(&self) -> Result<VaultPolicy, VaultError> {
        Ok(self.open_vault()?.lock().await.policy())
    }

    /// Changes the lock and wipe settings (stored in the vault's header).
    pub async fn set_policy(&self, policy: VaultPolicy) -> Result<(), VaultError> {
        self.open_vault()?.lock().await.set_policy(policy).await
    }

    /// Re-encrypts everything under a new passcode; an interruption leaves the old one valid.
    pub async fn change_passcode(&self, current: &str, new: &str) -> Result<(), VaultError> {
        self.open_vault()?.lock().await.change_passcode(current, new).await
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

    /// Counts touches and keys as activity and checks the idle policy while unlocked.
    fn watch_activity(&self) {
        let session = *self;
        let touch = move || session.last_activity.set_value(js_sys::Date::now());
        window_event_listener(leptos::ev::pointerdown, move |_| touch());
        window_event_listener(leptos::ev::keydown, move |_| touch());
        // A phone put away or a page being left writes the waiting edit at once rather than
        // after the grouping delay; while a write is still under way, leaving asks first.
        window_event_listener(leptos::ev::pagehide, move |_| session.flush_save());
        window_event_listener(leptos::ev::beforeunload, move |ev| {
            session.flush_save();
            if session.autosave.with_untracked(|a| matches!(a, Some((_, SaveState::Saving)))) {
                ev.prevent_default();
            }
        });
        window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().hidden() {
                session.flush_save();
                session.hidden_since.set_value(Some(js_sys::Date::now()));
            } else {
                session.check_idle();
                session.hidden_since.set_value(None);
                touch();
            }
        });
        let _ = set_interval_with_handle(
            move || session.check_idle(),
            std::time::Duration::from_secs(5),
        );
    }

    fn check_idle(&self) {
        if self.gate.get_untracked() != Gate::Unlocked {
            return;
        }
        let Some(open) = self.open.get_value() else { return };
        let Some(vault) = open.try_lock() else { return };
        let policy = vault.policy().idle_lock;
        drop(vault);
        let ms = |t: f64| t.max(0.0) as u64;
        let decision = policy.decide(
            ms(self.last_activity.get_value()),
            ms(js_sys::Date::now()),
            self.hidden_since.get_value().map(ms),
        );
        if let LockDecision::Lock(reason) = decision {
            self.lock(Some(reason));
        }
    }
}

/// The id of the record that holds the backup log.
const BACKUP_LOG_RECORD: &str = "backup-log";

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

    /// The fingerprints of the stored cases among `ids`, for a restore preview. A stored case
    /// that is damaged (set aside) counts as absent, so restoring brings it back; one that
    /// decrypts but cannot be read as a case stops the preview rather than be overwritten.
    pub async fn fingerprints(
        &self,
        ids: impl Iterator<Item = uuid::Uuid>,
    ) -> Result<Vec<CaseFingerprint>, VaultError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        let mut out = Vec::new();
        for id in ids {
            let id = id.to_string();
            if vault.summary(&id).is_none() && !vault.unindexed().contains(&id) {
                continue;
            }
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
        let records =
            cases.iter().map(|c| (c.id().to_string(), c, IndexEntry::Case(CaseSummary::of(c))));
        open.lock().await.put_many(records).await?;
        self.summaries.update(|list| {
            for case in cases {
                let summary = CaseSummary::of(case);
                match list.iter_mut().find(|s| s.id == summary.id) {
                    Some(s) => *s = summary,
                    None => list.push(summary),
                }
            }
        });
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
}
