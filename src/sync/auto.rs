//! Automatic team sync (in the lazy team chunk): once the vault is open on a team's phone, a run
//! shortly after each local change (debounced), when the browser comes back online, and every
//! few minutes while the app is visible; after a failure, a back-off with jitter. Never two runs
//! at once, never while locked (locking drops the opened team cases and their keys). The team
//! screen runs "sync now" through the same engine and shows its state; the header's light too.

use super::local_replica::IdbReplica;
use super::membership::follow;
use super::team::admit_joins;
use super::team::TeamState;
use super::team_cases::{Applied, SyncStatus, TeamCases};
use crate::i18n::I18n;
use crate::pwa::Pwa;
use crate::session::{use_session, Gate, Session};
use async_lock::Mutex;
use leptos::prelude::*;
use senda_core::sync::auto_sync::{self, Facts, Light, AFTER_CHANGE, INTERVAL};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// The message key of a run that found this phone removed from the team.
const REMOVED: &str = "sync.error.removed";

/// The team's opened cases (replica and keys), one copy for the engine and the team screen.
pub(crate) type SharedCases = Rc<Mutex<Option<TeamCases>>>;

/// Opens the team's replica and keys once (until the vault locks).
pub async fn opened(cases: &SharedCases, state: &TeamState) -> Result<(), String> {
    let mut slot = cases.lock().await;
    if slot.is_none() {
        let replica = IdbReplica::open(&state.replica)
            .await
            .map_err(|_| "sync.error.local_store".to_owned())?;
        let key = state.team_key().await.map_err(|e| e.message_key().to_owned())?;
        let old = state.old_team_keys().await.map_err(|e| e.message_key().to_owned())?;
        let opened = TeamCases::open_with_history(replica, key, state.epoch, old)
            .await
            .map_err(|e| e.message_key().to_owned())?;
        *slot = Some(opened);
    }
    Ok(())
}

/// Forgets the opened cases: the next use opens them with the team's current keys.
pub async fn reopen(cases: &SharedCases, state: &TeamState) -> Result<(), String> {
    *cases.lock().await = None;
    opened(cases, state).await
}

#[derive(Default)]
struct Inner {
    failures: u32,
    /// A run was asked for while one was going: another follows it.
    again: bool,
    /// A local change not yet taken by a run.
    dirty: bool,
    timer: Option<TimeoutHandle>,
    watching: bool,
    /// Started for this unlock (a lock stops it; the next unlock starts it again).
    started: bool,
    last_try: f64,
}

/// This phone's automatic sync and what it shows.
#[derive(Clone)]
pub struct AutoSync {
    session: Session,
    i18n: Option<I18n>,
    online: Option<ReadSignal<bool>>,
    pub cases: SharedCases,
    pub state: ArcRwSignal<Option<TeamState>>,
    pub status: ArcRwSignal<SyncStatus>,
    pub running: ArcRwSignal<bool>,
    /// Why the last run failed (a message key), until one succeeds.
    pub failed: ArcRwSignal<Option<String>>,
    inner: Rc<RefCell<Inner>>,
}

thread_local! {
    static ENGINE: RefCell<Option<AutoSync>> = const { RefCell::new(None) };
}

/// This phone's automatic sync (made on first use, with the app's context).
pub fn engine() -> AutoSync {
    ENGINE.with(|e| {
        e.borrow_mut()
            .get_or_insert_with(|| AutoSync {
                session: use_session(),
                i18n: use_context::<I18n>(),
                online: use_context::<Pwa>().map(|p| p.online),
                cases: Rc::new(Mutex::new(None)),
                state: ArcRwSignal::new(None),
                status: ArcRwSignal::new(SyncStatus::default()),
                running: ArcRwSignal::new(false),
                failed: ArcRwSignal::new(None),
                inner: Rc::new(RefCell::new(Inner::default())),
            })
            .clone()
    })
}

/// What `start_autosync` runs once the team chunk is loaded (a "screen" that draws nothing).
pub fn start_view() -> impl IntoView {
    engine().start();
}

/// The header's light (`sync_light::SyncBadge` leaves its place): hidden when `Off`.
fn draw(i18n: Option<I18n>, light: Light) {
    let Some(el) = document().get_element_by_id("sync-light") else { return };
    let (state, key) = match light {
        Light::Off => {
            let _ = el.set_attribute("hidden", "");
            return;
        }
        Light::Done => ("done", "sync.light.done"),
        Light::Waiting => ("waiting", "sync.light.waiting"),
        Light::Syncing => ("syncing", "sync.light.syncing"),
        Light::Offline => ("offline", "sync.light.offline"),
        Light::Failing => ("failing", "sync.light.failing"),
        Light::Conflicts => ("conflicts", "sync.light.conflicts"),
        Light::Removed => ("removed", "sync.light.removed"),
    };
    let _ = el.set_attribute("data-sync", state);
    if let Some(i18n) = i18n {
        let text = i18n.tr(key);
        // The name too: on a narrow phone only the dot shows (the word's font size is 0).
        let _ = el.set_attribute("aria-label", &text);
        el.set_text_content(Some(&text));
    }
    let _ = el.remove_attribute("hidden");
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl AutoSync {
    pub fn online(&self) -> bool {
        self.online.map(|o| o.get_untracked()).unwrap_or(true)
    }

    fn unlocked(&self) -> bool {
        self.session.gate().get_untracked() == Gate::Unlocked
    }

    /// Starts for this unlock: the watchers once, and a first run soon.
    pub fn start(&self) {
        if !self.inner.borrow().watching {
            self.inner.borrow_mut().watching = true;
            self.watch();
        }
        // This phone's role, for the screens (`Session::may`), as soon as the team chunk runs.
        let session = self.session;
        leptos::task::spawn_local(async move { session.refresh_role().await });
        if !self.inner.borrow().started {
            self.inner.borrow_mut().started = true;
            self.schedule(Duration::from_secs(1), true);
        }
    }

    fn watch(&self) {
        // The audit chain's signer lives as long as the watchers (one per app).
        super::audit_chain::watch(self.session);
        let (writes, gate) = (self.session.local_writes(), self.session.gate());
        let me = self.clone();
        Effect::new(move |seen: Option<u64>| {
            let n = writes.get();
            if seen.is_some_and(|s| s != n) {
                me.inner.borrow_mut().dirty = true;
                me.show();
                me.schedule(AFTER_CHANGE, false);
            }
            n
        });
        let me = self.clone();
        Effect::new(move |_| {
            if gate.get() != Gate::Unlocked {
                me.stop();
            }
        });
        if let Some(online) = self.online {
            let me = self.clone();
            Effect::new(move |was: Option<bool>| {
                let now = online.get();
                me.show();
                // Back online: at once, whatever the back-off said.
                if now && was == Some(false) {
                    me.inner.borrow_mut().failures = 0;
                    me.schedule(Duration::from_millis(500), true);
                }
                now
            });
        }
        if let Some(i18n) = self.i18n {
            let me = self.clone();
            Effect::new(move |_| {
                i18n.locale.track();
                me.show();
            });
        }
        let me = self.clone();
        let _ = set_interval_with_handle(
            move || {
                let due = now_ms() - me.inner.borrow().last_try >= INTERVAL.as_millis() as f64;
                let started = me.inner.borrow().started;
                if due && started && !document().hidden() {
                    me.schedule(Duration::ZERO, false);
                }
            },
            Duration::from_secs(15),
        );
    }

    /// A run after `delay`; an earlier one already set stays. While failing, only `force`
    /// (coming back online, unlocking) cuts the back-off short.
    fn schedule(&self, delay: Duration, force: bool) {
        let mut inner = self.inner.borrow_mut();
        if inner.timer.is_some() && inner.failures > 0 && !force {
            return;
        }
        if let Some(t) = inner.timer.take() {
            t.clear();
        }
        let me = self.clone();
        inner.timer = set_timeout_with_handle(
            move || {
                me.inner.borrow_mut().timer = None;
                leptos::task::spawn_local(async move {
                    let _ = me.run().await;
                });
            },
            delay,
        )
        .ok();
    }

    /// Locked: no more runs, and the team cases with their keys are dropped.
    fn stop(&self) {
        let mut inner = self.inner.borrow_mut();
        if let Some(t) = inner.timer.take() {
            t.clear();
        }
        inner.started = false;
        inner.again = false;
        drop(inner);
        self.state.set(None);
        self.status.set(SyncStatus::default());
        self.failed.set(None);
        draw(None, Light::Off);
        let cases = self.cases.clone();
        leptos::task::spawn_local(async move {
            *cases.lock().await = None;
        });
    }

    /// This phone left its team: no more runs, and its local replica (envelopes only) is closed
    /// and deleted.
    pub async fn leave(&self, replica: &str) {
        self.stop();
        if let Some(team) = self.cases.lock().await.take() {
            team.replica.close();
        }
        let _ = super::local_replica::IdbReplica::delete(replica).await;
    }

    /// The team screen's state, when it has it before the engine does. Starting is the
    /// shell's (`start_view`, under the app's owner: the watchers must outlive any screen).
    pub fn adopt(&self, state: &TeamState) {
        if self.state.get_untracked().is_none() {
            self.state.set(Some(state.clone()));
        }
    }

    /// Draws the header's light from the facts.
    fn show(&self) {
        let inner = self.inner.borrow();
        let status = self.status.get_untracked();
        let facts = Facts {
            team: self.session.in_team().get_untracked() || self.state.get_untracked().is_some(),
            unlocked: self.unlocked(),
            online: self.online(),
            running: self.running.get_untracked(),
            failures: inner.failures,
            waiting: status.waiting_to_go_up + usize::from(inner.dirty),
            conflicts: status.conflicts.len(),
            removed: self.removed(),
        };
        drop(inner);
        draw(self.i18n, auto_sync::light(facts));
    }

    /// Whether the last run found this phone removed from the team (nothing is retried then).
    pub fn removed(&self) -> bool {
        self.failed.get_untracked().as_deref() == Some(REMOVED)
    }

    /// Whether a local change waits for a run.
    pub fn dirty(&self) -> bool {
        self.inner.borrow().dirty
    }

    /// One run now if none is going, the vault is open and the browser online: `None` when it
    /// did not start (another run will follow the one going; offline, it waits to be back).
    pub async fn run(&self) -> Option<Result<Applied, String>> {
        if self.running.get_untracked() {
            self.inner.borrow_mut().again = true;
            return None;
        }
        if !auto_sync::may_start(self.unlocked(), self.online(), false) {
            self.show();
            return None;
        }
        self.running.set(true);
        {
            let mut inner = self.inner.borrow_mut();
            inner.dirty = false;
            inner.last_try = now_ms();
        }
        self.show();
        let outcome = self.sync_once().await;
        self.running.set(false);
        match &outcome {
            Ok(_) => {
                self.inner.borrow_mut().failures = 0;
                self.failed.set(None);
            }
            Err(key) => {
                let failures = {
                    let mut inner = self.inner.borrow_mut();
                    inner.failures = inner.failures.saturating_add(1);
                    inner.failures
                };
                self.failed.set(Some(key.clone()));
                // Removed from the team: no retry can help (the coordinator may invite it again).
                if key != REMOVED {
                    let wait = auto_sync::retry_after(failures, js_sys::Math::random());
                    self.schedule(wait, true);
                }
            }
        }
        self.show();
        let again = std::mem::take(&mut self.inner.borrow_mut().again);
        if again && self.inner.borrow().started {
            self.schedule(AFTER_CHANGE, false);
        }
        Some(outcome)
    }

    async fn stored_team(&self) -> Result<TeamState, String> {
        match self.session.team().await {
            Ok(Some(s)) => {
                self.session.take_role_from(&s);
                self.state.set(Some(s.clone()));
                Ok(s)
            }
            Ok(None) => Err("sync.error.no_team".to_owned()),
            Err(e) => Err(e.message_key().to_owned()),
        }
    }

    async fn sync_once(&self) -> Result<Applied, String> {
        // The team as the vault holds it now: the team screen saves invitations and removals
        // there, and a run must never write an older copy back over them.
        let state = self.stored_team().await?;
        // The signed member list first (and, on a coordinator's phone, the answered invitations
        // admitted): a list that fails its checks, or this phone's removal, stops the run here.
        let before = state;
        let followed = match follow(&before).await {
            Ok(next) if next.coordinator => {
                admit_joins(&next, crate::session::now().timestamp()).await.map(|(n, _)| n)
            }
            other => other,
        };
        let state = followed.map_err(|e| e.message_key().to_owned())?;
        if state != before {
            self.session.save_team(&state).await.map_err(|e| e.message_key().to_owned())?;
            self.state.set(Some(state.clone()));
        }
        if state.epoch != before.epoch {
            reopen(&self.cases, &state).await?;
        } else {
            opened(&self.cases, &state).await?;
        }
        let transport = state.transport().map_err(|e| e.message_key().to_owned())?;
        let mut slot = self.cases.lock().await;
        let Some(cases) = slot.as_mut() else { return Err("sync.error.local_store".to_owned()) };
        let result = self.session.sync_team(cases, &transport).await;
        let mut status = cases.status();
        drop(slot);
        match result {
            Ok(applied) => {
                status.refused = applied.refused.clone();
                self.status.set(status);
                // Saved meanwhile by the team screen: keep that, with this run's time.
                let mut state = match self.stored_team().await {
                    Ok(fresh) if fresh != state && fresh.epoch >= state.epoch => fresh,
                    _ => state,
                };
                state.last_sync_ms = Some(now_ms());
                // A phone that joined and was not yet on the member list when this run began
                // (its first pull takes minutes on a slow network, while the coordinator's phone
                // admits it): the list again, so its cases show now, not at the next run.
                if crate::session::team::role_in(&state).is_none() {
                    // A new epoch (a removal) is left to the next run, which reopens the keys.
                    let epoch = state.epoch;
                    if let Some(next) = follow(&state).await.ok().filter(|n| n.epoch == epoch) {
                        state = next;
                    }
                }
                let _ = self.session.save_team(&state).await;
                // Locked meanwhile: nothing of the team stays.
                if self.unlocked() {
                    self.state.set(Some(state));
                }
                Ok(applied)
            }
            Err(e) => {
                self.status.set(status);
                Err(e.message_key().to_owned())
            }
        }
    }

    /// The status again from the opened cases (after a conflict is settled).
    pub async fn refresh(&self) {
        let Some(state) = self.state.get_untracked() else { return };
        if opened(&self.cases, &state).await.is_err() {
            return;
        }
        if let Some(c) = self.cases.lock().await.as_ref() {
            self.status.set(c.status());
        }
        self.show();
    }
}
