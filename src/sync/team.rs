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
use super::device_keys::{DeviceKeys, DevicePublicKeys, DeviceSuite};
use super::membership::{device_keys, first_list, publish};
use super::team_state::{
    hex, post_entry, read_entry, secret_text, set_members, PendingInvite, SignedList,
};
pub use super::team_state::{TeamError, TeamState};
use super::transport::{Transport, TransportError};
use senda_core::sync::b64;
use senda_core::sync::envelope::{DocId, DocKind};
use senda_core::sync::keys::{DeviceId, Invite, KeyError, INVITE_SECRET_LEN};
use senda_core::sync::team_rules::{
    invite_account, team_db_name, InviteUse, JoinPayload, MemberEntry, OFFER_KID, REQUEST_KID,
};
use senda_core::workflow::role::Role;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use web_sys::CryptoKey;

/// The validation every team database gets as `_design/senda`.
const VALIDATE: &str = include_str!("../../server/validate_doc_update.js");

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
        recovery: None,
    };
    first_list(&mut state).await?;
    Ok(state)
}

/// HMAC-SHA-256 of a purpose's label under the invite secret.
async fn stretch(
    secret: &[u8; INVITE_SECRET_LEN],
    purpose: InviteUse,
) -> Result<Vec<u8>, SyncCryptoError> {
    hmac_sha256(&secret[..], purpose.label()).await
}

/// HMAC-SHA-256 of `label` under `secret` (WebCrypto).
pub(crate) async fn hmac_sha256(secret: &[u8], label: &[u8]) -> Result<Vec<u8>, SyncCryptoError> {
    let subtle = subtle()?;
    let params = dict(&[("name", "HMAC".into()), ("hash", "SHA-256".into())]);
    let key: CryptoKey = resolve(
        subtle.import_key_with_object(
            "raw",
            &js_sys::Uint8Array::from(secret),
            &params,
            false,
            &usages(&["sign"]),
        ),
        SyncCryptoError::Failed("HMAC".into()),
    )
    .await?
    .unchecked_into();
    let mac = resolve(
        subtle.sign_with_object_and_u8_array(&params, &key, label),
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
        recovery: None,
    })
}

/// How long after its expiry an invitation's answer is still looked for (the coordinator's phone
/// may not sync again the same day).
const ANSWER_GRACE_SECS: i64 = 7 * 24 * 3600;

/// The coordinator's phone adds each device that answered one of its invitations, with the role
/// chosen for that invitation: one new signed list per device. Returns the updated team and how
/// many joined.
pub async fn admit_joins(
    state: &TeamState,
    now_secs: i64,
) -> Result<(TeamState, usize), TeamError> {
    let mut next = state.clone();
    if next.pending.is_empty() || next.members.is_none() {
        return Ok((next, 0));
    }
    let me = device_keys(&next).await?;
    let transport = next.transport()?;
    let mut admitted = 0;
    let mut waiting = Vec::new();
    for invite in std::mem::take(&mut next.pending) {
        let Some(answer) = read_answer(&transport, &invite.secret).await? else {
            if now_secs < invite.expires_at + ANSWER_GRACE_SECS {
                waiting.push(invite);
            }
            continue;
        };
        let held = next.members.clone().ok_or(TeamError::NotCoordinator)?;
        if held.list.entry(&answer.device).is_some() {
            continue;
        }
        let entry = MemberEntry {
            device: answer.device.clone(),
            fingerprint: answer.keys.fingerprint().await?,
            account: answer.account,
            role: invite.role,
            removed_from_epoch: None,
        };
        let list = held.list.adding(entry)?;
        let mut keys = held.keys.clone();
        keys.insert(answer.device, answer.keys);
        let signed = SignedList::sign(list, &me, &next.device, keys, BTreeMap::new()).await?;
        publish(&transport, &next, &signed, held.list.epoch).await?;
        next.members = Some(signed);
        admitted += 1;
    }
    next.pending = waiting;
    Ok((next, admitted))
}
