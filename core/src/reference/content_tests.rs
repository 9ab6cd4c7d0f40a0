//! The shipped reference and glossary files: complete in every locale, sourced, honest about
//! what is unverified, and the glossary links found in the Guide's checklists all resolve.

use super::*;
use crate::locale::Locale;
use crate::procedure::{Procedure, ProcedureTexts};
use crate::sources::sources;
use crate::ui_text::Review;
use std::collections::BTreeSet;

const FRAMEWORK: &str = include_str!("../../../content/reference/structure.json");
const GLOSSARY: &str = include_str!("../../../content/glossary/structure.json");

fn texts(locale: Locale) -> (&'static str, &'static str) {
    match locale {
        Locale::Es => (
            include_str!("../../../content/reference/es.json"),
            include_str!("../../../content/glossary/es.json"),
        ),
        Locale::En => (
            include_str!("../../../content/reference/en.json"),
            include_str!("../../../content/glossary/en.json"),
        ),
        Locale::Fr => (
            include_str!("../../../content/reference/fr.json"),
            include_str!("../../../content/glossary/fr.json"),
        ),
    }
}

fn framework(locale: Locale) -> Framework {
    Framework::parse(FRAMEWORK, texts(locale).0).expect("framework parses")
}

fn glossary(locale: Locale) -> Glossary {
    Glossary::parse(GLOSSARY, texts(locale).1).expect("glossary parses")
}

fn guide(locale: Locale) -> (Procedure, ProcedureTexts) {
    let procedure = Procedure::parse(include_str!("../../../content/procedure/structure.json"))
        .expect("procedure");
    let json = match locale {
        Locale::En => include_str!("../../../content/procedure/en.json"),
        _ => include_str!("../../../content/procedure/es.json"),
    };
    (procedure, ProcedureTexts::parse("procedure", json).expect("texts"))
}

#[test]
fn every_locale_has_every_section_and_paragraph_and_nothing_else() {
    let structure = framework(Locale::Es).structure;
    let section_ids: BTreeSet<&str> = structure.sections.iter().map(|s| s.id.as_str()).collect();
    let paragraph_ids: BTreeSet<&str> =
        structure.sections.iter().flat_map(|s| &s.paragraphs).map(|p| p.id.as_str()).collect();
    assert_eq!(section_ids.len(), structure.sections.len(), "section ids are unique");
    assert!(paragraph_ids.len() > 25);
    for locale in Locale::ALL {
        let f = framework(locale);
        assert_eq!(f.texts.language, locale.code());
        assert_eq!(
            f.texts.sections.keys().map(String::as_str).collect::<BTreeSet<_>>(),
            section_ids,
            "{locale:?}"
        );
        assert_eq!(
            f.texts.paragraphs.keys().map(String::as_str).collect::<BTreeSet<_>>(),
            paragraph_ids,
            "{locale:?}"
        );
        assert!(f
            .texts
            .paragraphs
            .values()
            .chain(f.texts.sections.values())
            .all(|t| t.trim().len() > 3));
        assert_eq!(f.texts.review, Review::Draft, "no review has happened yet");
        assert!(!f.texts.review_note.trim().is_empty());
    }
}

#[test]
fn every_paragraph_and_term_cites_known_sources() {
    let list = sources().expect("sources");
    for s in &framework(Locale::Es).structure.sections {
        for p in &s.paragraphs {
            assert!(!p.sources.is_empty(), "{} cites nothing", p.id);
            for id in &p.sources {
                assert!(list.contains(id), "{} cites unknown {id}", p.id);
            }
        }
    }
    for t in &glossary(Locale::Es).structure.terms {
        assert!(!t.sources.is_empty(), "{} cites nothing", t.id);
        for id in &t.sources {
            assert!(list.contains(id), "{} cites unknown {id}", t.id);
        }
    }
}

#[test]
fn what_the_sources_could_not_confirm_is_marked_and_says_so_in_every_locale() {
    let unverified: Vec<String> = framework(Locale::Es)
        .structure
        .sections
        .iter()
        .flat_map(|s| &s.paragraphs)
        .filter(|p| p.unverified)
        .map(|p| p.id.clone())
        .collect();
    // SOURCES.md marks the GC14 safeguards list and OC-21/14's identification steps unverified.
    assert_eq!(unverified, ["gc14.safeguards", "oc21.identification"]);
    for (locale, marker) in
        [(Locale::Es, "Sin verificar"), (Locale::En, "Unverified"), (Locale::Fr, "Non vérifié")]
    {
        let f = framework(locale);
        for (id, text) in &f.texts.paragraphs {
            assert_eq!(text.starts_with(marker), unverified.contains(id), "{locale:?} {id}");
        }
    }
}

#[test]
fn the_glossary_has_the_harmonised_terms_in_three_languages() {
    let required = [
        "unaccompanied",
        "separated",
        "bia",
        "bid",
        "durable_solution",
        "non_refoulement",
        "guardian",
        "interim_care",
        "trafficking",
        "smuggling",
        "statelessness",
        "referral",
        "case_plan",
    ];
    let es = glossary(Locale::Es);
    let ids: BTreeSet<&str> = es.structure.terms.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), es.structure.terms.len(), "term ids are unique");
    for id in required {
        assert!(ids.contains(id), "{id} missing");
    }
    for t in &es.structure.terms {
        for r in &t.related {
            assert!(ids.contains(r.as_str()) && r != &t.id, "{} relates to {r}", t.id);
        }
    }
    for locale in Locale::ALL {
        let g = glossary(locale);
        assert_eq!(g.texts.language, locale.code());
        assert_eq!(
            g.texts.terms.keys().map(String::as_str).collect::<BTreeSet<_>>(),
            ids,
            "{locale:?}"
        );
        for (id, t) in &g.texts.terms {
            assert!(!t.term.trim().is_empty() && t.definition.len() > 40, "{locale:?} {id}");
            assert!(
                !t.forms.is_empty() && t.forms.iter().all(|f| !f.trim().is_empty()),
                "{locale:?} {id}"
            );
        }
        assert_eq!(g.texts.review, Review::Draft);
    }
}

#[test]
fn glossary_links_in_the_checklists_resolve_in_every_locale() {
    let all: Vec<Glossary> = Locale::ALL.into_iter().map(glossary).collect();
    let mut linked = BTreeSet::new();
    for locale in [Locale::Es, Locale::En] {
        let (_, texts) = guide(locale);
        let g = glossary(locale);
        for text in texts.items.values() {
            for segment in g.link_terms(&text.instruction) {
                if let Segment::Term { id, .. } = segment {
                    for other in &all {
                        assert!(
                            other.term(&id).is_some(),
                            "{id} linked but missing in {}",
                            other.texts.language
                        );
                    }
                    linked.insert((locale.code(), id));
                }
            }
        }
    }
    // The checklists do use the terms: links are not an empty promise.
    for id in
        ["unaccompanied", "separated", "trafficking", "guardian", "durable_solution", "referral"]
    {
        assert!(linked.contains(&("es", id.to_owned())), "es never links {id}");
        assert!(linked.contains(&("en", id.to_owned())), "en never links {id}");
    }
}

#[test]
fn each_term_is_found_by_its_own_forms_in_its_definition_or_heading_locale() {
    for locale in Locale::ALL {
        let g = glossary(locale);
        for (id, t) in &g.texts.terms {
            for form in &t.forms {
                let found =
                    g.link_terms(form).into_iter().any(|s| matches!(s, Segment::Term { .. }));
                assert!(found, "{locale:?} {id}: form {form:?} links nothing");
            }
        }
    }
}

#[test]
fn searching_the_shipped_content_tolerates_accents_and_puts_the_glossary_first() {
    let (procedure, texts) = guide(Locale::Es);
    let mut entries = reference_entries(&framework(Locale::Es), &glossary(Locale::Es));
    entries.extend(guide_entries(&procedure, &texts));
    let index = SearchIndex::new(entries);
    let hits = index.search("evaluacion", 50);
    assert!(hits.len() > 3);
    assert!(crate::text_search::fold(&hits[0].title).contains("evaluacion"), "{:?}", hits[0]);
    assert_eq!(index.search("separado", 5)[0].target, SearchTarget::Term("separated".into()));
    assert!(index
        .search("oc-21", 5)
        .iter()
        .any(|h| h.target == SearchTarget::Framework("oc21".into())));
    assert!(index.search("intérprete", 20).iter().any(
        |h| matches!(&h.target, SearchTarget::Step { phase, .. } if phase == "first_contact")
    ));
}
