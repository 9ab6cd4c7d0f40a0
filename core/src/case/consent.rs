//! Informed consent per purpose: who gave it, whether the child assented, when, and its
//! withdrawal. Checked before information about the child is shared or a referral is made.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a consent allows. Consent is never general: each purpose is asked for separately.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentPurpose {
    /// Receiving services from the worker's own organisation.
    Services,
    /// Being referred to another organisation or authority.
    Referral,
    /// Sharing the child's information with others involved in the case.
    InformationSharing,
    /// Searching for and contacting the child's family.
    FamilyTracing,
}

impl ConsentPurpose {
    pub const ALL: [ConsentPurpose; 4] = [
        ConsentPurpose::Services,
        ConsentPurpose::Referral,
        ConsentPurpose::InformationSharing,
        ConsentPurpose::FamilyTracing,
    ];

    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            ConsentPurpose::Services => "services",
            ConsentPurpose::Referral => "referral",
            ConsentPurpose::InformationSharing => "information_sharing",
            ConsentPurpose::FamilyTracing => "family_tracing",
        }
    }
}

/// Who gave a consent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentGiver {
    /// The child, where their age and maturity allow it.
    Child,
    Parent,
    /// A legal or customary guardian who is not a parent.
    Guardian,
    /// A guardian or representative appointed for an unaccompanied or separated child.
    AppointedRepresentative,
    /// The child-protection authority acting for a child with no one else to consent.
    ChildProtectionAuthority,
}

/// The child's own agreement when an adult consents for them (CRC art. 12: their view counts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildAssent {
    /// The child agreed.
    Assented,
    /// The child did not agree: an adult's consent then needs a best-interests reason to act on.
    Declined,
    /// Not asked, because the child consented themself or is too young to understand.
    NotSought,
}

/// One consent for one purpose. A new consent for the same purpose is added, not overwritten,
/// so that earlier consents and withdrawals stay visible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    /// What the consent allows.
    pub purpose: ConsentPurpose,
    /// Who gave it: a consent is only as good as the giver's standing to give it.
    pub given_by: ConsentGiver,
    /// Whether the child assented to an adult's consent.
    pub child_assent: ChildAssent,
    /// When it was given (may be earlier than when it was recorded, never later than now).
    pub given_at: DateTime<Utc>,
    /// When it was withdrawn, if it was: from then on it no longer allows anything.
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl Consent {
    /// Whether this consent allows its purpose at `now`.
    pub fn is_in_force(&self, now: DateTime<Utc>) -> bool {
        self.given_at <= now && self.withdrawn_at.is_none_or(|w| w > now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, 12, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn a_consent_is_in_force_from_its_giving_until_its_withdrawal() {
        let mut c = Consent {
            purpose: ConsentPurpose::Referral,
            given_by: ConsentGiver::Child,
            child_assent: ChildAssent::NotSought,
            given_at: at(10),
            withdrawn_at: None,
        };
        assert!(!c.is_in_force(at(9)));
        assert!(c.is_in_force(at(10)));
        assert!(c.is_in_force(at(20)));
        c.withdrawn_at = Some(at(15));
        assert!(c.is_in_force(at(14)));
        assert!(!c.is_in_force(at(15)));
    }

    #[test]
    fn purpose_codes_match_their_stored_form() {
        for p in ConsentPurpose::ALL {
            assert_eq!(serde_json::to_string(&p).ok(), Some(format!("\"{}\"", p.code())));
        }
    }
}
