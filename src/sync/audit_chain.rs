//! This phone's signer of the audit chain (in the lazy team chunk): each act the session
//! recorded (`session::chain`) becomes the next entry of this device's chain for its case,
//! signed with the device key and appended to the case, one at a time and in the order of the
//! acts. Signing is asynchronous and never holds up autosave: the entry is built from the case
//! as it is (its edit waiting for autosave included), signed, then appended only if this
//! device's last entry in the case is still the one it follows, else built and signed again. So
//! one tab (the one holding the vault's writer lock, `session::tabs`) is the only writer of this
//! device's chain, and no entry number is ever used twice or skipped.

use crate::session::chain::{Act, Appended};
use crate::session::Session;
use crate::sync::workflow_sign;
use leptos::prelude::*;
use senda_core::workflow::audit::ChainEntry;
use senda_core::workflow::audit_log::next_body;
use std::cell::Cell;
use std::rc::Rc;

/// How many times an entry is built again when the case moved on while it was being signed.
const TRIES: usize = 4;

/// Follows the session's recorded acts for the app's lifetime (started once by the team chunk).
pub fn watch(session: Session) {
    let busy = Rc::new(Cell::new(false));
    Effect::new(move |_| {
        session.acts_waiting().track();
        // A new case's first write lets its waiting acts go on.
        session.local_writes().track();
        if busy.replace(true) {
            return;
        }
        let busy = busy.clone();
        leptos::task::spawn_local(async move {
            // Acts recorded meanwhile join the queue this run drains.
            while let Some(act) = session.take_act() {
                if !sign_and_append(session, act).await {
                    // Its case is not written yet: it and every later act wait (in order).
                    session.put_back_act(act);
                    break;
                }
            }
            busy.set(false);
        });
    });
}

/// Signs the act's entry and appends it to its case; an act whose case is gone, or that
/// arrives as the vault locks, or on a phone without a device key, has no entry. `false` when
/// its case is not written yet (the act waits for its first write).
async fn sign_and_append(session: Session, (case, at, action): Act) -> bool {
    let Ok(Some(team)) = session.team().await else { return true };
    let Some(keys) = team.device_keys.as_ref() else { return true };
    let id = case.to_string();
    for _ in 0..TRIES {
        let Ok(Some(current)) = session.load_case(&id).await else { return true };
        // Never a number this phone has used before, even if the case lost it since.
        let Ok(heads) = session.known_heads(&id).await else { return true };
        let head = heads.get(&team.device).copied();
        let body = next_body(&current.workflow(), &id, &team.device, head, at, action);
        let Ok(signature) = workflow_sign::sign(keys, &body.signing_bytes()).await else {
            return true;
        };
        let entry = ChainEntry { body, signature };
        match session.append_chain_entry(entry.clone(), head).await {
            Ok(Appended::Yes) => {
                let _ = session.raise_known_heads(&id, std::slice::from_ref(&entry)).await;
                return true;
            }
            Ok(Appended::NotStored) => return false,
            Ok(Appended::Moved) => continue,
            Err(_) => return true,
        }
    }
    true
}
