//! The team workflow's signatures on this phone: signing a workflow record with this device's
//! key, the roster of the member list the phone trusts, and checking a case's workflow log with
//! WebCrypto, so that the pure rules (`senda_core::workflow`) can read it synchronously.

use super::crypto::SyncCryptoError;
use super::device_keys::{DeviceKeys, DevicePublicKeys, StoredDeviceKeys};
use super::team_state::SignedList;
use senda_core::workflow::audit::ChainEntry;
use senda_core::workflow::entry::WorkflowEntry;
use senda_core::workflow::signed::{Checked, Roster};
use std::collections::BTreeMap;

/// This device's signature of `message` (a workflow body's `signing_bytes()`).
pub async fn sign(keys: &StoredDeviceKeys, message: &[u8]) -> Result<Vec<u8>, SyncCryptoError> {
    DeviceKeys::from_stored(keys).await?.sign(message).await
}

/// Every device of the trusted list with its role and public signing key (a removed device is
/// kept, marked removed, so its signatures are shown as no longer trusted rather than unknown).
pub fn roster(list: &SignedList) -> Roster {
    Roster::from_membership(&list.list, |device| list.keys.get(device).map(|k| k.sign.clone()))
}

/// The entries of `entries` whose signature WebCrypto verifies against their author's key in
/// `keys`; an entry by an unknown device, or whose signature fails, is left out (the rules then
/// show it as unknown or bad, never as valid).
pub async fn checked(
    keys: &BTreeMap<String, DevicePublicKeys>,
    entries: &[WorkflowEntry],
) -> Checked {
    let mut out = Checked::default();
    for entry in entries {
        // The audit chain is checked by the history screen alone (`checked_chain`): the
        // handover and review rules never read it, and a case's chain grows with every act.
        if matches!(entry, WorkflowEntry::Audit(_)) {
            continue;
        }
        let Some(public) = keys.get(entry.author()) else {
            continue;
        };
        let (message, signature) = entry.signed_parts();
        if public.verify(&message, signature).await.is_ok() {
            out.insert(&public.sign, &message, signature);
        }
    }
    out
}

/// The audit chain entries of `entries` whose signature WebCrypto verifies against their
/// device's key in `keys` (as [`checked`] does for the other records).
pub async fn checked_chain(
    keys: &BTreeMap<String, DevicePublicKeys>,
    entries: &[ChainEntry],
) -> Checked {
    let mut out = Checked::default();
    for entry in entries {
        let Some(public) = keys.get(&entry.body.device) else {
            continue;
        };
        let message = entry.body.signing_bytes();
        if public.verify(&message, &entry.signature).await.is_ok() {
            out.insert(&public.sign, &message, &entry.signature);
        }
    }
    out
}
