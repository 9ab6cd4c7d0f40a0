//! A case's signed, append-only audit chain: who (which device), what (the kind of action, never
//! the content) and when, each entry linked to the device's previous one by its hash and signed
//! by the device; verification says which entry was tampered with, is missing or is out of order.
//!
//! Each device keeps its own chain per case (a phone is the only writer of its chain, so two
//! phones working offline never fork one chain); the case's history is the union of its
//! devices' chains, ordered by time. A missing last entry cannot be seen from the entries alone:
//! the phone passes the highest entry number it saw before for each device (`known_heads`).
use super::signed::{sha256, signing_bytes, Hash32, Roster, SignatureProblem, Verifier};
use crate::case::AuditAction;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What was done: the case's own audit actions, and the team workflows' (no content in either).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChainAction {
    Case(AuditAction),
    /// A review decision or a panel result was opened.
    ViewedDecision,
    HandedOver,
    HandoverAnswered,
    ReviewRequested,
    ReviewDecided,
    PanelUndertaking,
    PanelVoted,
    TransferredOut,
    TransferReceived,
}

/// The signed part of an entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryBody {
    pub case: String,
    pub device: String,
    /// The entry's number in this device's chain for this case, from 0.
    pub seq: u64,
    /// The hash of this device's previous entry ([`ChainEntry::hash`]); zero for entry 0.
    pub prev: Hash32,
    /// The device's clock, seconds since 1970.
    pub at: i64,
    pub action: ChainAction,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainEntry {
    pub body: EntryBody,
    pub signature: Vec<u8>,
}

impl EntryBody {
    pub fn signing_bytes(&self) -> Vec<u8> {
        signing_bytes("senda-audit-v1", self)
    }

    /// The next entry of `device`'s chain after `previous` (its last entry, if any).
    pub fn next(
        case: &str,
        device: &str,
        previous: Option<&ChainEntry>,
        at: i64,
        action: ChainAction,
    ) -> EntryBody {
        EntryBody {
            case: case.to_owned(),
            device: device.to_owned(),
            seq: previous.map_or(0, |p| p.body.seq + 1),
            prev: previous.map_or(Hash32::default(), ChainEntry::hash),
            at,
            action,
        }
    }
}

impl ChainEntry {
    /// The hash the next entry links to: over the signed bytes and the signature.
    pub fn hash(&self) -> Hash32 {
        Hash32(sha256(&[&self.body.signing_bytes(), &self.signature]))
    }
}

/// What is wrong in a case's history. Stable ids (`workflow.audit.<id>`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChainProblem {
    /// The entry's signature does not hold (changed after signing, or an unknown device).
    Tampered { device: String, seq: u64 },
    /// Entries `from..=to` of the device's chain are not here.
    Missing { device: String, from: u64, to: u64 },
    /// The entry does not link to the entry before it but to another of the chain.
    Reordered { device: String, seq: u64 },
    /// Two different entries with the same number.
    Forked { device: String, seq: u64 },
    /// An entry of another case was found in this case's history.
    OtherCase { device: String, seq: u64 },
}

impl ChainProblem {
    pub fn id(&self) -> &'static str {
        match self {
            ChainProblem::Tampered { .. } => "tampered",
            ChainProblem::Missing { .. } => "missing",
            ChainProblem::Reordered { .. } => "reordered",
            ChainProblem::Forked { .. } => "forked",
            ChainProblem::OtherCase { .. } => "other_case",
        }
    }
}

/// A case's history as verified: the entries whose signatures hold, by time (then device and
/// number), and every problem found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    pub entries: Vec<ChainEntry>,
    pub problems: Vec<ChainProblem>,
}

impl History {
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Verifies `case`'s history from its entries as received (any order, duplicates allowed).
pub fn verify_history(
    case: &str,
    entries: &[ChainEntry],
    known_heads: &BTreeMap<String, u64>,
    roster: &Roster,
    verifier: &dyn Verifier,
) -> History {
    let mut problems = Vec::new();
    let mut chains: BTreeMap<&str, Vec<&ChainEntry>> = BTreeMap::new();
    for e in entries {
        let b = &e.body;
        let at = |device: &str| (device.to_owned(), b.seq);
        if b.case != case {
            let (device, seq) = at(&b.device);
            problems.push(ChainProblem::OtherCase { device, seq });
        } else if let Err(SignatureProblem::BadSignature | SignatureProblem::UnknownSigner) =
            roster.check(verifier, &b.device, &b.signing_bytes(), &e.signature)
        {
            let (device, seq) = at(&b.device);
            problems.push(ChainProblem::Tampered { device, seq });
        } else {
            // A removed device's past entries still count in its history: they were signed
            // while it was a member (a removed phone's later writes cannot reach the team).
            chains.entry(b.device.as_str()).or_default().push(e);
        }
    }
    let devices: BTreeSet<String> = chains.keys().map(|d| (*d).to_owned()).collect();
    let mut kept = Vec::new();
    for (device, mut chain) in chains {
        chain.sort_by(|a, b| (a.body.seq, &a.signature).cmp(&(b.body.seq, &b.signature)));
        chain.dedup_by(|a, b| a == b);
        let hashes: BTreeMap<Hash32, u64> = chain.iter().map(|e| (e.hash(), e.body.seq)).collect();
        let mut expected = 0u64;
        let mut previous: Option<&ChainEntry> = None;
        for e in chain {
            let seq = e.body.seq;
            if previous.is_some_and(|p| p.body.seq == seq) {
                problems.push(ChainProblem::Forked { device: device.to_owned(), seq });
                continue;
            }
            if seq > expected {
                problems.push(ChainProblem::Missing {
                    device: device.to_owned(),
                    from: expected,
                    to: seq - 1,
                });
            }
            let links = match previous.filter(|p| p.body.seq + 1 == seq) {
                Some(p) => e.body.prev == p.hash(),
                None if seq == 0 => e.body.prev == Hash32::default(),
                None => true, // its predecessor is missing: already reported
            };
            if !links {
                problems.push(if hashes.contains_key(&e.body.prev) {
                    ChainProblem::Reordered { device: device.to_owned(), seq }
                } else {
                    ChainProblem::Missing { device: device.to_owned(), from: seq - 1, to: seq - 1 }
                });
            }
            expected = seq + 1;
            previous = Some(e);
            kept.push(e.clone());
        }
        if let Some(head) = known_heads.get(device).copied().filter(|h| *h >= expected) {
            problems.push(ChainProblem::Missing {
                device: device.to_owned(),
                from: expected,
                to: head,
            });
        }
    }
    for (device, head) in known_heads {
        if !devices.contains(device.as_str()) {
            problems.push(ChainProblem::Missing { device: device.clone(), from: 0, to: *head });
        }
    }
    kept.sort_by(|a, b| {
        (a.body.at, &a.body.device, a.body.seq).cmp(&(b.body.at, &b.body.device, b.body.seq))
    });
    problems.sort();
    problems.dedup();
    History { entries: kept, problems }
}

#[cfg(test)]
#[path = "audit_tests.rs"]
mod tests;
