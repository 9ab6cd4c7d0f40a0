//! Sections several documents share beyond the child's data: the flags and risk level with its
//! reasons and any override, the interview's people and language, the guardian's views, the BID
//! panel, the workers' notes, and the content's review status as printed on every page.

use super::{item_value, risk_key, Row, Section, Text};
use crate::case::Case;
use crate::dates::iso_date;
use crate::procedure::ProcedureTexts;
use crate::ui_text::Review;

pub(super) fn row(label: &'static str, value: Text) -> Row {
    Row { label: Text::Key(label), value }
}

/// The words as recorded, or "not recorded".
pub(super) fn plain(s: &str) -> Text {
    if s.trim().is_empty() {
        Text::Key("doc.not_recorded")
    } else {
        Text::Plain(s.trim().to_owned())
    }
}

pub(super) fn date(d: Option<chrono::NaiveDate>) -> Text {
    d.map(|d| Text::Plain(iso_date(d))).unwrap_or(Text::Key("doc.not_recorded"))
}

/// The flags raised and the risk level: the level screening proposed, each raised flag as a
/// reason, and the worker's override with its reason, if any.
pub(super) fn risk(case: &Case) -> Section {
    let r = case.risk();
    let mut rows = vec![
        row("doc.risk", Text::Key(risk_key(r.level()))),
        row("doc.risk.screened", Text::Key(risk_key(r.screened))),
    ];
    if case.flags().is_empty() {
        rows.push(row("doc.risk.flag", Text::Key("doc.risk.no_flags")));
    }
    rows.extend(
        case.flags()
            .iter()
            .map(|f| row("doc.risk.flag", Text::Keyed(format!("flag.{}", f.as_str())))),
    );
    let overridden = match &r.overridden {
        None => Text::Key("doc.risk.not_overridden"),
        Some(o) => Text::KeyWith(
            "doc.risk.override_value",
            vec![
                ("level", Text::Key(risk_key(Some(o.level)))),
                ("reason", Text::Plain(o.reason.clone())),
                ("worker", Text::Plain(o.by.as_str().to_owned())),
                ("date", Text::Plain(iso_date(o.at.date_naive()))),
            ],
        ),
    };
    rows.push(row("doc.risk.override", overridden));
    Section { heading: Text::Key("doc.section.risk"), rows }
}

/// Who held the interview, through which interpreter, in which language.
pub(super) fn interview(case: &Case) -> Section {
    let i = &case.casework().interview;
    Section {
        heading: Text::Key("doc.section.interview"),
        rows: vec![
            row("doc.interview.interviewer", plain(&i.interviewer)),
            row("doc.interview.interpreter", plain(&i.interpreter)),
            row("doc.interview.language", plain(&i.language)),
        ],
    }
}

/// The views of the parents, guardian or carers, as the assessment recorded them.
pub(super) fn guardian_views(case: &Case, texts: &ProcedureTexts) -> Section {
    Section {
        heading: Text::Key("doc.section.guardian_views"),
        rows: vec![row(
            "doc.bid.guardian_views",
            item_value(case, texts, "bia.family.parents_views"),
        )],
    }
}

/// The panel's members, their expertise and whether each signed the confidentiality undertaking.
pub(super) fn panel(case: &Case) -> Section {
    let members = &case.casework().panel;
    let rows = if members.is_empty() {
        vec![row("doc.panel.member", Text::Key("doc.not_recorded"))]
    } else {
        members
            .iter()
            .map(|m| Row {
                label: Text::Plain(m.name.clone()),
                value: Text::KeyWith(
                    "doc.panel.member_value",
                    vec![
                        ("expertise", plain(&m.expertise)),
                        ("signed", date(m.undertaking_signed_on)),
                    ],
                ),
            })
            .collect()
    };
    Section { heading: Text::Key("doc.section.panel"), rows }
}

/// The content's review status, printed so that a reader knows the guidance is a draft.
pub(super) fn content_status(texts: &ProcedureTexts) -> Section {
    let status = match texts.review {
        Review::Draft => Text::KeyWith(
            "doc.content.draft",
            vec![("note", Text::Plain(texts.review_note.clone()))],
        ),
        Review::Reviewed => Text::Key("doc.content.reviewed"),
    };
    Section {
        heading: Text::Key("doc.section.content"),
        rows: vec![row("doc.content.status", status)],
    }
}

/// The workers' notes, oldest first, with date and author: the running log of the case.
pub(super) fn notes(case: &Case) -> Section {
    let rows = if case.notes().is_empty() {
        vec![Row { label: Text::Key("doc.notes.none"), value: Text::Plain(String::new()) }]
    } else {
        case.notes()
            .iter()
            .map(|n| Row {
                label: Text::Plain(format!(
                    "{} · {}",
                    iso_date(n.written_at.date_naive()),
                    n.by.as_str()
                )),
                value: Text::Plain(n.text.clone()),
            })
            .collect()
    };
    Section { heading: Text::Key("doc.section.notes"), rows }
}
