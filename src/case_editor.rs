//! The open case being edited: a signal holding the decrypted case, every change made through
//! the case model's methods (which keep the audit trail) and handed to the session's autosave,
//! which writes it within half a second even while the worker keeps typing — or leaves the
//! screen, or locks — with a visible state. Dropped with the screen, or when the vault locks.
//! A version a team sync wrote while the case is open replaces the copy here before the next
//! edit (the sync writes no case with an edit not yet written), so no stale copy is saved; a
//! case the sync removed (deleted on another phone) is marked removed and never saved again.

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
    /// Set when a team sync removed the case (deleted on another phone): nothing is saved after.
    pub removed: RwSignal<bool>,
    /// The last sync arrival taken in (`Session::arrived_since`).
    seen: StoredValue<u64>,
    /// A new case whose first acts (its creation) are not yet recorded for the audit chain.
    fresh: StoredValue<bool>,
    session: Session,
}

impl CaseEditor {
    pub fn new(case: Case, stored: bool, seen: u64, session: Session) -> CaseEditor {
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
        let editor = CaseEditor {
            case: RwSignal::new(case),
            save_state,
            stored,
            removed: RwSignal::new(false),
            seen: StoredValue::new(seen),
            fresh: StoredValue::new(!stored.get_untracked()),
            session,
        };
        // What a sync wrote shows at once (and is taken again before any edit, below).
        Effect::new(move |_| {
            session.arrivals().track();
            editor.catch_up();
        });
        editor
    }

    /// Takes in the version a sync wrote since this copy was read, or its removal, if any.
    fn catch_up(&self) {
        let id = self.case.with_untracked(Case::id);
        match self.session.arrived_since(id, self.seen.get_value()) {
            Some((n, Some(newer))) => {
                self.seen.set_value(n);
                self.stored.set(true);
                self.case.set(newer);
            }
            Some((n, None)) => {
                self.seen.set_value(n);
                self.removed.set(true);
            }
            None => {}
        }
    }

    fn worker(&self) -> WorkerLabel {
        self.session.worker_label()
    }

    /// Applies a change through the case model and hands the result to autosave.
    pub fn change(
        &self,
        apply: impl FnOnce(&mut Case, chrono::DateTime<chrono::Utc>, &WorkerLabel),
    ) {
        self.catch_up();
        if self.removed.get_untracked() {
            return;
        }
        let worker = self.worker();
        let (events, entries) =
            self.case.with_untracked(|c| (c.audit_trail().len(), c.workflow_len()));
        self.case.update(|c| apply(c, now(), &worker));
        let case = self.case.get_untracked();
        if !self.stored.get_untracked() && case.profile().is_blank() {
            self.save_state.set(SaveState::NotYet);
            return;
        }
        self.save_state.set(SaveState::Saving);
        // The acts go to the audit chain once their case is kept (a new case: from its start).
        let events = if self.fresh.get_value() { 0 } else { events };
        self.fresh.set_value(false);
        self.session.record_change(&case, events, entries);
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
        self.catch_up();
        let mut draft = self.case.get_untracked();
        apply(&mut draft, now(), &self.worker())?;
        self.change(move |c, _, _| *c = draft);
        Ok(())
    }

    /// Edits the child's profile (one field at a time from the form).
    pub fn edit_profile(&self, edit: impl FnOnce(&mut ChildProfile)) {
        self.catch_up();
        let mut profile = self.case.with_untracked(|c| c.profile().clone());
        edit(&mut profile);
        self.change(move |c, now, by| c.edit_profile(profile, now, by));
    }
}
