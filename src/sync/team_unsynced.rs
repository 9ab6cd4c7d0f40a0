//! The cases this phone changed that the team's server has not received yet (edits and
//! deletions not written to the team copy, revisions written but not pushed), asked before
//! leaving the team (rule in `senda_core::sync::leaving`).

use super::*;
use senda_core::sync::leaving::unsynced_cases;
use senda_core::sync::replica::LocalReplica;

impl TeamCases {
    /// The ids of the cases with changes not yet on the team's server.
    pub async fn unsynced(
        &mut self,
        vault: &mut UnlockedVault<IndexEntry>,
    ) -> Result<BTreeSet<String>, CaseSyncError> {
        let mut not_written: Vec<String> = Vec::new();
        let ids: Vec<String> = vault
            .summaries()
            .filter(|(_, s)| matches!(s, IndexEntry::Case(_)))
            .map(|(id, _)| id.to_owned())
            .collect();
        for id in ids {
            let Some(case) = vault.get::<Value>(&id).await? else { continue };
            for (section, data) in split(&case)? {
                let doc = self.by_section.get(&(id.clone(), section.to_owned())).cloned();
                let Some(doc) = doc else {
                    not_written.push(id.clone());
                    break;
                };
                // A section never applied here (its conflict is open) is not this phone's edit.
                let Some(synced) = self.replica.link(&doc).and_then(|l| l.synced.clone()) else {
                    continue;
                };
                let then = self.section_of(&doc, &synced, &id, section).await.ok().flatten();
                if export_needed(&data, then.map(|d| d.data).as_ref()) {
                    not_written.push(id.clone());
                    break;
                }
            }
        }
        let linked: BTreeSet<String> = self.by_section.keys().map(|(c, _)| c.clone()).collect();
        for case in linked {
            if self.deletion_to_write(&case, vault).await.is_some() {
                not_written.push(case);
            }
        }
        let push = format!("senda-push-{}", self.replica.replica_id());
        let since = self.replica.checkpoint(&push).and_then(|v| v.as_u64()).unwrap_or(0);
        let not_pushed: Vec<String> = self
            .replica
            .changes_since(since, usize::MAX)
            .into_iter()
            .filter_map(|c| self.replica.link(&c.id).map(|l| l.case.clone()))
            .collect();
        Ok(unsynced_cases(
            not_written.iter().map(String::as_str),
            not_pushed.iter().map(String::as_str),
        ))
    }
}
