//! A team on this phone: creating one on a sync server (a database per team, provisioned through
//! the server's HTTP API as `tools/sync-server/provision.mjs` does), inviting a phone with a
//! one-time secret carried in the join payload, and joining with it. The secret never reaches the
//! server: it is stretched (HMAC-SHA-256) into the new phone's account name and password, the id
//! of the entry that carries the team key, and the key that seals that entry.

use super::crypto::{
    bytes, dict, random_bytes, resolve, subtle, usages, KeyKind, Sealed, SecretKey, SyncCryptoError,
};
use super::transport::{Transport, TransportError};
use senda_core::sync::b64;
use senda_core::sync::envelope::{self, additional_data, Content, DocId, DocKind, EnvelopeDoc};
use senda_core::sync::keys::{DeviceId, Invite, KeyError, INVITE_SECRET_LEN};
use senda_core::sync::revtree::{Rev, RevPath};
use senda_core::sync::sealing::{open_output, seal_input};
use senda_core::sync::team_rules::{
    invite_account, team_db_name, InviteUse, JoinPayload, OFFER_KID,
};
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
}

impl TeamError {
    pub fn message_key(&self) -> &'static str {
        match self {
            TeamError::Transport(e) => e.message_key(),
            TeamError::Crypto(e) => e.message_key(),
            TeamError::Invite(e) => e.message_key(),
            TeamError::NotCoordinator => "team.error.not_coordinator",
            TeamError::Server(_) => "sync.error.server",
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

impl From<KeyError> for TeamError {
    fn from(e: KeyError) -> TeamError {
        TeamError::Invite(e)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn secret_text<const N: usize>() -> Result<String, SyncCryptoError> {
    Ok(b64::encode(&random_bytes::<N>()?).replace(['+', '/', '='], ""))
}

impl TeamState {
    /// This phone's transport to the team database, with its own account.
    pub fn transport(&self) -> Result<Transport, TransportError> {
        Transport::new(&self.server, &self.db)?.with_basic_auth(&self.account, &self.password)
    }

    fn admin_transport(&self) -> Result<Transport, TeamError> {
        let (name, password) = self.admin.as_ref().ok_or(TeamError::NotCoordinator)?;
        Ok(Transport::new(&self.server, &self.db)?.with_basic_auth(name, password)?)
    }

    pub async fn team_key(&self) -> Result<SecretKey, SyncCryptoError> {
        SecretKey::import_raw(&self.team_key, KeyKind::Team).await
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
    set_members(&root, std::slice::from_ref(&account)).await?;
    let team_key = SecretKey::generate(KeyKind::Team).await?.export_raw().await?;
    Ok(TeamState {
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
    })
}

/// Adds accounts to the database's members (keeping those there).
async fn set_members(admin: &Transport, add: &[String]) -> Result<(), TeamError> {
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
    key: SecretKey,
}

async fn stretched(secret: &[u8; INVITE_SECRET_LEN]) -> Result<Stretched, SyncCryptoError> {
    let offer: [u8; 16] =
        stretch(secret, InviteUse::Offer).await?[..16].try_into().unwrap_or([0; 16]);
    let password =
        b64::encode(&stretch(secret, InviteUse::Password).await?).replace(['+', '/', '='], "");
    Ok(Stretched {
        account: invite_account(&stretch(secret, InviteUse::Account).await?),
        password,
        offer: DocId::new(DocKind::Event, offer),
        key: SecretKey::import_raw(&stretch(secret, InviteUse::Key).await?, KeyKind::Case).await?,
    })
}

/// Invites one phone (a coordinator's phone, online): makes its account, and leaves the team key
/// on the server sealed under a key only the invite's secret gives. Returns what to show.
pub async fn create_invite(state: &TeamState, now_secs: i64) -> Result<JoinPayload, TeamError> {
    let admin = state.admin_transport()?;
    let invite = Invite::new(random_bytes::<INVITE_SECRET_LEN>()?, now_secs);
    let s = stretched(&invite.secret).await?;
    admin.put_user(&s.account, &s.password).await?;
    set_members(&admin, std::slice::from_ref(&s.account)).await?;
    let rev = Rev::child_of(None, random_bytes::<16>()?);
    let plain = json!({"t": "offer", "team_key": b64::encode(&state.team_key), "epoch": state.epoch, "expires_at": invite.expires_at});
    let mut input = seal_input(&plain).map_err(|_| TeamError::Server("sealing the invite"))?;
    let sealed = s.key.seal(&input, &additional_data(&s.offer, &rev, OFFER_KID)).await;
    input.fill(0);
    let sealed = sealed?;
    let doc = EnvelopeDoc {
        id: s.offer.clone(),
        revisions: Some(RevPath { start: 1, ids: vec![rev.hash.clone()] }),
        rev,
        content: Content::Sealed(envelope::Sealed {
            kid: OFFER_KID.into(),
            iv: sealed.iv,
            ct: sealed.ct,
        }),
    };
    let body = json!({"docs": [doc.to_json()], "new_edits": false}).to_string();
    let put = admin.request("POST", "_bulk_docs", Some(&body)).await?;
    if put.status != 201 {
        return Err(TeamError::Server("leaving the invite"));
    }
    Ok(JoinPayload { server: state.server.clone(), db: state.db.clone(), invite })
}

/// Joins the team of a join payload (pasted or scanned): logs in with the account the secret
/// gives, opens the sealed team key, and returns the team to keep in the vault.
pub async fn join(payload: &str, now_secs: i64) -> Result<TeamState, TeamError> {
    let payload = JoinPayload::parse(payload, now_secs)?;
    let s = stretched(&payload.invite.secret).await?;
    let transport =
        Transport::new(&payload.server, &payload.db)?.with_basic_auth(&s.account, &s.password)?;
    let reply = match transport.request("GET", s.offer.as_str(), None).await {
        Ok(r) => r,
        Err(TransportError::Unauthorised { .. }) => return Err(KeyError::InviteWrong.into()),
        Err(e) => return Err(e.into()),
    };
    if reply.status == 404 {
        return Err(KeyError::InviteWrong.into());
    }
    let doc = EnvelopeDoc::from_json(&reply.body)
        .map_err(|_| TeamError::Crypto(SyncCryptoError::NotAuthentic))?;
    let Content::Sealed(sealed) = &doc.content else {
        return Err(KeyError::InviteWrong.into());
    };
    let ad = additional_data(&doc.id, &doc.rev, &sealed.kid);
    let mut plain = s.key.open(&Sealed { iv: sealed.iv, ct: sealed.ct.clone() }, &ad).await?;
    let offer = open_output(&plain).map_err(|_| TeamError::Crypto(SyncCryptoError::NotAuthentic));
    plain.fill(0);
    let offer = offer?;
    let team_key = offer
        .get("team_key")
        .and_then(Value::as_str)
        .and_then(|k| b64::decode(k).ok())
        .ok_or(TeamError::Crypto(SyncCryptoError::NotAuthentic))?;
    let epoch = offer.get("epoch").and_then(Value::as_u64).unwrap_or(1) as u32;
    // The key must import as a team key: a damaged offer stops here.
    SecretKey::import_raw(&team_key, KeyKind::Team).await?;
    Ok(TeamState {
        server: payload.server,
        db: payload.db,
        account: s.account,
        password: s.password,
        admin: None,
        epoch,
        team_key,
        replica: format!("senda-sync-{}", hex(&random_bytes::<12>()?)),
        device: DeviceId::new(random_bytes::<16>()?).0,
        coordinator: false,
        last_sync_ms: None,
    })
}
