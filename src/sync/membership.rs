//! The team's signed membership list on this phone: the coordinator's phone makes, signs and
//! publishes each list (the first when creating the team, one per joining device, one per
//! removal carrying the new team key wrapped for each remaining device), as append-only sealed
//! entries whose ids only members can derive; every phone follows them and trusts a list only
//! after its signature and the core's rules (`team_rules::trust`) pass.

use super::crypto::SyncCryptoError;
use super::crypto::{bytes, resolve, subtle, KeyKind, SecretKey};
use super::device_keys::{
    wrap_for_device, DeviceKeys, DevicePublicKeys, StoredDeviceKeys, WrappedForDevice,
};
use super::team_state::{
    post_entry, read_entry, secret_text, set_members, SignedList, TeamError, TeamState,
};
use super::transport::{Transport, TransportError};
use senda_core::sync::envelope::{DocId, DocKind};
use senda_core::sync::keys::KeyError;
use senda_core::sync::team_rules::{
    list_kid, signed_message, trust, MemberEntry, Membership, MembershipError,
};
use senda_core::workflow::role::Role;
use serde_json::json;
use std::collections::BTreeMap;

fn message(
    list: &Membership,
    keys: &BTreeMap<String, DevicePublicKeys>,
    wraps: &BTreeMap<String, WrappedForDevice>,
) -> Vec<u8> {
    let attachment = serde_json::to_vec(&(keys, wraps)).unwrap_or_default();
    signed_message(list, &attachment)
}

/// What a team key of `epoch` is wrapped for a device under (team and epoch bound in).
pub fn wrap_context(db: &str, epoch: u32) -> Vec<u8> {
    format!("senda-team-key-v1\n{db}\n{epoch}").into_bytes()
}

impl SignedList {
    /// Signs `list` and what travels with it with this device's key.
    pub async fn sign(
        list: Membership,
        me: &DeviceKeys,
        device: &str,
        keys: BTreeMap<String, DevicePublicKeys>,
        wraps: BTreeMap<String, WrappedForDevice>,
    ) -> Result<SignedList, SyncCryptoError> {
        let signature = me.sign(&message(&list, &keys, &wraps)).await?;
        Ok(SignedList {
            list,
            signer: device.to_owned(),
            signer_keys: me.public().clone(),
            signature,
            keys,
            wraps,
        })
    }

    /// Whether this phone may trust the list, against the list it holds (or the coordinator its
    /// invitation named): the core's rules, the signature, and every member's keys matching the
    /// fingerprint the list gives it.
    pub async fn verify(
        &self,
        team: &str,
        held: Option<&Membership>,
        anchor: Option<&str>,
    ) -> Result<(), TeamError> {
        if self.list.team != team {
            return Err(TeamError::Membership(MembershipError::OtherTeam));
        }
        let fingerprint = self.signer_keys.fingerprint().await?;
        trust(&self.list, held, anchor, &self.signer, &fingerprint)?;
        self.signer_keys
            .verify(&message(&self.list, &self.keys, &self.wraps), &self.signature)
            .await
            .map_err(|_| TeamError::Membership(MembershipError::SignerKey))?;
        for member in &self.list.members {
            if let Some(keys) = self.keys.get(&member.device) {
                if keys.fingerprint().await? != member.fingerprint {
                    return Err(TeamError::Membership(MembershipError::SignerKey));
                }
            }
        }
        Ok(())
    }
}

/// The id of the list with sequence number `seq`: derived from the team's list seed, which only
/// members hold, so the server cannot tell these entries from any other.
pub async fn list_doc_id(seed: &[u8], seq: u64) -> Result<DocId, SyncCryptoError> {
    derived_doc_id(b"senda-members-v1\n", seed, seq).await
}

/// An append-only entry's id from a label, a secret seed and a number (SHA-256, first 16 bytes).
pub async fn derived_doc_id(label: &[u8], seed: &[u8], n: u64) -> Result<DocId, SyncCryptoError> {
    let input = [label, seed, &n.to_be_bytes()].concat();
    let digest = bytes(
        resolve(
            subtle()?.digest_with_str_and_u8_array("SHA-256", &input),
            SyncCryptoError::Failed("digest".into()),
        )
        .await?,
    );
    let mut id = [0u8; 16];
    id.copy_from_slice(&digest[..16]);
    Ok(DocId::new(DocKind::Event, id))
}

/// Team keys by epoch, imported: what sealed lists are opened with.
async fn team_keys(state: &TeamState) -> Result<BTreeMap<String, SecretKey>, TeamError> {
    let mut out = BTreeMap::new();
    for (epoch, raw) in state.old_keys.iter().chain([(state.epoch, state.team_key.clone())].iter())
    {
        out.insert(list_kid(*epoch), SecretKey::import_raw(raw, KeyKind::Team).await?);
    }
    Ok(out)
}

/// Publishes a signed list: sealed under the team key of the list it replaces (the epoch every
/// device still in the team holds; a removal's new key travels inside, wrapped per device).
pub async fn publish(
    transport: &Transport,
    state: &TeamState,
    signed: &SignedList,
    sealing_epoch: u32,
) -> Result<(), TeamError> {
    let id = list_doc_id(&state.list_seed, signed.list.seq).await?;
    let keys = team_keys(state).await?;
    let kid = list_kid(sealing_epoch);
    let key = keys.get(&kid).ok_or(TeamError::Invite(KeyError::KeysOutOfDate))?;
    let plain = json!({"t": "members", "signed": signed});
    post_entry(transport, &id, key, &kid, &plain, "publishing the member list").await
}

pub(crate) async fn device_keys(state: &TeamState) -> Result<DeviceKeys, TeamError> {
    let stored: &StoredDeviceKeys =
        state.device_keys.as_ref().ok_or(TeamError::Server("this phone has no device keys"))?;
    Ok(DeviceKeys::from_stored(stored).await?)
}

/// The first list of a new team: this device alone, as its coordinator.
pub async fn first_list(state: &mut TeamState) -> Result<(), TeamError> {
    let me = device_keys(state).await?;
    let entry = MemberEntry {
        device: state.device.clone(),
        fingerprint: me.public().fingerprint().await?,
        account: state.account.clone(),
        role: Role::Coordinator,
        removed_from_epoch: None,
    };
    let keys = BTreeMap::from([(state.device.clone(), me.public().clone())]);
    let list = Membership::first(&state.db, entry);
    let signed = SignedList::sign(list, &me, &state.device, keys, BTreeMap::new()).await?;
    publish(&state.transport()?, state, &signed, 1).await?;
    state.members = Some(signed);
    Ok(())
}

/// Reads the lists published after the one this phone holds, checks each and takes it in (a
/// removal's new team key unwrapped with this device's key). Returns the updated team (the caller
/// saves it); at the first list refused, nothing changes. A phone the server no longer lets in,
/// or that a list marks removed, gets [`TeamError::Removed`].
pub async fn follow(state: &TeamState) -> Result<TeamState, TeamError> {
    let mut next = state.clone();
    if next.device_keys.is_none() {
        return Ok(next);
    }
    let me = device_keys(&next).await?;
    let transport = next.transport()?;
    loop {
        let held = next.members.as_ref().map(|s| s.list.clone());
        let seq = held.as_ref().map_or(1, |l| l.seq + 1);
        let id = list_doc_id(&next.list_seed, seq).await?;
        let keys = team_keys(&next).await?;
        let found = match read_entry(&transport, &id, |kid| keys.get(kid).cloned()).await {
            Ok(found) => found,
            Err(TeamError::Transport(
                TransportError::Unauthorised { .. } | TransportError::Forbidden { .. },
            )) => return Err(TeamError::Removed),
            Err(e) => return Err(e),
        };
        let Some(value) = found else { break };
        let signed: SignedList = value
            .get("signed")
            .cloned()
            .and_then(|s| serde_json::from_value(s).ok())
            .ok_or(TeamError::Membership(MembershipError::Stale))?;
        if signed.list.seq != seq {
            return Err(TeamError::Membership(MembershipError::Stale));
        }
        signed.verify(&next.db, held.as_ref(), next.anchor.as_deref()).await?;
        let mine = signed.list.entry(&next.device);
        if mine.is_some_and(|m| m.removed_from_epoch.is_some()) {
            return Err(TeamError::Removed);
        }
        if signed.list.epoch > next.epoch {
            let wrapped =
                signed.wraps.get(&next.device).ok_or(TeamError::Invite(KeyError::KeysOutOfDate))?;
            let context = wrap_context(&next.db, signed.list.epoch);
            let key = me.unwrap(wrapped, KeyKind::Team, &context).await?;
            let raw = key.export_raw().await?;
            let old = std::mem::replace(&mut next.team_key, raw);
            next.old_keys.push((next.epoch, old));
            next.epoch = signed.list.epoch;
        }
        next.members = Some(signed);
    }
    Ok(next)
}

/// Removes a device (the coordinator's phone, online): its server account loses access at once
/// (out of the database's members, its password replaced), the list gets a new epoch with the
/// device marked removed, and a new team key is wrapped for each remaining device. What that
/// phone synced before stays readable to it. Returns the updated team (the caller saves it).
pub async fn remove_device(state: &TeamState, device: &str) -> Result<TeamState, TeamError> {
    let mut next = state.clone();
    let admin = next.admin_transport()?;
    let me = device_keys(&next).await?;
    let held = next.members.clone().ok_or(TeamError::NotCoordinator)?;
    if !held.list.entry(&next.device).is_some_and(|m| m.role.manages_team()) {
        return Err(TeamError::NotCoordinator);
    }
    let (list, rotation) = held.list.removing(device)?;
    let account = held
        .list
        .entry(device)
        .map(|m| m.account.clone())
        .ok_or(TeamError::Invite(KeyError::UnknownDevice))?;
    set_members(&admin, &[], std::slice::from_ref(&account)).await?;
    admin.put_user(&account, &secret_text::<18>()?).await?;
    let new_key = SecretKey::generate(KeyKind::Team).await?;
    let context = wrap_context(&next.db, rotation.new_epoch);
    let mut wraps = BTreeMap::new();
    for id in &rotation.wrap_for {
        let keys = held.keys.get(&id.0).ok_or(TeamError::Server("a member's keys are missing"))?;
        wraps.insert(id.0.clone(), wrap_for_device(&new_key, keys, &context).await?);
    }
    let signed = SignedList::sign(list, &me, &next.device, held.keys.clone(), wraps).await?;
    publish(&next.transport()?, &next, &signed, held.list.epoch).await?;
    let raw = new_key.export_raw().await?;
    let old = std::mem::replace(&mut next.team_key, raw);
    next.old_keys.push((next.epoch, old));
    next.epoch = rotation.new_epoch;
    next.members = Some(signed);
    Ok(next)
}

/// The coordinator's phone gives `device` another role: a new signed list (same epoch, no new
/// team key) published for every phone. A phone that has not read it yet still acts in its old
/// role; what it signs in that role does not count on any phone that has the new list.
pub async fn change_role(
    state: &TeamState,
    device: &str,
    role: Role,
) -> Result<TeamState, TeamError> {
    let mut next = state.clone();
    let me = device_keys(&next).await?;
    let held = next.members.clone().ok_or(TeamError::NotCoordinator)?;
    if !held.list.entry(&next.device).is_some_and(|m| m.role.manages_team()) {
        return Err(TeamError::NotCoordinator);
    }
    let list = held.list.changing_role(device, role)?;
    let signed =
        SignedList::sign(list, &me, &next.device, held.keys.clone(), BTreeMap::new()).await?;
    publish(&next.transport()?, &next, &signed, held.list.epoch).await?;
    next.members = Some(signed);
    Ok(next)
}
