//! Which model document: the kinds, their address segment and their name key. Kept apart from
//! the builders so the case's audit trail can name a kind without depending on them.

use serde::{Deserialize, Serialize};

/// Which model document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Registration,
    Interview,
    BestInterestsAssessment,
    BestInterestsDetermination,
    FollowUpLog,
    /// One referral recorded on the case (`referral::referral_form`); not in `ALL`, since a case
    /// has one per referral.
    Referral,
    /// The closure or transfer form (`forms::closure_form`).
    Closure,
    /// The confidentiality undertaking one BID panel member signs (one per member).
    PanelUndertaking,
    /// The report of one review of the determination (one per review).
    BidReview,
    /// The record of the consents for one purpose (one per purpose recorded).
    ConsentRecord,
    /// The record of one case conference (one per conference).
    CaseConference,
}

impl DocumentKind {
    /// The documents every case has, in the order of the procedure.
    pub const ALL: [DocumentKind; 6] = [
        DocumentKind::Registration,
        DocumentKind::Interview,
        DocumentKind::BestInterestsAssessment,
        DocumentKind::BestInterestsDetermination,
        DocumentKind::FollowUpLog,
        DocumentKind::Closure,
    ];

    /// The kind's segment in the document's address (`/cases/:id/documents/:kind`).
    pub fn slug(self) -> &'static str {
        match self {
            DocumentKind::Registration => "registration",
            DocumentKind::Interview => "interview",
            DocumentKind::BestInterestsAssessment => "bia",
            DocumentKind::BestInterestsDetermination => "bid",
            DocumentKind::FollowUpLog => "follow-up",
            DocumentKind::Referral => "referral",
            DocumentKind::Closure => "closure",
            DocumentKind::PanelUndertaking => "undertaking",
            DocumentKind::BidReview => "bid-review",
            DocumentKind::ConsentRecord => "consent",
            DocumentKind::CaseConference => "conference",
        }
    }

    pub fn from_slug(slug: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// Key of the document's name.
    pub fn title_key(self) -> &'static str {
        match self {
            DocumentKind::Registration => "doc.kind.registration",
            DocumentKind::Interview => "doc.kind.interview",
            DocumentKind::BestInterestsAssessment => "doc.kind.bia",
            DocumentKind::BestInterestsDetermination => "doc.kind.bid",
            DocumentKind::FollowUpLog => "doc.kind.follow_up",
            DocumentKind::Referral => "doc.kind.referral",
            DocumentKind::Closure => "doc.kind.closure",
            DocumentKind::PanelUndertaking => "doc.kind.undertaking",
            DocumentKind::BidReview => "doc.kind.bid_review",
            DocumentKind::ConsentRecord => "doc.kind.consent",
            DocumentKind::CaseConference => "doc.kind.conference",
        }
    }

    /// The steps of the procedure the document reports, in order.
    pub(crate) fn steps(self) -> &'static [&'static str] {
        match self {
            DocumentKind::Registration => &[
                "first_contact.safety",
                "first_contact.introduction",
                "first_contact.age",
                "first_contact.accompaniment",
                "first_contact.information",
                "first_contact.registration",
                "first_contact.notification",
            ],
            DocumentKind::Interview => &[
                "first_contact.introduction",
                "first_contact.information",
                "screening.interview",
                "screening.result",
                "bia.hearing",
            ],
            DocumentKind::BestInterestsAssessment => &[
                "bia.urgency",
                "bia.short",
                "bia.hearing",
                "bia.views",
                "bia.identity",
                "bia.family",
                "bia.safety",
                "bia.vulnerability",
                "bia.health",
                "bia.education",
                "bia.conclusion",
            ],
            DocumentKind::BestInterestsDetermination => {
                &["bia.conclusion", "bid.preparation", "bid.panel", "bid.decision"]
            }
            DocumentKind::FollowUpLog => &[
                "referral_plan.case_plan",
                "referral_plan.referrals",
                "follow_up.visits",
                "follow_up.review",
            ],
            DocumentKind::Closure
            | DocumentKind::Referral
            | DocumentKind::PanelUndertaking
            | DocumentKind::BidReview
            | DocumentKind::ConsentRecord
            | DocumentKind::CaseConference => &[],
        }
    }

    /// Lines to sign at the end, by the key of who signs.
    pub(crate) fn signatures(self) -> &'static [&'static str] {
        match self {
            DocumentKind::BestInterestsDetermination => &[
                "doc.sign.panel_member",
                "doc.sign.panel_member",
                "doc.sign.panel_member",
                "doc.sign.caseworker",
            ],
            DocumentKind::BestInterestsAssessment => {
                &["doc.sign.caseworker", "doc.sign.supervisor"]
            }
            DocumentKind::Referral => &["doc.sign.caseworker", "doc.sign.receiving"],
            _ => &["doc.sign.caseworker"],
        }
    }
}
