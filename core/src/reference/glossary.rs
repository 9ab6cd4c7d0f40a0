//! The glossary of harmonised terms: ids, sources and related terms in
//! `content/glossary/structure.json`; per locale the term, its definition and the forms in which
//! it appears in running text. `link_terms` finds those forms in a text (accent- and
//! case-tolerant, whole words), so views link terms without knowing any of them.

use super::{parse, ReferenceUnreadable};
use crate::text_search::fold;
use crate::ui_text::Review;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryStructure {
    pub terms: Vec<TermDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermDef {
    pub id: String,
    pub sources: Vec<String>,
    /// Ids of terms worth reading next.
    #[serde(default)]
    pub related: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryTexts {
    pub language: String,
    pub review: Review,
    pub review_note: String,
    pub terms: BTreeMap<String, TermText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermText {
    /// The term as a heading.
    pub term: String,
    pub definition: String,
    /// How the term is written in running text (plurals, genders, abbreviations). A form with
    /// no lowercase letter (an abbreviation such as "BID") matches only in that case.
    pub forms: Vec<String>,
    /// Phrases in which a form means something else ("se trata" is not trafficking).
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// The glossary in one locale.
#[derive(Debug)]
pub struct Glossary {
    pub structure: GlossaryStructure,
    pub texts: GlossaryTexts,
}

/// A piece of a text: plain, or a term of the glossary to link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment<'t> {
    Plain(&'t str),
    Term { text: &'t str, id: String },
}

impl Glossary {
    pub fn parse(structure: &str, texts: &str) -> Result<Glossary, ReferenceUnreadable> {
        Ok(Glossary {
            structure: parse("content/glossary/structure.json", structure)?,
            texts: parse("content/glossary/<locale>.json", texts)?,
        })
    }

    pub fn term(&self, id: &str) -> Option<(&TermDef, &TermText)> {
        let def = self.structure.terms.iter().find(|t| t.id == id)?;
        Some((def, self.texts.terms.get(id)?))
    }

    /// Terms in alphabetical order of their heading in this locale (accents ignored).
    pub fn alphabetical(&self) -> Vec<(&TermDef, &TermText)> {
        let mut all: Vec<_> =
            self.structure.terms.iter().filter_map(|d| self.term(&d.id)).collect();
        all.sort_by_key(|(_, t)| fold(&t.term));
        all
    }

    /// `text` cut into plain pieces and glossary terms. Each term is linked once, at its first
    /// occurrence; where forms overlap the longest wins ("best-interests assessment" over
    /// "best interests").
    pub fn link_terms<'t>(&self, text: &'t str) -> Vec<Segment<'t>> {
        let chars = FoldedChars::of(text);
        let mut found: Vec<(usize, usize, &str)> = Vec::new();
        for def in &self.structure.terms {
            let Some(words) = self.texts.terms.get(&def.id) else { continue };
            let excluded: Vec<(usize, usize)> =
                words.exclude.iter().flat_map(|p| chars.find_all(p)).collect();
            let first = words
                .forms
                .iter()
                .flat_map(|f| chars.find_all(f))
                .filter(|(s, e)| !excluded.iter().any(|(xs, xe)| s < xe && xs < e))
                .min_by_key(|(s, e)| (*s, usize::MAX - e));
            if let Some((s, e)) = first {
                found.push((s, e, &def.id));
            }
        }
        found.sort_by_key(|(s, e, _)| (*s, usize::MAX - e));
        let mut segments = Vec::new();
        let mut at = 0; // in chars
        for (s, e, id) in found {
            if s < at {
                continue; // overlaps a longer or earlier term
            }
            if s > at {
                segments.push(Segment::Plain(&text[chars.byte(at)..chars.byte(s)]));
            }
            segments.push(Segment::Term {
                text: &text[chars.byte(s)..chars.byte(e)],
                id: id.to_owned(),
            });
            at = e;
        }
        if chars.byte(at) < text.len() || segments.is_empty() {
            segments.push(Segment::Plain(&text[chars.byte(at)..]));
        }
        segments
    }
}

/// A text as folded characters, each with its byte offset in the original.
struct FoldedChars {
    offsets: Vec<usize>,
    folded: Vec<char>,
    original: Vec<char>,
    len: usize,
}

impl FoldedChars {
    fn of(text: &str) -> FoldedChars {
        let mut offsets = Vec::new();
        let mut folded = Vec::new();
        let mut original = Vec::new();
        for (i, c) in text.char_indices() {
            offsets.push(i);
            original.push(c);
            folded.push(fold(c.encode_utf8(&mut [0; 4])).chars().next().unwrap_or(c));
        }
        FoldedChars { offsets, folded, original, len: text.len() }
    }

    fn byte(&self, char_index: usize) -> usize {
        self.offsets.get(char_index).copied().unwrap_or(self.len)
    }

    /// Every whole-word occurrence of `form`, as char ranges.
    fn find_all(&self, form: &str) -> Vec<(usize, usize)> {
        let exact = !form.chars().any(char::is_lowercase);
        let needle: Vec<char> =
            if exact { form.chars().collect() } else { fold(form).chars().collect() };
        let hay = if exact { &self.original } else { &self.folded };
        let n = needle.len();
        if n == 0 || n > hay.len() {
            return Vec::new();
        }
        let word = |i: usize| hay.get(i).is_some_and(|c| c.is_alphanumeric());
        (0..=hay.len() - n)
            .filter(|&i| hay[i..i + n] == needle[..] && (i == 0 || !word(i - 1)) && !word(i + n))
            .map(|i| (i, i + n))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Glossary {
        Glossary::parse(
            r#"{"terms":[{"id":"bia","sources":["S19"]},{"id":"best","sources":["S40"]},
                {"id":"sep","sources":["S23"]},{"id":"traf","sources":["S53"]},{"id":"bid","sources":["S15"]}]}"#,
            r#"{"language":"es","review":"draft","review_note":"x","terms":{
                "bia":{"term":"EIS","definition":"d","forms":["evaluación del interés superior"]},
                "best":{"term":"ISN","definition":"d","forms":["interés superior"]},
                "sep":{"term":"Separado","definition":"d","forms":["separado","separada"]},
                "traf":{"term":"Trata","definition":"d","forms":["trata"],"exclude":["se trata"]},
                "bid":{"term":"DIS","definition":"d","forms":["DIS"]}}}"#,
        )
        .expect("parses")
    }

    fn linked(text: &str) -> Vec<(String, String)> {
        glossary()
            .link_terms(text)
            .into_iter()
            .filter_map(|s| match s {
                Segment::Term { text, id } => Some((text.to_owned(), id)),
                Segment::Plain(_) => None,
            })
            .collect()
    }

    #[test]
    fn finds_terms_without_accents_or_case_and_keeps_the_original_words() {
        let g = glossary();
        let text = "Niña SEPARADA: haga la Evaluacion del Interes Superior.";
        let segments = g.link_terms(text);
        let joined: String = segments
            .iter()
            .map(|s| match s {
                Segment::Plain(t) | Segment::Term { text: t, .. } => *t,
            })
            .collect();
        assert_eq!(joined, text, "nothing lost or added");
        assert_eq!(
            linked(text),
            [
                ("SEPARADA".into(), "sep".into()),
                ("Evaluacion del Interes Superior".into(), "bia".into())
            ],
            "the longest form wins over \"interés superior\""
        );
    }

    #[test]
    fn whole_words_only_first_occurrence_exclusions_and_exact_abbreviations() {
        assert!(linked("separadamente").is_empty(), "not inside a longer word");
        assert_eq!(linked("separado y otra vez separado").len(), 1);
        assert!(linked("Se trata de saber").is_empty());
        assert_eq!(linked("Se trata de una posible trata").len(), 1);
        assert_eq!(linked("la DIS").len(), 1);
        assert!(linked("je dis que").is_empty(), "an abbreviation matches in its own case only");
        assert_eq!(glossary().link_terms(""), [Segment::Plain("")]);
    }
}
