//! The team side of a review on this phone: the roster of the member list it trusts, a
//! WebCrypto check of the cases' workflow logs (so the pure rules read them synchronously), and
//! signing a request or a decision with this device's key.

use crate::session::Session;
use crate::sync::workflow_sign;
use senda_core::case::Case;
use senda_core::workflow::entry::WorkflowEntry;
use senda_core::workflow::review::{
    DecisionBody, RequestBody, ReviewDecision, ReviewRequest, ReviewSubject, Verdict,
};
use senda_core::workflow::signed::{hex, Checked, Roster};

/// What the review rules need from the team: who signs with which key and role, and the
/// signatures WebCrypto verified.
#[derive(Clone)]
pub struct TeamCheck {
    pub roster: Roster,
    pub checked: Checked,
    /// This device's id.
    pub device: String,
    /// How many workflow entries were checked (a view waits for the check of the log it shows).
    pub log_len: usize,
}

/// The team check of `cases`' workflow logs; `None` outside a team or before its member list.
pub async fn team_check(session: Session, cases: &[Case]) -> Option<TeamCheck> {
    let team = session.team().await.ok()??;
    let list = team.members.as_ref()?;
    let entries: Vec<WorkflowEntry> = cases.iter().flat_map(|c| c.workflow()).collect();
    let checked = workflow_sign::checked(&list.keys, &entries).await;
    Some(TeamCheck {
        roster: workflow_sign::roster(list),
        checked,
        device: team.device.clone(),
        log_len: entries.len(),
    })
}

/// Why a record could not be signed (a message key).
pub type SignError = &'static str;

fn new_id() -> Result<String, SignError> {
    crate::vault::crypto::random_bytes::<16>().map(|b| hex(&b)).map_err(|_| "review.error.sign")
}

async fn this_device(
    session: Session,
) -> Result<(String, crate::sync::device_keys::StoredDeviceKeys), SignError> {
    let team = session.team().await.ok().flatten().ok_or("review.error.no_team")?;
    let keys = team.device_keys.ok_or("review.error.no_key")?;
    Ok((team.device, keys))
}

/// A request for review of `subject` of `case` as it is now, signed by this device.
pub async fn signed_request(
    session: Session,
    case: &Case,
    subject: ReviewSubject,
    at: i64,
) -> Result<WorkflowEntry, SignError> {
    let version = senda_core::workflow::review_case::current_version(case, subject)
        .ok_or("review.error.empty")?;
    let (device, keys) = this_device(session).await?;
    let body = RequestBody {
        id: new_id()?,
        case: case.id().to_string(),
        subject,
        version,
        by: device,
        at,
    };
    let signature =
        workflow_sign::sign(&keys, &body.signing_bytes()).await.map_err(|_| "review.error.sign")?;
    Ok(WorkflowEntry::ReviewRequest(ReviewRequest { body, signature }))
}

/// A decision on `request` over the document as it is now in `case`, signed by this device.
pub async fn signed_decision(
    session: Session,
    case: &Case,
    request: &RequestBody,
    verdict: Verdict,
    at: i64,
) -> Result<WorkflowEntry, SignError> {
    let version = senda_core::workflow::review_case::current_version(case, request.subject)
        .ok_or("review.error.empty")?;
    let (device, keys) = this_device(session).await?;
    let body = DecisionBody {
        request: request.id.clone(),
        case: request.case.clone(),
        subject: request.subject,
        version,
        verdict,
        by: device,
        at,
    };
    let signature =
        workflow_sign::sign(&keys, &body.signing_bytes()).await.map_err(|_| "review.error.sign")?;
    Ok(WorkflowEntry::ReviewDecision(ReviewDecision { body, signature }))
}

/// The BID panel of a case (one per case for now).
pub const PANEL: &str = "bid-panel-1";

/// This member's panel act (undertaking or vote) over the BID report as it is now in `case`,
/// signed by this device.
pub async fn signed_panel_act(
    session: Session,
    case: &Case,
    act: senda_core::workflow::review::PanelAct,
    at: i64,
) -> Result<WorkflowEntry, SignError> {
    use senda_core::workflow::review::{PanelBody, PanelEntry};
    let report = senda_core::workflow::review_case::current_version(case, ReviewSubject::BidReport)
        .ok_or("review.error.empty")?;
    let (device, keys) = this_device(session).await?;
    let body = PanelBody {
        panel: PANEL.to_owned(),
        case: case.id().to_string(),
        report,
        member: device,
        at,
        act,
    };
    let signature =
        workflow_sign::sign(&keys, &body.signing_bytes()).await.map_err(|_| "review.error.sign")?;
    Ok(WorkflowEntry::Panel(PanelEntry { body, signature }))
}
