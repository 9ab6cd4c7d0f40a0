//! Transferring a case to another organisation (a referral that moves the case): the child's
//! consent is checked first, as for referrals; the receiving team is the one whose device
//! fingerprint was compared in person; the sending device signs a transfer record and the
//! receiving device signs a receipt over its hash, and both teams keep both.
//!
//! A transfer carries the whole case, identifying details included, so it needs two consents in
//! force: to be referred ([`ConsentPurpose::Referral`], what `Case::refer` checks) and to share
//! the child's information ([`ConsentPurpose::InformationSharing`], what the referral document
//! checks before it shows the child's details).
use super::permission::Action;
use super::role::Role;
use super::signed::{sha256, signing_bytes, Hash32, Roster, SignatureProblem, Verifier};
use crate::case::{Case, ConsentPurpose};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The consents a transfer rests on, in the order they are checked.
pub const TRANSFER_CONSENTS: [ConsentPurpose; 2] =
    [ConsentPurpose::Referral, ConsentPurpose::InformationSharing];

/// The receiving team, as identified in person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receiver {
    /// The receiving team's id (its database name on its own server).
    pub team: String,
    /// The fingerprint of the receiving coordinator's device, as shown on their phone.
    pub fingerprint: String,
    /// Whether the sender compared it with the receiver's phone (QR scanned, or read aloud).
    pub compared_in_person: bool,
    /// That device's raw public signing key (the shell checked it gives the fingerprint).
    pub sign_key: Vec<u8>,
}

/// Why a transfer is refused. Stable ids (`workflow.transfer.<id>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferRefused {
    /// This consent is not in force now: ask for it, or do not transfer.
    WithoutConsent(ConsentPurpose),
    /// The member's role may not transfer cases out.
    NotPermitted,
    /// A closed case is not transferred (reopen it first).
    CaseClosed,
    /// The receiving team was not identified in person, or its fingerprint is not one.
    ReceiverNotIdentified,
    /// The receiving team is this team.
    SameTeam,
}

impl TransferRefused {
    pub fn id(self) -> &'static str {
        match self {
            TransferRefused::WithoutConsent(ConsentPurpose::Referral) => "without_referral_consent",
            TransferRefused::WithoutConsent(ConsentPurpose::InformationSharing) => {
                "without_sharing_consent"
            }
            TransferRefused::WithoutConsent(_) => "without_consent",
            TransferRefused::NotPermitted => "not_permitted",
            TransferRefused::CaseClosed => "case_closed",
            TransferRefused::ReceiverNotIdentified => "receiver_not_identified",
            TransferRefused::SameTeam => "same_team",
        }
    }
}

/// A consent a transfer rested on: its purpose and when it was given (no one's name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentBasis {
    pub purpose: ConsentPurpose,
    pub given_at: DateTime<Utc>,
}

/// The signed part of a transfer record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferBody {
    pub id: String,
    pub case: String,
    pub from_team: String,
    pub to_team: String,
    pub to_fingerprint: String,
    pub consents: Vec<ConsentBasis>,
    /// The sending device.
    pub by: String,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferRecord {
    pub body: TransferBody,
    pub signature: Vec<u8>,
}

impl TransferBody {
    pub fn signing_bytes(&self) -> Vec<u8> {
        signing_bytes("senda-transfer-v1", self)
    }
}

impl TransferRecord {
    /// What a receipt signs: the whole signed record.
    pub fn hash(&self) -> Hash32 {
        Hash32(sha256(&[&self.body.signing_bytes(), &self.signature]))
    }
}

/// Whether a fingerprint has the shape phones show (`XXXX-XXXX-XXXX-XXXX`, Crockford base32).
pub fn is_fingerprint(text: &str) -> bool {
    const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 4
        && groups.iter().all(|g| g.len() == 4 && g.chars().all(|c| ALPHABET.contains(c)))
}

/// Checks a transfer of `case` by a member with `role` of `from_team` to `receiver` at `now`,
/// consent first; on success, the record's body for the device `by` to sign.
pub fn prepare_transfer(
    case: &Case,
    role: Role,
    from_team: &str,
    receiver: &Receiver,
    id: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Result<TransferBody, TransferRefused> {
    let mut consents = Vec::new();
    for purpose in TRANSFER_CONSENTS {
        let consent =
            case.consent_in_force(purpose, now).ok_or(TransferRefused::WithoutConsent(purpose))?;
        consents.push(ConsentBasis { purpose, given_at: consent.given_at });
    }
    if !role.may(Action::TransferOut) {
        return Err(TransferRefused::NotPermitted);
    }
    if case.status().is_closed() {
        return Err(TransferRefused::CaseClosed);
    }
    if !receiver.compared_in_person || !is_fingerprint(&receiver.fingerprint) {
        return Err(TransferRefused::ReceiverNotIdentified);
    }
    if receiver.team == from_team {
        return Err(TransferRefused::SameTeam);
    }
    Ok(TransferBody {
        id: id.to_owned(),
        case: case.id().to_string(),
        from_team: from_team.to_owned(),
        to_team: receiver.team.clone(),
        to_fingerprint: receiver.fingerprint.clone(),
        consents,
        by: by.to_owned(),
        at: now,
    })
}

/// The receiving device's signed acknowledgement of a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptBody {
    pub transfer: Hash32,
    pub to_team: String,
    pub by: String,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferReceipt {
    pub body: ReceiptBody,
    pub signature: Vec<u8>,
}

impl ReceiptBody {
    pub fn signing_bytes(&self) -> Vec<u8> {
        signing_bytes("senda-transfer-receipt-v1", self)
    }
}

/// Why a record or a receipt is not trusted. Stable ids (`workflow.transfer.record.<id>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordProblem {
    Signature(SignatureProblem),
    /// The sender's role may not transfer cases out.
    NotPermitted,
    /// Addressed to another team, or a receipt for another record.
    NotForThis,
    /// The record does not show both consents.
    NoConsent,
}

fn shows_consents(body: &TransferBody) -> bool {
    TRANSFER_CONSENTS.iter().all(|p| body.consents.iter().any(|c| c.purpose == *p))
}

/// The sending team's check of a record (any member, from its roster).
pub fn verify_record(
    record: &TransferRecord,
    roster: &Roster,
    verifier: &dyn Verifier,
) -> Result<(), RecordProblem> {
    let b = &record.body;
    let role = roster
        .check(verifier, &b.by, &b.signing_bytes(), &record.signature)
        .map_err(RecordProblem::Signature)?;
    if !role.may(Action::TransferOut) {
        return Err(RecordProblem::NotPermitted);
    }
    if !shows_consents(b) {
        return Err(RecordProblem::NoConsent);
    }
    Ok(())
}

/// The receiving team's check of a delivered record, with the sender's public key it compared
/// in person, before it takes the case.
pub fn verify_delivery(
    record: &TransferRecord,
    my_team: &str,
    sender_key: &[u8],
    verifier: &dyn Verifier,
) -> Result<(), RecordProblem> {
    if !verifier.verify(sender_key, &record.body.signing_bytes(), &record.signature) {
        return Err(RecordProblem::Signature(SignatureProblem::BadSignature));
    }
    if record.body.to_team != my_team {
        return Err(RecordProblem::NotForThis);
    }
    if !shows_consents(&record.body) {
        return Err(RecordProblem::NoConsent);
    }
    Ok(())
}

/// The receipt's body for `record`, for the receiving device `by` to sign.
pub fn receipt_for(record: &TransferRecord, by: &str, at: DateTime<Utc>) -> ReceiptBody {
    ReceiptBody {
        transfer: record.hash(),
        to_team: record.body.to_team.clone(),
        by: by.to_owned(),
        at,
    }
}

/// The sending team's check of a receipt, with the receiver identified in person.
pub fn verify_receipt(
    receipt: &TransferReceipt,
    record: &TransferRecord,
    receiver: &Receiver,
    verifier: &dyn Verifier,
) -> Result<(), RecordProblem> {
    if !verifier.verify(&receiver.sign_key, &receipt.body.signing_bytes(), &receipt.signature) {
        return Err(RecordProblem::Signature(SignatureProblem::BadSignature));
    }
    if receipt.body.transfer != record.hash() || receipt.body.to_team != receiver.team {
        return Err(RecordProblem::NotForThis);
    }
    Ok(())
}

/// A device's public signing key as a transfer log keeps it: its suite's code and raw bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignKey {
    pub suite: String,
    pub key: Vec<u8>,
}

/// A transfer record as the case's workflow log keeps it, on both teams' phones: the signed
/// record, the sending device's signing key (the receiver compared its fingerprint) and the
/// receiving device's (the sender compared it), so that either side checks record and receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferLogged {
    pub record: TransferRecord,
    pub sender: SignKey,
    pub receiver: SignKey,
}

/// A receipt as the case's workflow log keeps it (the case it is about: the receipt signs the
/// record's hash, which names it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptLogged {
    pub case: String,
    pub receipt: TransferReceipt,
}

/// One transfer of a case as its log shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferStatus {
    pub body: TransferBody,
    /// The record's signature checks with the sending device's key.
    pub signed: bool,
    /// The receiving device's receipt, when one that checks is in the log.
    pub received: Option<ReceiptBody>,
}

/// The transfers in a case's log (`records` and `receipts` in log order), each with whether its
/// record's signature checks and the first receipt for it that checks.
pub fn transfer_log(
    records: &[&TransferLogged],
    receipts: &[&TransferReceipt],
    verifier: &dyn Verifier,
) -> Vec<TransferStatus> {
    records
        .iter()
        .map(|t| {
            let r = &t.record;
            let signed = verifier.verify(&t.sender.key, &r.body.signing_bytes(), &r.signature);
            let receiver = Receiver {
                team: r.body.to_team.clone(),
                fingerprint: r.body.to_fingerprint.clone(),
                compared_in_person: true,
                sign_key: t.receiver.key.clone(),
            };
            let received = receipts
                .iter()
                .find(|q| verify_receipt(q, r, &receiver, verifier).is_ok())
                .map(|q| q.body.clone());
            TransferStatus { body: r.body.clone(), signed, received }
        })
        .collect()
}

/// The case as it leaves for another organisation: its content without the sending team's
/// workflow log (handovers, reviews, the BID panel, the signed history). Those records are
/// signed by the sending team's devices, which the receiving team cannot check (every one would
/// show as invalid or as tampering there) and name this team's devices; they stay with the
/// sender, whose copy keeps them and the signed transfer record.
pub fn case_for_transfer(case: &Case) -> Case {
    let mut out = case.clone();
    out.workflow.clear();
    out
}

/// The case as the receiving phone keeps it: the content that was sealed, without any workflow
/// log it carried (as [`case_for_transfer`], also for a sender that did not drop it), and, when
/// this phone already holds the case (it was transferred from here before and comes back), the
/// log this phone kept: its own signed history is never dropped by a transfer.
pub fn received_case(incoming: &Case, here: Option<&Case>) -> Case {
    let mut out = case_for_transfer(incoming);
    if let Some(here) = here.filter(|h| h.id() == incoming.id()) {
        out.workflow = here.workflow.clone();
    }
    out
}

#[cfg(test)]
#[path = "transfer_tests.rs"]
mod tests;
