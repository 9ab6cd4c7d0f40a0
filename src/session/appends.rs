//! Appending a record to a stored case without ever overwriting or losing an edit: under the
//! vault's lock, into the edit still waiting for autosave if there is one, else into the stored
//! case (written here); then into any edit begun meanwhile, and into the open case screen's copy
//! the same way a sync's arrival is (`arrivals.rs`). The audit chain's entries and a transfer's
//! receipt arrive this way.

use super::{case_writes, Session};
use crate::vault::VaultError;
use leptos::prelude::*;
use senda_core::case::{migrate, Case};

/// What became of a record to append.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Appended {
    Yes,
    /// The record does not go in as it is (the case moved on meanwhile, or already holds it),
    /// or the case is gone.
    Moved,
    /// The case is not written yet (a new case still waiting for autosave): try again after.
    NotStored,
}

impl Session {
    /// Appends to case `id`: `first` to the newest copy (it may refuse: nothing is written),
    /// then `again` to an edit that began from an older copy while the write went on.
    pub async fn append_to_case(
        &self,
        id: &str,
        first: impl FnOnce(&mut Case) -> bool,
        again: impl Fn(&mut Case),
    ) -> Result<Appended, VaultError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        let stored: Option<serde_json::Value> = vault.get(id).await?;
        // From here to the write nothing awaits: no edit can slip in between.
        // A new case not yet written waits for its first write: its screen must not take a
        // copy from here as if it were stored (it would move to the case's own address while
        // the worker is still typing its first fields).
        // A case neither written nor waiting is gone (deleted): its record has nowhere to go.
        let Some(stored) = stored else {
            let waits = self.pending_edit(id).is_some();
            return Ok(if waits { Appended::NotStored } else { Appended::Moved });
        };
        let pending = self.pending_edit(id);
        let waiting = pending.is_some();
        let Some(mut case) = pending.or_else(|| migrate(stored).ok()) else {
            return Ok(Appended::Moved);
        };
        if !first(&mut case) {
            return Ok(Appended::Moved);
        }
        if !waiting {
            case_writes::put_cases(&mut vault, std::slice::from_ref(&case)).await?;
            self.list(&vault);
            self.local_writes.update(|n| *n += 1);
        }
        // Nothing awaits from here on. An edit made while the write above went on, or the one
        // the record was appended to, takes it too: autosave writes it (already scheduled),
        // never a copy without it.
        let mut shown = case;
        self.pending_save.update_value(|p| {
            if let Some((_, c)) = p.iter_mut().find(|(_, c)| c.id() == shown.id()) {
                again(c);
                shown = c.clone();
            }
        });
        // The open screen takes this copy before its next edit (as it takes a sync's).
        let id = shown.id();
        if self.editing.with_value(|open| open.contains(&id)) {
            let n = self.arrivals.get_untracked() + 1;
            self.arrived.update_value(|a| {
                a.retain(|(_, c, _)| *c != id);
                a.push((n, id, Some(shown)));
            });
            self.arrivals.set(n);
        }
        Ok(Appended::Yes)
    }
}
