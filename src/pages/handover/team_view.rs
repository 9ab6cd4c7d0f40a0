//! What the handover screens read of this phone's team: its device, signing keys, the member
//! list it trusts and its roster; a case's assignment from its WebCrypto-checked workflow log;
//! and a new handover event signed with this device's key.

use crate::session::{now, Session};
use crate::sync::device_keys::StoredDeviceKeys;
use crate::sync::team_state::SignedList;
use crate::sync::workflow_sign;
use crate::vault::crypto::random_bytes;
use senda_core::case::Case;
use senda_core::workflow::entry::WorkflowEntry;
use senda_core::workflow::handover::{Assignment, EventBody, HandoverEvent, Step};
use senda_core::workflow::permission::Action;
use senda_core::workflow::role::Role;
use senda_core::workflow::signed::Roster;

/// A teammate as the screens name them: role and fingerprint (the list holds no names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Teammate {
    pub device: String,
    pub role: Role,
    pub fingerprint: String,
}

/// This phone's team, as the handover screens need it.
#[derive(Clone)]
pub struct TeamView {
    pub me: String,
    keys: Option<StoredDeviceKeys>,
    list: SignedList,
    pub roster: Roster,
}

impl TeamView {
    /// The team of the open vault, once it has a trusted member list.
    pub async fn load(session: &Session) -> Option<TeamView> {
        let team = session.team().await.ok().flatten()?;
        let list = team.members?;
        let roster = workflow_sign::roster(&list);
        Some(TeamView { me: team.device, keys: team.device_keys, list, roster })
    }

    /// The member of the list with this device id.
    pub fn member(&self, device: &str) -> Option<Teammate> {
        self.list.list.entry(device).map(|m| Teammate {
            device: m.device.clone(),
            role: m.role,
            fingerprint: m.fingerprint.clone(),
        })
    }

    /// The active members other than this phone who may receive a case.
    pub fn receivers(&self) -> Vec<Teammate> {
        self.list
            .list
            .members
            .iter()
            .filter(|m| m.device != self.me)
            .filter(|m| self.roster.role(&m.device).is_some_and(|r| r.may(Action::ConfirmHandover)))
            .filter_map(|m| self.member(&m.device))
            .collect()
    }

    /// The signatures of the audit chain `entries` WebCrypto verifies against the list's keys.
    pub async fn checked_chain(
        &self,
        entries: &[senda_core::workflow::audit::ChainEntry],
    ) -> senda_core::workflow::signed::Checked {
        workflow_sign::checked_chain(&self.list.keys, entries).await
    }

    /// The case's assignment: its log checked with WebCrypto, folded by the pure rules.
    pub async fn assignment(&self, case: &Case) -> Assignment {
        let log = case.workflow();
        let checked = workflow_sign::checked(&self.list.keys, &log).await;
        let events: Vec<HandoverEvent> = WorkflowEntry::handovers(&log).cloned().collect();
        Assignment::from_events(&case.id().to_string(), &events, &self.roster, &checked)
    }

    /// A handover event for `case`, signed by this device. Its time is this phone's clock, but
    /// never before the case's latest handover event: the rules order events by time, and a
    /// step taken right after another (take the case, then offer it) must sort after it.
    pub async fn sign(&self, case: &Case, step: Step) -> Result<WorkflowEntry, &'static str> {
        let keys = self.keys.as_ref().ok_or("handover.error.no_keys")?;
        let bytes = random_bytes::<16>().map_err(|_| "vault.error.crypto")?;
        let latest = WorkflowEntry::handovers(&case.workflow()).map(|e| e.body.at).max();
        let at = now().timestamp().max(latest.map_or(i64::MIN, |t| t + 1));
        let body = EventBody {
            id: uuid::Builder::from_random_bytes(bytes).into_uuid().to_string(),
            case: case.id().to_string(),
            by: self.me.clone(),
            at,
            step,
        };
        let signature = workflow_sign::sign(keys, &body.signing_bytes())
            .await
            .map_err(|_| "handover.error.sign")?;
        Ok(WorkflowEntry::Handover(HandoverEvent { body, signature }))
    }

    /// Whether the rules would accept `entry` after the case's log: checked like any other
    /// entry (its signature too), so what is offered for saving is what every phone will count.
    pub async fn accepts(&self, case: &Case, entry: &WorkflowEntry) -> Result<(), String> {
        let mut all: Vec<WorkflowEntry> = case.workflow();
        all.push(entry.clone());
        let checked = workflow_sign::checked(&self.list.keys, &all).await;
        let events: Vec<HandoverEvent> = WorkflowEntry::handovers(&all).cloned().collect();
        let after =
            Assignment::from_events(&case.id().to_string(), &events, &self.roster, &checked);
        let WorkflowEntry::Handover(new) = entry else { return Ok(()) };
        match after.refused.iter().find(|(i, _)| *i == new.body.id) {
            Some((_, why)) => Err(format!("handover.refused.{}", why.id())),
            None => Ok(()),
        }
    }
}
