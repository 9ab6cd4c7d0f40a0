//! Supervisor review and the BID panel: a request to review a BIA, a BID report, a case plan or
//! a closure; a supervisor's signed decision (approve, or return with a comment) bound to the
//! SHA-256 of the exact version reviewed, so any member can check it without trusting the server
//! and an edit after approval shows the approval as outdated; each panel member's signed
//! confidentiality undertaking and vote, with dissent kept.
use super::permission::Action;
use super::signed::{sha256, signing_bytes, Hash32, Roster, SignatureProblem, Verifier};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// What is reviewed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewSubject {
    /// A best-interests assessment.
    Bia,
    /// A best-interests determination's report (what the panel decides on).
    BidReport,
    CasePlan,
    Closure,
}

impl ReviewSubject {
    pub const ALL: [ReviewSubject; 4] = [
        ReviewSubject::Bia,
        ReviewSubject::BidReport,
        ReviewSubject::CasePlan,
        ReviewSubject::Closure,
    ];

    /// Stable id (`workflow.review.subject.<id>`).
    pub fn id(self) -> &'static str {
        match self {
            ReviewSubject::Bia => "bia",
            ReviewSubject::BidReport => "bid_report",
            ReviewSubject::CasePlan => "case_plan",
            ReviewSubject::Closure => "closure",
        }
    }
}

/// The version hash of a document: SHA-256 over a domain label and the canonical JSON
/// (`signed::canonical_json`) of the case id, the subject and the document's value. Any change
/// to the document, however small, gives another hash; the same document gives the same hash on
/// every phone, whatever order its fields are in.
pub fn version_hash(case: &str, subject: ReviewSubject, document: &Value) -> Hash32 {
    let body = json!({ "case": case, "subject": subject, "document": document });
    Hash32(sha256(&[&signing_bytes("senda-review-document-v1", &body)]))
}

/// A worker's request for review (signed by the worker's device).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestBody {
    pub id: String,
    pub case: String,
    pub subject: ReviewSubject,
    /// The version the worker asks to have reviewed.
    pub version: Hash32,
    pub by: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRequest {
    pub body: RequestBody,
    pub signature: Vec<u8>,
}

impl RequestBody {
    pub fn signing_bytes(&self) -> Vec<u8> {
        signing_bytes("senda-review-request-v1", self)
    }
}

/// What the supervisor decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    Approve,
    /// Returned to the worker with what to change.
    Return {
        comment: String,
    },
}

/// A supervisor's decision over the exact version read (signed by the supervisor's device).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionBody {
    /// The request answered.
    pub request: String,
    pub case: String,
    pub subject: ReviewSubject,
    /// The version hash of the document the supervisor read.
    pub version: Hash32,
    pub verdict: Verdict,
    pub by: String,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDecision {
    pub body: DecisionBody,
    pub signature: Vec<u8>,
}

impl DecisionBody {
    pub fn signing_bytes(&self) -> Vec<u8> {
        signing_bytes("senda-review-decision-v1", self)
    }
}

/// Why a decision is not valid. Stable ids (`workflow.review.invalid.<id>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvalidDecision {
    Signature(SignatureProblem),
    /// Signed by a device whose role may not decide reviews (a caseworker's key, say).
    NotASupervisor,
    /// The decision names another request, case or document than the request.
    OtherDocument,
    /// A supervisor cannot decide on their own request.
    OwnRequest,
    /// A return must say what to change.
    ReturnWithoutComment,
}

impl InvalidDecision {
    pub fn id(self) -> &'static str {
        match self {
            InvalidDecision::Signature(p) => p.id(),
            InvalidDecision::NotASupervisor => "not_a_supervisor",
            InvalidDecision::OtherDocument => "other_document",
            InvalidDecision::OwnRequest => "own_request",
            InvalidDecision::ReturnWithoutComment => "return_without_comment",
        }
    }
}

/// What a decision is worth today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionStatus {
    /// Signed by a supervisor over the document as it is now.
    Valid,
    /// Signed by a supervisor, over an earlier version: the document changed since.
    Outdated,
    Invalid(InvalidDecision),
}

/// Checks `decision` against its `request`, the team's roster and the document's `current`
/// version hash.
pub fn check_decision(
    decision: &ReviewDecision,
    request: &RequestBody,
    roster: &Roster,
    verifier: &dyn Verifier,
    current: Hash32,
) -> DecisionStatus {
    let d = &decision.body;
    let role = match roster.check(verifier, &d.by, &d.signing_bytes(), &decision.signature) {
        Ok(role) => role,
        Err(p) => return DecisionStatus::Invalid(InvalidDecision::Signature(p)),
    };
    if !role.may(Action::DecideReview) {
        return DecisionStatus::Invalid(InvalidDecision::NotASupervisor);
    }
    if d.request != request.id || d.case != request.case || d.subject != request.subject {
        return DecisionStatus::Invalid(InvalidDecision::OtherDocument);
    }
    if d.by == request.by {
        return DecisionStatus::Invalid(InvalidDecision::OwnRequest);
    }
    if let Verdict::Return { comment } = &d.verdict {
        if comment.trim().is_empty() {
            return DecisionStatus::Invalid(InvalidDecision::ReturnWithoutComment);
        }
    }
    if d.version == current {
        DecisionStatus::Valid
    } else {
        DecisionStatus::Outdated
    }
}

/// Where a request stands, as the worker sees it on the case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewStatus {
    /// No valid decision yet: in the supervisors' queue.
    Waiting,
    Approved {
        by: String,
        at: i64,
    },
    /// Approved, but the document was edited after: the approval was for an earlier version.
    ApprovalOutdated {
        by: String,
        at: i64,
    },
    Returned {
        by: String,
        at: i64,
        comment: String,
    },
}

/// The status of `request` given the decisions received (any order): the latest decision that
/// is not invalid counts (by its time, then its signature's bytes). Invalid decisions are
/// returned beside it, to be shown as such.
pub fn review_status(
    request: &ReviewRequest,
    decisions: &[ReviewDecision],
    roster: &Roster,
    verifier: &dyn Verifier,
    current: Hash32,
) -> (ReviewStatus, Vec<(ReviewDecision, InvalidDecision)>) {
    let mut sorted: Vec<&ReviewDecision> =
        decisions.iter().filter(|d| d.body.request == request.body.id).collect();
    sorted.sort_by(|a, b| (a.body.at, &a.signature).cmp(&(b.body.at, &b.signature)));
    let mut status = ReviewStatus::Waiting;
    let mut invalid = Vec::new();
    for d in sorted {
        let (by, at) = (d.body.by.clone(), d.body.at);
        match (check_decision(d, &request.body, roster, verifier, current), &d.body.verdict) {
            (DecisionStatus::Invalid(why), _) => invalid.push((d.clone(), why)),
            (DecisionStatus::Valid, Verdict::Approve) => status = ReviewStatus::Approved { by, at },
            (DecisionStatus::Outdated, Verdict::Approve) => {
                status = ReviewStatus::ApprovalOutdated { by, at }
            }
            (_, Verdict::Return { comment }) => {
                status = ReviewStatus::Returned { by, at, comment: comment.clone() }
            }
        }
    }
    (status, invalid)
}

/// One request in a supervisor's queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueItem {
    pub request: String,
    pub case: String,
    pub subject: ReviewSubject,
    pub asked_by: String,
    /// Seconds since it was asked.
    pub waiting_secs: i64,
}

/// The review queue: the latest validly signed request of each (case, document) that has no
/// valid decision yet, oldest first. `current` gives a document's version hash now.
pub fn review_queue(
    requests: &[ReviewRequest],
    decisions: &[ReviewDecision],
    roster: &Roster,
    verifier: &dyn Verifier,
    current: impl Fn(&str, ReviewSubject) -> Option<Hash32>,
    now: i64,
) -> Vec<QueueItem> {
    let mut latest: BTreeMap<(&str, ReviewSubject), &ReviewRequest> = BTreeMap::new();
    for r in requests {
        let b = &r.body;
        let signed = roster
            .check(verifier, &b.by, &b.signing_bytes(), &r.signature)
            .is_ok_and(|role| role.may(Action::RequestReview));
        if !signed {
            continue;
        }
        let slot = latest.entry((b.case.as_str(), b.subject)).or_insert(r);
        if (b.at, &b.id) > (slot.body.at, &slot.body.id) {
            *slot = r;
        }
    }
    let mut out: Vec<QueueItem> = latest
        .into_values()
        .filter_map(|r| {
            let now_version = current(&r.body.case, r.body.subject)?;
            let (status, _) = review_status(r, decisions, roster, verifier, now_version);
            (status == ReviewStatus::Waiting).then(|| QueueItem {
                request: r.body.id.clone(),
                case: r.body.case.clone(),
                subject: r.body.subject,
                asked_by: r.body.by.clone(),
                waiting_secs: (now - r.body.at).max(0),
            })
        })
        .collect();
    out.sort_by(|a, b| b.waiting_secs.cmp(&a.waiting_secs).then(a.request.cmp(&b.request)));
    out
}

/// How many counted votes a BID panel's decision needs, by default.
///
/// **Verify locally.** The sources Senda relies on do not fix a BID panel's composition or
/// quorum (`shared/domain/SOURCES.md`, open gap 2: "UNHCR 2021 BIP: … BID panel composition and
/// quorum" not read); UNHCR's 2008 guidelines say only that the decision is normally taken by a
/// multidisciplinary panel. Three is Senda's placeholder, not a legal requirement: a team sets
/// its own rule by passing another quorum to [`panel_result`].
pub const BID_PANEL_QUORUM: usize = 3;

/// A panel member's vote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vote {
    /// For the option the BID report recommends.
    For,
    Against,
    Abstain,
}

/// What a panel member records from their own phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "act", rename_all = "snake_case")]
pub enum PanelAct {
    /// The member's undertaking of confidentiality (UNHCR's BIP toolbox has each BID panel
    /// member sign one).
    Undertaking,
    Vote {
        vote: Vote,
        reasons: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelBody {
    pub panel: String,
    pub case: String,
    /// The version hash of the BID report the member read.
    pub report: Hash32,
    pub member: String,
    pub at: i64,
    pub act: PanelAct,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelEntry {
    pub body: PanelBody,
    pub signature: Vec<u8>,
}

impl PanelBody {
    pub fn signing_bytes(&self) -> Vec<u8> {
        signing_bytes("senda-bid-panel-v1", self)
    }
}

/// Why a panel entry does not count. Stable ids (`workflow.panel.<id>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PanelRefusal {
    Signature(SignatureProblem),
    /// The member's role may not sit on a panel.
    NotPermitted,
    OtherPanel,
    /// No confidentiality undertaking from this member for this panel before the vote.
    NoUndertaking,
    /// Over another version of the BID report than the current one.
    OtherReport,
    /// The member already voted: the first vote counts, this one is kept but not counted.
    AlreadyVoted,
}

/// A counted vote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountedVote {
    pub member: String,
    pub vote: Vote,
    pub reasons: String,
    pub at: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelOutcome {
    /// Fewer counted votes than the quorum.
    NoQuorum {
        counted: usize,
        needed: usize,
    },
    /// More votes for than against (Senda's placeholder rule, like the quorum: verify locally).
    Adopted,
    NotAdopted,
}

/// A panel's result: its outcome, every counted vote, the dissent (votes against the outcome,
/// with their reasons), and the entries not counted with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PanelResult {
    pub outcome: PanelOutcome,
    pub votes: Vec<CountedVote>,
    pub dissent: Vec<CountedVote>,
    pub undertakings: Vec<String>,
    pub refused: Vec<(PanelEntry, PanelRefusal)>,
}

/// Counts panel `panel` of `case` over the BID report's `report` version hash now.
pub fn panel_result(
    panel: &str,
    case: &str,
    report: Hash32,
    entries: &[PanelEntry],
    roster: &Roster,
    verifier: &dyn Verifier,
    quorum: usize,
) -> PanelResult {
    let mut sorted: Vec<&PanelEntry> = entries.iter().collect();
    sorted.sort_by(|a, b| {
        (a.body.at, &a.body.member, &a.signature).cmp(&(b.body.at, &b.body.member, &b.signature))
    });
    sorted.dedup_by(|a, b| a == b);
    let mut refused = Vec::new();
    let mut valid = Vec::new();
    for e in sorted {
        let b = &e.body;
        let why = match roster.check(verifier, &b.member, &b.signing_bytes(), &e.signature) {
            Err(p) => Some(PanelRefusal::Signature(p)),
            Ok(role) if !role.may(Action::VoteOnBidPanel) => Some(PanelRefusal::NotPermitted),
            Ok(_) if b.panel != panel || b.case != case => Some(PanelRefusal::OtherPanel),
            Ok(_) => None,
        };
        match why {
            Some(why) => refused.push((e.clone(), why)),
            None => valid.push(e),
        }
    }
    // Each member's first undertaking (both are times of the member's own phone).
    let mut undertaken: BTreeMap<&str, i64> = BTreeMap::new();
    for e in valid.iter().filter(|e| e.body.act == PanelAct::Undertaking) {
        undertaken.entry(e.body.member.as_str()).or_insert(e.body.at);
    }
    let mut votes: Vec<CountedVote> = Vec::new();
    for e in valid {
        let b = &e.body;
        let PanelAct::Vote { vote, reasons } = &b.act else { continue };
        let why = if undertaken.get(b.member.as_str()).is_none_or(|at| *at > b.at) {
            Some(PanelRefusal::NoUndertaking)
        } else if b.report != report {
            Some(PanelRefusal::OtherReport)
        } else if votes.iter().any(|v| v.member == b.member) {
            Some(PanelRefusal::AlreadyVoted)
        } else {
            None
        };
        match why {
            Some(why) => refused.push((e.clone(), why)),
            None => votes.push(CountedVote {
                member: b.member.clone(),
                vote: *vote,
                reasons: reasons.clone(),
                at: b.at,
            }),
        }
    }
    let count = |v: Vote| votes.iter().filter(|c| c.vote == v).count();
    let outcome = if votes.len() < quorum {
        PanelOutcome::NoQuorum { counted: votes.len(), needed: quorum }
    } else if count(Vote::For) > count(Vote::Against) {
        PanelOutcome::Adopted
    } else {
        PanelOutcome::NotAdopted
    };
    let dissenting = match outcome {
        PanelOutcome::Adopted => Some(Vote::Against),
        PanelOutcome::NotAdopted => Some(Vote::For),
        PanelOutcome::NoQuorum { .. } => None,
    };
    let dissent = votes.iter().filter(|v| Some(v.vote) == dissenting).cloned().collect();
    PanelResult {
        outcome,
        votes,
        dissent,
        undertakings: undertaken.into_keys().map(str::to_owned).collect(),
        refused,
    }
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
