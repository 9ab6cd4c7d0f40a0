//! Autosave: the edit waiting to be written, written within a short grouping delay (later
//! edits ride on the same write), and the outcome each case screen shows.

use super::save_state::SaveState;
use super::Session;
use leptos::prelude::*;
use senda_core::case::Case;

/// How long after an edit autosave writes it (edits in between join the same write).
const AUTOSAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

impl Session {
    /// The outcome of the latest autosave, by case id; the screen showing that case reflects it.
    pub fn autosave(&self) -> ReadSignal<Option<(uuid::Uuid, SaveState)>> {
        self.autosave.read_only()
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

    /// Whether a write of autosave is still under way (leaving the page then asks first).
    pub(super) fn saving(&self) -> bool {
        self.autosave.with_untracked(|a| matches!(a, Some((_, SaveState::Saving))))
    }
}
