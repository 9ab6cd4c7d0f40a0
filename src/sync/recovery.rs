//! The printed team recovery code: made on the coordinator's phone when the team is created (160
//! bits, shown once, never kept), stretched into the id seed and key of a sealed entry per team
//! key epoch holding every team key, the member lists' seed and the coordinator device's keys,
//! renewed at each new team key; and restoring the team on a new phone from the server's address,
//! its administrator's name and password and the code.

use super::crypto::{random_bytes, KeyKind, SecretKey};
use super::device_keys::StoredDeviceKeys;
use super::membership::{derived_doc_id, follow, remove_device};
use super::team::hmac_sha256;
use super::team_state::{
    hex, post_entry, read_entry, secret_text, set_members, RecoveryKeys, TeamError, TeamState,
};
use super::transport::Transport;
use senda_core::sync::b64;
use senda_core::sync::envelope::DocId;
use senda_core::sync::keys::{parse_recovery_code, recovery_code, RECOVERY_SECRET_LEN};
use senda_core::sync::team_rules::{
    is_team_db_name, recovery_kid, RECOVERY_ID_LABEL, RECOVERY_KEY_LABEL,
};
use serde_json::{json, Value};

/// How many epochs a restore looks through at most (each removal is one).
const MAX_EPOCHS: u32 = 1000;

async fn keys_of(secret: &[u8]) -> Result<RecoveryKeys, TeamError> {
    Ok(RecoveryKeys {
        id_seed: hmac_sha256(secret, RECOVERY_ID_LABEL).await?,
        key: hmac_sha256(secret, RECOVERY_KEY_LABEL).await?,
    })
}

async fn entry_id(keys: &RecoveryKeys, epoch: u32) -> Result<DocId, TeamError> {
    Ok(derived_doc_id(b"senda-recovery-v1\n", &keys.id_seed, u64::from(epoch)).await?)
}

/// Leaves the recovery entry of the team's current epoch (nothing on a phone without the code's
/// keys: a member's, or a team made before recovery codes).
pub async fn leave_recovery(state: &TeamState) -> Result<(), TeamError> {
    let Some(r) = &state.recovery else { return Ok(()) };
    let key = SecretKey::import_raw(&r.key, KeyKind::Case).await?;
    let keys: Vec<Value> = state
        .old_keys
        .iter()
        .chain([(state.epoch, state.team_key.clone())].iter())
        .map(|(e, k)| json!([e, b64::encode(k)]))
        .collect();
    let plain = json!({
        "t": "recovery", "epoch": state.epoch, "keys": keys, "seed": b64::encode(&state.list_seed),
        "device": state.device, "device_keys": state.device_keys,
    });
    let id = entry_id(r, state.epoch).await?;
    let kid = recovery_kid(state.epoch);
    post_entry(&state.transport()?, &id, &key, &kid, &plain, "leaving the recovery entry").await
}

/// Makes the team's recovery code (the coordinator's phone, right after creating the team):
/// leaves its entry and keeps only what renews it. Returns the code to print, shown this once.
pub async fn make_recovery(state: &mut TeamState) -> Result<String, TeamError> {
    let mut secret = random_bytes::<RECOVERY_SECRET_LEN>()?;
    let keys = keys_of(&secret).await;
    let code = recovery_code(&secret);
    secret.fill(0);
    state.recovery = Some(keys?);
    leave_recovery(state).await?;
    Ok(code)
}

/// Removes a device (see [`remove_device`]) and renews the recovery entry for the new team key.
pub async fn remove_and_renew(state: &TeamState, device: &str) -> Result<TeamState, TeamError> {
    let next = remove_device(state, device).await?;
    leave_recovery(&next).await?;
    Ok(next)
}

/// Restores the team on this phone with the printed code: finds the team database whose recovery
/// entry the code opens, makes this phone an account there, and takes the coordinator device's
/// place with every team key, then follows the member lists. The caller keeps it in the vault;
/// the next "Sync now" brings every case.
pub async fn restore(
    server: &str,
    admin: &str,
    admin_password: &str,
    code: &str,
) -> Result<TeamState, TeamError> {
    let mut secret = parse_recovery_code(code)?;
    let keys = keys_of(&secret).await;
    secret.fill(0);
    let keys = keys?;
    let key = SecretKey::import_raw(&keys.key, KeyKind::Case).await?;
    let root = Transport::new(server, "senda")?.with_basic_auth(admin, admin_password)?;
    for db in root.all_dbs().await?.into_iter().filter(|d| is_team_db_name(d)) {
        let transport = Transport::new(server, &db)?.with_basic_auth(admin, admin_password)?;
        let mut newest = None;
        for epoch in 1..=MAX_EPOCHS {
            let id = entry_id(&keys, epoch).await?;
            let kid = recovery_kid(epoch);
            match read_entry(&transport, &id, |k| (k == kid).then(|| key.clone())).await? {
                Some(entry) => newest = Some(entry),
                None => break,
            }
        }
        if let Some(entry) = newest {
            let state =
                restored(server, &db, &transport, (admin, admin_password), &entry, keys).await?;
            return follow(&state).await;
        }
    }
    Err(TeamError::RecoveryNotFound)
}

async fn restored(
    server: &str,
    db: &str,
    admin: &Transport,
    credentials: (&str, &str),
    entry: &Value,
    recovery: RecoveryKeys,
) -> Result<TeamState, TeamError> {
    let bad = || TeamError::Server("reading the recovery entry");
    let epoch = entry.get("epoch").and_then(Value::as_u64).ok_or_else(bad)? as u32;
    let mut all: Vec<(u32, Vec<u8>)> = entry
        .get("keys")
        .and_then(Value::as_array)
        .ok_or_else(bad)?
        .iter()
        .filter_map(|k| Some((k.get(0)?.as_u64()? as u32, b64::decode(k.get(1)?.as_str()?).ok()?)))
        .collect();
    let at = all.iter().position(|(e, _)| *e == epoch).ok_or_else(bad)?;
    let (_, team_key) = all.remove(at);
    SecretKey::import_raw(&team_key, KeyKind::Team).await?;
    let device_keys: StoredDeviceKeys = entry
        .get("device_keys")
        .cloned()
        .and_then(|k| serde_json::from_value(k).ok())
        .ok_or_else(bad)?;
    let device = entry.get("device").and_then(Value::as_str).ok_or_else(bad)?.to_owned();
    let list_seed = entry
        .get("seed")
        .and_then(Value::as_str)
        .and_then(|s| b64::decode(s).ok())
        .ok_or_else(bad)?;
    let account = format!("c-{}", hex(&random_bytes::<10>()?));
    let password = secret_text::<18>()?;
    admin.put_user(&account, &password).await?;
    set_members(admin, std::slice::from_ref(&account), &[]).await?;
    let anchor = device_keys.public.fingerprint().await?;
    Ok(TeamState {
        server: server.trim_end_matches('/').to_owned(),
        db: db.to_owned(),
        account,
        password,
        admin: Some((credentials.0.to_owned(), credentials.1.to_owned())),
        epoch,
        team_key,
        replica: format!("senda-sync-{}", hex(&random_bytes::<12>()?)),
        device,
        coordinator: true,
        last_sync_ms: None,
        device_keys: Some(device_keys),
        list_seed,
        members: None,
        anchor: Some(anchor),
        old_keys: all,
        pending: Vec::new(),
        recovery: Some(recovery),
    })
}
