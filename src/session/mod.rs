//! The case session's gate and lock: whether this phone has a vault, whether it is locked or
//! open, and locking — by hand, on idle, after time in the background, and by quick exit.
//! Locking drops the key and every decrypted value. Autosave (`autosave`) and the record index
//! (`records`) are the session's other jobs. Screens read its state through read-only signals
//! and change it through its methods.

mod appends;
pub mod arrivals;
pub mod autosave;
mod case_writes;
pub mod chain;
pub mod records;
pub mod save_state;
mod tabs;
pub mod team;

use crate::activity::Activity;
use crate::vault::{AttemptCount, UnlockedVault, Vault, VaultError, VaultStatus};
use async_lock::Mutex;
use leptos::prelude::*;
use save_state::SaveState;
use senda_core::case::{Case, CaseSummary, WorkerLabel};
pub use senda_core::index_entry::IndexEntry;
use senda_core::index_entry::{
    background_lock, index_entry_of, BACKGROUND_LOCK_RECORD, WORKER_RECORD,
};
use senda_core::vault::idle_lock::{LockDecision, LockReason};
use senda_core::vault::policy::VaultPolicy;
use senda_core::workflow::permission::Action;
use senda_core::workflow::role::Role;
use std::rc::Rc;
use tabs::Told;

pub type CaseVault = UnlockedVault<IndexEntry>;

/// Where the case session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    Opening,
    /// This browser gives no storage for the vault (private window, blocked storage).
    Unavailable,
    NoVault,
    Locked(AttemptCount),
    /// A newer Senda wrote the vault (a format or a key derivation this version does not know).
    Newer,
    Unlocked,
}

/// The case session, shared by every case screen.
#[derive(Clone, Copy)]
pub struct Session {
    gate: RwSignal<Gate>,
    /// The decrypted index while unlocked; empty when locked.
    summaries: RwSignal<Vec<CaseSummary>>,
    worker: RwSignal<Option<WorkerLabel>>,
    /// Why the vault locked by itself, for the unlock screen.
    locked_because: RwSignal<Option<LockReason>>,
    /// The neutral cover page shown by quick exit.
    neutral: RwSignal<bool>,
    /// Edits not yet written (the newest of each case, with the number of the edit). The session
    /// keeps them, not the screen, until their write succeeds: leaving the case screen, opening
    /// another screen of the same case or locking within the grouping delay never drops one.
    pending_save: StoredValue<Vec<(u64, Case)>>,
    /// How those edits are written, handed over by the case screens with each edit
    /// (`case_writes::WriteCases`: the case record's serialisation stays out of the first load).
    write_cases: StoredValue<Option<case_writes::WriteCases>>,
    save_seq: StoredValue<u64>,
    save_scheduled: StoredValue<bool>,
    /// Why the last edits could not be written when the vault locked (a message key), for the
    /// unlock screen: an edit is never lost without the worker being told.
    unsaved_at_lock: RwSignal<Option<&'static str>>,
    /// Whether this tab locked because the vault was unlocked in another tab (one writer).
    moved_away: RwSignal<bool>,
    /// The outcome of the latest autosave, by case id; the screen showing that case reflects it.
    autosave: RwSignal<Option<(uuid::Uuid, SaveState)>>,
    /// How many records were found damaged and set aside (the rest stays readable).
    damaged: RwSignal<usize>,
    /// Cases open on a case screen, and the versions a sync wrote of them (numbered by
    /// `arrivals`; `None`: removed), which the screen takes before its next edit (`arrivals.rs`).
    editing: StoredValue<Vec<uuid::Uuid>>,
    arrived: StoredValue<Vec<(u64, uuid::Uuid, Option<Case>)>>,
    arrivals: RwSignal<u64>,
    /// Whether this phone is in a team (the vault holds its record), and a count of the case
    /// writes made here, which automatic team sync follows.
    in_team: RwSignal<bool>,
    /// This phone's role in its team, from the member list it trusts (`team::role_in`); `None`
    /// outside a team, and in a team until the list is read or when it names no active role.
    role: RwSignal<Option<Role>>,
    local_writes: RwSignal<u64>,
    /// A case just deleted, kept in memory for a few seconds so the deletion can be undone.
    deleted: RwSignal<Option<Case>>,
    vault: StoredValue<Option<Rc<Vault>>, LocalStorage>,
    open: StoredValue<Option<Rc<Mutex<CaseVault>>>, LocalStorage>,
    activity: Activity,
    hidden_since: StoredValue<Option<f64>>,
    /// Acts waiting for their signed audit chain entry (a team's phone, `chain.rs`), and a
    /// count the team chunk's signer follows.
    acts: StoredValue<Vec<(uuid::Uuid, i64, senda_core::workflow::audit::ChainAction)>>,
    acts_waiting: RwSignal<u64>,
}

/// The session; provided by `App`.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Now, from the browser's clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// What screens may read of the session; each changes only through the session's methods.
impl Session {
    /// Where the session stands.
    pub fn gate(&self) -> ReadSignal<Gate> {
        self.gate.read_only()
    }

    /// The decrypted index while unlocked; empty when locked.
    pub fn summaries(&self) -> ReadSignal<Vec<CaseSummary>> {
        self.summaries.read_only()
    }

    /// Why the vault locked by itself, for the unlock screen.
    pub fn locked_because(&self) -> ReadSignal<Option<LockReason>> {
        self.locked_because.read_only()
    }

    /// Whether the neutral cover page of quick exit is up.
    pub fn neutral(&self) -> ReadSignal<bool> {
        self.neutral.read_only()
    }

    /// Takes the neutral cover page down (the vault stays locked).
    pub fn leave_neutral(&self) {
        self.neutral.set(false);
    }

    /// How many records were found damaged and set aside.
    pub fn damaged(&self) -> ReadSignal<usize> {
        self.damaged.read_only()
    }

    /// Whether this tab locked because the vault was unlocked in another one.
    pub fn moved_away(&self) -> ReadSignal<bool> {
        self.moved_away.read_only()
    }

    /// Why edits were not written when the vault locked, if they were not.
    pub fn unsaved_at_lock(&self) -> ReadSignal<Option<&'static str>> {
        self.unsaved_at_lock.read_only()
    }

    /// Whether this phone is in a team.
    pub fn in_team(&self) -> ReadSignal<bool> {
        self.in_team.read_only()
    }

    /// This phone's role in its team (`None` outside a team or until its member list is read).
    pub fn role(&self) -> ReadSignal<Option<Role>> {
        self.role.read_only()
    }

    /// Whether this phone may do `action` (tracked: a screen re-renders when the role arrives).
    /// A phone outside a team does everything, as before teams; a phone in a team does what its
    /// role allows, and only first contact while its role is unknown (never a case by mistake).
    pub fn may(&self, action: Action) -> bool {
        if !self.in_team.get() {
            return true;
        }
        match self.role.get() {
            Some(role) => role.may(action),
            None => action == Action::FirstContact,
        }
    }

    /// Counts the case writes made on this phone (autosave, saves, deletions).
    pub fn local_writes(&self) -> ReadSignal<u64> {
        self.local_writes.read_only()
    }

    /// The case deleted last, while it can still be brought back.
    pub fn deleted(&self) -> ReadSignal<Option<Case>> {
        self.deleted.read_only()
    }
}

impl Session {
    /// Opens the vault's storage and learns whether a vault exists; watches for idleness.
    pub fn start(activity: Activity) -> Session {
        let session = Session {
            gate: RwSignal::new(Gate::Opening),
            summaries: RwSignal::new(Vec::new()),
            worker: RwSignal::new(None),
            locked_because: RwSignal::new(None),
            neutral: RwSignal::new(false),
            deleted: RwSignal::new(None),
            editing: StoredValue::new(Vec::new()),
            arrived: StoredValue::new(Vec::new()),
            arrivals: RwSignal::new(0),
            in_team: RwSignal::new(false),
            role: RwSignal::new(None),
            local_writes: RwSignal::new(0),
            damaged: RwSignal::new(0),
            pending_save: StoredValue::new(Vec::new()),
            write_cases: StoredValue::new(None),
            save_seq: StoredValue::new(0),
            save_scheduled: StoredValue::new(false),
            unsaved_at_lock: RwSignal::new(None),
            moved_away: RwSignal::new(false),
            autosave: RwSignal::new(None),
            vault: StoredValue::new_local(None),
            open: StoredValue::new_local(None),
            activity,
            hidden_since: StoredValue::new(None),
            acts: StoredValue::new(Vec::new()),
            acts_waiting: RwSignal::new(0),
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
        session.watch_tabs();
        session
    }

    async fn refresh_gate(&self, vault: &Vault) {
        self.gate.set(match vault.status().await {
            Ok(VaultStatus::NotCreated) => Gate::NoVault,
            Ok(VaultStatus::Locked(count)) => Gate::Locked(count),
            Ok(VaultStatus::Newer) => Gate::Newer,
            Err(_) => Gate::Unavailable,
        });
    }

    fn locked_vault(&self) -> Result<Rc<Vault>, VaultError> {
        self.vault.get_value().ok_or(VaultError::NotCreated)
    }

    /// Shows the opened vault. Records the index lacks (it was damaged, or another version or
    /// window left it behind) are listed again from the records themselves first.
    async fn opened(&self, mut vault: CaseVault) {
        let _ = vault.reindex(index_entry_of).await;
        self.damaged.set(vault.quarantined().len() + vault.unindexed().len());
        self.list(&vault);
        self.open.set_value(Some(Rc::new(Mutex::new(vault))));
        self.locked_because.set(None);
        self.unsaved_at_lock.set(None);
        self.moved_away.set(false);
        // One writer: any other tab with the vault open locks now.
        tabs::hold_writer().await;
        self.activity.touch();
        self.gate.set(Gate::Unlocked);
    }

    /// The case list and the worker's label, from the vault's index.
    pub(super) fn list(&self, vault: &CaseVault) {
        let mut summaries = Vec::new();
        let mut worker = None;
        let mut in_team = false;
        for (_, entry) in vault.summaries() {
            match entry {
                IndexEntry::Case(s) => summaries.push(s.clone()),
                IndexEntry::Worker(label) => worker = Some(WorkerLabel::new(label.clone())),
                IndexEntry::Team => in_team = true,
                IndexEntry::BackupLog(_) | IndexEntry::BackgroundLock(_) => {}
            }
        }
        // Set only on a change: automatic sync starts when it turns true.
        if self.in_team.get_untracked() != in_team {
            self.in_team.set(in_team);
        }
        // The role itself is read by the team chunk when it starts (`team::refresh_role`): the
        // team record's types stay out of the first load.
        if !in_team {
            self.role.set(None);
        }
        self.summaries.set(summaries);
        self.worker.set(worker);
    }

    /// Creates the vault with its passcode and the worker's label, and opens it.
    pub async fn create(&self, passcode: &str, worker: &str) -> Result<(), VaultError> {
        let vault = self.locked_vault()?;
        let mut open = vault.create::<IndexEntry>(passcode).await?;
        let label = worker.trim().to_owned();
        open.put(WORKER_RECORD, &label, IndexEntry::Worker(label.clone())).await?;
        let _ = crate::vault::request_persistent_storage().await;
        self.opened(open).await;
        // Made with PBKDF2 only if the key worker could not run: moved when it can.
        self.move_kdf_later(passcode);
        Ok(())
    }

    /// Whether `passcode` opens the vault, without counting a wrong one (see `Vault::check_passcode`).
    pub async fn check_passcode(&self, passcode: &str) -> Result<bool, VaultError> {
        self.locked_vault()?.check_passcode(passcode).await
    }

    /// Opens the vault if `passcode` is its own (`Ok(true)`), without counting a wrong one
    /// (`Ok(false)`): leaving child mode, whose tries are throttled instead. One derivation.
    pub async fn unlock_uncounted(&self, passcode: &str) -> Result<bool, VaultError> {
        let vault = self.locked_vault()?;
        let Some(open) = vault.unlock_uncounted::<IndexEntry>(passcode).await? else {
            return Ok(false);
        };
        self.opened(open).await;
        self.move_kdf_later(passcode);
        Ok(true)
    }

    /// Opens the vault; a wrong passcode updates the count shown, the last one wipes.
    pub async fn unlock(&self, passcode: &str) -> Result<(), VaultError> {
        let vault = self.locked_vault()?;
        match vault.unlock::<IndexEntry>(passcode).await {
            Ok(open) => {
                self.opened(open).await;
                self.move_kdf_later(passcode);
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
                    // The last wrong try erased the vault: every other tab drops what it shows.
                    VaultError::Wiped => {
                        self.pending_save.set_value(Vec::new());
                        self.gate.set(Gate::NoVault);
                        tabs::tell_others(Told::Wipe);
                    }
                    _ => {}
                }
                Err(e)
            }
        }
    }

    /// Moves a vault still on PBKDF2 to Argon2id, after its unlock is on screen (the worker's
    /// derivation is not added to the wait): both keys derived with no lock held, then one header
    /// write through the open vault's lock, as every other write, expecting the header unchanged.
    /// Skipped if this tab locked or lost the vault to another tab meanwhile; a failure changes
    /// nothing (the PBKDF2 header stays in force, the same passcode opens) and the next unlock
    /// tries again.
    fn move_kdf_later(&self, passcode: &str) {
        let Some(open) = self.open.get_value() else {
            return;
        };
        let session = *self;
        let passcode = passcode.to_owned();
        leptos::task::spawn_local(async move {
            let wanted = open.lock().await.kdf_move();
            let prepared = match wanted {
                Some(wanted) => wanted.prepare(&passcode).await,
                None => Err(VaultError::KdfUnavailable),
            };
            crate::vault::crypto::forget(&mut passcode.into_bytes());
            let Ok(prepared) = prepared else {
                return;
            };
            match session.open.get_value() {
                Some(now) if Rc::ptr_eq(&now, &open) => {
                    let _ = now.lock().await.finish_kdf_move(prepared).await;
                }
                _ => {}
            }
        });
    }

    /// Drops the key and every decrypted value, and shows the unlock screen.
    /// Every other tab locks too.
    pub fn lock(&self, because: Option<LockReason>) {
        self.lock_here(because);
        tabs::tell_others(Told::Lock);
    }

    /// Locks this tab only (another tab told it to, or took the vault over).
    fn lock_here(&self, because: Option<LockReason>) {
        if self.gate.get_untracked() != Gate::Unlocked {
            return;
        }
        tabs::release_writer();
        // Everything leaves the session now; the edits still waiting are written with the key
        // they were made under, and then the key goes too. If that write fails, the unlock
        // screen says so: the edit is gone, but not silently.
        let open = self.open.get_value();
        self.open.set_value(None);
        let pending = self.pending_save.try_update_value(std::mem::take).unwrap_or_default();
        if let (false, Some(open)) = (pending.is_empty(), open) {
            let session = *self;
            let write = self.write_cases.get_value();
            leptos::task::spawn_local(async move {
                let cases: Vec<Case> = pending.into_iter().map(|(_, c)| c).collect();
                let mut vault = open.lock().await;
                if let Err(e) = case_writes::write_cases(write, &mut vault, &cases).await {
                    session.unsaved_at_lock.set(Some(e.message_key()));
                }
            });
        }
        self.deleted.set(None);
        // Acts not yet signed go with the key (their edits are kept; their entries are not).
        self.acts.set_value(Vec::new());
        self.arrived.set_value(Vec::new());
        self.summaries.set(Vec::new());
        self.worker.set(None);
        self.role.set(None);
        self.locked_because.set(because);
        self.gate.set(Gate::Locked(AttemptCount { failed: 0, left: 0 }));
        if let Ok(vault) = self.locked_vault() {
            let session = *self;
            leptos::task::spawn_local(async move { session.refresh_gate(&vault).await });
        }
    }

    /// Quick exit: locks at once and covers the app with a neutral page.
    /// Every other tab does the same.
    pub fn quick_exit(&self) {
        self.lock_here(None);
        self.neutral.set(true);
        tabs::tell_others(Told::QuickExit);
    }

    /// Acts on what other tabs do: one taking the vault over, or telling of a lock, a quick exit
    /// or a wipe.
    fn watch_tabs(&self) {
        let session = *self;
        tabs::listen(
            move || {
                session.lock_here(None);
                session.moved_away.set(true);
            },
            move |told| match told {
                Told::Lock => session.lock_here(None),
                Told::QuickExit => {
                    session.lock_here(None);
                    session.neutral.set(true);
                }
                Told::Wipe => {
                    session.pending_save.set_value(Vec::new());
                    session.lock_here(None);
                    session.gate.set(Gate::NoVault);
                }
            },
        );
    }

    /// Erases every case on this phone.
    pub async fn wipe(&self) -> Result<(), VaultError> {
        // Edits not yet written are erased with everything else, not written first.
        self.pending_save.set_value(Vec::new());
        self.lock(None);
        self.locked_vault()?.wipe().await?;
        self.gate.set(Gate::NoVault);
        tabs::tell_others(Told::Wipe);
        Ok(())
    }

    fn open_vault(&self) -> Result<Rc<Mutex<CaseVault>>, VaultError> {
        self.open.get_value().ok_or(VaultError::NotCreated)
    }

    /// The worker label for audit entries.
    pub fn worker_label(&self) -> WorkerLabel {
        self.worker.get_untracked().unwrap_or_else(|| WorkerLabel::new("?"))
    }

    /// Whether the open vault's passcode key is derived as new vaults derive it (Argon2id),
    /// rather than still by PBKDF2 (the key worker could not run yet); `None` while locked.
    pub async fn kdf_is_current(&self) -> Option<bool> {
        Some(self.open_vault().ok()?.lock().await.kdf().is_current())
    }

    /// Whether the open vault also needs this phone's authenticator (the second factor);
    /// `None` while locked.
    pub async fn second_factor_on(&self) -> Option<bool> {
        Some(self.open_vault().ok()?.lock().await.has_second_factor())
    }

    /// Whether the locked vault's unlock asks this phone's authenticator too.
    pub async fn unlock_needs_second_factor(&self) -> bool {
        match self.locked_vault() {
            Ok(vault) => vault.has_second_factor().await,
            Err(_) => false,
        }
    }

    /// Turns the second factor on or off; both need the current passcode and the authenticator.
    pub async fn set_second_factor(&self, on: bool, passcode: &str) -> Result<(), VaultError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        if on {
            vault.turn_on_second_factor(passcode).await
        } else {
            vault.turn_off_second_factor(passcode).await
        }
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

    /// Checks the idle policy while unlocked, against the shared activity record.
    fn watch_activity(&self) {
        let session = *self;
        // A phone put away or a page being left writes the waiting edit at once rather than
        // after the grouping delay; while an edit is not yet written (being written, or its
        // write failed), leaving asks first.
        window_event_listener(leptos::ev::pagehide, move |_| session.flush_save());
        window_event_listener(leptos::ev::beforeunload, move |ev| {
            session.flush_save();
            if session.unsaved() {
                ev.prevent_default();
            }
        });
        window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().hidden() {
                session.flush_save();
                session.hidden_since.set_value(Some(js_sys::Date::now()));
            }
        });
        // Coming back: judged with the time away, then counted as activity.
        self.activity.on_return(move || {
            session.check_idle();
            session.hidden_since.set_value(None);
        });
        let _ = set_interval_with_handle(
            move || session.check_idle(),
            std::time::Duration::from_secs(5),
        );
    }

    /// Decides now whether to lock, with the times of this moment (the return to the foreground
    /// clears `hidden_since` right after): when the vault is busy (a save under way), the decision
    /// waits for it rather than being skipped, so coming back mid-save still counts the time away.
    fn check_idle(&self) {
        if self.gate.get_untracked() != Gate::Unlocked {
            return;
        }
        let Some(open) = self.open.get_value() else { return };
        let ms = |t: f64| t.max(0.0) as u64;
        let times = (
            ms(self.activity.last()),
            ms(js_sys::Date::now()),
            self.hidden_since.get_value().map(ms),
        );
        let session = *self;
        let decide = move |vault: &CaseVault| {
            let policy = vault.policy().idle_lock;
            let background = background_lock(vault.summary(BACKGROUND_LOCK_RECORD));
            if let LockDecision::Lock(reason) = policy.decide(background, times.0, times.1, times.2)
            {
                session.lock(Some(reason));
            }
        };
        if let Some(vault) = open.try_lock() {
            return decide(&vault);
        }
        leptos::task::spawn_local(async move {
            let vault = open.lock().await;
            if session.gate.get_untracked() == Gate::Unlocked {
                decide(&vault);
            }
        });
    }
}
