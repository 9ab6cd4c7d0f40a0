//! Checks that each locale's procedure texts are complete against the structure — every id
//! has its words, no text is blank or stale, option labels and verify-locally notes match —
//! and that "never do" notes agree across locales.

use super::error::ContentError;
use super::model::Procedure;
use super::texts::ProcedureTexts;
use std::collections::{BTreeMap, BTreeSet};

/// Every defect of one locale's texts against the structure.
pub fn validate_texts(
    procedure: &Procedure,
    texts: &ProcedureTexts,
    file: &'static str,
    language: &str,
) -> Vec<ContentError> {
    let mut out = Vec::new();
    if texts.language != language {
        out.push(ContentError::WrongLanguage { file, found: texts.language.clone() });
    }
    let blank = |id: &str, field: &'static str, text: &str, out: &mut Vec<ContentError>| {
        if text.trim().is_empty() {
            out.push(ContentError::BlankText { file, id: id.to_owned(), field });
        }
    };
    blank("review_note", "text", &texts.review_note, &mut out);

    let phase_ids = procedure.phases.iter().map(|p| p.id.as_str());
    for (id, t) in complete(file, phase_ids, &texts.phases, &mut out) {
        blank(id, "title", &t.title, &mut out);
        blank(id, "summary", &t.summary, &mut out);
    }
    let step_ids = procedure.phases.iter().flat_map(|p| &p.steps).map(|s| s.id.as_str());
    for (id, t) in complete(file, step_ids, &texts.steps, &mut out) {
        blank(id, "title", &t.title, &mut out);
    }
    let item_ids = procedure.items().map(|p| p.item.id.as_str());
    for (id, t) in complete(file, item_ids, &texts.items, &mut out) {
        blank(id, "instruction", &t.instruction, &mut out);
        blank(id, "why", &t.why, &mut out);
        for (field, note) in [("never note", &t.never), ("verify note", &t.verify_note)] {
            if let Some(note) = note {
                blank(id, field, note, &mut out);
            }
        }
        for label in t.options.values() {
            blank(id, "option label", label, &mut out);
        }
        if let Some(placed) = procedure.item(id) {
            let labelled: Vec<&String> = t.options.keys().collect();
            let offered: BTreeSet<&String> = placed.item.options.iter().collect();
            if labelled != offered.into_iter().collect::<Vec<_>>() {
                out.push(ContentError::OptionTexts { file, id: id.to_owned() });
            }
            verify_note(file, id, placed.item.verify_locally, t.verify_note.as_deref(), &mut out);
        }
    }
    let trigger_ids = procedure.bid_triggers.iter().map(|t| t.id.as_str());
    for (id, t) in complete(file, trigger_ids, &texts.bid_triggers, &mut out) {
        blank(id, "reason", &t.reason, &mut out);
        let marked = procedure.bid_trigger(id).is_some_and(|r| r.verify_locally);
        verify_note(file, id, marked, t.verify_note.as_deref(), &mut out);
    }
    let deadline_ids = procedure.deadlines.iter().map(|d| d.id.as_str());
    for (id, t) in complete(file, deadline_ids, &texts.deadlines, &mut out) {
        blank(id, "label", &t.label, &mut out);
        let marked = procedure.deadline(id).is_some_and(|r| r.verify_locally);
        verify_note(file, id, marked, t.verify_note.as_deref(), &mut out);
    }
    let section_ids = procedure.volunteer.iter().map(|s| s.id.as_str());
    for (id, t) in complete(file, section_ids, &texts.volunteer, &mut out) {
        blank(id, "title", &t.title, &mut out);
    }
    out
}

/// The texts of `ids` found in `map`; reports ids without text and text without an id.
fn complete<'a, 'm, T>(
    file: &'static str,
    ids: impl Iterator<Item = &'a str>,
    map: &'m BTreeMap<String, T>,
    out: &mut Vec<ContentError>,
) -> Vec<(&'a str, &'m T)> {
    let ids: Vec<&str> = ids.collect();
    for stale in map.keys().filter(|k| !ids.contains(&k.as_str())) {
        out.push(ContentError::StaleText { file, id: stale.clone() });
    }
    ids.into_iter()
        .filter_map(|id| match map.get(id) {
            Some(text) => Some((id, text)),
            None => {
                out.push(ContentError::MissingText { file, id: id.to_owned() });
                None
            }
        })
        .collect()
}

fn verify_note(
    file: &'static str,
    id: &str,
    marked: bool,
    note: Option<&str>,
    out: &mut Vec<ContentError>,
) {
    if marked != note.is_some() {
        out.push(ContentError::VerifyNote { file, id: id.to_owned() });
    }
}

/// Items whose "never do" note exists in some locales and not in others.
pub fn compare_never_notes(
    procedure: &Procedure,
    locales: &[&ProcedureTexts],
) -> Vec<ContentError> {
    procedure
        .items()
        .map(|p| p.item.id.as_str())
        .filter(|id| {
            let present: BTreeSet<bool> = locales
                .iter()
                .filter_map(|t| t.items.get(*id))
                .map(|t| t.never.is_some())
                .collect();
            present.len() > 1
        })
        .map(|id| ContentError::NeverNoteDiffers { id: id.to_owned() })
        .collect()
}
