//! The team's cases as the team screen's parts share them: opened once per screen, and again
//! after the team key changed (a member's removal).

use crate::sync::local_replica::IdbReplica;
use crate::sync::team::TeamState;
use crate::sync::team_cases::TeamCases;
use async_lock::Mutex;
use std::rc::Rc;

pub(crate) type SharedCases = Rc<Mutex<Option<TeamCases>>>;

/// Opens the team's replica and keys once per screen.
pub async fn opened(cases: &SharedCases, state: &TeamState) -> Result<(), String> {
    let mut slot = cases.lock().await;
    if slot.is_none() {
        let replica = IdbReplica::open(&state.replica)
            .await
            .map_err(|_| "sync.error.local_store".to_owned())?;
        let key = state.team_key().await.map_err(|e| e.message_key().to_owned())?;
        let old = state.old_team_keys().await.map_err(|e| e.message_key().to_owned())?;
        let opened = TeamCases::open_with_history(replica, key, state.epoch, old)
            .await
            .map_err(|e| e.message_key().to_owned())?;
        *slot = Some(opened);
    }
    Ok(())
}

/// Forgets the opened cases: the next use opens them with the team's current keys.
pub async fn reopen(cases: &SharedCases, state: &TeamState) -> Result<(), String> {
    *cases.lock().await = None;
    opened(cases, state).await
}
