//! Offline full-text search over the Guide's steps and items, the framework and the glossary:
//! every word typed must start a word of the entry (accents and case ignored); a word found in
//! an entry's title counts more than one found only in its body, and at equal score glossary
//! terms come first, then the framework, then the Guide.

use super::{Framework, Glossary};
use crate::procedure::{Procedure, ProcedureTexts};
use crate::text_search::fold;

/// Where a hit leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchTarget {
    /// A glossary term, by id.
    Term(String),
    /// A section of the framework, by id.
    Framework(String),
    /// A step of the Guide: its phase and its own id.
    Step { phase: String, step: String },
}

impl SearchTarget {
    /// Order among equal scores: the shortest answers first.
    fn rank(&self) -> u8 {
        match self {
            SearchTarget::Term(_) => 0,
            SearchTarget::Framework(_) => 1,
            SearchTarget::Step { .. } => 2,
        }
    }
}

/// One searchable thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchEntry {
    pub target: SearchTarget,
    pub title: String,
    pub body: String,
}

/// Entries with their words folded once.
pub struct SearchIndex {
    entries: Vec<(SearchEntry, Vec<String>, Vec<String>)>,
}

fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

impl SearchIndex {
    pub fn new(entries: Vec<SearchEntry>) -> SearchIndex {
        SearchIndex {
            entries: entries
                .into_iter()
                .map(|e| {
                    let (t, b) = (words(&e.title), words(&e.body));
                    (e, t, b)
                })
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries matching every word of `query`, best first, at most `limit`. An empty
    /// query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&SearchEntry> {
        let query = words(query);
        if query.is_empty() {
            return Vec::new();
        }
        let starts = |ws: &[String], q: &str| ws.iter().any(|w| w.starts_with(q));
        let mut hits: Vec<(u32, u8, usize, &SearchEntry)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(n, (entry, title, body))| {
                let mut score = 0;
                for q in &query {
                    score += if starts(title, q) {
                        // A whole title word beats the start of one.
                        if title.iter().any(|w| w == q) {
                            4
                        } else {
                            3
                        }
                    } else if starts(body, q) {
                        1
                    } else {
                        return None;
                    };
                }
                Some((score, entry.target.rank(), n, entry))
            })
            .collect();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        hits.into_iter().take(limit).map(|h| h.3).collect()
    }
}

/// The Guide's steps (title: the step, body: the phase) and items (title: the instruction,
/// body: why and never), each leading to its step.
pub fn guide_entries(procedure: &Procedure, texts: &ProcedureTexts) -> Vec<SearchEntry> {
    let mut out = Vec::new();
    for phase in &procedure.phases {
        let phase_title = texts.phases.get(&phase.id).map(|p| p.title.as_str()).unwrap_or_default();
        for step in &phase.steps {
            let target = SearchTarget::Step { phase: phase.id.clone(), step: step.id.clone() };
            let step_title = texts
                .steps
                .get(&step.id)
                .map(|s| s.title.clone())
                .unwrap_or_else(|| step.id.clone());
            out.push(SearchEntry {
                target: target.clone(),
                title: step_title,
                body: phase_title.to_owned(),
            });
            for item in &step.items {
                if let Some(t) = texts.items.get(&item.id) {
                    let body = format!("{} {}", t.why, t.never.as_deref().unwrap_or_default());
                    out.push(SearchEntry {
                        target: target.clone(),
                        title: t.instruction.clone(),
                        body,
                    });
                }
            }
        }
    }
    out
}

/// The glossary's terms (title: the term, body: the definition) and the framework's sections
/// (title: the section, body: its paragraphs).
pub fn reference_entries(framework: &Framework, glossary: &Glossary) -> Vec<SearchEntry> {
    let terms = glossary.structure.terms.iter().filter_map(|d| {
        let t = glossary.texts.terms.get(&d.id)?;
        Some(SearchEntry {
            target: SearchTarget::Term(d.id.clone()),
            title: t.term.clone(),
            body: t.definition.clone(),
        })
    });
    let sections = framework.sections().into_iter().map(|s| SearchEntry {
        target: SearchTarget::Framework(s.id.to_owned()),
        title: s.title.to_owned(),
        body: s.paragraphs.iter().map(|p| p.text).collect::<Vec<_>>().join(" "),
    });
    terms.chain(sections).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(target: SearchTarget, title: &str, body: &str) -> SearchEntry {
        SearchEntry { target, title: title.into(), body: body.into() }
    }

    fn step(id: &str) -> SearchTarget {
        SearchTarget::Step { phase: "bia".into(), step: id.into() }
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        let index = SearchIndex::new(vec![entry(step("a"), "Evaluación del interés superior", "")]);
        assert_eq!(index.search("evaluacion", 5).len(), 1);
        assert_eq!(index.search("EVALUACIÓN INTERES", 5).len(), 1);
        assert!(index.search("evaluacionx", 5).is_empty());
        assert!(index.search("  ", 5).is_empty(), "an empty query finds nothing");
    }

    #[test]
    fn a_title_match_ranks_above_a_body_match() {
        let index = SearchIndex::new(vec![
            entry(step("body"), "Plan de caso", "Derive a la niña separada al servicio."),
            entry(step("title"), "Niña separada", "Definición."),
            entry(step("none"), "Otra cosa", "Nada que ver."),
        ]);
        let hits = index.search("separada", 5);
        assert_eq!(hits.len(), 2, "every query word must be present");
        assert_eq!(hits[0].target, step("title"));
        assert_eq!(hits[1].target, step("body"));
    }

    #[test]
    fn every_word_must_match_and_glossary_terms_win_ties() {
        let index = SearchIndex::new(vec![
            entry(step("s"), "Niño separado", ""),
            entry(SearchTarget::Framework("f".into()), "Niño separado", ""),
            entry(SearchTarget::Term("separated".into()), "Niño separado", ""),
        ]);
        let hits = index.search("separado", 5);
        assert_eq!(hits[0].target, SearchTarget::Term("separated".into()));
        assert_eq!(hits[1].target, SearchTarget::Framework("f".into()));
        assert!(index.search("separado asilo", 5).is_empty());
        assert_eq!(index.search("sep", 2).len(), 2, "limit");
    }

    #[test]
    fn a_whole_word_beats_the_start_of_a_longer_one() {
        let index = SearchIndex::new(vec![
            entry(step("long"), "Trata de personas y tratamiento", ""),
            entry(step("prefix"), "Tratamiento médico", ""),
        ]);
        assert_eq!(index.search("trata", 5)[0].target, step("long"));
    }
}
