//! Checks a case for problems a worker must fix, each with a stable code, a message key the
//! views translate and an English message for logs and tests. Messages never quote case content.

use super::child::Relationship;
use super::consent::ConsentPurpose;
use super::record::Case;
use super::status::{CaseStatus, ClosureReason};
use crate::vocabulary::AccompanimentStatus;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeSet;
use std::fmt;

/// A problem found in a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValidationIssue {
    /// The date of birth is after today.
    DateOfBirthInFuture,
    /// The stated age is 18 or more and no reason to keep the case is recorded.
    AgeOver17WithoutReason,
    /// The stated age is not what the date of birth gives.
    AgeContradictsDateOfBirth,
    /// Nothing at all is recorded: no name, no alias, no data, no progress.
    EmptyCase,
    /// A consent is dated after now.
    ConsentGivenInFuture { purpose: ConsentPurpose },
    /// The case is closed without a reason (or `Other` without words).
    ClosedWithoutReason,
    /// The risk level was overridden without a written reason.
    RiskOverrideWithoutReason,
    /// Recorded as accompanied or separated, yet every adult recorded is unrelated: with no adult
    /// responsible by law or custom the child is unaccompanied (SOURCES c1).
    OnlyUnrelatedAdults,
}

impl ValidationIssue {
    /// Every message key, for the check that each locale translates them all.
    pub const MESSAGE_KEYS: [&'static str; 8] = [
        "validation.dob_in_future",
        "validation.age_over_17_without_reason",
        "validation.age_contradicts_dob",
        "validation.empty_case",
        "validation.consent_in_future",
        "validation.closed_without_reason",
        "validation.risk_override_without_reason",
        "validation.only_unrelated_adults",
    ];

    /// A stable code for logs, tests and stored reports; never changes once released.
    pub fn code(&self) -> &'static str {
        match self {
            ValidationIssue::DateOfBirthInFuture => "dob_in_future",
            ValidationIssue::AgeOver17WithoutReason => "age_over_17_without_reason",
            ValidationIssue::AgeContradictsDateOfBirth => "age_contradicts_dob",
            ValidationIssue::EmptyCase => "empty_case",
            ValidationIssue::ConsentGivenInFuture { .. } => "consent_in_future",
            ValidationIssue::ClosedWithoutReason => "closed_without_reason",
            ValidationIssue::RiskOverrideWithoutReason => "risk_override_without_reason",
            ValidationIssue::OnlyUnrelatedAdults => "only_unrelated_adults",
        }
    }

    /// The key of the message the views show, in the staff interface strings.
    pub fn message_key(&self) -> &'static str {
        match self {
            ValidationIssue::DateOfBirthInFuture => Self::MESSAGE_KEYS[0],
            ValidationIssue::AgeOver17WithoutReason => Self::MESSAGE_KEYS[1],
            ValidationIssue::AgeContradictsDateOfBirth => Self::MESSAGE_KEYS[2],
            ValidationIssue::EmptyCase => Self::MESSAGE_KEYS[3],
            ValidationIssue::ConsentGivenInFuture { .. } => Self::MESSAGE_KEYS[4],
            ValidationIssue::ClosedWithoutReason => Self::MESSAGE_KEYS[5],
            ValidationIssue::RiskOverrideWithoutReason => Self::MESSAGE_KEYS[6],
            ValidationIssue::OnlyUnrelatedAdults => Self::MESSAGE_KEYS[7],
        }
    }

    /// The message in plain English, for logs and tests (the views use `message_key`).
    pub fn english(&self) -> String {
        match self {
            ValidationIssue::DateOfBirthInFuture => "The date of birth is in the future.".to_owned(),
            ValidationIssue::AgeOver17WithoutReason => {
                "The stated age is 18 or over: record why the case continues (for example, presumed minor).".to_owned()
            }
            ValidationIssue::AgeContradictsDateOfBirth => {
                "The stated age does not match the date of birth.".to_owned()
            }
            ValidationIssue::EmptyCase => {
                "Nothing is recorded yet: add a name or an alias, or any other detail.".to_owned()
            }
            ValidationIssue::ConsentGivenInFuture { purpose } => {
                format!("The consent for {} is dated in the future.", purpose.code().replace('_', " "))
            }
            ValidationIssue::ClosedWithoutReason => "The case was closed without a reason.".to_owned(),
            ValidationIssue::RiskOverrideWithoutReason => {
                "The risk level was changed by hand without a written reason.".to_owned()
            }
            ValidationIssue::OnlyUnrelatedAdults => {
                "Every adult recorded with the child is unrelated: the child is unaccompanied."
                    .to_owned()
            }
        }
    }
}

impl fmt::Display for ValidationIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

impl std::error::Error for ValidationIssue {}

/// Every problem in `case` as of `now`, in a stable order (empty when the case is fine).
///
/// Dates of birth are compared with `now`'s UTC date. Every RCM country is west of UTC, so the
/// UTC date is never behind the worker's local date and a birth "today" is never reported.
pub fn validate(case: &Case, now: DateTime<Utc>) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    let today = now.date_naive();
    let age = &case.profile.age;

    if age.date_of_birth.is_some_and(|dob| dob > today) {
        issues.push(ValidationIssue::DateOfBirthInFuture);
    }
    if age.stated_years.is_some_and(|years| years > 17) && age.reason_over_17.trim().is_empty() {
        issues.push(ValidationIssue::AgeOver17WithoutReason);
    }
    if let (Some(stated), Some(dob)) = (age.stated_years, age.date_of_birth) {
        if dob <= today && !stated_age_fits(stated, dob, case.created_at.date_naive(), today) {
            issues.push(ValidationIssue::AgeContradictsDateOfBirth);
        }
    }
    if is_empty(case) {
        issues.push(ValidationIssue::EmptyCase);
    }
    let mut future_purposes = BTreeSet::new();
    future_purposes.extend(case.consents.iter().filter(|c| c.given_at > now).map(|c| c.purpose));
    issues.extend(
        future_purposes
            .into_iter()
            .map(|purpose| ValidationIssue::ConsentGivenInFuture { purpose }),
    );
    if let CaseStatus::Closed { reason, explanation, .. } = &case.status {
        let missing = match reason {
            None => true,
            Some(ClosureReason::Other) => explanation.trim().is_empty(),
            Some(_) => false,
        };
        if missing {
            issues.push(ValidationIssue::ClosedWithoutReason);
        }
    }
    if case.risk.overridden.as_ref().is_some_and(|o| o.reason.trim().is_empty()) {
        issues.push(ValidationIssue::RiskOverrideWithoutReason);
    }
    let accompaniment = &case.profile.accompaniment;
    if matches!(
        accompaniment.status,
        AccompanimentStatus::Accompanied | AccompanimentStatus::Separated
    ) && !accompaniment.with.is_empty()
        && accompaniment.with.iter().all(|a| a.relationship == Relationship::Unrelated)
    {
        issues.push(ValidationIssue::OnlyUnrelatedAdults);
    }
    issues
}

/// The stated age was recorded some time between the case's opening and today, so it fits when
/// it lies between the age the date of birth gives on those two days.
fn stated_age_fits(stated: u8, dob: NaiveDate, opened: NaiveDate, today: NaiveDate) -> bool {
    let at_opening = opened.years_since(dob).unwrap_or(0);
    let now = today.years_since(dob).unwrap_or(0);
    // min/max: a device clock set wrong can put the opening after today.
    (at_opening.min(now)..=at_opening.max(now)).contains(&u32::from(stated))
}

fn is_empty(case: &Case) -> bool {
    case.profile.is_blank()
        && case.flags.is_empty()
        && case.consents.is_empty()
        && case.notes.is_empty()
        && case.procedure.is_empty()
        && case.risk.screened.is_none()
        && case.risk.overridden.is_none()
}

#[cfg(test)]
mod tests;
