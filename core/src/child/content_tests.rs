//! The children's content checked as data: every language has every topic for every band it
//! is meant for, every topic cites known sources, nothing looks like an invented contact, and
//! the 6–11 texts read easily (Fernández-Huerta ≥ 80 in Spanish, Flesch ≥ 80 in English, Kandel–Moles ≥ 80 in French).

use super::content::{problems, Band, ChildLanguage, ChildStructure, ChildTexts};
use super::reading_level::{score, Scale};
use crate::sources::sources;
use crate::ui_text::Review;

const STRUCTURE: &str = include_str!("../../../content/children/structure.json");

fn texts_json(lang: ChildLanguage) -> &'static str {
    match lang {
        ChildLanguage::Es => include_str!("../../../content/children/es.json"),
        ChildLanguage::En => include_str!("../../../content/children/en.json"),
        ChildLanguage::Fr => include_str!("../../../content/children/fr.json"),
        ChildLanguage::Ht => include_str!("../../../content/children/ht.json"),
        ChildLanguage::Pt => include_str!("../../../content/children/pt.json"),
    }
}

fn structure() -> ChildStructure {
    ChildStructure::parse(STRUCTURE).expect("structure.json parses")
}

fn texts(lang: ChildLanguage) -> ChildTexts {
    ChildTexts::parse(lang.code(), texts_json(lang)).expect("texts parse")
}

/// The words of one screen as one text: title, then sentences.
fn screen_text(t: &ChildTexts, topic: &str, band: Band) -> String {
    let s = t.screen(topic, band).expect("screen");
    let title = s.title.trim_end_matches(['.', '?', '!']);
    format!("{title}. {}", s.text.join(" "))
}

#[test]
fn every_language_has_every_topic_for_every_band_with_known_sources() {
    let structure = structure();
    let list = sources().expect("sources parse");
    assert_eq!(structure.bands, Band::ALL.to_vec());
    assert!(structure.topics.len() >= 14, "{} topics", structure.topics.len());
    for lang in ChildLanguage::ALL {
        let t = texts(lang);
        assert_eq!(t.language, lang.code());
        let found = problems(&structure, &t, |id| list.contains(id));
        assert!(found.is_empty(), "{}:\n{}", lang.code(), found.join("\n"));
    }
}

#[test]
fn the_issue_topics_are_there_for_the_right_bands() {
    let structure = structure();
    let all = [
        "safe_here",
        "rights_everywhere",
        "not_locked_up",
        "what_happens_now",
        "family",
        "asylum",
        "your_opinion",
        "hurt",
        "health_school",
        "language",
        "who_to_ask",
    ];
    for id in all {
        let t = structure.topics.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(t.bands, Band::ALL.to_vec(), "{id}");
    }
    // Confidentiality and its limits are explained from 6 on (issue #13).
    let t = structure.topics.iter().find(|t| t.id == "confidentiality").expect("confidentiality");
    assert_eq!(t.bands, vec![Band::From6To11, Band::From12To17]);
    for id in ["guardian_legal", "turning_18"] {
        let t = structure.topics.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!(t.bands, vec![Band::From12To17], "{id}");
    }
    // Under 6 speaks to the caregiver, and says a few things to the child.
    let es = texts(ChildLanguage::Es);
    let with_child_lines = structure
        .topics_for(Band::Under6)
        .filter(|t| es.screen(&t.id, Band::Under6).is_some_and(|s| !s.child.is_empty()));
    assert!(with_child_lines.count() >= 4);
}

#[test]
fn a_missing_topic_or_band_is_reported() {
    let structure = structure();
    let mut t = texts(ChildLanguage::En);
    t.topics.remove("family");
    if let Some(bands) = t.topics.get_mut("asylum") {
        *bands.slot(Band::From6To11) = None;
    }
    let found = problems(&structure, &t, |_| true);
    assert!(found.iter().any(|p| p.contains("family is missing for under6")), "{found:?}");
    assert!(found.iter().any(|p| p.contains("asylum is missing for 6-11")), "{found:?}");
    let found = problems(&structure, &texts(ChildLanguage::En), |id| id != "S60");
    assert!(found.iter().any(|p| p.contains("unknown source S60")), "{found:?}");
}

#[test]
fn an_invented_contact_is_reported() {
    let structure = structure();
    let mut t = texts(ChildLanguage::Es);
    if let Some(s) = t.topics.get_mut("who_to_ask").and_then(|b| b.slot(Band::From6To11).as_mut()) {
        s.text.push("Llama al 800 123 4567.".to_owned());
        s.child.push("Mira www.ejemplo.org".to_owned());
    }
    let found = problems(&structure, &t, |_| true);
    assert!(found.iter().any(|p| p.contains("three digits")), "{found:?}");
    assert!(found.iter().any(|p| p.contains("under 6 only")), "{found:?}");
}

#[test]
fn drafts_say_so_and_languages_not_checked_by_a_native_speaker_are_drafts() {
    for lang in ChildLanguage::ALL {
        let t = texts(lang);
        if t.review == Review::Draft {
            assert!(!t.review_note.trim().is_empty(), "{}", lang.code());
        }
    }
    for lang in [ChildLanguage::Ht, ChildLanguage::Pt] {
        assert_eq!(texts(lang).review, Review::Draft, "{} has had no native review", lang.code());
    }
}

#[test]
fn the_step_counter_has_its_placeholders_in_every_language() {
    for lang in ChildLanguage::ALL {
        let t = texts(lang);
        let step = t.ui("step");
        assert!(step.contains("{n}") && step.contains("{total}"), "{}: {step}", lang.code());
    }
}

fn failing_readability(lang: ChildLanguage, scale: Scale) -> Vec<String> {
    let structure = structure();
    let t = texts(lang);
    let mut low = Vec::new();
    for topic in structure.topics_for(Band::From6To11) {
        let text = screen_text(&t, &topic.id, Band::From6To11);
        let r = score(scale, &text).expect("words");
        if r.score < 80.0 {
            low.push(format!(
                "{} {:.1} ({} words, {} sentences, {} syllables): {text}",
                topic.id, r.score, r.words, r.sentences, r.syllables
            ));
        }
    }
    low
}

#[test]
fn spanish_texts_for_6_to_11_score_at_least_80_on_fernandez_huerta() {
    let low = failing_readability(ChildLanguage::Es, Scale::FernandezHuerta);
    assert!(low.is_empty(), "\n{}", low.join("\n"));
}

#[test]
fn english_texts_for_6_to_11_score_at_least_80_on_flesch_reading_ease() {
    let low = failing_readability(ChildLanguage::En, Scale::FleschReadingEase);
    assert!(low.is_empty(), "\n{}", low.join("\n"));
}

#[test]
fn no_text_promises_what_no_one_can_keep() {
    // "You are safe here" and "you can stay with..." are promises a country may not keep; rights
    // are stated as rights and the team's job as its job (issue #13).
    for language in ChildLanguage::ALL {
        let t = texts(language);
        let structure = structure();
        for topic in &structure.topics {
            for band in &topic.bands {
                let Some(screen) = t.screen(&topic.id, *band) else { continue };
                for line in screen.text.iter().chain(&screen.child).chain([&screen.title]) {
                    let lower = line.to_lowercase();
                    for promise in [
                        "you are safe here",
                        "is safe here",
                        "aquí estás a salvo",
                        "está a salvo",
                        "tu es en sécurité",
                        "est en sécurité",
                        "isit la, ou an sekirite",
                        "isit la, pitit ou an sekirite",
                        "você está em segurança",
                        "human rights treaties",
                        "tratados de derechos humanos",
                        "a grown-up will help",
                        "un adulto te ayuda",
                    ] {
                        assert!(!lower.contains(promise), "{language:?} {}: {line}", topic.id);
                    }
                }
            }
        }
    }
}

#[test]
fn french_texts_for_6_to_11_score_at_least_80_on_kandel_moles() {
    let low = failing_readability(ChildLanguage::Fr, Scale::KandelMoles);
    assert!(low.is_empty(), "\n{}", low.join("\n"));
}
