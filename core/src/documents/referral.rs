//! The referral form: what the receiving body needs about one referral recorded on the case —
//! to whom, why, when, by whom, the consent it rests on — and of the child only what the consents
//! in force allow. Without consent to share information, the child's details are withheld and the
//! form says so: the receiving body gets the case number and the worker to ask.

use super::{case_ref, profile, Document, DocumentKind, Row, Section, Text};
use crate::case::{Case, ConsentGiver, ConsentPurpose};
use crate::dates::iso_date;
use chrono::{DateTime, Utc};

fn row(label: &'static str, value: Text) -> Row {
    Row { label: Text::Key(label), value }
}

/// The form for the case's referral number `index` (oldest first) at `now`; `None` if there is none.
pub fn referral_form(case: &Case, index: usize, now: DateTime<Utc>) -> Option<Document> {
    let referral = case.referrals().get(index)?;
    let consent = match referral.consent {
        None => Text::Key("doc.referral.consent_not_required"),
        Some(purpose) => match case
            .consents()
            .iter()
            .rev()
            .find(|c| c.purpose == purpose && c.given_at <= referral.at)
        {
            Some(c) => Text::KeyWith(
                "doc.referral.consent_given",
                vec![
                    ("purpose", Text::Key(purpose_key(purpose))),
                    ("giver", Text::Key(giver_key(c.given_by))),
                    ("date", Text::Plain(iso_date(c.given_at.date_naive()))),
                ],
            ),
            None => Text::Key("doc.not_recorded"),
        },
    };
    let about = Section {
        heading: Text::Key("doc.section.referral"),
        rows: vec![
            row("doc.referral.to", Text::Plain(referral.to.clone())),
            row("doc.referral.reason", Text::Keyed(format!("flag.{}", referral.flag.as_str()))),
            row("doc.referral.on", Text::Plain(iso_date(referral.at.date_naive()))),
            row("doc.referral.by", Text::Plain(referral.by.as_str().to_owned())),
            row("doc.referral.consent", consent),
        ],
    };
    // Identifying details travel only with consent to share information, in force now.
    let child = if case.consent_in_force(ConsentPurpose::InformationSharing, now).is_some() {
        profile::summary(case)
    } else {
        Section {
            heading: Text::Key("case.section.child"),
            rows: vec![row("doc.referral.withheld", Text::Key("doc.referral.withheld_why"))],
        }
    };
    Some(Document {
        kind: DocumentKind::Referral,
        case_ref: case_ref(case),
        made_on: now.date_naive(),
        sections: vec![profile::header(case), about, child],
        signatures: vec!["doc.sign.caseworker", "doc.sign.receiving"],
    })
}

pub(super) fn purpose_key(p: ConsentPurpose) -> &'static str {
    match p {
        ConsentPurpose::Services => "scr.purpose.services",
        ConsentPurpose::Referral => "scr.purpose.referral",
        ConsentPurpose::InformationSharing => "scr.purpose.information_sharing",
        ConsentPurpose::FamilyTracing => "scr.purpose.family_tracing",
    }
}

pub(super) fn giver_key(g: ConsentGiver) -> &'static str {
    match g {
        ConsentGiver::Child => "scr.giver.child",
        ConsentGiver::Parent => "scr.giver.parent",
        ConsentGiver::Guardian => "scr.giver.guardian",
        ConsentGiver::AppointedRepresentative => "scr.giver.appointed_representative",
        ConsentGiver::ChildProtectionAuthority => "scr.giver.child_protection_authority",
    }
}
