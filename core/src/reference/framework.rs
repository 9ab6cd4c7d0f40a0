//! The normative framework: sections of paragraphs, each paragraph with its sources and, where
//! the project's source notes could not confirm it, marked unverified. Structure and ids in
//! `content/reference/structure.json`, words per locale in `content/reference/<locale>.json`.

use super::{parse, ReferenceUnreadable};
use crate::ui_text::Review;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkStructure {
    pub sections: Vec<SectionDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDef {
    pub id: String,
    pub paragraphs: Vec<ParagraphDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphDef {
    pub id: String,
    /// Source ids into `content/sources.json`.
    pub sources: Vec<String>,
    /// The paragraph reports what the sources could not confirm: shown marked, never as fact.
    #[serde(default)]
    pub unverified: bool,
}

/// One locale's words for the framework.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkTexts {
    pub language: String,
    pub review: Review,
    pub review_note: String,
    /// Section titles by section id.
    pub sections: BTreeMap<String, String>,
    /// Paragraph texts by paragraph id.
    pub paragraphs: BTreeMap<String, String>,
}

/// The framework in one locale.
#[derive(Debug)]
pub struct Framework {
    pub structure: FrameworkStructure,
    pub texts: FrameworkTexts,
}

/// A section as the view shows it.
pub struct SectionView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub paragraphs: Vec<ParagraphView<'a>>,
}

pub struct ParagraphView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub sources: &'a [String],
    pub unverified: bool,
}

impl Framework {
    pub fn parse(structure: &str, texts: &str) -> Result<Framework, ReferenceUnreadable> {
        Ok(Framework {
            structure: parse("content/reference/structure.json", structure)?,
            texts: parse("content/reference/<locale>.json", texts)?,
        })
    }

    /// Sections in content order with their words (an id stands in for a missing text; the
    /// content tests make that impossible).
    pub fn sections(&self) -> Vec<SectionView<'_>> {
        self.structure.sections.iter().map(|s| self.view(s)).collect()
    }

    pub fn section(&self, id: &str) -> Option<SectionView<'_>> {
        self.structure.sections.iter().find(|s| s.id == id).map(|s| self.view(s))
    }

    fn view<'a>(&'a self, s: &'a SectionDef) -> SectionView<'a> {
        SectionView {
            id: &s.id,
            title: self.texts.sections.get(&s.id).map(String::as_str).unwrap_or(&s.id),
            paragraphs: s
                .paragraphs
                .iter()
                .map(|p| ParagraphView {
                    id: &p.id,
                    text: self.texts.paragraphs.get(&p.id).map(String::as_str).unwrap_or(&p.id),
                    sources: &p.sources,
                    unverified: p.unverified,
                })
                .collect(),
        }
    }
}
