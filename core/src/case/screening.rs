//! What a case keeps of screening: the answer to each indicator question (yes, no, don't know)
//! and the referrals made because of a flag — to whom, when, by whom, under which consent, and
//! their outcome later. Every change goes through a `Case` method that leaves an audit event.

use super::audit::{AuditAction, CasePart, WorkerLabel};
use super::consent::ConsentPurpose;
use super::record::{ActionRefused, Case, FlagId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The answer to one screening question. "Don't know" is always allowed and raises nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorAnswer {
    Yes,
    No,
    DontKnow,
}

impl IndicatorAnswer {
    pub const ALL: [IndicatorAnswer; 3] =
        [IndicatorAnswer::Yes, IndicatorAnswer::No, IndicatorAnswer::DontKnow];

    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            IndicatorAnswer::Yes => "yes",
            IndicatorAnswer::No => "no",
            IndicatorAnswer::DontKnow => "dont_know",
        }
    }
}

/// The screening interview's answers, by question id (ids defined by the screening content).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningAnswers {
    pub answers: BTreeMap<String, IndicatorAnswer>,
    /// When an answer last changed: tells a reader how fresh the screening is.
    pub updated_at: Option<DateTime<Utc>>,
}

/// A referral made for a case: the record the worker keeps, not the message to the service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    /// The flag whose obliged action this referral answers.
    pub flag: FlagId,
    /// The obliged action's id in the screening content (e.g. `refer_asylum`).
    pub action: String,
    /// The body or service, by name as shown to the worker (an authority or a directory entry).
    pub to: String,
    /// What kind of body it is (`asylum`, `child_protection`, `gbv`…).
    pub kind: String,
    /// The consent the referral rested on, when its action needs one.
    pub consent: Option<ConsentPurpose>,
    pub at: DateTime<Utc>,
    pub by: WorkerLabel,
    /// What came of it, recorded later.
    pub outcome: Option<ReferralOutcome>,
}

/// What came of a referral, in a few words — never details of a disclosure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralOutcome {
    pub text: String,
    pub at: DateTime<Utc>,
    pub by: WorkerLabel,
}

/// A referral the worker asks to record, with the consent its action requires (if any).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferralRequest {
    pub flag: FlagId,
    pub action: String,
    pub to: String,
    pub kind: String,
    pub consent_required: Option<ConsentPurpose>,
}

impl Case {
    pub fn screening(&self) -> &ScreeningAnswers {
        &self.screening
    }

    pub fn referrals(&self) -> &[Referral] {
        &self.referrals
    }

    /// Records the answer to one screening question; the same answer again changes nothing.
    pub fn answer_indicator(
        &mut self,
        question: &str,
        answer: IndicatorAnswer,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) {
        if self.screening.answers.get(question) != Some(&answer) {
            self.screening.answers.insert(question.to_owned(), answer);
            self.screening.updated_at = Some(now);
            self.log_screening(now, by);
        }
    }

    /// Removes the answer to a question (back to unanswered). Returns whether there was one.
    pub fn clear_indicator(
        &mut self,
        question: &str,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) -> bool {
        let had = self.screening.answers.remove(question).is_some();
        if had {
            self.screening.updated_at = Some(now);
            self.log_screening(now, by);
        }
        had
    }

    /// Records a referral. Refused, changing nothing, when its action needs a consent that is
    /// not in force now, or when no body is named.
    pub fn refer(
        &mut self,
        request: ReferralRequest,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) -> Result<(), ActionRefused> {
        if request.to.trim().is_empty() {
            return Err(ActionRefused::ReferralWithoutRecipient);
        }
        if let Some(purpose) = request.consent_required {
            if self.consent_in_force(purpose, now).is_none() {
                return Err(ActionRefused::WithoutConsent(purpose));
            }
        }
        self.referrals.push(Referral {
            flag: request.flag,
            action: request.action,
            to: request.to.trim().to_owned(),
            kind: request.kind,
            consent: request.consent_required,
            at: now,
            by: by.clone(),
            outcome: None,
        });
        self.record_referral(now, by);
        Ok(())
    }

    /// Records what came of the referral at `index`. Refused for a blank text or no such referral.
    pub fn record_referral_outcome(
        &mut self,
        index: usize,
        text: &str,
        now: DateTime<Utc>,
        by: &WorkerLabel,
    ) -> Result<(), ActionRefused> {
        let text = text.trim();
        let referral = self.referrals.get_mut(index).ok_or(ActionRefused::NoSuchReferral)?;
        if text.is_empty() {
            return Err(ActionRefused::OutcomeWithoutText);
        }
        referral.outcome = Some(ReferralOutcome { text: text.to_owned(), at: now, by: by.clone() });
        self.updated_at = now;
        super::audit::append(&mut self.audit, AuditAction::Edited(CasePart::Referrals), now, by);
        Ok(())
    }

    fn log_screening(&mut self, now: DateTime<Utc>, by: &WorkerLabel) {
        self.updated_at = now;
        super::audit::append(&mut self.audit, AuditAction::Edited(CasePart::Screening), now, by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{ChildAssent, ChildProfile, ConsentGiver};
    use chrono::TimeZone;
    use uuid::Uuid;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 3, 10, minute, 0).single().unwrap_or_default()
    }

    fn asylum_referral() -> ReferralRequest {
        ReferralRequest {
            flag: FlagId::new("international_protection"),
            action: "refer_asylum".into(),
            to: "COMAR".into(),
            kind: "asylum".into(),
            consent_required: Some(ConsentPurpose::Referral),
        }
    }

    #[test]
    fn answers_are_kept_and_audited_once_per_change() {
        let by = WorkerLabel::new("AO-3");
        let mut case = Case::new(Uuid::nil(), ChildProfile::default(), at(0), &by);
        case.answer_indicator("work.works", IndicatorAnswer::Yes, at(1), &by);
        case.answer_indicator("work.works", IndicatorAnswer::Yes, at(2), &by);
        assert_eq!(case.screening().answers.get("work.works"), Some(&IndicatorAnswer::Yes));
        assert_eq!(case.screening().updated_at, Some(at(1)));
        assert_eq!(
            case.audit_trail().last().map(|e| e.action),
            Some(AuditAction::Edited(CasePart::Screening))
        );
        assert!(case.clear_indicator("work.works", at(3), &by));
        assert!(!case.clear_indicator("work.works", at(4), &by));
        assert!(case.screening().answers.is_empty());
    }

    #[test]
    fn a_referral_that_needs_consent_is_refused_without_it_and_changes_nothing() {
        let by = WorkerLabel::new("AO-3");
        let mut case = Case::new(Uuid::nil(), ChildProfile::default(), at(0), &by);
        let before = case.clone();
        assert_eq!(
            case.refer(asylum_referral(), at(5), &by),
            Err(ActionRefused::WithoutConsent(ConsentPurpose::Referral))
        );
        assert_eq!(case, before);
        // Consent for another purpose does not count.
        case.give_consent(
            ConsentPurpose::Services,
            ConsentGiver::Child,
            ChildAssent::NotSought,
            at(6),
            at(6),
            &by,
        )
        .expect("consent recorded");
        assert!(case.refer(asylum_referral(), at(7), &by).is_err());
        case.give_consent(
            ConsentPurpose::Referral,
            ConsentGiver::Child,
            ChildAssent::NotSought,
            at(8),
            at(8),
            &by,
        )
        .expect("consent recorded");
        assert_eq!(case.refer(asylum_referral(), at(9), &by), Ok(()));
        assert_eq!(case.referrals().len(), 1);
        assert_eq!(case.referrals()[0].consent, Some(ConsentPurpose::Referral));
        assert_eq!(case.audit_trail().last().map(|e| e.action), Some(AuditAction::Referred));
        // Withdrawn consent stops the next referral.
        case.withdraw_consent(ConsentPurpose::Referral, at(10), &by);
        assert!(case.refer(asylum_referral(), at(11), &by).is_err());
        assert_eq!(case.referrals().len(), 1);
    }

    #[test]
    fn a_duty_needs_no_consent_but_a_recipient_and_outcomes_need_words() {
        let by = WorkerLabel::new("AO-3");
        let mut case = Case::new(Uuid::nil(), ChildProfile::default(), at(0), &by);
        let mut notify = asylum_referral();
        notify.action = "notify_child_protection".into();
        notify.consent_required = None;
        notify.to = "  ".into();
        assert_eq!(
            case.refer(notify.clone(), at(1), &by),
            Err(ActionRefused::ReferralWithoutRecipient)
        );
        notify.to = "DIF".into();
        assert_eq!(case.refer(notify, at(2), &by), Ok(()));
        assert_eq!(
            case.record_referral_outcome(0, " ", at(3), &by),
            Err(ActionRefused::OutcomeWithoutText)
        );
        assert_eq!(
            case.record_referral_outcome(4, "x", at(3), &by),
            Err(ActionRefused::NoSuchReferral)
        );
        assert_eq!(case.record_referral_outcome(0, "Received the child", at(3), &by), Ok(()));
        assert_eq!(
            case.referrals()[0].outcome.as_ref().map(|o| o.text.as_str()),
            Some("Received the child")
        );
    }
}
