//! A team on this phone as the vault keeps it (server, account, keys, the trusted member list,
//! pending invitations), why a team step failed, and the helpers every team step shares: the
//! database's members, and sealed append-only entries written and read by id.

use super::crypto::{random_bytes, KeyKind, Sealed, SecretKey, SyncCryptoError};
use super::device_keys::{DevicePublicKeys, StoredDeviceKeys, WrappedForDevice};
use super::transport::{Transport, TransportError};
use senda_core::sync::b64;
use senda_core::sync::envelope::{self, additional_data, Content, DocId, EnvelopeDoc};
use senda_core::sync::keys::KeyError;
use senda_core::sync::revtree::{Rev, RevPath};
use senda_core::sync::sealing::{open_output, seal_input};
use senda_core::sync::team_rules::{Membership, MembershipError};
use senda_core::workflow::role::Role;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt;

/// A list as it travels: the list, who signed it with which public keys, the signature, every
/// member's public keys, and (on a removal) the new epoch's team key wrapped for each device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedList {
    pub list: Membership,
    pub signer: String,
    pub signer_keys: DevicePublicKeys,
    pub signature: Vec<u8>,
    pub keys: BTreeMap<String, DevicePublicKeys>,
    pub wraps: BTreeMap<String, WrappedForDevice>,
}

/// An invitation the coordinator's phone made and is waiting to see answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvite {
    pub secret: Vec<u8>,
    pub role: Role,
    pub expires_at: i64,
}

/// What this phone keeps about its team, only ever inside the vault.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamState {
    pub server: String,
    pub db: String,
    pub account: String,
    pub password: String,
    /// The server administrator's name and password: a coordinator's phone only (to invite).
    pub admin: Option<(String, String)>,
    pub epoch: u32,
    /// The team key's raw bytes (the vault seals them).
    pub team_key: Vec<u8>,
    /// The IndexedDB database of this team's replica (an opaque name).
    pub replica: String,
    pub device: String,
    pub coordinator: bool,
    /// When the last complete sync ended (ms since 1970), for "last sync".
    pub last_sync_ms: Option<f64>,
    /// This device's key pairs (the vault seals the whole record).
    #[serde(default)]
    pub device_keys: Option<StoredDeviceKeys>,
    /// The seed of the membership lists' entry ids (members only).
    #[serde(default)]
    pub list_seed: Vec<u8>,
    /// The newest membership list this phone checked and trusts.
    #[serde(default)]
    pub members: Option<SignedList>,
    /// The fingerprint of the coordinator whose invitation this phone joined with.
    #[serde(default)]
    pub anchor: Option<String>,
    /// The team keys of earlier epochs (older case keys are wrapped under them).
    #[serde(default)]
    pub old_keys: Vec<(u32, Vec<u8>)>,
    /// Invitations made here and not answered yet (a coordinator's phone).
    #[serde(default)]
    pub pending: Vec<PendingInvite>,
    /// What the printed recovery code stretches into (a coordinator's phone, to renew the
    /// recovery entry at each new team key); the code itself is never kept.
    #[serde(default)]
    pub recovery: Option<RecoveryKeys>,
}

/// The recovery code's two outputs: the seed of its entries' ids and the key that seals them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryKeys {
    pub id_seed: Vec<u8>,
    pub key: Vec<u8>,
}

/// Why creating, inviting or joining failed. Nothing half-made is kept on the phone.
#[derive(Clone, Debug, PartialEq)]
pub enum TeamError {
    Transport(TransportError),
    Crypto(SyncCryptoError),
    Invite(KeyError),
    /// Only a coordinator's phone (with the server's administrator) can invite.
    NotCoordinator,
    /// The server answered something else than expected (by step).
    Server(&'static str),
    /// A membership list failed its checks: refused, nothing changed.
    Membership(MembershipError),
    /// This phone was removed from the team: the server no longer lets it in.
    Removed,
    /// No team on this server opens with this recovery code.
    RecoveryNotFound,
}

impl TeamError {
    pub fn message_key(&self) -> &'static str {
        match self {
            TeamError::Transport(e) => e.message_key(),
            TeamError::Crypto(e) => e.message_key(),
            TeamError::Invite(e) => e.message_key(),
            TeamError::NotCoordinator => "team.error.not_coordinator",
            TeamError::Server(_) => "sync.error.server",
            TeamError::Membership(e) => e.message_key(),
            TeamError::Removed => "sync.error.removed",
            TeamError::RecoveryNotFound => "sync.error.recovery_not_found",
        }
    }
}

impl fmt::Display for TeamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TeamError::Transport(e) => fmt::Display::fmt(e, f),
            TeamError::Crypto(e) => fmt::Display::fmt(e, f),
            other => write!(f, "{other:?}"),
        }
    }
}

impl From<TransportError> for TeamError {
    fn from(e: TransportError) -> TeamError {
        TeamError::Transport(e)
    }
}

impl From<SyncCryptoError> for TeamError {
    fn from(e: SyncCryptoError) -> TeamError {
        TeamError::Crypto(e)
    }
}

impl From<MembershipError> for TeamError {
    fn from(e: MembershipError) -> TeamError {
        TeamError::Membership(e)
    }
}

impl From<KeyError> for TeamError {
    fn from(e: KeyError) -> TeamError {
        TeamError::Invite(e)
    }
}

pub(crate) fn secret_text<const N: usize>() -> Result<String, SyncCryptoError> {
    Ok(b64::encode(&random_bytes::<N>()?).replace(['+', '/', '='], ""))
}

impl TeamState {
    /// This phone's transport to the team database, with its own account.
    pub fn transport(&self) -> Result<Transport, TransportError> {
        Transport::new(&self.server, &self.db)?.with_basic_auth(&self.account, &self.password)
    }

    pub(crate) fn admin_transport(&self) -> Result<Transport, TeamError> {
        let (name, password) = self.admin.as_ref().ok_or(TeamError::NotCoordinator)?;
        Ok(Transport::new(&self.server, &self.db)?.with_basic_auth(name, password)?)
    }

    pub async fn team_key(&self) -> Result<SecretKey, SyncCryptoError> {
        SecretKey::import_raw(&self.team_key, KeyKind::Team).await
    }

    /// The team keys of earlier epochs, imported (to read case keys wrapped under them).
    pub async fn old_team_keys(&self) -> Result<Vec<(u32, SecretKey)>, SyncCryptoError> {
        let mut out = Vec::new();
        for (epoch, raw) in &self.old_keys {
            out.push((*epoch, SecretKey::import_raw(raw, KeyKind::Team).await?));
        }
        Ok(out)
    }

    /// This phone's fingerprint as the team compares it.
    pub async fn fingerprint(&self) -> Option<String> {
        let keys = self.device_keys.as_ref()?;
        keys.public.fingerprint().await.ok()
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Adds accounts to the database's members (keeping those there) and takes others out.
pub(crate) async fn set_members(
    admin: &Transport,
    add: &[String],
    remove: &[String],
) -> Result<(), TeamError> {
    let current = admin.request("GET", "_security", None).await?;
    let mut names: Vec<String> = current
        .body
        .pointer("/members/names")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    for name in add {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
    names.retain(|n| !remove.contains(n));
    let security = json!({ "admins": { "names": [], "roles": [] }, "members": { "names": names, "roles": [] } });
    let put = admin.request("PUT", "_security", Some(&security.to_string())).await?;
    if put.status != 200 && put.status != 201 {
        return Err(TeamError::Server("setting the team's members"));
    }
    Ok(())
}

/// Seals `plain` under `key` as the first (and only) revision of the entry `id`, and posts it.
pub(crate) async fn post_entry(
    transport: &Transport,
    id: &DocId,
    key: &SecretKey,
    kid: &str,
    plain: &Value,
    step: &'static str,
) -> Result<(), TeamError> {
    let rev = Rev::child_of(None, random_bytes::<16>()?);
    let mut input = seal_input(plain).map_err(|_| TeamError::Server(step))?;
    let sealed = key.seal(&input, &additional_data(id, &rev, kid)).await;
    input.fill(0);
    let sealed = sealed?;
    let doc = EnvelopeDoc {
        id: id.clone(),
        revisions: Some(RevPath { start: 1, ids: vec![rev.hash.clone()] }),
        rev,
        content: Content::Sealed(envelope::Sealed {
            kid: kid.into(),
            iv: sealed.iv,
            ct: sealed.ct,
        }),
    };
    let body = json!({"docs": [doc.to_json()], "new_edits": false}).to_string();
    let put = transport.request("POST", "_bulk_docs", Some(&body)).await?;
    let refused = put.body.as_array().is_some_and(|a| a.iter().any(|r| r.get("error").is_some()));
    if put.status != 201 || refused {
        return Err(TeamError::Server(step));
    }
    Ok(())
}

/// Reads the entry `id` and opens it (`None`: not there). `key_of` gives the key of its `kid`.
pub(crate) async fn read_entry(
    transport: &Transport,
    id: &DocId,
    key_of: impl Fn(&str) -> Option<SecretKey>,
) -> Result<Option<Value>, TeamError> {
    let reply = transport.request("GET", id.as_str(), None).await?;
    if reply.status == 404 {
        return Ok(None);
    }
    let doc = EnvelopeDoc::from_json(&reply.body)
        .map_err(|_| TeamError::Crypto(SyncCryptoError::NotAuthentic))?;
    let Content::Sealed(sealed) = &doc.content else {
        return Err(TeamError::Crypto(SyncCryptoError::NotAuthentic));
    };
    if &doc.id != id {
        return Err(TeamError::Crypto(SyncCryptoError::NotAuthentic));
    }
    let key = key_of(&sealed.kid).ok_or(TeamError::Invite(KeyError::KeysOutOfDate))?;
    let ad = additional_data(&doc.id, &doc.rev, &sealed.kid);
    let mut plain = key.open(&Sealed { iv: sealed.iv, ct: sealed.ct.clone() }, &ad).await?;
    let value = open_output(&plain).map_err(|_| TeamError::Crypto(SyncCryptoError::NotAuthentic));
    plain.fill(0);
    value.map(Some)
}
