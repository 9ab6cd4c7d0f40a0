//! Child mode in the browser: the flag kept in plain storage (only "on" and the idle time —
//! nothing personal), entering it (the case vault locks at once), leaving it, and the idle
//! watch that sends the child screens back to their start.

use crate::activity::Activity;
use crate::session::Session;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use senda_core::child::mode::{self, ChildMode};

/// The localStorage key of the child-mode record, unscoped (kept under `storage_names::scoped` of it).
pub const KEY: &str = crate::storage_names::CHILD_MODE;

fn load_stored() -> ChildMode {
    let raw: Option<String> =
        LocalStorage::raw().get_item(&crate::storage_names::scoped(KEY)).ok().flatten();
    mode::load(raw.as_deref())
}

fn store(m: &ChildMode) {
    // A failure (storage blocked) keeps the in-memory state for this session.
    let _ = LocalStorage::raw().set_item(&crate::storage_names::scoped(KEY), &mode::to_json(m));
}

/// Child mode's state, shared by the app.
#[derive(Clone, Copy)]
pub struct ChildModeState {
    pub on: RwSignal<bool>,
    pub idle_minutes: RwSignal<u32>,
    /// Goes up each time the child screens must forget where the child was.
    pub resets: RwSignal<u32>,
    activity: Activity,
    session: Session,
}

/// The app's child-mode state; provided by `App`.
pub fn use_child_mode() -> ChildModeState {
    expect_context::<ChildModeState>()
}

impl ChildModeState {
    /// Reads the stored flag and starts watching for idleness.
    pub fn start(session: Session, activity: Activity) -> ChildModeState {
        let stored = load_stored();
        let state = ChildModeState {
            on: RwSignal::new(stored.on),
            idle_minutes: RwSignal::new(stored.idle_minutes),
            resets: RwSignal::new(0),
            activity,
            session,
        };
        // Coming back to a phone left alone resets at once, before the return counts as activity.
        activity.on_return(move || state.check_idle());
        let _ =
            set_interval_with_handle(move || state.check_idle(), std::time::Duration::from_secs(5));
        state
    }

    fn save(self) {
        store(&ChildMode {
            version: mode::CHILD_MODE_VERSION,
            on: self.on.get_untracked(),
            idle_minutes: self.idle_minutes.get_untracked(),
        });
    }

    /// Counts as activity (e.g. while the screen is being read aloud).
    pub fn touch(self) {
        self.activity.touch();
    }

    fn check_idle(self) {
        if !self.on.get_untracked() {
            return;
        }
        let last = self.activity.last();
        if mode::idle_expired(last, js_sys::Date::now(), self.idle_minutes.get_untracked()) {
            self.touch();
            self.resets.update(|n| *n += 1);
        }
    }

    /// Turns child mode on; the case vault locks at once (its key leaves memory).
    pub fn enter(self) {
        self.session.lock(None);
        if !self.on.get_untracked() {
            self.on.set(true);
            self.save();
        }
        self.touch();
    }

    /// Turns child mode off (the caller has checked the staff passcode).
    pub fn leave(self) {
        self.on.set(false);
        self.save();
    }

    /// Sets the idle time (clamped to its range) and keeps it.
    pub fn set_idle_minutes(self, minutes: u32) {
        self.idle_minutes.set(mode::clamp_idle(minutes));
        self.save();
    }
}

/// The localStorage key of the child-mode exit's wrong-try count (see `exit_throttle`), unscoped (kept under `storage_names::scoped` of it).
pub const EXIT_KEY: &str = crate::storage_names::CHILD_EXIT;

/// The stored wrong-try count for leaving child mode.
pub fn load_exit_throttle() -> senda_core::child::exit_throttle::ExitThrottle {
    let raw: Option<String> =
        LocalStorage::raw().get_item(&crate::storage_names::scoped(EXIT_KEY)).ok().flatten();
    senda_core::child::exit_throttle::ExitThrottle::load(raw.as_deref())
}

/// Keeps the wrong-try count; returns false when storage refused it (the in-memory wait then
/// stays in force for this tab).
pub fn save_exit_throttle(t: &senda_core::child::exit_throttle::ExitThrottle) -> bool {
    LocalStorage::raw().set_item(&crate::storage_names::scoped(EXIT_KEY), &t.to_json()).is_ok()
}
