//! A team on this phone: creating one on a sync server (a database per team, provisioned through
//! the server's HTTP API as `tools/sync-server/provision.mjs` does), inviting a phone with a
//! one-time secret carried in the join payload, and joining with it. The secret never reaches the
//! server: it is stretched (HMAC-SHA-256) into the new phone's account name and password, the id
//! of the entry that carries the team key, the key that seals that entry, and the id of the new
//! phone's answer (its device's public keys, which the coordinator's phone adds to the signed
//! membership list with the role chosen for the invitation).

use super::crypto::{
    bytes, dict, random_bytes, resolve, subtle, usages, KeyKind, SecretKey, SyncCryptoError,
};
use super::device_keys::{DeviceKeys, DevicePublicKeys, DeviceSuite, StoredDeviceKeys};
use super::membership::{first_list, post_entry, read_entry, PendingInvite, SignedList};
use super::transport::{Transport, TransportError};
use senda_core::sync::b64;
use senda_core::sync::envelope::{DocId, DocKind};
use senda_core::sync::keys::{DeviceId, Invite, KeyError, INVITE_SECRET_LEN};
use senda_core::sync::team_rules::{
    invite_account, team_db_name, InviteUse, JoinPayload, MembershipError, OFFER_KID, REQUEST_KID,
};
use senda_core::workflow::role::Role;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::fmt;
use wasm_bindgen::JsCast;
use web_sys::CryptoKey;

/// The validation every team database gets as `_design/senda`.
const VALIDATE: &str = include_str!("../../server/validate_doc_update.js");

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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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

/// Creates a team on `server` with the administrator's credentials: a new database (opaque name,
/// members only, envelope-only validation), this phone's account in it, and the team key.
pub async fn create_team(
    server: &str,
    admin: &str,
    admin_password: &str,
) -> Result<TeamState, TeamError> {
    let db = team_db_name(random_bytes::<12>()?);
    let root = Transport::new(server, &db)?.with_basic_auth(admin, admin_password)?;
    let made = root.request("PUT", "", None).await?;
    if made.status != 201 && made.status != 202 {
        return Err(TeamError::Server("creating the team database"));
    }
    let source: String =
        VALIDATE.lines().skip_while(|l| l.starts_with("//")).collect::<Vec<_>>().join("\n");
    let design = json!({ "validate_doc_update": source }).to_string();
    let put = root.request("PUT", "_design/senda", Some(&design)).await?;
    if put.status != 201 && put.status != 202 {
        return Err(TeamError::Server("installing the validation"));
    }
    let account = format!("c-{}", hex(&random_bytes::<10>()?));
    let password = secret_text::<18>()?;
    root.put_user(&account, &password).await?;
    set_members(&root, std::slice::from_ref(&account), &[]).await?;
    let team_key = SecretKey::generate(KeyKind::Team).await?.export_raw().await?;
    let device_keys = DeviceKeys::generate_stored(DeviceSuite::detect().await?).await?;
    let mut state = TeamState {
        server: server.trim_end_matches('/').to_owned(),
        db,
        account,
        password,
        admin: Some((admin.to_owned(), admin_password.to_owned())),
        epoch: 1,
        team_key,
        replica: format!("senda-sync-{}", hex(&random_bytes::<12>()?)),
        device: DeviceId::new(random_bytes::<16>()?).0,
        coordinator: true,
        last_sync_ms: None,
        device_keys: Some(device_keys),
        list_seed: random_bytes::<16>()?.to_vec(),
        members: None,
        anchor: None,
        old_keys: Vec::new(),
        pending: Vec::new(),
    };
    first_list(&mut state).await?;
    Ok(state)
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

/// HMAC-SHA-256 of a purpose's label under the invite secret.
async fn stretch(
    secret: &[u8; INVITE_SECRET_LEN],
    purpose: InviteUse,
) -> Result<Vec<u8>, SyncCryptoError> {
    let subtle = subtle()?;
    let params = dict(&[("name", "HMAC".into()), ("hash", "SHA-256".into())]);
    let key: CryptoKey = resolve(
        subtle.import_key_with_object(
            "raw",
            &js_sys::Uint8Array::from(&secret[..]),
            &params,
            false,
            &usages(&["sign"]),
        ),
        SyncCryptoError::Failed("HMAC".into()),
    )
    .await?
    .unchecked_into();
    let mac = resolve(
        subtle.sign_with_object_and_u8_array(&params, &key, purpose.label()),
        SyncCryptoError::Failed("HMAC".into()),
    )
    .await?;
    Ok(bytes(mac))
}

struct Stretched {
    account: String,
    password: String,
    offer: DocId,
    request: DocId,
    key: SecretKey,
}

async fn stretched(secret: &[u8; INVITE_SECRET_LEN]) -> Result<Stretched, SyncCryptoError> {
    let offer: [u8; 16] =
        stretch(secret, InviteUse::Offer).await?[..16].try_into().unwrap_or([0; 16]);
    let request: [u8; 16] =
        stretch(secret, InviteUse::Request).await?[..16].try_into().unwrap_or([0; 16]);
    let password =
        b64::encode(&stretch(secret, InviteUse::Password).await?).replace(['+', '/', '='], "");
    Ok(Stretched {
        account: invite_account(&stretch(secret, InviteUse::Account).await?),
        password,
        offer: DocId::new(DocKind::Event, offer),
        request: DocId::new(DocKind::Event, request),
        key: SecretKey::import_raw(&stretch(secret, InviteUse::Key).await?, KeyKind::Case).await?,
    })
}

/// Invites one phone (a coordinator's phone, online): makes its account, and leaves the team's
/// keys, the coordinator's fingerprint and the current signed member list on the server sealed
/// under a key only the invite's secret gives. The invitation is kept in `state` (the caller
/// saves it) until the new phone answers, and `role` is what the new device gets in the list.
pub async fn create_invite(
    state: &mut TeamState,
    now_secs: i64,
    role: Role,
) -> Result<JoinPayload, TeamError> {
    let admin = state.admin_transport()?;
    let invite = Invite::new(random_bytes::<INVITE_SECRET_LEN>()?, now_secs);
    let s = stretched(&invite.secret).await?;
    admin.put_user(&s.account, &s.password).await?;
    set_members(&admin, std::slice::from_ref(&s.account), &[]).await?;
    let keys: Vec<Value> = state
        .old_keys
        .iter()
        .chain([(state.epoch, state.team_key.clone())].iter())
        .map(|(e, k)| json!([e, b64::encode(k)]))
        .collect();
    let plain = json!({
        "t": "offer", "team_key": b64::encode(&state.team_key), "epoch": state.epoch,
        "expires_at": invite.expires_at, "keys": keys, "anchor": state.fingerprint().await,
        "seed": b64::encode(&state.list_seed), "signed": state.members,
    });
    post_entry(&admin, &s.offer, &s.key, OFFER_KID, &plain, "leaving the invite").await?;
    state.pending.push(PendingInvite {
        secret: invite.secret.to_vec(),
        role,
        expires_at: invite.expires_at,
    });
    Ok(JoinPayload { server: state.server.clone(), db: state.db.clone(), invite })
}

/// A new phone's answer to an invitation: its device id and public keys.
pub(crate) struct Answer {
    pub device: String,
    pub keys: DevicePublicKeys,
    pub account: String,
}

/// Reads the answer to the invitation with `secret`, if the new phone has sent it.
pub(crate) async fn read_answer(
    transport: &Transport,
    secret: &[u8],
) -> Result<Option<Answer>, TeamError> {
    let secret: [u8; INVITE_SECRET_LEN] =
        secret.try_into().map_err(|_| TeamError::Invite(KeyError::CodeUnreadable))?;
    let s = stretched(&secret).await?;
    let key = s.key.clone();
    let Some(value) =
        read_entry(transport, &s.request, |kid| (kid == REQUEST_KID).then(|| key.clone())).await?
    else {
        return Ok(None);
    };
    let device = value.get("device").and_then(Value::as_str).map(str::to_owned);
    let keys = value.get("keys").cloned().and_then(|k| serde_json::from_value(k).ok());
    match (device, keys) {
        (Some(device), Some(keys)) if device.starts_with("d-") => {
            Ok(Some(Answer { device, keys, account: s.account }))
        }
        _ => Err(TeamError::Crypto(SyncCryptoError::NotAuthentic)),
    }
}

/// Joins the team of a join payload (pasted or scanned): logs in with the account the secret
/// gives, opens the sealed team key, and returns the team to keep in the vault.
pub async fn join(payload: &str, now_secs: i64) -> Result<TeamState, TeamError> {
    let payload = JoinPayload::parse(payload, now_secs)?;
    let s = stretched(&payload.invite.secret).await?;
    let transport =
        Transport::new(&payload.server, &payload.db)?.with_basic_auth(&s.account, &s.password)?;
    let key = s.key.clone();
    let offer =
        match read_entry(&transport, &s.offer, |kid| (kid == OFFER_KID).then(|| key.clone())).await
        {
            Ok(Some(offer)) => offer,
            Ok(None) | Err(TeamError::Transport(TransportError::Unauthorised { .. })) => {
                return Err(KeyError::InviteWrong.into())
            }
            Err(e) => return Err(e),
        };
    let team_key = offer
        .get("team_key")
        .and_then(Value::as_str)
        .and_then(|k| b64::decode(k).ok())
        .ok_or(TeamError::Crypto(SyncCryptoError::NotAuthentic))?;
    let epoch = offer.get("epoch").and_then(Value::as_u64).unwrap_or(1) as u32;
    // The key must import as a team key: a damaged offer stops here.
    SecretKey::import_raw(&team_key, KeyKind::Team).await?;
    let old_keys: Vec<(u32, Vec<u8>)> = offer
        .get("keys")
        .and_then(Value::as_array)
        .map(|all| {
            all.iter()
                .filter_map(|k| {
                    let e = k.get(0)?.as_u64()? as u32;
                    let raw = b64::decode(k.get(1)?.as_str()?).ok()?;
                    (e != epoch).then_some((e, raw))
                })
                .collect()
        })
        .unwrap_or_default();
    let anchor = offer.get("anchor").and_then(Value::as_str).map(str::to_owned);
    let list_seed = offer
        .get("seed")
        .and_then(Value::as_str)
        .and_then(|k| b64::decode(k).ok())
        .unwrap_or_default();
    let members: Option<SignedList> =
        offer.get("signed").cloned().and_then(|v| serde_json::from_value(v).ok());
    if let Some(signed) = &members {
        signed.verify(&payload.db, None, anchor.as_deref()).await?;
    }
    let device_keys = DeviceKeys::generate_stored(DeviceSuite::detect().await?).await?;
    let device = DeviceId::new(random_bytes::<16>()?).0;
    if members.is_some() {
        let answer = json!({"t": "answer", "device": device, "keys": device_keys.public});
        post_entry(&transport, &s.request, &s.key, REQUEST_KID, &answer, "answering the invite")
            .await?;
    }
    Ok(TeamState {
        server: payload.server,
        db: payload.db,
        account: s.account,
        password: s.password,
        admin: None,
        epoch,
        team_key,
        replica: format!("senda-sync-{}", hex(&random_bytes::<12>()?)),
        device,
        coordinator: false,
        last_sync_ms: None,
        device_keys: Some(device_keys),
        list_seed,
        members,
        anchor,
        old_keys,
        pending: Vec::new(),
    })
}
