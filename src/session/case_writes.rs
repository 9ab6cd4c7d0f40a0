//! Writing cases into the open vault: whole, all or none, catching up with another window's
//! writes under the same key without ever overwriting an edit made there.

use crate::vault::{UnlockedVault, VaultError};
use futures::future::LocalBoxFuture;
use senda_core::case::{Case, CaseSummary};
use senda_core::index_entry::IndexEntry;

/// How the session writes the edits waiting for autosave (and those a lock finds waiting). The
/// case screens hand it over with each edit (`Session::queue_save`, reached only from their
/// chunks), so the case record's serialisation and the vault's write path behind it are in
/// those chunks, not in the first-load wasm: the session's autosave and lock call through it.
pub(super) type WriteCases =
    for<'a> fn(&'a mut UnlockedVault<IndexEntry>, &'a [Case]) -> LocalBoxFuture<'a, WriteResult>;

type WriteResult = Result<(), VaultError>;

/// [`put_cases`] as a [`WriteCases`].
pub(super) fn put_cases_boxed<'a>(
    vault: &'a mut UnlockedVault<IndexEntry>,
    cases: &'a [Case],
) -> LocalBoxFuture<'a, WriteResult> {
    Box::pin(put_cases(vault, cases))
}

/// Writes `cases` with `write`, the writer the case screens handed over. Edits wait only after a
/// case screen queued one, so `None` cannot meet a waiting edit; were it to, the edits are not
/// written and the caller reports it as it reports a failed write (they are never dropped silently).
pub(super) async fn write_cases(
    write: Option<WriteCases>,
    vault: &mut UnlockedVault<IndexEntry>,
    cases: &[Case],
) -> WriteResult {
    match write {
        Some(write) => write(vault, cases).await,
        None => Err(VaultError::NotCreated),
    }
}

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
