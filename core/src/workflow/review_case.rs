//! A case's reviewable documents as the review rules read them: which procedure items make up a
//! BIA, a BID report, a case plan and a closure, the JSON value their version hash covers, and
//! each document's review state (and the review queue) from the cases' workflow logs.
use super::entry::WorkflowEntry;
use super::permission::Action;
use super::review::{
    panel_result, review_queue, review_status, version_hash, InvalidDecision, PanelEntry,
    PanelResult, QueueItem, RequestBody, ReviewDecision, ReviewRequest, ReviewStatus,
    ReviewSubject, BID_PANEL_QUORUM,
};
use super::signed::{Hash32, Roster, Verifier};
use crate::case::{Answer, Case, ItemState};
use serde_json::{json, Map, Value};

/// The procedure items (by id prefix) that make up each reviewable document. The BID report is
/// what the panel decides on (the preparation step), so recording the panel and its decision
/// does not change the report the members read. The closure is the whole closure phase.
pub fn document_items(subject: ReviewSubject) -> &'static [&'static str] {
    match subject {
        ReviewSubject::Bia => &["bia."],
        ReviewSubject::BidReport => &["bid.preparation."],
        ReviewSubject::CasePlan => &["referral_plan.case_plan."],
        ReviewSubject::Closure => &["closure."],
    }
}

/// What an item says, without when it was recorded: saving the same words again is not an edit.
fn item_content(state: &ItemState) -> Value {
    match state {
        ItemState::Done { .. } => json!("done"),
        ItemState::Answered { value, .. } => match value {
            Answer::YesNo(b) => json!({ "yes_no": b }),
            Answer::Choice(c) => json!({ "choice": c }),
            Answer::Text(t) => json!({ "text": t }),
        },
        ItemState::NotApplicable { reason, .. } => json!({ "not_applicable": reason }),
    }
}

/// The document's value (the items recorded for it, by id), or `None` when nothing of it is
/// recorded yet (there is nothing to review).
pub fn document(case: &Case, subject: ReviewSubject) -> Option<Value> {
    let prefixes = document_items(subject);
    let items: Map<String, Value> = case
        .procedure()
        .items
        .iter()
        .filter(|(id, _)| prefixes.iter().any(|p| id.as_str().starts_with(p)))
        .map(|(id, state)| (id.as_str().to_owned(), item_content(state)))
        .collect();
    (!items.is_empty()).then(|| json!({ "items": items }))
}

/// The document's version hash now (`None` when nothing of it is recorded).
pub fn current_version(case: &Case, subject: ReviewSubject) -> Option<Hash32> {
    document(case, subject).map(|d| version_hash(&case.id().to_string(), subject, &d))
}

/// The review requests and decisions in a case's workflow log.
pub fn requests_and_decisions(case: &Case) -> (Vec<ReviewRequest>, Vec<ReviewDecision>) {
    let (mut requests, mut decisions) = (Vec::new(), Vec::new());
    for entry in case.workflow() {
        match entry {
            WorkflowEntry::ReviewRequest(r) => requests.push(r.clone()),
            WorkflowEntry::ReviewDecision(d) => decisions.push(d.clone()),
            _ => {}
        }
    }
    (requests, decisions)
}

/// Where one document of a case stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentReview {
    pub subject: ReviewSubject,
    /// The version hash now; `None` when nothing of it is recorded.
    pub current: Option<Hash32>,
    /// The latest validly signed request for it, if any was made.
    pub request: Option<RequestBody>,
    /// The request's status (`None` when never asked).
    pub status: Option<ReviewStatus>,
    /// Decisions on the request that do not count, and why: shown as invalid, never as valid.
    pub invalid: Vec<(ReviewDecision, InvalidDecision)>,
}

impl DocumentReview {
    /// Whether this document can be sent for review now: it has content, and is not waiting
    /// already or approved as it is.
    pub fn can_ask(&self) -> bool {
        self.current.is_some()
            && !matches!(self.status, Some(ReviewStatus::Waiting | ReviewStatus::Approved { .. }))
    }

    /// Whether a supervisor can decide on it now: asked, no valid decision yet.
    pub fn open_request(&self) -> Option<&RequestBody> {
        match self.status {
            Some(ReviewStatus::Waiting) if self.current.is_some() => self.request.as_ref(),
            _ => None,
        }
    }
}

/// The latest request of `subject` in `requests` whose signature and signer's role count.
fn latest_request<'a>(
    requests: &'a [ReviewRequest],
    subject: ReviewSubject,
    roster: &Roster,
    verifier: &dyn Verifier,
) -> Option<&'a ReviewRequest> {
    requests
        .iter()
        .filter(|r| r.body.subject == subject)
        .filter(|r| {
            roster
                .check(verifier, &r.body.by, &r.body.signing_bytes(), &r.signature)
                .is_ok_and(|role| role.may(Action::RequestReview))
        })
        .max_by(|a, b| (a.body.at, &a.body.id).cmp(&(b.body.at, &b.body.id)))
}

/// Every reviewable document of `case`, in [`ReviewSubject::ALL`] order, with its state.
pub fn case_reviews(case: &Case, roster: &Roster, verifier: &dyn Verifier) -> Vec<DocumentReview> {
    let (requests, decisions) = requests_and_decisions(case);
    ReviewSubject::ALL
        .into_iter()
        .map(|subject| {
            let current = current_version(case, subject);
            let Some(request) = latest_request(&requests, subject, roster, verifier) else {
                return DocumentReview {
                    subject,
                    current,
                    request: None,
                    status: None,
                    invalid: vec![],
                };
            };
            // A document emptied since it was asked matches no version: any approval is outdated.
            let now_version = current.unwrap_or_default();
            let (status, invalid) =
                review_status(request, &decisions, roster, verifier, now_version);
            DocumentReview {
                subject,
                current,
                request: Some(request.body.clone()),
                status: Some(status),
                invalid,
            }
        })
        .collect()
}

/// The review queue over every case this phone holds, oldest first (see [`review_queue`]).
pub fn queue_of(
    cases: &[Case],
    roster: &Roster,
    verifier: &dyn Verifier,
    now: i64,
) -> Vec<QueueItem> {
    let (mut requests, mut decisions) = (Vec::new(), Vec::new());
    for case in cases {
        let (r, d) = requests_and_decisions(case);
        requests.extend(r);
        decisions.extend(d);
    }
    let current = |id: &str, subject| {
        cases.iter().find(|c| c.id().to_string() == id).and_then(|c| current_version(c, subject))
    };
    review_queue(&requests, &decisions, roster, verifier, current, now)
}

/// What a panel member does next on their own phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelStep {
    /// Record the confidentiality undertaking first: no vote counts without it.
    Undertake,
    Vote,
    /// Voted already: a second vote would be kept but not counted.
    Voted,
}

/// The BID panel `panel` of `case` over its BID report as it is now (`None` while no report is
/// recorded), with Senda's placeholder quorum ([`BID_PANEL_QUORUM`]), and what `member` does next.
pub fn case_panel(
    case: &Case,
    panel: &str,
    member: &str,
    roster: &Roster,
    verifier: &dyn Verifier,
) -> Option<(PanelResult, PanelStep)> {
    let report = current_version(case, ReviewSubject::BidReport)?;
    let entries: Vec<PanelEntry> = case
        .workflow()
        .iter()
        .filter_map(|e| match e {
            WorkflowEntry::Panel(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    let id = case.id().to_string();
    let result = panel_result(panel, &id, report, &entries, roster, verifier, BID_PANEL_QUORUM);
    let step = if result.votes.iter().any(|v| v.member == member) {
        PanelStep::Voted
    } else if result.undertakings.iter().any(|m| m == member) {
        PanelStep::Vote
    } else {
        PanelStep::Undertake
    };
    Some((result, step))
}

#[cfg(test)]
#[path = "review_case_tests.rs"]
mod tests;
