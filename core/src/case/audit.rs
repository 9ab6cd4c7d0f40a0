//! The case's append-only audit trail: what was done to the record, by which worker and when —
//! never what was written.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How a worker is named in the audit trail: a short label (staff code or initials) set by
/// their organisation. It identifies a worker, not a child, and is not case content.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WorkerLabel(String);

impl WorkerLabel {
    pub fn new(label: impl Into<String>) -> Self {
        WorkerLabel(label.into())
    }

    /// The label used for events whose worker an earlier version of Senda did not record.
    pub fn not_recorded() -> Self {
        WorkerLabel("(not recorded)".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The part of a case an edit touched — a category, never the values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CasePart {
    Profile,
    Flags,
    Risk,
    Consents,
    Notes,
    Procedure,
    /// The screening interview's answers.
    Screening,
    /// A referral's outcome.
    Referrals,
    /// The interview's people, the BID panel, conferences, reviews, consent explanations.
    Casework,
}

/// What was done to a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Created,
    Edited(CasePart),
    /// The case left the vault as readable JSON.
    Exported,
    Referred,
    Closed,
    Reopened,
    /// The risk level set by screening was replaced by a worker's judgement.
    RiskOverridden,
    /// A model document made from the case was sent to the browser's print (paper or PDF).
    Printed(crate::documents::kind::DocumentKind),
    /// A signed workflow record (handover, review, BID panel) was added to the case.
    Workflow(crate::workflow::entry::WorkflowAct),
}

/// One entry in the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    /// When it happened: accountability needs the sequence of events.
    pub at: DateTime<Utc>,
    /// Who did it: accountability needs the worker.
    pub by: WorkerLabel,
    /// What was done, without content.
    pub action: AuditAction,
}

/// Autosave edits a case every few seconds; one `Edited` event per part, worker and this span
/// keeps the trail readable (and small) without hiding who worked on what and when it began.
pub const EDIT_SESSION: Duration = Duration::minutes(15);

/// Appends `action` to `trail`, except an edit that continues the same worker's edit session on
/// the same part. Nothing is ever removed or changed.
pub(crate) fn append(
    trail: &mut Vec<AuditEvent>,
    action: AuditAction,
    now: DateTime<Utc>,
    by: &WorkerLabel,
) {
    if let (AuditAction::Edited(_), Some(last)) = (action, trail.last()) {
        let same_session = last.action == action
            && last.by == *by
            && now >= last.at
            && now - last.at < EDIT_SESSION;
        if same_session {
            return;
        }
    }
    trail.push(AuditEvent { at: now, by: by.clone(), action });
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 10, 9, minute, 0).single().unwrap_or_default()
    }

    #[test]
    fn edits_within_a_session_are_one_event_and_others_are_appended() {
        let ana = WorkerLabel::new("AO-3");
        let luis = WorkerLabel::new("LM-1");
        let mut trail = Vec::new();
        append(&mut trail, AuditAction::Created, at(0), &ana);
        append(&mut trail, AuditAction::Edited(CasePart::Profile), at(1), &ana);
        append(&mut trail, AuditAction::Edited(CasePart::Profile), at(10), &ana);
        assert_eq!(trail.len(), 2, "same worker, part and session");
        append(&mut trail, AuditAction::Edited(CasePart::Profile), at(16), &ana);
        assert_eq!(trail.len(), 3, "a new session after 15 minutes");
        append(&mut trail, AuditAction::Edited(CasePart::Notes), at(17), &ana);
        append(&mut trail, AuditAction::Edited(CasePart::Notes), at(18), &luis);
        append(&mut trail, AuditAction::Exported, at(19), &luis);
        append(&mut trail, AuditAction::Exported, at(19), &luis);
        assert_eq!(
            trail.len(),
            7,
            "another part, another worker, and non-edit events always count"
        );
        assert_eq!(trail[0], AuditEvent { at: at(0), by: ana, action: AuditAction::Created });
    }

    #[test]
    fn events_serialise_without_content() {
        let e = AuditEvent {
            at: at(5),
            by: WorkerLabel::new("AO-3"),
            action: AuditAction::Edited(CasePart::Consents),
        };
        assert_eq!(
            serde_json::to_string(&e).ok().as_deref(),
            Some(r#"{"at":"2026-03-10T09:05:00Z","by":"AO-3","action":{"edited":"consents"}}"#)
        );
    }
}
