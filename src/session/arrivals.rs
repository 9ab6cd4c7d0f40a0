//! Cases a team sync wrote while a case screen had them open: the screen takes the new version
//! before its next edit, so autosave never writes a stale copy over what the sync applied; and a
//! case with an edit not yet written is not written by the sync at all (it waits for the next
//! sync, which sends that edit up first and meets the team's by the normal rules). A case the
//! sync removes (deleted on another phone) leaves the open screen the same way: it shows that the
//! case is gone instead of an editor whose next autosave would bring the case back.

use super::Session;
use leptos::prelude::*;
use senda_core::case::Case;

/// What a sync is about to do to a case in the vault.
#[derive(Clone, Copy)]
pub enum SyncWrite<'a> {
    /// Write this version of the case.
    Put(&'a Case),
    /// Remove the case (deleted on another phone); the case as it is in the vault now.
    Remove(&'a Case),
}

impl SyncWrite<'_> {
    pub fn case(&self) -> &Case {
        match self {
            SyncWrite::Put(case) | SyncWrite::Remove(case) => case,
        }
    }
}

impl Session {
    /// A case screen opens case `id` (before reading it); returns the arrival count now, which
    /// the screen's editor starts from.
    pub fn start_editing(&self, id: uuid::Uuid) -> u64 {
        self.editing.update_value(|open| open.push(id));
        self.arrivals.get_untracked()
    }

    /// The case screen of `id` closed.
    pub fn stop_editing(&self, id: uuid::Uuid) {
        let _ = self.editing.try_update_value(|open| {
            if let Some(at) = open.iter().position(|o| *o == id) {
                open.remove(at);
            }
            if !open.contains(&id) {
                self.arrived.update_value(|a| a.retain(|(_, c, _)| *c != id));
            }
        });
    }

    /// Changes each time a sync writes a case a screen has open.
    pub fn arrivals(&self) -> ReadSignal<u64> {
        self.arrivals.read_only()
    }

    /// What a sync did to case `id` after arrival `seen`, with its arrival number: the version
    /// it wrote, or `None` when it removed the case.
    pub fn arrived_since(&self, id: uuid::Uuid, seen: u64) -> Option<(u64, Option<Case>)> {
        self.arrived.with_value(|a| {
            a.iter().find(|(n, c, _)| *c == id && *n > seen).map(|(n, _, v)| (*n, v.clone()))
        })
    }

    /// Asked by a sync just before it writes or removes a case (nothing may run in between):
    /// `false` while an edit of it is not yet written, and the sync leaves that case for its next
    /// run; else a screen that has it open will show this version, or that it was removed.
    pub fn sync_may_write(&self, write: SyncWrite<'_>) -> bool {
        let case = write.case();
        let id = case.id();
        if self.pending_edit(&id.to_string()).is_some() {
            return false;
        }
        if self.editing.with_value(|open| open.contains(&id)) {
            let n = self.arrivals.get_untracked() + 1;
            let arrived = match write {
                SyncWrite::Put(case) => Some(case.clone()),
                SyncWrite::Remove(_) => None,
            };
            self.arrived.update_value(|a| {
                a.retain(|(_, c, _)| *c != id);
                a.push((n, id, arrived));
            });
            self.arrivals.set(n);
        }
        true
    }
}
