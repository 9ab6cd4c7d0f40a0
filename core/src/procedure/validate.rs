//! Checks that the procedure structure holds together: ids unique and well placed, every item
//! sourced, every source and flag known, every condition meaningful, deadlines anchored on the
//! right items, and a volunteer flow that records nothing. Run by the tests, so that a defect
//! fails the build and never reaches a field worker.

use super::condition::Condition;
use super::error::ContentError;
use super::flags::FlagVocabulary;
use super::model::{Anchor, ItemKind, Procedure};
use crate::sources::SourceList;
use std::collections::{BTreeMap, BTreeSet};

/// Every defect of the structure file, given the flags and sources it may refer to.
pub fn validate_structure(
    procedure: &Procedure,
    flags: &FlagVocabulary,
    sources: &SourceList,
) -> Vec<ContentError> {
    let mut out = Vec::new();
    check_ids(procedure, &mut out);
    let order: BTreeMap<&str, usize> =
        procedure.items().enumerate().map(|(i, p)| (p.item.id.as_str(), i)).collect();
    let refs = References { procedure, flags, order: &order };

    for (index, placed) in procedure.items().enumerate() {
        let item = placed.item;
        check_sources(&item.id, &item.sources, sources, &mut out);
        let is_question = item.kind == ItemKind::Question;
        let distinct: BTreeSet<&String> = item.options.iter().collect();
        let options_ok = if is_question {
            item.options.len() >= 2
                && distinct.len() == item.options.len()
                && item.options.iter().all(|o| is_name(o))
        } else {
            item.options.is_empty()
        };
        if !options_ok {
            out.push(ContentError::BadOptions { id: item.id.clone() });
        }
        if let Some(when) = &item.when {
            refs.check(&item.id, when, Some(index), false, &mut out);
        }
    }
    for phase in &procedure.phases {
        let first = phase.steps.first().and_then(|s| s.items.first());
        if let Some(when) = &phase.when {
            refs.check(
                &phase.id,
                when,
                first.and_then(|i| order.get(i.id.as_str()).copied()),
                false,
                &mut out,
            );
        }
        for step in &phase.steps {
            if let Some(when) = &step.when {
                let first = step.items.first().and_then(|i| order.get(i.id.as_str()).copied());
                refs.check(&step.id, when, first, false, &mut out);
            }
        }
    }
    let mut trigger_ids = BTreeSet::new();
    for trigger in &procedure.bid_triggers {
        unique_name(&trigger.id, &mut trigger_ids, &mut out);
        check_sources(&trigger.id, &trigger.sources, sources, &mut out);
        refs.check(&trigger.id, &trigger.when, None, true, &mut out);
    }
    let mut deadline_ids = BTreeSet::new();
    for rule in &procedure.deadlines {
        unique_name(&rule.id, &mut deadline_ids, &mut out);
        check_sources(&rule.id, &rule.sources, sources, &mut out);
        if procedure.item(&rule.met_by).is_none() {
            out.push(ContentError::UnknownItem { at: rule.id.clone(), item: rule.met_by.clone() });
        }
        match &rule.from {
            Anchor::ItemDate(item)
                if procedure.item(item).is_none_or(|p| p.item.kind != ItemKind::Date) =>
            {
                out.push(ContentError::BadAnchor { at: rule.id.clone(), item: item.clone() });
            }
            Anchor::ItemDone(item) if procedure.item(item).is_none() => {
                out.push(ContentError::BadAnchor { at: rule.id.clone(), item: item.clone() });
            }
            _ => {}
        }
    }
    let mut section_ids = BTreeSet::new();
    for section in &procedure.volunteer {
        unique_name(&section.id, &mut section_ids, &mut out);
        for id in &section.items {
            let safe = procedure
                .item(id)
                .is_some_and(|p| p.item.kind == ItemKind::Check && p.is_unconditional());
            if !safe {
                out.push(ContentError::UnsafeVolunteerItem {
                    section: section.id.clone(),
                    item: id.clone(),
                });
            }
        }
    }
    out
}

/// Ids are well formed, unique in one namespace, and nested under their phase and step.
fn check_ids(procedure: &Procedure, out: &mut Vec<ContentError>) {
    let mut seen = BTreeSet::new();
    for phase in &procedure.phases {
        unique_name(&phase.id, &mut seen, out);
        for step in &phase.steps {
            nested(&step.id, &phase.id, &mut seen, out);
            for item in &step.items {
                nested(&item.id, &step.id, &mut seen, out);
            }
        }
    }
}

fn unique_name<'a>(id: &'a str, seen: &mut BTreeSet<&'a str>, out: &mut Vec<ContentError>) {
    if !is_name(id) {
        out.push(ContentError::BadId { id: id.to_owned() });
    }
    if !seen.insert(id) {
        out.push(ContentError::DuplicateId { id: id.to_owned() });
    }
}

fn nested<'a>(
    id: &'a str,
    parent: &str,
    seen: &mut BTreeSet<&'a str>,
    out: &mut Vec<ContentError>,
) {
    match id.strip_prefix(parent).and_then(|rest| rest.strip_prefix('.')) {
        Some(name) if is_name(name) => {}
        Some(_) => out.push(ContentError::BadId { id: id.to_owned() }),
        None => {
            out.push(ContentError::MisplacedId { id: id.to_owned(), parent: parent.to_owned() })
        }
    }
    if !seen.insert(id) {
        out.push(ContentError::DuplicateId { id: id.to_owned() });
    }
}

/// A single id segment: lowercase letters, digits and underscores.
fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn check_sources(at: &str, cited: &[String], sources: &SourceList, out: &mut Vec<ContentError>) {
    if cited.is_empty() {
        out.push(ContentError::NoSource { id: at.to_owned() });
    }
    for source in cited.iter().filter(|s| !sources.contains(s)) {
        out.push(ContentError::UnknownSource { at: at.to_owned(), source: source.clone() });
    }
}

/// What conditions may refer to.
struct References<'a> {
    procedure: &'a Procedure,
    flags: &'a FlagVocabulary,
    /// Position of each item in procedure order.
    order: &'a BTreeMap<&'a str, usize>,
}

impl References<'_> {
    /// `position` is where the condition is used (answers must come before it); `None` for
    /// BID triggers, which are evaluated apart from the order.
    fn check(
        &self,
        at: &str,
        when: &Condition,
        position: Option<usize>,
        in_trigger: bool,
        out: &mut Vec<ContentError>,
    ) {
        let at_owned = || at.to_owned();
        when.walk(&mut |c| match c {
            Condition::All(list) | Condition::Any(list) if list.is_empty() => {
                out.push(ContentError::EmptyCondition { at: at_owned() });
            }
            Condition::Flag(flag) if !self.flags.contains(flag) => {
                out.push(ContentError::UnknownFlag { at: at_owned(), flag: flag.clone() });
            }
            Condition::BidRequired if in_trigger => {
                out.push(ContentError::CircularTrigger { at: at_owned() });
            }
            Condition::Answer { item, option } => {
                let unusable = |problem| ContentError::UnusableAnswer {
                    at: at_owned(),
                    item: item.clone(),
                    problem,
                };
                let Some(placed) = self.procedure.item(item) else {
                    out.push(ContentError::UnknownItem { at: at_owned(), item: item.clone() });
                    return;
                };
                if placed.item.kind != ItemKind::Question {
                    out.push(unusable("is not a question"));
                } else if !placed.item.options.contains(option) {
                    out.push(ContentError::UnknownOption {
                        at: at_owned(),
                        item: item.clone(),
                        option: option.clone(),
                    });
                }
                if !placed.is_unconditional() {
                    out.push(unusable("only applies to some cases"));
                }
                let answered_at = self.order.get(item.as_str()).copied();
                if let (Some(used), Some(answered)) = (position, answered_at) {
                    if answered >= used {
                        out.push(unusable("does not come earlier in the procedure"));
                    }
                }
            }
            _ => {}
        });
    }
}
