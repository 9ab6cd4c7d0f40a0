//! Writing cases into the open vault: whole, all or none, catching up with another window's
//! writes under the same key without ever overwriting an edit made there.

use crate::vault::{UnlockedVault, VaultError};
use senda_core::case::{Case, CaseSummary};
use senda_core::index_entry::IndexEntry;

fn records(cases: &[Case]) -> impl Iterator<Item = (String, &Case, IndexEntry)> {
    cases.iter().map(|c| (c.id().to_string(), c, IndexEntry::Case(CaseSummary::of(c))))
}

/// Writes `cases` whole in one transaction (all or none). Autosave and locking write this way:
/// it stays in the first-load wasm, so it does not catch up with other windows (one writer
/// across tabs, `tabs.rs`, keeps them from writing the same vault).
pub(super) async fn put_cases(
    vault: &mut UnlockedVault<IndexEntry>,
    cases: &[Case],
) -> Result<(), VaultError> {
    vault.put_many(records(cases)).await
}

/// Writes `cases` like [`put_cases`]; if another window wrote the vault meanwhile, catches up
/// with it and writes again — but only if none of these cases was changed there, so no one's
/// edit is ever overwritten unseen. Only the case screens (lazy chunks) reach it.
pub(super) async fn put_cases_catching_up(
    vault: &mut UnlockedVault<IndexEntry>,
    cases: &[Case],
) -> Result<(), VaultError> {
    match vault.put_many(records(cases)).await {
        Err(VaultError::ChangedElsewhere) => {
            let known: Vec<Option<IndexEntry>> =
                cases.iter().map(|c| vault.summary(&c.id().to_string()).cloned()).collect();
            vault.refresh().await?;
            let untouched = cases
                .iter()
                .zip(known)
                .all(|(c, known)| vault.summary(&c.id().to_string()).cloned() == known);
            if !untouched {
                return Err(VaultError::ChangedElsewhere);
            }
            vault.put_many(records(cases)).await
        }
        other => other,
    }
}
