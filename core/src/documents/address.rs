//! Which documents a case has and how each is addressed (`/cases/:id/documents/<slug>`): one of
//! the kinds every case has, or one of a kind the case has several of (a referral, a panel
//! member's undertaking, a BID review, a consent purpose, a conference). `make` builds the one an
//! address names, with the content's review status printed at its foot.

use super::forms::{
    bid_review_report, closure_form, conference_record, consent_record, panel_undertaking,
};
use super::referral::{purpose_key, referral_form};
use super::{build, sections, Document, DocumentKind, Text};
use crate::case::{Case, ConsentPurpose};
use crate::procedure::{Procedure, ProcedureTexts};
use chrono::{DateTime, Utc};

/// One document of a case, as its address names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentRef {
    /// A document every case has (`DocumentKind::ALL`).
    Kind(DocumentKind),
    Referral(usize),
    PanelUndertaking(usize),
    BidReview(usize),
    Consent(ConsentPurpose),
    Conference(usize),
}

/// An address prefix and the document it numbers.
type Numbered = (&'static str, fn(usize) -> DocumentRef);

const INDEXED: [Numbered; 4] = [
    ("referral-", DocumentRef::Referral),
    ("undertaking-", DocumentRef::PanelUndertaking),
    ("bid-review-", DocumentRef::BidReview),
    ("conference-", DocumentRef::Conference),
];

impl DocumentRef {
    /// Reads an address segment; `None` for anything that names no document.
    pub fn parse(slug: &str) -> Option<DocumentRef> {
        if let Some(code) = slug.strip_prefix("consent-") {
            return ConsentPurpose::ALL.into_iter().find(|p| p.code() == code).map(Self::Consent);
        }
        for (prefix, make) in INDEXED {
            if let Some(n) = slug.strip_prefix(prefix) {
                return n.parse().ok().map(make);
            }
        }
        DocumentKind::from_slug(slug).map(DocumentRef::Kind)
    }

    pub fn slug(self) -> String {
        match self {
            DocumentRef::Kind(kind) => kind.slug().to_owned(),
            DocumentRef::Referral(n) => format!("referral-{n}"),
            DocumentRef::PanelUndertaking(n) => format!("undertaking-{n}"),
            DocumentRef::BidReview(n) => format!("bid-review-{n}"),
            DocumentRef::Consent(p) => format!("consent-{}", p.code()),
            DocumentRef::Conference(n) => format!("conference-{n}"),
        }
    }

    pub fn kind(self) -> DocumentKind {
        match self {
            DocumentRef::Kind(kind) => kind,
            DocumentRef::Referral(_) => DocumentKind::Referral,
            DocumentRef::PanelUndertaking(_) => DocumentKind::PanelUndertaking,
            DocumentRef::BidReview(_) => DocumentKind::BidReview,
            DocumentRef::Consent(_) => DocumentKind::ConsentRecord,
            DocumentRef::Conference(_) => DocumentKind::CaseConference,
        }
    }
}

/// The documents of `case` beyond those every case has, each with what to call it in a list
/// (a label key with values: never the child's name). Referrals are listed by the page itself.
pub fn listed(case: &Case) -> Vec<(DocumentRef, Text)> {
    let mut out = Vec::new();
    let day = |d: chrono::NaiveDate| Text::Plain(crate::dates::iso_date(d));
    for (n, m) in case.casework().panel.iter().enumerate() {
        let label =
            Text::KeyWith("doc.list.undertaking", vec![("member", Text::Plain(m.name.clone()))]);
        out.push((DocumentRef::PanelUndertaking(n), label));
    }
    for (n, r) in case.casework().bid_reviews.iter().enumerate() {
        out.push((
            DocumentRef::BidReview(n),
            Text::KeyWith("doc.list.bid_review", vec![("date", day(r.held_on))]),
        ));
    }
    for p in ConsentPurpose::ALL {
        if case.consents().iter().any(|c| c.purpose == p) {
            let label =
                Text::KeyWith("doc.list.consent", vec![("purpose", Text::Key(purpose_key(p)))]);
            out.push((DocumentRef::Consent(p), label));
        }
    }
    for (n, c) in case.casework().conferences.iter().enumerate() {
        out.push((
            DocumentRef::Conference(n),
            Text::KeyWith("doc.list.conference", vec![("date", day(c.held_on))]),
        ));
    }
    out
}

/// Builds the document `wanted` names at `now`, with the content's review status at its foot;
/// `None` if the case has no such document.
pub fn make(
    wanted: DocumentRef,
    case: &Case,
    procedure: &Procedure,
    texts: &ProcedureTexts,
    now: DateTime<Utc>,
) -> Option<Document> {
    let mut doc = match wanted {
        DocumentRef::Kind(DocumentKind::Closure) => Some(closure_form(case, texts, now)),
        DocumentRef::Kind(kind) => Some(build(kind, case, procedure, texts, now.date_naive())),
        DocumentRef::Referral(n) => referral_form(case, n, now),
        DocumentRef::PanelUndertaking(n) => panel_undertaking(case, n, now),
        DocumentRef::BidReview(n) => bid_review_report(case, n, texts, now),
        DocumentRef::Consent(p) => Some(consent_record(case, p, now)),
        DocumentRef::Conference(n) => conference_record(case, n, now),
    }?;
    doc.sections.push(sections::content_status(texts));
    Some(doc)
}
