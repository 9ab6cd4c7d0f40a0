//! The team's cases as the team screen's parts share them: opened once per screen.

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
        let opened = TeamCases::open(replica, key, state.epoch)
            .await
            .map_err(|e| e.message_key().to_owned())?;
        *slot = Some(opened);
    }
    Ok(())
}
