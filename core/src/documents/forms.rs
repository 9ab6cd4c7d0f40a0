//! The BIP Toolbox's remaining model documents, built from the case: the BID panel member's
//! confidentiality undertaking, the BID review report, the closure or transfer form, the consent
//! record for one purpose and the case conference record. Each carries the child's details only
//! where the form needs them and the consents allow; the undertaking and the conference record
//! carry none beyond the case number.

use super::referral::{giver_key, purpose_key};
use super::sections::{date, plain, row};
use super::{case_ref, item_value, profile, Document, DocumentKind, Row, Section, Text};
use crate::case::{Case, ChildAssent, ClosureReason, ConsentPurpose, ReviewOutcome};
use crate::dates::iso_date;
use crate::procedure::ProcedureTexts;
use chrono::{DateTime, Utc};

fn document(
    kind: DocumentKind,
    case: &Case,
    now: DateTime<Utc>,
    sections: Vec<Section>,
    signatures: Vec<&'static str>,
) -> Document {
    Document { kind, case_ref: case_ref(case), made_on: now.date_naive(), sections, signatures }
}

/// The undertaking panel member number `index` signs; `None` if there is no such member.
pub fn panel_undertaking(case: &Case, index: usize, now: DateTime<Utc>) -> Option<Document> {
    let member = case.casework().panel.get(index)?;
    let who = Section {
        heading: Text::Key("doc.section.undertaking"),
        rows: vec![
            row("doc.panel.member", Text::Plain(member.name.clone())),
            row("doc.panel.expertise", plain(&member.expertise)),
            row("doc.case_number", Text::Plain(case_ref(case))),
            row("doc.undertaking.pledge", Text::Key("doc.undertaking.text")),
            row("doc.undertaking.signed_on", date(member.undertaking_signed_on)),
        ],
    };
    Some(document(
        DocumentKind::PanelUndertaking,
        case,
        now,
        vec![who],
        vec!["doc.sign.panel_member", "doc.sign.caseworker"],
    ))
}

/// The report of review number `index` of the determination; `None` if there is no such review.
pub fn bid_review_report(
    case: &Case,
    index: usize,
    texts: &ProcedureTexts,
    now: DateTime<Utc>,
) -> Option<Document> {
    let review = case.casework().bid_reviews.get(index)?;
    let outcome = match review.outcome {
        ReviewOutcome::Confirmed => Text::Key("doc.review.confirmed"),
        ReviewOutcome::Revised => Text::Key("doc.review.revised"),
    };
    let mut rows = vec![
        row("doc.review.held_on", Text::Plain(iso_date(review.held_on))),
        row("doc.review.decision_under_review", item_value(case, texts, "bid.decision.decision")),
        row("doc.review.what_changed", plain(&review.what_changed)),
        row("doc.review.outcome", outcome),
    ];
    if review.outcome == ReviewOutcome::Revised {
        rows.push(row("doc.review.revised_decision", plain(&review.revised_decision)));
    }
    rows.push(row("doc.review.next_review", date(review.next_review)));
    let sections = vec![
        profile::header(case),
        profile::summary(case),
        Section { heading: Text::Key("doc.section.review"), rows },
        super::sections::panel(case),
    ];
    Some(document(
        DocumentKind::BidReview,
        case,
        now,
        sections,
        vec!["doc.sign.panel_member", "doc.sign.panel_member", "doc.sign.caseworker"],
    ))
}

fn closure_key(r: ClosureReason) -> &'static str {
    match r {
        ClosureReason::GoalsMet => "case.closure.goals_met",
        ClosureReason::Transferred => "case.closure.transferred",
        ClosureReason::TurnedEighteen => "case.closure.turned_eighteen",
        ClosureReason::ChildLeft => "case.closure.child_left",
        ClosureReason::Death => "case.closure.death",
        ClosureReason::Other => "case.closure.other",
    }
}

/// The closure or transfer form. The child's details travel with a transfer only under consent to
/// share information in force now; otherwise the form says they were withheld.
pub fn closure_form(case: &Case, texts: &ProcedureTexts, now: DateTime<Utc>) -> Document {
    use crate::case::CaseStatus;
    let (reason, explanation, closed_on) = match case.status() {
        CaseStatus::Closed { at, reason, explanation } => (
            reason.map_or(Text::Key("doc.not_recorded"), |r| Text::Key(closure_key(r))),
            plain(explanation),
            Text::Plain(iso_date(at.date_naive())),
        ),
        _ => (
            Text::Key("doc.closure.still_open"),
            Text::Key("doc.not_recorded"),
            Text::Key("doc.not_recorded"),
        ),
    };
    let about = Section {
        heading: Text::Key("doc.section.closure"),
        rows: vec![
            row("doc.closure.reason", reason),
            row("doc.closure.explanation", explanation),
            row("doc.closure.closed_on", closed_on),
            row("doc.closure.solution", item_value(case, texts, "closure.solution.solution")),
            row("doc.closure.transferred_to", item_value(case, texts, "closure.close.transfer")),
            row("doc.closure.child_told", item_value(case, texts, "closure.close.explained")),
        ],
    };
    let child = if case.consent_in_force(ConsentPurpose::InformationSharing, now).is_some() {
        profile::summary(case)
    } else {
        Section {
            heading: Text::Key("case.section.child"),
            rows: vec![row("doc.referral.withheld", Text::Key("doc.closure.withheld_why"))],
        }
    };
    document(
        DocumentKind::Closure,
        case,
        now,
        vec![profile::header(case), about, child],
        vec!["doc.sign.caseworker", "doc.sign.supervisor", "doc.sign.receiving"],
    )
}

fn assent_key(a: ChildAssent) -> &'static str {
    match a {
        ChildAssent::Assented => "scr.assent.assented",
        ChildAssent::Declined => "scr.assent.declined",
        ChildAssent::NotSought => "scr.assent.not_sought",
    }
}

/// The record of every consent given for `purpose`, oldest first: who consented, the child's own
/// view, what was explained, when it was given and withdrawn. Only this purpose's consents appear.
pub fn consent_record(case: &Case, purpose: ConsentPurpose, now: DateTime<Utc>) -> Document {
    let explained = case.casework().consent_explanations.get(&purpose).map_or("", String::as_str);
    let mut rows = vec![
        row("doc.consent.purpose", Text::Key(purpose_key(purpose))),
        row("doc.consent.explained", plain(explained)),
    ];
    let given: Vec<_> = case.consents().iter().filter(|c| c.purpose == purpose).collect();
    if given.is_empty() {
        rows.push(row("doc.consent.given_by", Text::Key("doc.consent.none")));
    }
    for c in given {
        let when = |d: DateTime<Utc>| Text::Plain(iso_date(d.date_naive()));
        rows.extend([
            row("doc.consent.given_by", Text::Key(giver_key(c.given_by))),
            row("doc.consent.child_view", Text::Key(assent_key(c.child_assent))),
            row("doc.consent.given_on", when(c.given_at)),
            row(
                "doc.consent.withdrawn_on",
                c.withdrawn_at.map_or(Text::Key("doc.consent.not_withdrawn"), when),
            ),
            row(
                "doc.consent.in_force",
                Text::Key(if c.is_in_force(now) { "doc.yes" } else { "doc.no" }),
            ),
        ]);
    }
    let section = Section { heading: Text::Key("doc.section.consent"), rows };
    document(
        DocumentKind::ConsentRecord,
        case,
        now,
        vec![profile::header(case), profile::summary(case), section],
        vec!["doc.sign.consenting", "doc.sign.child", "doc.sign.caseworker"],
    )
}

/// The record of conference number `index`; `None` if there is no such conference. It names the
/// case by number only: attendees from other bodies see no identifying details on it.
pub fn conference_record(case: &Case, index: usize, now: DateTime<Utc>) -> Option<Document> {
    let c = case.casework().conferences.get(index)?;
    let attended = if c.attended.is_empty() {
        vec![row("doc.conference.attended", Text::Key("doc.not_recorded"))]
    } else {
        c.attended.iter().map(|who| row("doc.conference.attended", plain(who))).collect()
    };
    let mut rows = vec![row("doc.conference.held_on", Text::Plain(iso_date(c.held_on)))];
    rows.extend(attended);
    rows.push(row("doc.conference.decided", plain(&c.decided)));
    let actions: Vec<Row> = if c.actions.is_empty() {
        vec![row("doc.conference.action", Text::Key("doc.not_recorded"))]
    } else {
        c.actions
            .iter()
            .map(|a| Row {
                label: Text::Key("doc.conference.action"),
                value: Text::KeyWith(
                    "doc.conference.action_value",
                    vec![("what", plain(&a.what)), ("who", plain(&a.who)), ("by", date(a.by))],
                ),
            })
            .collect()
    };
    let sections = vec![
        profile::header(case),
        Section { heading: Text::Key("doc.section.conference"), rows },
        Section { heading: Text::Key("doc.section.conference_actions"), rows: actions },
    ];
    Some(document(DocumentKind::CaseConference, case, now, sections, vec!["doc.sign.chair"]))
}
