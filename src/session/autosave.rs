//! Autosave: the edits waiting to be written, written within a short grouping delay (later
//! edits ride on the same write) and kept until their write succeeds, and the outcome each case
//! screen shows.

use super::save_state::SaveState;
use super::{case_writes, Session};
use crate::vault::VaultError;
use leptos::prelude::*;
use senda_core::case::Case;

/// How long after an edit autosave writes it (edits in between join the same write).
const AUTOSAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

impl Session {
    /// The outcome of the latest autosave, by case id; the screen showing that case reflects it.
    pub fn autosave(&self) -> ReadSignal<Option<(uuid::Uuid, SaveState)>> {
        self.autosave.read_only()
    }

    /// Autosave: keeps `case` as its latest edit and writes it within the grouping delay;
    /// later edits ride on the same write, so typing never postpones saving.
    pub fn queue_save(&self, case: Case) {
        // Only the case screens queue edits: their chunk hands over how to write them.
        self.write_cases.set_value(Some(case_writes::put_cases_boxed));
        let seq = self.save_seq.get_value() + 1;
        self.save_seq.set_value(seq);
        self.autosave.set(Some((case.id(), SaveState::Saving)));
        self.pending_save.update_value(|pending| {
            pending.retain(|(_, c)| c.id() != case.id());
            pending.push((seq, case));
        });
        if self.save_scheduled.get_value() {
            return;
        }
        self.save_scheduled.set_value(true);
        let session = *self;
        set_timeout(move || session.flush_save(), AUTOSAVE_DELAY);
    }

    /// Writes the edits waiting for autosave, if any.
    pub fn flush_save(&self) {
        self.save_scheduled.set_value(false);
        if self.pending_save.with_value(Vec::is_empty) {
            return;
        }
        let session = *self;
        leptos::task::spawn_local(async move { session.write_pending().await });
    }

    /// Writes every waiting edit in one transaction, under the vault's lock so that writes land
    /// in the order of the edits. An edit leaves the waiting list only once written (a newer
    /// edit of its case stays); a failure is shown on the case's screen, and the edit stays.
    async fn write_pending(&self) {
        let Ok(open) = self.open_vault() else { return };
        let mut vault = open.lock().await;
        let _ = self.write_waiting(&mut vault).await;
    }

    /// Writes every waiting edit into `vault` (held by the caller: autosave, or a team sync
    /// before it sends anything up) and reports the outcome to the case's screen.
    pub(super) async fn write_waiting(
        &self,
        vault: &mut super::CaseVault,
    ) -> Result<(), VaultError> {
        let pending = self.pending_save.get_value();
        if pending.is_empty() {
            return Ok(());
        }
        let cases: Vec<Case> = pending.iter().map(|(_, c)| c.clone()).collect();
        let result = case_writes::write_cases(self.write_cases.get_value(), vault, &cases).await;
        if result.is_ok() {
            self.list(vault);
            self.local_writes.update(|n| *n += 1);
        }
        let written = |seq: &u64| pending.iter().any(|(s, _)| s == seq);
        let shown = self.autosave.with_untracked(|a| a.as_ref().map(|(id, _)| *id));
        let mut newer_waits = false;
        self.pending_save.update_value(|waiting| {
            if result.is_ok() {
                waiting.retain(|(seq, _)| !written(seq));
            }
            newer_waits = waiting.iter().any(|(seq, c)| Some(c.id()) == shown && !written(seq));
        });
        // A newer edit of the shown case is waiting: its own write will report itself.
        if let (Some(id), false) = (shown, newer_waits) {
            if cases.iter().any(|c| c.id() == id) {
                let state = match &result {
                    Ok(()) => SaveState::Saved,
                    Err(e) => SaveState::Failed(e.message_key()),
                };
                self.autosave.set(Some((id, state)));
            }
        }
        result
    }

    /// The waiting edit of case `id`, newer than its stored copy.
    pub(super) fn pending_edit(&self, id: &str) -> Option<Case> {
        self.pending_save.with_value(|p| {
            p.iter().find(|(_, c)| c.id().to_string() == id).map(|(_, c)| c.clone())
        })
    }

    /// Whether an edit is not yet written (being written, or its write failed): leaving the
    /// page then asks first.
    pub(super) fn unsaved(&self) -> bool {
        !self.pending_save.with_value(Vec::is_empty)
            || self.autosave.with_untracked(|a| {
                matches!(a, Some((_, SaveState::Saving)) | Some((_, SaveState::Failed(_))))
            })
    }
}
