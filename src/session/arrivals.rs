//! Cases a team sync wrote while a case screen had them open: the screen takes the new version
//! before its next edit, so autosave never writes a stale copy over what the sync applied; and a
//! case with an edit not yet written is not written by the sync at all (it waits for the next
//! sync, which sends that edit up first and meets the team's by the normal rules).

use super::Session;
use leptos::prelude::*;
use senda_core::case::Case;

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
                self.arrived.update_value(|a| a.retain(|(_, c)| c.id() != id));
            }
        });
    }

    /// Changes each time a sync writes a case a screen has open.
    pub fn arrivals(&self) -> ReadSignal<u64> {
        self.arrivals.read_only()
    }

    /// The version of case `id` a sync wrote after arrival `seen`, with its arrival number.
    pub fn arrived_since(&self, id: uuid::Uuid, seen: u64) -> Option<(u64, Case)> {
        self.arrived.with_value(|a| {
            a.iter().find(|(n, c)| c.id() == id && *n > seen).map(|(n, c)| (*n, c.clone()))
        })
    }

    /// Asked by a sync just before it writes `case` (nothing may run in between): `false` while
    /// an edit of it is not yet written, and the sync leaves that case for its next run; else a
    /// screen that has it open will show this version.
    pub fn sync_may_write(&self, case: &Case) -> bool {
        let id = case.id();
        if self.pending_edit(&id.to_string()).is_some() {
            return false;
        }
        if self.editing.with_value(|open| open.contains(&id)) {
            let n = self.arrivals.get_untracked() + 1;
            self.arrived.update_value(|a| {
                a.retain(|(_, c)| c.id() != id);
                a.push((n, case.clone()));
            });
            self.arrivals.set(n);
        }
        true
    }
}
