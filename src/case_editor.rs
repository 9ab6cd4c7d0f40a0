//! The open case being edited: a signal holding the decrypted case, every change made through
//! the case model's methods (which keep the audit trail) and handed to the session's autosave,
//! which writes it within half a second even while the worker keeps typing — or leaves the
//! screen, or locks — with a visible state. Dropped with the screen, or when the vault locks.

pub use crate::session::save_state::SaveState;
use crate::session::{now, Session};
use leptos::prelude::*;
use senda_core::case::{ActionRefused, Case, ChildProfile, WorkerLabel};

#[derive(Clone, Copy)]
pub struct CaseEditor {
    pub case: RwSignal<Case>,
    pub save_state: RwSignal<SaveState>,
    /// Whether the case has ever been saved (a new case is not, until it has a name).
    pub stored: RwSignal<bool>,
    session: Session,
}

impl CaseEditor {
    pub fn new(case: Case, stored: bool, session: Session) -> CaseEditor {
        let id = case.id();
        let save_state = RwSignal::new(if stored { SaveState::Saved } else { SaveState::NotYet });
        let stored = RwSignal::new(stored);
        // The session does the writing; this screen shows what happened to its case.
        Effect::new(move |_| {
            if let Some((saved_id, state)) = session.autosave().get() {
                if saved_id == id {
                    if state == SaveState::Saved {
                        stored.set(true);
                    }
                    save_state.set(state);
                }
            }
        });
        CaseEditor { case: RwSignal::new(case), save_state, stored, session }
    }

    fn worker(&self) -> WorkerLabel {
        self.session.worker_label()
    }

    /// Applies a change through the case model and hands the result to autosave.
    pub fn change(
        &self,
        apply: impl FnOnce(&mut Case, chrono::DateTime<chrono::Utc>, &WorkerLabel),
    ) {
        let worker = self.worker();
        self.case.update(|c| apply(c, now(), &worker));
        let case = self.case.get_untracked();
        if !self.stored.get_untracked() && case.profile().is_blank() {
            self.save_state.set(SaveState::NotYet);
            return;
        }
        self.save_state.set(SaveState::Saving);
        self.session.queue_save(case);
    }

    /// Applies a change that the case model may refuse: on a refusal nothing changes and
    /// nothing is saved, and the refusal comes back for the view to explain.
    pub fn try_change(
        &self,
        apply: impl FnOnce(
            &mut Case,
            chrono::DateTime<chrono::Utc>,
            &WorkerLabel,
        ) -> Result<(), ActionRefused>,
    ) -> Result<(), ActionRefused> {
        let mut draft = self.case.get_untracked();
        apply(&mut draft, now(), &self.worker())?;
        self.change(move |c, _, _| *c = draft);
        Ok(())
    }

    /// Edits the child's profile (one field at a time from the form).
    pub fn edit_profile(&self, edit: impl FnOnce(&mut ChildProfile)) {
        let mut profile = self.case.with_untracked(|c| c.profile().clone());
        edit(&mut profile);
        self.change(move |c, now, by| c.edit_profile(profile, now, by));
    }
}
