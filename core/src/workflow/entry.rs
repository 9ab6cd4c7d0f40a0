//! One entry of a case's workflow log: the signed handover, review and BID panel records the
//! team's phones append to the case (its `workflow` section) and merge by union.
use super::audit::ChainEntry;
use super::handover::HandoverEvent;
use super::review::{PanelEntry, ReviewDecision, ReviewRequest};
use super::transfer::{ReceiptLogged, TransferLogged, TransferReceipt};
use serde::{Deserialize, Serialize};

/// A signed workflow record as the case stores it. Entries are only ever appended; the same
/// entry arriving twice (from two phones) is kept once. Whether an entry counts (its signature,
/// its author's role, its place in the handover or review) is decided by the rules in
/// [`super::handover`] and [`super::review`] when the log is read, never when it is stored:
/// a refused entry stays in the log, so every phone shows the same history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkflowEntry {
    Handover(HandoverEvent),
    ReviewRequest(ReviewRequest),
    ReviewDecision(ReviewDecision),
    Panel(PanelEntry),
    /// An entry of a device's signed audit chain (`audit`): who did what and when, no content.
    Audit(ChainEntry),
    Transfer(TransferLogged),
    TransferReceipt(ReceiptLogged),
}

/// What a workflow entry did, as the case's audit trail names it (never its content).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowAct {
    Handover,
    ReviewRequested,
    ReviewDecided,
    PanelRecorded,
    Transferred,
    TransferReceived,
}

impl WorkflowEntry {
    /// The case the entry is about (as its signed body says).
    pub fn case(&self) -> &str {
        match self {
            WorkflowEntry::Handover(e) => &e.body.case,
            WorkflowEntry::ReviewRequest(r) => &r.body.case,
            WorkflowEntry::ReviewDecision(d) => &d.body.case,
            WorkflowEntry::Panel(p) => &p.body.case,
            WorkflowEntry::Audit(a) => &a.body.case,
            WorkflowEntry::Transfer(t) => &t.record.body.case,
            WorkflowEntry::TransferReceipt(r) => &r.case,
        }
    }

    /// The device that signed it.
    pub fn author(&self) -> &str {
        match self {
            WorkflowEntry::Handover(e) => &e.body.by,
            WorkflowEntry::ReviewRequest(r) => &r.body.by,
            WorkflowEntry::ReviewDecision(d) => &d.body.by,
            WorkflowEntry::Panel(p) => &p.body.member,
            WorkflowEntry::Audit(a) => &a.body.device,
            WorkflowEntry::Transfer(t) => &t.record.body.by,
            WorkflowEntry::TransferReceipt(r) => &r.receipt.body.by,
        }
    }

    /// The author's clock when it was signed, seconds since 1970.
    pub fn at(&self) -> i64 {
        match self {
            WorkflowEntry::Handover(e) => e.body.at,
            WorkflowEntry::ReviewRequest(r) => r.body.at,
            WorkflowEntry::ReviewDecision(d) => d.body.at,
            WorkflowEntry::Panel(p) => p.body.at,
            WorkflowEntry::Audit(a) => a.body.at,
            WorkflowEntry::Transfer(t) => t.record.body.at.timestamp(),
            WorkflowEntry::TransferReceipt(r) => r.receipt.body.at.timestamp(),
        }
    }

    /// The bytes its author signed and the signature, to check with the author's public key.
    pub fn signed_parts(&self) -> (Vec<u8>, &[u8]) {
        match self {
            WorkflowEntry::Handover(e) => (e.body.signing_bytes(), &e.signature),
            WorkflowEntry::ReviewRequest(r) => (r.body.signing_bytes(), &r.signature),
            WorkflowEntry::ReviewDecision(d) => (d.body.signing_bytes(), &d.signature),
            WorkflowEntry::Panel(p) => (p.body.signing_bytes(), &p.signature),
            WorkflowEntry::Audit(a) => (a.body.signing_bytes(), &a.signature),
            WorkflowEntry::Transfer(t) => (t.record.body.signing_bytes(), &t.record.signature),
            WorkflowEntry::TransferReceipt(r) => {
                (r.receipt.body.signing_bytes(), &r.receipt.signature)
            }
        }
    }

    /// What the unsigned trail records of it; `None` for an audit chain entry (the record of
    /// an act is not itself an act).
    pub fn act(&self) -> Option<WorkflowAct> {
        Some(match self {
            WorkflowEntry::Handover(_) => WorkflowAct::Handover,
            WorkflowEntry::ReviewRequest(_) => WorkflowAct::ReviewRequested,
            WorkflowEntry::ReviewDecision(_) => WorkflowAct::ReviewDecided,
            WorkflowEntry::Panel(_) => WorkflowAct::PanelRecorded,
            WorkflowEntry::Transfer(_) => WorkflowAct::Transferred,
            WorkflowEntry::TransferReceipt(_) => WorkflowAct::TransferReceived,
            WorkflowEntry::Audit(_) => return None,
        })
    }

    /// The handover events among `entries`, in log order.
    pub fn handovers(entries: &[WorkflowEntry]) -> impl Iterator<Item = &HandoverEvent> {
        entries.iter().filter_map(|e| match e {
            WorkflowEntry::Handover(h) => Some(h),
            _ => None,
        })
    }

    /// The review requests among `entries`, in log order.
    pub fn requests(entries: &[WorkflowEntry]) -> impl Iterator<Item = &ReviewRequest> {
        entries.iter().filter_map(|e| match e {
            WorkflowEntry::ReviewRequest(r) => Some(r),
            _ => None,
        })
    }

    /// The review decisions among `entries`, in log order.
    pub fn decisions(entries: &[WorkflowEntry]) -> impl Iterator<Item = &ReviewDecision> {
        entries.iter().filter_map(|e| match e {
            WorkflowEntry::ReviewDecision(d) => Some(d),
            _ => None,
        })
    }

    /// The audit chain entries among `entries`, in log order.
    pub fn chain(entries: &[WorkflowEntry]) -> impl Iterator<Item = &ChainEntry> {
        entries.iter().filter_map(|e| match e {
            WorkflowEntry::Audit(a) => Some(a),
            _ => None,
        })
    }

    /// The BID panel entries among `entries`, in log order.
    pub fn panel(entries: &[WorkflowEntry]) -> impl Iterator<Item = &PanelEntry> {
        entries.iter().filter_map(|e| match e {
            WorkflowEntry::Panel(p) => Some(p),
            _ => None,
        })
    }

    /// The transfer records and the receipts among `entries`, in log order.
    pub fn transfers(entries: &[WorkflowEntry]) -> (Vec<&TransferLogged>, Vec<&TransferReceipt>) {
        let records = entries.iter().filter_map(|e| match e {
            WorkflowEntry::Transfer(t) => Some(t),
            _ => None,
        });
        let receipts = entries.iter().filter_map(|e| match e {
            WorkflowEntry::TransferReceipt(r) => Some(&r.receipt),
            _ => None,
        });
        (records.collect(), receipts.collect())
    }
}
