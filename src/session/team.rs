//! The session's team: this phone's team kept in the vault (its keys never anywhere else), and
//! one "sync now" with the vault held for its length, the case list refreshed after.

use super::{IndexEntry, Session};
use crate::sync::team::TeamState;
use crate::sync::team_cases::{Applied, CaseSyncError, ConflictView, TeamCases};
use crate::sync::transport::Transport;
use crate::sync::workflow_sign;
use crate::vault::VaultError;
use leptos::prelude::*;
use senda_core::case::CaseSummary;
use senda_core::index_entry::TEAM_RECORD;
use senda_core::sync::merge::Side;
use senda_core::workflow::role::Role;
use std::collections::BTreeMap;

impl Session {
    /// This phone's team, if it joined or created one.
    pub async fn team(&self) -> Result<Option<TeamState>, VaultError> {
        let open = self.open_vault()?;
        let team = open.lock().await.get(TEAM_RECORD).await;
        team
    }

    /// Keeps the team (after creating, joining or a sync) in the vault.
    pub async fn save_team(&self, team: &TeamState) -> Result<(), VaultError> {
        let open = self.open_vault()?;
        let saved = open.lock().await.put(TEAM_RECORD, team, IndexEntry::Team).await;
        if saved.is_ok() {
            if !self.in_team.get_untracked() {
                self.in_team.set(true);
            }
            self.take_role_from(team);
        }
        saved
    }

    /// Reads this phone's role from the team in the vault (the team chunk, after each unlock).
    pub async fn refresh_role(&self) {
        if let Ok(Some(team)) = self.team().await {
            self.take_role_from(&team);
        }
    }

    /// Takes this phone's role from `team` as read from the vault (only on a change: screens
    /// follow it).
    pub fn take_role_from(&self, team: &TeamState) {
        let role = role_in(team);
        if self.role.get_untracked() != role {
            self.role.set(role);
        }
    }

    /// Settles a conflict with a person's choices; the case list shows the result.
    pub async fn resolve_conflict(
        &self,
        cases: &mut TeamCases,
        view: &ConflictView,
        choices: &BTreeMap<String, Side>,
        device: &str,
    ) -> Result<(), CaseSyncError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        // The case's edits not yet written go in first: the resolution builds on them.
        self.write_waiting(&mut vault).await?;
        cases.resolve(view, choices, device, &mut vault).await?;
        let summaries = case_summaries(&vault);
        drop(vault);
        self.summaries.set(summaries);
        Ok(())
    }

    /// Settles a case deleted on one phone and edited on another: keep the edit or confirm the
    /// deletion; the case list shows the result.
    pub async fn resolve_deletion(
        &self,
        cases: &mut TeamCases,
        case: &str,
        keep_edit: bool,
    ) -> Result<(), CaseSyncError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        self.write_waiting(&mut vault).await?;
        cases.resolve_deletion(case, keep_edit, &mut vault).await?;
        let summaries = case_summaries(&vault);
        drop(vault);
        self.summaries.set(summaries);
        Ok(())
    }

    /// How many cases hold changes the team's server has not received (edits not yet written
    /// to the vault first count too: they are written now).
    pub async fn unsynced_team_cases(&self, cases: &mut TeamCases) -> Result<usize, CaseSyncError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        self.write_waiting(&mut vault).await?;
        Ok(cases.unsynced(&mut vault).await?.len())
    }

    /// This phone leaves its team: the team record (server, account, keys) leaves the vault;
    /// the cases stay on this phone.
    pub async fn leave_team(&self) -> Result<(), VaultError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        vault.delete(TEAM_RECORD).await?;
        // The audit chain's known heads belong to the team's history.
        vault.delete(crate::sync::audit_heads::HEADS_RECORD).await?;
        self.list(&vault);
        Ok(())
    }

    /// Exports, pushes, pulls and applies; the case list shows what arrived.
    pub async fn sync_team(
        &self,
        cases: &mut TeamCases,
        transport: &Transport,
    ) -> Result<Applied, CaseSyncError> {
        let open = self.open_vault()?;
        let mut vault = open.lock().await;
        // Edits not yet written go up with this sync, never under what it brings down.
        self.write_waiting(&mut vault).await?;
        let may_write = |write: super::arrivals::SyncWrite<'_>| self.sync_may_write(write);
        let applied = cases.sync_now_with(&mut vault, transport, &may_write).await;
        let summaries = case_summaries(&vault);
        drop(vault);
        self.summaries.set(summaries);
        applied
    }
}

/// This device's role in the member list the phone trusts; `None` when it has no list yet or
/// the list names this device as removed.
pub fn role_in(team: &TeamState) -> Option<Role> {
    team.members.as_ref().map(workflow_sign::roster).and_then(|r| r.role(&team.device))
}

fn case_summaries(vault: &super::CaseVault) -> Vec<CaseSummary> {
    vault
        .summaries()
        .filter_map(|(_, e)| match e {
            IndexEntry::Case(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}
