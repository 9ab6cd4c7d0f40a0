//! The acts waiting for their signed audit chain entry (a team's phone), and appending a signed
//! entry to its case (`appends.rs`: never overwriting or losing an edit). Signing happens
//! elsewhere (the team chunk, `sync::audit_chain`), never in the way of autosave.

use super::Session;
use crate::vault::VaultError;
use leptos::prelude::*;
use senda_core::case::Case;
use senda_core::workflow::audit::{ChainAction, ChainEntry};
use senda_core::workflow::audit_log::{actions_of_change, next_body};

/// An act waiting for its chain entry: the case, when (seconds since 1970) and what.
pub type Act = (uuid::Uuid, i64, ChainAction);

pub use super::appends::Appended;

impl Session {
    /// Records the acts of one change of `case` (the trail and the log had `events` and
    /// `entries` items before it) for signing, on a phone in a team; elsewhere nothing.
    pub fn record_change(&self, case: &Case, events: usize, entries: usize) {
        if !self.in_team.get_untracked() {
            return;
        }
        let new_events = case.audit_trail().get(events..).unwrap_or_default();
        let actions = actions_of_change(new_events, &case.workflow_since(entries));
        let at = super::now().timestamp();
        for action in actions {
            self.record_act(case.id(), at, action);
        }
    }

    /// Records one act for signing (a team's phone: a decision opened, or a change's act).
    pub fn record_act(&self, case: uuid::Uuid, at: i64, action: ChainAction) {
        if !self.in_team.get_untracked() {
            return;
        }
        self.acts.update_value(|a| a.push((case, at, action)));
        self.acts_waiting.update(|n| *n += 1);
    }

    /// Changes each time an act is recorded (the team chunk's signer follows it).
    pub fn acts_waiting(&self) -> ReadSignal<u64> {
        self.acts_waiting.read_only()
    }

    /// Puts an act back at the head of the queue (its case is not written yet).
    pub fn put_back_act(&self, act: Act) {
        self.acts.update_value(|a| a.insert(0, act));
    }

    /// The oldest act waiting for its entry, taken off the queue.
    pub fn take_act(&self) -> Option<Act> {
        self.acts.try_update_value(|a| (!a.is_empty()).then(|| a.remove(0))).flatten()
    }

    /// Appends `entry` (signed by this device, built by `audit_log::next_body` from the case as
    /// it was read and this device's known `head`) to its case.
    pub async fn append_chain_entry(
        &self,
        entry: ChainEntry,
        head: Option<u64>,
    ) -> Result<Appended, VaultError> {
        let id = entry.body.case.clone();
        let appended = entry.clone();
        let first = |case: &mut Case| {
            let b = &entry.body;
            let next = next_body(&case.workflow(), &id, &b.device, head, b.at, b.action);
            (next.seq, next.prev) == (b.seq, b.prev) && case.add_chain_entry(entry)
        };
        self.append_to_case(&id, first, |c| {
            c.add_chain_entry(appended.clone());
        })
        .await
    }
}

/// The audit chain's known heads (`sync::audit_heads`), under the vault's lock.
impl Session {
    /// Case `case`'s known heads.
    pub async fn known_heads(
        &self,
        case: &str,
    ) -> Result<std::collections::BTreeMap<String, u64>, VaultError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        crate::sync::audit_heads::of_case(&mut vault, case).await
    }

    /// Raises case `case`'s known heads to `entries` (verified ones, or this device's own).
    pub async fn raise_known_heads(
        &self,
        case: &str,
        entries: &[ChainEntry],
    ) -> Result<(), VaultError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        crate::sync::audit_heads::raise(&mut vault, case, entries).await
    }
}
