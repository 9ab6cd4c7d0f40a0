//! The highest audit chain entry this phone has seen of each device, per case, kept in the
//! encrypted vault (one record, never plain storage), so that a last entry that later goes
//! missing is found (`workflow::audit::verify_history`'s `known_heads`).

use crate::vault::{UnlockedVault, VaultError};
use senda_core::index_entry::IndexEntry;
use senda_core::workflow::audit::ChainEntry;
use senda_core::workflow::audit_log::{raise_heads, KnownHeads};
use std::collections::BTreeMap;

/// The vault record that holds them (listed like the team record: it exists only in a team).
pub const HEADS_RECORD: &str = "audit-heads";

/// Every case's known heads (none yet: empty).
pub async fn load(vault: &mut UnlockedVault<IndexEntry>) -> Result<KnownHeads, VaultError> {
    Ok(vault.get::<KnownHeads>(HEADS_RECORD).await?.unwrap_or_default())
}

/// Case `case`'s known heads.
pub async fn of_case(
    vault: &mut UnlockedVault<IndexEntry>,
    case: &str,
) -> Result<BTreeMap<String, u64>, VaultError> {
    Ok(load(vault).await?.remove(case).unwrap_or_default())
}

/// Raises case `case`'s heads to `entries` (verified ones only: a forged number must not
/// become a head), writing the record only when something rose.
pub async fn raise(
    vault: &mut UnlockedVault<IndexEntry>,
    case: &str,
    entries: &[ChainEntry],
) -> Result<(), VaultError> {
    let mut all = load(vault).await?;
    if raise_heads(all.entry(case.to_owned()).or_default(), entries) {
        vault.put(HEADS_RECORD, &all, IndexEntry::Team).await?;
    }
    Ok(())
}
