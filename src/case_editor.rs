//! The open case being edited: a signal holding the decrypted case, every change made through
//! the case model's methods (which keep the audit trail), and autosave — every change is saved
//! within half a second, even while the worker keeps typing, with a visible state. Dropped with the screen, or when the vault locks.

use crate::session::{now, Session};
use leptos::prelude::*;
use senda_core::case::{Case, ChildProfile, WorkerLabel};
use std::time::Duration;

/// Where saving stands, shown next to the case's title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// A new case is kept only once it has a name or an alias (an empty case is not a case).
    NotYet,
    Saving,
    /// The message key of what went wrong; the previous saved state is intact.
    Failed(&'static str),
}

/// How long after the last change the case is written.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(400);

#[derive(Clone, Copy)]
pub struct CaseEditor {
    pub case: RwSignal<Case>,
    pub save_state: RwSignal<SaveState>,
    /// Whether the case has ever been saved (a new case is not, until it has a name).
    pub stored: RwSignal<bool>,
    session: Session,
    /// A save is scheduled: later changes ride on it, so typing never postpones saving.
    pending: StoredValue<bool>,
}

impl CaseEditor {
    pub fn new(case: Case, stored: bool, session: Session) -> CaseEditor {
        let save_state = if stored { SaveState::Saved } else { SaveState::NotYet };
        CaseEditor {
            case: RwSignal::new(case),
            save_state: RwSignal::new(save_state),
            stored: RwSignal::new(stored),
            session,
            pending: StoredValue::new(false),
        }
    }

    fn worker(&self) -> WorkerLabel {
        self.session.worker_label()
    }

    /// Applies a change through the case model and schedules the save.
    pub fn change(&self, apply: impl FnOnce(&mut Case, chrono::DateTime<chrono::Utc>, &WorkerLabel)) {
        let worker = self.worker();
        self.case.update(|c| apply(c, now(), &worker));
        self.schedule_save();
    }

    /// Edits the child's profile (one field at a time from the form).
    pub fn edit_profile(&self, edit: impl FnOnce(&mut ChildProfile)) {
        let mut profile = self.case.with_untracked(|c| c.profile().clone());
        edit(&mut profile);
        self.change(move |c, now, by| c.edit_profile(profile, now, by));
    }

    fn schedule_save(&self) {
        if self.pending.get_value() {
            return;
        }
        self.pending.set_value(true);
        let this = *self;
        set_timeout(
            move || {
                if this.pending.try_set_value(false).is_none() {
                    this.save_now();
                }
            },
            AUTOSAVE_DELAY,
        );
    }

    /// Saves the case as it is now.
    pub fn save_now(&self) {
        let Some(case) = self.case.try_get_untracked() else { return };
        if !self.stored.get_untracked() && case.profile().is_blank() {
            self.save_state.set(SaveState::NotYet);
            return;
        }
        self.save_state.set(SaveState::Saving);
        let this = *self;
        leptos::task::spawn_local(async move {
            let result = this.session.save_case(&case).await;
            // The screen may have gone (locked, left) while the write ran.
            let _ = this.save_state.try_set(match result {
                Ok(()) => SaveState::Saved,
                Err(e) => SaveState::Failed(e.message_key()),
            });
            if this.save_state.try_get_untracked() == Some(SaveState::Saved) {
                let _ = this.stored.try_set(true);
            }
        });
    }
}
