//! The children's content as data: `content/children/structure.json` (topics, the age bands
//! each is for, sources, pictogram) and one texts file per language (`es.json`, …) with its
//! review status and the words of the child screens. Fetched at run time by the app.

use crate::ui_text::Review;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;

/// A language the children's content is written in. Wider than the staff languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChildLanguage {
    Es,
    En,
    Fr,
    Ht,
    Pt,
}

impl ChildLanguage {
    pub const ALL: [ChildLanguage; 5] = [
        ChildLanguage::Es,
        ChildLanguage::En,
        ChildLanguage::Fr,
        ChildLanguage::Ht,
        ChildLanguage::Pt,
    ];

    /// BCP 47 code: `<html lang>`, the file name and the speech-synthesis language.
    pub fn code(self) -> &'static str {
        match self {
            ChildLanguage::Es => "es",
            ChildLanguage::En => "en",
            ChildLanguage::Fr => "fr",
            ChildLanguage::Ht => "ht",
            ChildLanguage::Pt => "pt",
        }
    }

    /// The language named in itself (no flags: a flag names a country, not a language).
    pub fn native_name(self) -> &'static str {
        match self {
            ChildLanguage::Es => "Español",
            ChildLanguage::En => "English",
            ChildLanguage::Fr => "Français",
            ChildLanguage::Ht => "Kreyòl ayisyen",
            ChildLanguage::Pt => "Português",
        }
    }

    /// Parses `"pt"`, `"pt-BR"`, `"ht_HT"`…; unknown codes give `None`.
    pub fn from_code(code: &str) -> Option<ChildLanguage> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        ChildLanguage::ALL.into_iter().find(|l| l.code() == primary)
    }
}

/// An age band. Under 6 speaks to the caregiver, with a few lines for the child.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Band {
    #[serde(rename = "under6")]
    Under6,
    #[serde(rename = "6-11")]
    From6To11,
    #[serde(rename = "12-17")]
    From12To17,
}

impl Band {
    pub const ALL: [Band; 3] = [Band::Under6, Band::From6To11, Band::From12To17];

    /// The id used in the content files and in UI keys (`band.<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Band::Under6 => "under6",
            Band::From6To11 => "6-11",
            Band::From12To17 => "12-17",
        }
    }
}

/// One topic of the structure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicDef {
    pub id: String,
    pub bands: Vec<Band>,
    /// Ids into `content/sources.json`.
    pub sources: Vec<String>,
    /// SVG path data on a 48×48 grid, drawn as strokes inline (no image download).
    pub pictogram: Vec<String>,
}

/// The topics, in reading order, and the bands.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildStructure {
    pub bands: Vec<Band>,
    pub topics: Vec<TopicDef>,
}

/// The words of one screen: a title and short sentences (each is read aloud and highlighted on
/// its own); for under 6, `child` holds the few lines said to the child.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Screen {
    pub title: String,
    pub text: Vec<String>,
    #[serde(default)]
    pub child: Vec<String>,
}

/// A topic's screens by age band (a struct rather than a map keyed by band: lighter in the wasm).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandScreens {
    #[serde(rename = "under6")]
    pub under6: Option<Screen>,
    #[serde(rename = "6-11")]
    pub from6to11: Option<Screen>,
    #[serde(rename = "12-17")]
    pub from12to17: Option<Screen>,
}

impl BandScreens {
    pub fn get(&self, band: Band) -> Option<&Screen> {
        match band {
            Band::Under6 => self.under6.as_ref(),
            Band::From6To11 => self.from6to11.as_ref(),
            Band::From12To17 => self.from12to17.as_ref(),
        }
    }

    pub fn slot(&mut self, band: Band) -> &mut Option<Screen> {
        match band {
            Band::Under6 => &mut self.under6,
            Band::From6To11 => &mut self.from6to11,
            Band::From12To17 => &mut self.from12to17,
        }
    }
}

/// One language's texts file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildTexts {
    pub language: String,
    pub review: Review,
    pub review_note: String,
    /// The child screens' own words (buttons, band names), in this language.
    pub ui: HashMap<String, String>,
    pub topics: HashMap<String, BandScreens>,
}

/// The keys every texts file's `ui` must have.
pub const UI_KEYS: [&str; 20] = [
    "title",
    "choose_language",
    "choose_age",
    "band.under6",
    "band.6-11",
    "band.12-17",
    "start",
    "next",
    "back",
    "home",
    "step",
    "read_aloud",
    "stop",
    "no_voice",
    "for_caregiver",
    "for_child",
    "end_title",
    "end_text",
    "review.reviewed",
    "review.draft",
];

/// A content file that cannot be used, with what is wrong, for a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentUnreadable(pub String);

impl fmt::Display for ContentUnreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "The children's content could not be read: {}", self.0)
    }
}

impl std::error::Error for ContentUnreadable {}

impl ChildStructure {
    pub fn parse(json: &str) -> Result<ChildStructure, ContentUnreadable> {
        serde_json::from_str(json).map_err(|e| ContentUnreadable(format!("structure.json: {e}")))
    }

    /// The topics for one band, in reading order.
    pub fn topics_for(&self, band: Band) -> impl Iterator<Item = &TopicDef> {
        self.topics.iter().filter(move |t| t.bands.contains(&band))
    }
}

impl ChildTexts {
    pub fn parse(file: &str, json: &str) -> Result<ChildTexts, ContentUnreadable> {
        serde_json::from_str(json).map_err(|e| ContentUnreadable(format!("{file}: {e}")))
    }

    /// The screen of `topic` for `band`, if written.
    pub fn screen(&self, topic: &str, band: Band) -> Option<&Screen> {
        self.topics.get(topic)?.get(band)
    }

    /// A UI string; the key itself when missing (the tests make that impossible).
    pub fn ui<'a>(&'a self, key: &'a str) -> &'a str {
        self.ui.get(key).map(String::as_str).unwrap_or(key)
    }
}

/// Everything wrong with one language's texts against the structure and the source list:
/// missing or extra topics and bands, empty words, missing UI keys, unknown sources, and
/// anything that looks like a phone number or an address (never invented here).
pub fn problems(
    structure: &ChildStructure,
    texts: &ChildTexts,
    known_source: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut out = Vec::new();
    let lang = &texts.language;
    for key in UI_KEYS {
        match texts.ui.get(key) {
            Some(v) if !v.trim().is_empty() => {}
            _ => out.push(format!("{lang}: ui key {key} is missing")),
        }
    }
    if texts.review_note.trim().is_empty() {
        out.push(format!("{lang}: review_note is empty"));
    }
    for topic in &structure.topics {
        if topic.sources.is_empty() {
            out.push(format!("topic {} has no source", topic.id));
        }
        for s in &topic.sources {
            if !known_source(s) {
                out.push(format!("topic {} cites unknown source {s}", topic.id));
            }
        }
        if topic.pictogram.is_empty() {
            out.push(format!("topic {} has no pictogram", topic.id));
        }
        for band in Band::ALL {
            let screen = texts.screen(&topic.id, band);
            match (topic.bands.contains(&band), screen) {
                (true, None) => {
                    out.push(format!("{lang}: {} is missing for {}", topic.id, band.id()))
                }
                (false, Some(_)) => {
                    out.push(format!("{lang}: {} is not meant for {}", topic.id, band.id()))
                }
                (true, Some(s)) => {
                    if s.title.trim().is_empty() || s.text.is_empty() {
                        out.push(format!("{lang}: {} for {} is empty", topic.id, band.id()));
                    }
                    if band != Band::Under6 && !s.child.is_empty() {
                        out.push(format!(
                            "{lang}: {} for {} has child lines (under 6 only)",
                            topic.id,
                            band.id()
                        ));
                    }
                    for line in std::iter::once(&s.title).chain(&s.text).chain(&s.child) {
                        if let Some(why) = looks_like_a_contact(line) {
                            out.push(format!(
                                "{lang}: {} for {}: {why}: {line}",
                                topic.id,
                                band.id()
                            ));
                        }
                    }
                }
                (false, None) => {}
            }
        }
    }
    for id in texts.topics.keys() {
        if !structure.topics.iter().any(|t| &t.id == id) {
            out.push(format!("{lang}: unknown topic {id}"));
        }
    }
    out
}

/// Why a line looks like a contact that must not be invented: a phone number, a web or e-mail
/// address.
fn looks_like_a_contact(line: &str) -> Option<&'static str> {
    let mut run = 0;
    for c in line.chars() {
        if c.is_ascii_digit() {
            run += 1;
            if run >= 3 {
                return Some("a number of three digits or more");
            }
        } else if !matches!(c, ' ' | '-' | '.') {
            run = 0;
        }
    }
    let lower = line.to_lowercase();
    if lower.contains("http") || lower.contains("www") || lower.contains('@') {
        return Some("an address");
    }
    None
}
