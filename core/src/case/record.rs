//! The case record and every change that can be made to it. Each change takes the time and the
//! worker, and leaves its trace in the audit trail; nothing here reads a clock or draws a random id.

use super::audit::{self, AuditAction, AuditEvent, CasePart, WorkerLabel};
use super::casework::Casework;
use super::child::ChildProfile;
use super::consent::{ChildAssent, Consent, ConsentGiver, ConsentPurpose};
use super::procedure::{ItemId, ItemState, ProcedureProgress};
use super::screening::{Referral, ScreeningAnswers};
use super::status::{CaseStatus, ClosureReason, Risk, RiskLevel, RiskOverride};
use super::validation::ValidationIssue;
use crate::workflow::entry::WorkflowEntry;
use chrono::{DateTime, Utc};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeSet;
use std::fmt;
use uuid::Uuid;

/// The version of the stored case shape. Bump it, freeze the old shape in `migrate`, and add a
/// step there with a fixture test whenever the shape of `Case` changes.
pub const CASE_SCHEMA_VERSION: u32 = 4;

/// A child's case. Fields are read through accessors and changed only through the methods below,
/// so that no change escapes the audit trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// Always `CASE_SCHEMA_VERSION` in memory; in storage it tells `migrate` how to read the record.
    pub(crate) schema_version: CurrentSchema,
    /// Identifies the case across devices and backups without naming the child.
    pub(crate) id: Uuid,
    /// When the case was opened: the start of every deadline the procedure sets.
    pub(crate) created_at: DateTime<Utc>,
    /// When it last changed: lists cases by recency and tells a restore which copy is newer.
    pub(crate) updated_at: DateTime<Utc>,
    /// The child's minimum data: who the case is about and what the procedure must know of them.
    pub(crate) profile: ChildProfile,
    /// Open, closed (and why) or reopened: only an open case has steps and follow-ups due.
    pub(crate) status: CaseStatus,
    /// How urgently the child needs protection: sets the pace of action and follow-up.
    pub(crate) risk: Risk,
    /// The flags screening raised (ids defined by the screening content): they oblige actions.
    pub(crate) flags: BTreeSet<FlagId>,
    /// Consents, oldest first, for every purpose; a purpose with none has no consent.
    pub(crate) consents: Vec<Consent>,
    /// Workers' notes, oldest first: what does not fit a field but the next worker must know.
    pub(crate) notes: Vec<Note>,
    /// Which steps of the Guide's procedure are done, answered or not applicable: the next
    /// step follows from it.
    pub(crate) procedure: ProcedureProgress,
    /// The screening interview's answers: the flags and risk level follow from them.
    pub(crate) screening: ScreeningAnswers,
    /// Referrals made because of a flag, oldest first, with their outcomes.
    pub(crate) referrals: Vec<Referral>,
    /// What the model documents record beyond the checklist: the interview's people, the BID
    /// panel, case conferences, BID reviews and consent explanations (staff names, not the child's).
    pub(crate) casework: Casework,
    /// The team's signed workflow records for this case (handovers, reviews, the BID panel),
    /// in the order they reached this phone; only ever appended to (see `workflow::entry`).
    /// Kept as stored JSON and read into entries only by the workflow screens, so that the
    /// code that reads and writes every case (the first load's) carries no workflow types.
    pub(crate) workflow: Vec<serde_json::Value>,
    /// Who did what to the record and when, never with content; only ever appended to.
    pub(crate) audit: Vec<AuditEvent>,
}

/// The id of a flag raised by screening (ids and meanings live in the screening content).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FlagId(String);

impl FlagId {
    pub fn new(id: impl Into<String>) -> Self {
        FlagId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A worker's note on a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// When it was written: notes are read as a sequence.
    pub written_at: DateTime<Utc>,
    /// Who wrote it: the reader may need to ask them.
    pub by: WorkerLabel,
    /// The note itself — kept short; never details of a disclosure of violence (SOURCES c7).
    pub text: String,
}

/// Why a change to a case was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionRefused {
    /// Closing a case that is already closed.
    AlreadyClosed,
    /// Reopening a case that is not closed.
    NotClosed,
    /// The change would leave the case with this problem.
    Invalid(ValidationIssue),
    /// A referral whose action needs this consent, which is not in force.
    WithoutConsent(ConsentPurpose),
    /// A referral that names no body or service.
    ReferralWithoutRecipient,
    /// An outcome for a referral the case does not have.
    NoSuchReferral,
    /// An outcome with no words.
    OutcomeWithoutText,
    /// A casework record without what it must say (a panel member's name, a conference's
    /// decision, a revised determination's new decision).
    BlankCasework,
}

impl fmt::Display for ActionRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionRefused::AlreadyClosed => f.write_str("This case is already closed."),
            ActionRefused::NotClosed => f.write_str("Only a closed case can be reopened."),
            ActionRefused::Invalid(issue) => fmt::Display::fmt(issue, f),
            ActionRefused::WithoutConsent(purpose) => write!(
                f,
                "This referral needs the child's consent for {}, and none is in force.",
                purpose.code()
            ),
            ActionRefused::ReferralWithoutRecipient => {
                f.write_str("Say to whom the child is referred.")
            }
            ActionRefused::NoSuchReferral => f.write_str("This case has no such referral."),
            ActionRefused::OutcomeWithoutText => f.write_str("Write what came of the referral."),
            ActionRefused::BlankCasework => f.write_str("Fill in what this record must say."),
        }
    }
}

impl std::error::Error for ActionRefused {}

impl Case {
    /// Opens a case for a child. `id` comes from the caller's random source.
    pub fn new(id: Uuid, profile: ChildProfile, now: DateTime<Utc>, by: &WorkerLabel) -> Case {
        let mut case = Case {
            schema_version: CurrentSchema,
            id,
            created_at: now,
            updated_at: now,
            profile,
            status: CaseStatus::Open,
            risk: Risk::default(),
            flags: BTreeSet::new(),
            consents: Vec::new(),
            notes: Vec::new(),
            procedure: ProcedureProgress::default(),
            screening: ScreeningAnswers::default(),
            referrals: Vec::new(),
            casework: Casework::default(),
            workflow: Vec::new(),
            audit: Vec::new(),
        };
        case.log(AuditAction::Created, now, by);
        case
    }

    pub fn id(&self) -> Uuid {
        self.id
    }
    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    pub fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }
    pub fn profile(&self) -> &ChildProfile {
        &self.profile
    }
    pub fn status(&self) -> &CaseStatus {
        &self.status
    }
    pub fn risk(&self) -> &Risk {
        &self.risk
    }
    pub fn flags(&self) -> &BTreeSet<FlagId> {
        &self.flags
    }
    pub fn consents(&self) -> &[Consent] {
        &self.consents
    }
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }
    pub fn procedure(&self) -> &ProcedureProgress {
        &self.procedure
    }
    pub fn audit_trail(&self) -> &[AuditEvent] {
        &self.audit
    }
    /// The workflow log's entries, in log order. An entry this version cannot read (written by
    /// a newer Senda, or damaged) is left out here and kept in the record: it never counts, and
    /// it is never dropped (`workflow_len` counts it).
    pub fn workflow(&self) -> Vec<WorkflowEntry> {
        self.workflow.iter().filter_map(|v| serde_json::from_value(v.clone()).ok()).collect()
    }

    /// How many entries the workflow log holds, readable or not.
    pub fn workflow_len(&self) -> usize {
        self.workflow.len()
    }

    /// Appends a signed workflow record made on this phone, with its audit entry. Refuses (false)
    /// an entry about another case and one already in the log; nothing is ever removed. Whether
    /// it counts is for the workflow rules to say when the log is read.
    pub fn add_workflow_entry(
        &mut self,
        entry: WorkflowEntry,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) -> bool {
        let Ok(stored) = serde_json::to_value(&entry) else { return false };
        if entry.case() != self.id.to_string() || self.workflow.contains(&stored) {
            return false;
        }
        let act = entry.act();
        self.workflow.push(stored);
        if let Some(act) = act {
            self.log(AuditAction::Workflow(act), now, by);
        }
        true
    }

    /// Appends an entry of this device's signed audit chain. Unlike every other change it is
    /// not itself recorded in the trail, nor does it move `updated_at`: it records an act, it
    /// is not one. Refused (false) for another case and for an entry already in the log.
    pub fn add_chain_entry(&mut self, entry: crate::workflow::audit::ChainEntry) -> bool {
        let entry = WorkflowEntry::Audit(entry);
        let Ok(stored) = serde_json::to_value(&entry) else { return false };
        if entry.case() != self.id.to_string() || self.workflow.contains(&stored) {
            return false;
        }
        self.workflow.push(stored);
        true
    }

    /// The workflow log's readable entries from position `from` of the log on (the entries a
    /// change appended, given the log's length before it).
    pub fn workflow_since(&self, from: usize) -> Vec<WorkflowEntry> {
        let tail = self.workflow.get(from..).unwrap_or_default();
        tail.iter().filter_map(|v| serde_json::from_value(v.clone()).ok()).collect()
    }

    /// The most recent consent for `purpose` that is in force at `now`, if any.
    pub fn consent_in_force(
        &self,
        purpose: ConsentPurpose,
        now: DateTime<Utc>,
    ) -> Option<&Consent> {
        self.consents.iter().rev().find(|c| c.purpose == purpose && c.is_in_force(now))
    }

    /// Replaces the child's profile. Saving an unchanged profile (autosave) changes nothing.
    pub fn edit_profile(&mut self, profile: ChildProfile, now: DateTime<Utc>, by: &WorkerLabel) {
        if self.profile != profile {
            self.profile = profile;
            self.log(AuditAction::Edited(CasePart::Profile), now, by);
        }
    }

    /// Records the flags screening raised, replacing the previous set.
    pub fn set_flags(&mut self, flags: BTreeSet<FlagId>, now: DateTime<Utc>, by: &WorkerLabel) {
        if self.flags != flags {
            self.flags = flags;
            self.log(AuditAction::Edited(CasePart::Flags), now, by);
        }
    }

    /// Records the risk level screening derived. A worker's override, if any, still applies.
    pub fn set_screened_risk(
        &mut self,
        level: Option<RiskLevel>,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) {
        if self.risk.screened != level {
            self.risk.screened = level;
            self.log(AuditAction::Edited(CasePart::Risk), now, by);
        }
    }

    /// Replaces the screened risk level with the worker's judgement. Refused without a reason.
    pub fn override_risk(
        &mut self,
        level: RiskLevel,
        reason: &str,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) -> Result<(), ActionRefused> {
        if reason.trim().is_empty() {
            return Err(ActionRefused::Invalid(ValidationIssue::RiskOverrideWithoutReason));
        }
        self.risk.overridden =
            Some(RiskOverride { level, reason: reason.trim().to_owned(), by: by.clone(), at: now });
        self.log(AuditAction::RiskOverridden, now, by);
        Ok(())
    }

    /// Goes back to the screened risk level.
    pub fn clear_risk_override(&mut self, now: DateTime<Utc>, by: &WorkerLabel) {
        if self.risk.overridden.take().is_some() {
            self.log(AuditAction::Edited(CasePart::Risk), now, by);
        }
    }

    /// Records a consent given at `given_at` (which may be earlier than now, never later).
    pub fn give_consent(
        &mut self,
        purpose: ConsentPurpose,
        given_by: ConsentGiver,
        child_assent: ChildAssent,
        given_at: DateTime<Utc>,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) -> Result<(), ActionRefused> {
        if given_at > now {
            return Err(ActionRefused::Invalid(ValidationIssue::ConsentGivenInFuture { purpose }));
        }
        self.consents.push(Consent {
            purpose,
            given_by,
            child_assent,
            given_at,
            withdrawn_at: None,
        });
        self.log(AuditAction::Edited(CasePart::Consents), now, by);
        Ok(())
    }

    /// Withdraws every consent for `purpose` in force now. Returns whether there was one.
    pub fn withdraw_consent(
        &mut self,
        purpose: ConsentPurpose,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) -> bool {
        let mut withdrew = false;
        for c in self.consents.iter_mut().filter(|c| c.purpose == purpose && c.is_in_force(now)) {
            c.withdrawn_at = Some(now);
            withdrew = true;
        }
        if withdrew {
            self.log(AuditAction::Edited(CasePart::Consents), now, by);
        }
        withdrew
    }

    /// Adds a note. A blank note is not added (returns false).
    pub fn add_note(&mut self, text: &str, now: DateTime<Utc>, by: &WorkerLabel) -> bool {
        let text = text.trim();
        if text.is_empty() {
            return false;
        }
        self.notes.push(Note { written_at: now, by: by.clone(), text: text.to_owned() });
        self.log(AuditAction::Edited(CasePart::Notes), now, by);
        true
    }

    /// Records the state of a checklist item.
    pub fn record_item(
        &mut self,
        item: ItemId,
        state: ItemState,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) {
        if self.procedure.items.get(&item) != Some(&state) {
            self.procedure.items.insert(item, state);
            self.log(AuditAction::Edited(CasePart::Procedure), now, by);
        }
    }

    /// Returns a checklist item to untouched. Returns whether it had a state.
    pub fn clear_item(&mut self, item: &ItemId, now: DateTime<Utc>, by: &WorkerLabel) -> bool {
        let had = self.procedure.items.remove(item).is_some();
        if had {
            self.log(AuditAction::Edited(CasePart::Procedure), now, by);
        }
        had
    }

    /// Closes the case. Refused if already closed, or for `Other` without an explanation.
    pub fn close(
        &mut self,
        reason: ClosureReason,
        explanation: &str,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) -> Result<(), ActionRefused> {
        if self.status.is_closed() {
            return Err(ActionRefused::AlreadyClosed);
        }
        let explanation = explanation.trim();
        if reason == ClosureReason::Other && explanation.is_empty() {
            return Err(ActionRefused::Invalid(ValidationIssue::ClosedWithoutReason));
        }
        self.status = CaseStatus::Closed {
            at: now,
            reason: Some(reason),
            explanation: explanation.to_owned(),
        };
        self.log(AuditAction::Closed, now, by);
        Ok(())
    }

    /// Reopens a closed case, with a few words on why (may be empty).
    pub fn reopen(
        &mut self,
        reason: &str,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) -> Result<(), ActionRefused> {
        if !self.status.is_closed() {
            return Err(ActionRefused::NotClosed);
        }
        self.status = CaseStatus::Reopened { at: now, reason: reason.trim().to_owned() };
        self.log(AuditAction::Reopened, now, by);
        Ok(())
    }

    /// Leaves the audit event of a referral (`refer` records the referral itself).
    pub fn record_referral(&mut self, now: DateTime<Utc>, by: &WorkerLabel) {
        self.log(AuditAction::Referred, now, by);
    }

    /// Records that the case left the vault in readable form (JSON export, printed document).
    pub fn record_export(&mut self, now: DateTime<Utc>, by: &WorkerLabel) {
        self.log(AuditAction::Exported, now, by);
    }

    /// Records that a model document of the case was printed or saved as PDF.
    pub fn record_printed(
        &mut self,
        kind: crate::documents::kind::DocumentKind,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) {
        self.log(AuditAction::Printed(kind), now, by);
    }

    fn log(&mut self, action: AuditAction, now: DateTime<Utc>, by: &WorkerLabel) {
        self.updated_at = now;
        audit::append(&mut self.audit, action, now, by);
    }
}

/// Marks a value of the current schema: serialises as `CASE_SCHEMA_VERSION` and refuses any
/// other number, so an old record can only become a `Case` through `migrate`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CurrentSchema;

impl Serialize for CurrentSchema {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(CASE_SCHEMA_VERSION)
    }
}

impl<'de> Deserialize<'de> for CurrentSchema {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let found = u32::deserialize(deserializer)?;
        if found == CASE_SCHEMA_VERSION {
            Ok(CurrentSchema)
        } else {
            Err(de::Error::custom(format_args!(
                "schema_version {found} is not {CASE_SCHEMA_VERSION}; read it through migrate"
            )))
        }
    }
}

#[cfg(test)]
mod tests;
