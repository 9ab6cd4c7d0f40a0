//! What the case's forms record beyond the checklist: who held the interview and in which
//! language, the BID panel's members and their confidentiality undertakings, case conferences,
//! BID reviews and what was explained for each consent. Changed only through audited methods.

use super::audit::{AuditAction, CasePart, WorkerLabel};
use super::consent::ConsentPurpose;
use super::record::{ActionRefused, Case};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The case's casework records (schema version 3). Staff names only: nothing here is the child's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Casework {
    /// Who held the screening interview, through whom and in which language.
    pub interview: InterviewDetails,
    /// The BID panel, one entry per member, in the order they were added.
    pub panel: Vec<PanelMember>,
    /// Case conferences, oldest first.
    pub conferences: Vec<CaseConference>,
    /// Reviews of the best-interests determination, oldest first.
    pub bid_reviews: Vec<BidReview>,
    /// What the child (and carer) was told before consenting, by purpose.
    pub consent_explanations: BTreeMap<ConsentPurpose, String>,
}

/// The people and the language of the interview: a hearing is only as good as its interpreter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterviewDetails {
    pub interviewer: String,
    /// Blank when no interpreter took part.
    pub interpreter: String,
    pub language: String,
}

/// One member of the BID panel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelMember {
    /// Name or post, as the organisation records its staff.
    pub name: String,
    /// The expertise the member brings (child protection, legal, health…).
    pub expertise: String,
    /// When they signed the confidentiality undertaking; `None` until they have.
    pub undertaking_signed_on: Option<NaiveDate>,
}

/// One case conference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseConference {
    pub held_on: NaiveDate,
    /// Who attended (names or posts).
    pub attended: Vec<String>,
    pub decided: String,
    pub actions: Vec<AgreedAction>,
}

/// Who does what by when, as a conference agreed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreedAction {
    pub what: String,
    pub who: String,
    pub by: Option<NaiveDate>,
}

/// One review of the determination.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BidReview {
    pub held_on: NaiveDate,
    pub what_changed: String,
    pub outcome: ReviewOutcome,
    /// The revised decision, when the outcome is `Revised`.
    pub revised_decision: String,
    pub next_review: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    Confirmed,
    Revised,
}

fn clean(s: &str) -> String {
    s.trim().to_owned()
}

impl Case {
    pub fn casework(&self) -> &Casework {
        &self.casework
    }

    /// Records the interview's people and language (unchanged details change nothing).
    pub fn record_interview(
        &mut self,
        details: InterviewDetails,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) {
        let details = InterviewDetails {
            interviewer: clean(&details.interviewer),
            interpreter: clean(&details.interpreter),
            language: clean(&details.language),
        };
        if self.casework.interview != details {
            self.casework.interview = details;
            self.log_casework(now, by);
        }
    }

    /// Adds a panel member. Refused without a name (the undertaking must say who signs).
    pub fn add_panel_member(
        &mut self,
        member: PanelMember,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) -> Result<(), ActionRefused> {
        if member.name.trim().is_empty() {
            return Err(ActionRefused::BlankCasework);
        }
        self.casework.panel.push(PanelMember {
            name: clean(&member.name),
            expertise: clean(&member.expertise),
            undertaking_signed_on: member.undertaking_signed_on,
        });
        self.log_casework(now, by);
        Ok(())
    }

    /// Adds a case conference. Refused when it records no decision.
    pub fn add_conference(
        &mut self,
        conference: CaseConference,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) -> Result<(), ActionRefused> {
        if conference.decided.trim().is_empty() {
            return Err(ActionRefused::BlankCasework);
        }
        self.casework.conferences.push(conference);
        self.log_casework(now, by);
        Ok(())
    }

    /// Adds a review of the determination. Refused if a revision does not say what it revised to.
    pub fn add_bid_review(
        &mut self,
        review: BidReview,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) -> Result<(), ActionRefused> {
        if review.outcome == ReviewOutcome::Revised && review.revised_decision.trim().is_empty() {
            return Err(ActionRefused::BlankCasework);
        }
        self.casework.bid_reviews.push(review);
        self.log_casework(now, by);
        Ok(())
    }

    /// Records what was explained before consent for `purpose` (blank clears it).
    pub fn record_consent_explanation(
        &mut self,
        purpose: ConsentPurpose,
        text: &str,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) {
        let text = clean(text);
        let before = self.casework.consent_explanations.get(&purpose).cloned().unwrap_or_default();
        if before == text {
            return;
        }
        if text.is_empty() {
            self.casework.consent_explanations.remove(&purpose);
        } else {
            self.casework.consent_explanations.insert(purpose, text);
        }
        self.log_casework(now, by);
    }

    fn log_casework(&mut self, now: DateTime<Utc>, by: &WorkerLabel) {
        self.updated_at = now;
        super::audit::append(&mut self.audit, AuditAction::Edited(CasePart::Casework), now, by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::arbitrary::at;
    use crate::case::ChildProfile;
    use uuid::Uuid;

    fn case() -> Case {
        Case::new(Uuid::nil(), ChildProfile::default(), at(1), &WorkerLabel::new("AO-1"))
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default()
    }

    #[test]
    fn each_casework_change_is_audited_and_unchanged_details_change_nothing() {
        let by = WorkerLabel::new("AO-1");
        let mut c = case();
        let details = InterviewDetails {
            interviewer: " AO-1 ".into(),
            interpreter: "Interprète K'iche'".into(),
            language: "k'iche'".into(),
        };
        c.record_interview(details.clone(), at(2), &by);
        let audited = c.audit_trail().len();
        c.record_interview(details, at(3), &by);
        assert_eq!(c.casework().interview.interviewer, "AO-1");
        assert_eq!((c.updated_at(), c.audit_trail().len()), (at(2), audited), "unchanged");
        let last = |c: &Case| c.audit_trail().last().map(|e| e.action);
        assert_eq!(last(&c), Some(AuditAction::Edited(CasePart::Casework)));
        let member = PanelMember {
            name: "Lead".into(),
            expertise: "Legal".into(),
            undertaking_signed_on: Some(day(4)),
        };
        assert_eq!(c.add_panel_member(member, at(4), &by), Ok(()));
        c.record_consent_explanation(ConsentPurpose::Referral, "What the shelter does", at(5), &by);
        assert_eq!(last(&c), Some(AuditAction::Edited(CasePart::Casework)));
        assert_eq!(c.updated_at(), at(5));
        assert_eq!(c.casework().panel.len(), 1);
    }

    #[test]
    fn blank_records_are_refused_and_change_nothing() {
        let by = WorkerLabel::new("AO-1");
        let mut c = case();
        let before = c.clone();
        let nobody =
            PanelMember { name: " ".into(), expertise: String::new(), undertaking_signed_on: None };
        assert_eq!(c.add_panel_member(nobody, at(2), &by), Err(ActionRefused::BlankCasework));
        let undecided = CaseConference {
            held_on: day(2),
            attended: vec!["AO-1".into()],
            decided: " ".into(),
            actions: vec![],
        };
        assert_eq!(c.add_conference(undecided, at(2), &by), Err(ActionRefused::BlankCasework));
        let revised_to_nothing = BidReview {
            held_on: day(2),
            what_changed: "Mother found".into(),
            outcome: ReviewOutcome::Revised,
            revised_decision: String::new(),
            next_review: None,
        };
        assert_eq!(
            c.add_bid_review(revised_to_nothing, at(2), &by),
            Err(ActionRefused::BlankCasework)
        );
        assert_eq!(c, before);
    }
}
