//! Transfers between organisations on this phone: the team's inbox (`<team>-inbox`, opened by
//! a coordinator's phone, its add-only account derived from the team's list seed), this phone's
//! partner card, a delivery sealed for one device (a fresh AES-GCM key wrapped by ephemeral
//! ECDH for the receiving device's key, as team keys are), sending a transfer, reading the
//! inbox, accepting a transfer with a signed receipt sent back, and checking a case's transfers.

use super::crypto::{KeyKind, Sealed, SecretKey, SyncCryptoError};
use super::device_keys::WrappedForDevice;
use super::device_keys::{wrap_for_device, DeviceKeys, DevicePublicKeys, DeviceSuite};
use super::team::hmac_sha256;
use super::team_state::{hex, TeamError, TeamState};
use super::transport::{Transport, TransportError};
use senda_core::case::Case;
use senda_core::sync::b64;
use senda_core::sync::envelope::{DocId, DocKind};
use senda_core::workflow::entry::WorkflowEntry;
use senda_core::workflow::partner_card::{inbox_db_name, PartnerCard};
use senda_core::workflow::role::Role;
use senda_core::workflow::signed::Checked;
use senda_core::workflow::transfer::{
    case_for_transfer, prepare_transfer, receipt_for, received_case, transfer_log, verify_delivery,
    ReceiptLogged, RecordProblem, SignKey, TransferLogged, TransferReceipt, TransferRecord,
    TransferRefused, TransferStatus,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The validation every inbox gets as `_design/senda`.
const VALIDATE_INBOX: &str = include_str!("../../server/validate_inbox.js");
/// The key id of a sealed delivery (format 1).
const KID: &str = "tr1";
const WRAP_CONTEXT: &[u8] = b"senda.transfer.v1";
const AD: &[u8] = b"senda.transfer.delivery.v1";

/// Why a transfer step did not happen. Message keys `transfer.error.*` (or the cause's).
#[derive(Clone, Debug, PartialEq)]
pub enum TransferError {
    /// The rules refused it (consent first): nothing was sent.
    Refused(TransferRefused),
    /// This team has no inbox for the receipt yet, and this phone cannot open one.
    NoInbox,
    /// The partner card's keys are not a device's keys.
    BadCard,
    /// A delivery's record does not check.
    Record(RecordProblem),
    Team(TeamError),
}

impl TransferError {
    pub fn message_key(&self) -> &'static str {
        match self {
            TransferError::Refused(_) => "transfer.error.refused",
            TransferError::NoInbox => "transfer.error.no_inbox",
            TransferError::BadCard => "transfer.error.bad_card",
            TransferError::Record(_) => "transfer.error.record",
            TransferError::Team(e) => e.message_key(),
        }
    }
}

impl From<TeamError> for TransferError {
    fn from(e: TeamError) -> TransferError {
        TransferError::Team(e)
    }
}

impl From<TransportError> for TransferError {
    fn from(e: TransportError) -> TransferError {
        TransferError::Team(TeamError::Transport(e))
    }
}

impl From<SyncCryptoError> for TransferError {
    fn from(e: SyncCryptoError) -> TransferError {
        TransferError::Team(TeamError::Crypto(e))
    }
}

/// What a sealed delivery holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Delivery {
    /// A case transferred: the signed record, the sender's own partner card (for the receipt)
    /// and the whole case as its record stores it.
    Transfer { record: TransferRecord, from: String, case: Value },
    /// The receiving device's signed receipt of a record.
    Receipt { case: String, receipt: TransferReceipt },
}

/// The device keys a partner card names.
pub fn card_keys(card: &PartnerCard) -> Result<DevicePublicKeys, TransferError> {
    let suite = DeviceSuite::from_code(&card.suite).ok_or(TransferError::BadCard)?;
    Ok(DevicePublicKeys { suite, agree: card.agree.clone(), sign: card.sign.clone() })
}

/// The fingerprint of the card's device, computed here from its keys (never read off the card).
pub async fn card_fingerprint(card: &PartnerCard) -> Result<String, TransferError> {
    card_keys(card)?.fingerprint().await.map_err(|_| TransferError::BadCard)
}

/// The inbox's add-only account, derived from the team's list seed: every phone of the team
/// knows it; the server learns only the password.
async fn inbox_account(state: &TeamState) -> Result<(String, String), SyncCryptoError> {
    let name = hmac_sha256(&state.list_seed, b"senda-inbox-account-v1").await?;
    let password = hmac_sha256(&state.list_seed, b"senda-inbox-password-v1").await?;
    Ok((
        format!("p-{}", hex(&name[..10])),
        b64::encode(&password).replace(['+', '/', '='], "").chars().take(32).collect(),
    ))
}

/// This phone's partner card: its team, its inbox, its device's keys.
pub async fn my_card(state: &TeamState) -> Result<PartnerCard, TransferError> {
    let keys = state.device_keys.as_ref().ok_or(TransferError::NoInbox)?;
    let (account, password) = inbox_account(state).await?;
    Ok(PartnerCard {
        team: state.db.clone(),
        suite: keys.public.suite.code().to_owned(),
        agree: keys.public.agree.clone(),
        sign: keys.public.sign.clone(),
        account,
        password,
        server: state.server.clone(),
    })
}

fn inbox_of(card: &PartnerCard) -> Result<Transport, TransportError> {
    Transport::new(&card.server, &card.inbox_db())?.with_basic_auth(&card.account, &card.password)
}

/// Whether this team's inbox is open (its account reaches it).
pub async fn inbox_is_open(state: &TeamState) -> Result<bool, TransferError> {
    match inbox_of(&my_card(state).await?)?.request("GET", "", None).await {
        Ok(reply) => Ok(reply.status == 200),
        Err(TransportError::Unauthorised { .. } | TransportError::Forbidden { .. }) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Opens this team's inbox on its server (a coordinator's phone, with the administrator's
/// credentials): the database, the add-only validation, the account, members only. Idempotent.
pub async fn open_inbox(state: &TeamState) -> Result<(), TransferError> {
    let (name, admin_password) = state.admin.as_ref().ok_or(TransferError::NoInbox)?;
    let root = Transport::new(&state.server, &inbox_db_name(&state.db))?
        .with_basic_auth(name, admin_password)?;
    let made = root.request("PUT", "", None).await?;
    if ![201, 202, 412].contains(&made.status) {
        return Err(TeamError::Server("creating the inbox").into());
    }
    let source: String =
        VALIDATE_INBOX.lines().skip_while(|l| l.starts_with("//")).collect::<Vec<_>>().join("\n");
    let old = root.request("GET", "_design/senda", None).await?;
    if old.status != 200 || old.body["validate_doc_update"] != Value::String(source.clone()) {
        let mut design = json!({ "validate_doc_update": source });
        if old.status == 200 {
            design["_rev"] = old.body["_rev"].clone();
        }
        let put = root.request("PUT", "_design/senda", Some(&design.to_string())).await?;
        if put.status != 201 && put.status != 202 {
            return Err(TeamError::Server("installing the inbox's validation").into());
        }
    }
    let (account, password) = inbox_account(state).await?;
    root.put_user(&account, &password).await?;
    let security = json!({
        "admins": { "names": [], "roles": [] },
        "members": { "names": [account], "roles": [] },
    });
    let put = root.request("PUT", "_security", Some(&security.to_string())).await?;
    if put.status != 200 && put.status != 201 {
        return Err(TeamError::Server("the inbox's members").into());
    }
    Ok(())
}

fn context(team: &str) -> Vec<u8> {
    [WRAP_CONTEXT, &[0], team.as_bytes()].concat()
}

fn ad(id: &str, team: &str) -> Vec<u8> {
    [AD, &[0], id.as_bytes(), &[0], team.as_bytes()].concat()
}

/// `payload` sealed for the device `recipient` of `team` as the inbox document `id`: a fresh
/// key encrypts it (bound to the id and the team), wrapped for that device alone.
pub async fn seal(
    recipient: &DevicePublicKeys,
    team: &str,
    id: &DocId,
    payload: &[u8],
) -> Result<Value, SyncCryptoError> {
    let key = SecretKey::generate(KeyKind::Case).await?;
    let wrapped = wrap_for_device(&key, recipient, &context(team)).await?;
    let sealed = key.seal(payload, &ad(id.as_str(), team)).await?;
    Ok(json!({
        "_id": id.as_str(), "v": 1, "kid": KID,
        "iv": b64::encode(&sealed.iv), "ct": b64::encode(&sealed.ct),
        "eph": b64::encode(&wrapped.ephemeral), "salt": b64::encode(&wrapped.salt),
        "wk": b64::encode(&wrapped.wrapped),
    }))
}

/// Opens what [`seal`] sealed for this device of `team`: a delivery for another device or
/// team, or changed bytes, is refused.
pub async fn open(keys: &DeviceKeys, team: &str, doc: &Value) -> Result<Vec<u8>, SyncCryptoError> {
    let field = |name: &str| {
        doc.get(name)
            .and_then(Value::as_str)
            .and_then(|t| b64::decode(t).ok())
            .ok_or(SyncCryptoError::NotAuthentic)
    };
    let id = doc.get("_id").and_then(Value::as_str).ok_or(SyncCryptoError::NotAuthentic)?;
    if doc.get("kid").and_then(Value::as_str) != Some(KID) {
        return Err(SyncCryptoError::NotAuthentic);
    }
    let wrapped =
        WrappedForDevice { ephemeral: field("eph")?, salt: field("salt")?, wrapped: field("wk")? };
    let key = keys.unwrap(&wrapped, KeyKind::Case, &context(team)).await?;
    let iv = field("iv")?.try_into().map_err(|_| SyncCryptoError::NotAuthentic)?;
    key.open(&Sealed { iv, ct: field("ct")? }, &ad(id, team)).await
}

/// Seals `delivery` for the card's device and adds it to the card's inbox.
pub async fn deliver(card: &PartnerCard, delivery: &Delivery) -> Result<(), TransferError> {
    let recipient = card_keys(card)?;
    let id = DocId::new(DocKind::Event, super::crypto::random_bytes::<16>()?);
    let payload = serde_json::to_vec(delivery).map_err(|_| TransferError::BadCard)?;
    let doc = seal(&recipient, &card.team, &id, &payload).await?;
    let put = inbox_of(card)?.request("PUT", id.as_str(), Some(&doc.to_string())).await?;
    if put.status != 201 && put.status != 202 {
        return Err(TeamError::Server("delivering to the partner's inbox").into());
    }
    Ok(())
}

fn sign_key(keys: &DevicePublicKeys) -> SignKey {
    SignKey { suite: keys.suite.code().to_owned(), key: keys.sign.clone() }
}

/// Transfers `case` to the card's team: the rules first (consent before anything else), then
/// this team's inbox for the receipt (opened here on a coordinator's phone), the record signed
/// by this device, the case sealed for the receiving device and added to its inbox. Returns the
/// log entry the case keeps; nothing is sent when anything before the delivery fails.
pub async fn send(
    state: &TeamState,
    case: &Case,
    role: Role,
    card: &PartnerCard,
    compared_in_person: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<WorkflowEntry, TransferError> {
    let fingerprint = card_fingerprint(card).await?;
    let id = hex(&super::crypto::random_bytes::<16>()?);
    let body = prepare_transfer(
        case,
        role,
        &state.db,
        &card.receiver(&fingerprint, compared_in_person),
        &id,
        &state.device,
        now,
    )
    .map_err(TransferError::Refused)?;
    // The receipt comes back to this team's inbox: a coordinator's phone opens it (idempotent),
    // another phone needs it open already.
    if state.admin.is_some() {
        open_inbox(state).await?;
    } else if !inbox_is_open(state).await? {
        return Err(TransferError::NoInbox);
    }
    let stored = state.device_keys.as_ref().ok_or(TransferError::NoInbox)?;
    let signature = DeviceKeys::from_stored(stored).await?.sign(&body.signing_bytes()).await?;
    let record = TransferRecord { body, signature };
    let delivery = Delivery::Transfer {
        record: record.clone(),
        from: my_card(state).await?.to_text(),
        case: serde_json::to_value(case_for_transfer(case)).map_err(|_| TransferError::BadCard)?,
    };
    deliver(card, &delivery).await?;
    Ok(WorkflowEntry::Transfer(TransferLogged {
        record,
        sender: sign_key(&stored.public),
        receiver: sign_key(&card_keys(card)?),
    }))
}

/// A transfer waiting in this team's inbox, opened and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub record: TransferRecord,
    pub from: PartnerCard,
    /// The sending device's fingerprint, computed from its keys, to compare with its phone.
    pub from_fingerprint: String,
    pub case: Case,
    /// Why the record does not check (`None`: it does).
    pub problem: Option<RecordProblem>,
}

/// What this phone found in its team's inbox.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct InboxView {
    pub transfers: Vec<Incoming>,
    pub receipts: Vec<(String, TransferReceipt)>,
    /// Deliveries this device could not open (for another device, or damaged).
    pub unreadable: usize,
}

/// Reads this team's inbox with its account and opens what was sealed for this device.
pub async fn check_inbox(state: &TeamState) -> Result<InboxView, TransferError> {
    let stored = state.device_keys.as_ref().ok_or(TransferError::NoInbox)?;
    let keys = DeviceKeys::from_stored(stored).await?;
    let inbox = inbox_of(&my_card(state).await?)?;
    let reply = match inbox.request("GET", "_all_docs?include_docs=true", None).await {
        Ok(reply) => reply,
        Err(TransportError::Unauthorised { .. } | TransportError::Forbidden { .. }) => {
            return Err(TransferError::NoInbox)
        }
        Err(e) => return Err(e.into()),
    };
    let mut view = InboxView::default();
    let rows = reply.body.get("rows").and_then(Value::as_array).cloned().unwrap_or_default();
    for row in rows {
        let Some(doc) = row.get("doc") else { continue };
        if doc.get("_id").and_then(Value::as_str).is_some_and(|id| id.starts_with("_design/")) {
            continue;
        }
        let opened = open(&keys, &state.db, doc).await.ok();
        match opened.and_then(|bytes| serde_json::from_slice::<Delivery>(&bytes).ok()) {
            Some(Delivery::Transfer { record, from, case }) => {
                match incoming(state, record, &from, case).await {
                    Some(found) => view.transfers.push(found),
                    None => view.unreadable += 1,
                }
            }
            Some(Delivery::Receipt { case, receipt }) => view.receipts.push((case, receipt)),
            None => view.unreadable += 1,
        }
    }
    Ok(view)
}

async fn incoming(
    state: &TeamState,
    record: TransferRecord,
    from: &str,
    case: Value,
) -> Option<Incoming> {
    let from = PartnerCard::parse(from).ok()?;
    let sender = card_keys(&from).ok()?;
    let from_fingerprint = sender.fingerprint().await.ok()?;
    let case = senda_core::case::migrate(case).ok()?;
    let message = record.body.signing_bytes();
    let mut checked = Checked::default();
    if sender.verify(&message, &record.signature).await.is_ok() {
        checked.insert(&sender.sign, &message, &record.signature);
    }
    let mut problem = verify_delivery(&record, &state.db, &sender.sign, &checked).err();
    if problem.is_none() && record.body.case != case.id().to_string() {
        problem = Some(RecordProblem::NotForThis);
    }
    Some(Incoming { record, from, from_fingerprint, case, problem })
}

/// Accepts a transfer: signs the receipt, delivers it to the sender's inbox, and returns the
/// case with the record and the receipt in its log, for the caller to save into the vault (the
/// next sync shares it with the team). The log is this phone's own (`received_case`): `here`,
/// the copy this phone holds of a case coming back, keeps its signed records.
pub async fn accept(
    state: &TeamState,
    incoming: &Incoming,
    here: Option<&Case>,
    now: chrono::DateTime<chrono::Utc>,
    by: &senda_core::case::WorkerLabel,
) -> Result<Case, TransferError> {
    if let Some(problem) = incoming.problem {
        return Err(TransferError::Record(problem));
    }
    let stored = state.device_keys.as_ref().ok_or(TransferError::NoInbox)?;
    let body = receipt_for(&incoming.record, &state.device, now);
    let signature = DeviceKeys::from_stored(stored).await?.sign(&body.signing_bytes()).await?;
    let receipt = TransferReceipt { body, signature };
    let case_id = incoming.record.body.case.clone();
    let delivery = Delivery::Receipt { case: case_id.clone(), receipt: receipt.clone() };
    deliver(&incoming.from, &delivery).await?;
    let mut case = received_case(&incoming.case, here);
    let logged = TransferLogged {
        record: incoming.record.clone(),
        sender: sign_key(&card_keys(&incoming.from)?),
        receiver: sign_key(&stored.public),
    };
    case.add_workflow_entry(WorkflowEntry::Transfer(logged), now, by);
    let receipt = ReceiptLogged { case: case_id, receipt };
    case.add_workflow_entry(WorkflowEntry::TransferReceipt(receipt), now, by);
    Ok(case)
}

/// Whether `case`'s log already holds the transfer `record`.
pub fn holds(case: &Case, record: &TransferRecord) -> bool {
    case.workflow()
        .iter()
        .any(|e| matches!(e, WorkflowEntry::Transfer(t) if t.record.body.id == record.body.id))
}

fn logged_keys(key: &SignKey) -> Option<DevicePublicKeys> {
    let suite = DeviceSuite::from_code(&key.suite)?;
    Some(DevicePublicKeys { suite, agree: Vec::new(), sign: key.key.clone() })
}

/// The case's transfers, their records' and receipts' signatures checked with WebCrypto.
pub async fn statuses(case: &Case) -> Vec<TransferStatus> {
    let entries = case.workflow();
    let (records, receipts) = WorkflowEntry::transfers(&entries);
    let mut checked = Checked::default();
    for t in &records {
        let message = t.record.body.signing_bytes();
        if let Some(sender) = logged_keys(&t.sender) {
            if sender.verify(&message, &t.record.signature).await.is_ok() {
                checked.insert(&t.sender.key, &message, &t.record.signature);
            }
        }
        let Some(receiver) = logged_keys(&t.receiver) else { continue };
        for q in &receipts {
            let message = q.body.signing_bytes();
            if receiver.verify(&message, &q.signature).await.is_ok() {
                checked.insert(&t.receiver.key, &message, &q.signature);
            }
        }
    }
    transfer_log(&records, &receipts, &checked)
}
