//! The screening's words in one locale (`content/screening/<locale>.json`), stored in the same
//! shape as the interface strings so the app parses them with code it already carries: flat keys
//! such as `question.<id>` (and `question.<id>.how` for how to ask a sensitive one),
//! `group.<id>.title`, `flag.<id>.why`, `flag.<id>.standard`, `trigger.<id>`, `action.<id>`,
//! `kind.<code>` and `risk.<level>`. Spanish, English and French are complete (the content tests
//! name any missing key); a locale without its own file would fall back to Spanish, visibly.

use crate::locale::Locale;
use crate::ui_text::{self, Catalog};

/// The locales the screening content is written in; the content tests parse each file.
pub const WRITTEN_IN: [Locale; 3] = [Locale::Es, Locale::En, Locale::Fr];

/// The locale whose screening texts are shown for `locale`.
pub fn text_locale(locale: Locale) -> Locale {
    locale.shown_in(&WRITTEN_IN)
}

#[derive(Debug)]
pub struct ScreeningTexts(Catalog);

/// Language, review status and raw lookups are the catalog's own.
impl std::ops::Deref for ScreeningTexts {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        &self.0
    }
}

impl ScreeningTexts {
    pub fn parse(json: &str) -> Result<ScreeningTexts, String> {
        ui_text::parse(json)
            .map(ScreeningTexts)
            .map_err(|e| format!("content/screening/<locale>.json: {e}"))
    }

    pub fn group_title(&self, id: &str) -> String {
        self.0.text(&format!("group.{id}.title"))
    }

    pub fn group_intro(&self, id: &str) -> String {
        self.0.text(&format!("group.{id}.intro"))
    }

    pub fn question(&self, id: &str) -> String {
        self.0.text(&format!("question.{id}"))
    }

    /// How to ask a sensitive question (or answer it without asking).
    pub fn how_to_ask(&self, id: &str) -> Option<String> {
        self.get(&format!("question.{id}.how")).map(str::to_owned)
    }

    pub fn flag_why(&self, id: &str) -> String {
        self.0.text(&format!("flag.{id}.why"))
    }

    pub fn flag_standard(&self, id: &str) -> String {
        self.0.text(&format!("flag.{id}.standard"))
    }

    pub fn trigger(&self, id: &str) -> String {
        self.0.text(&format!("trigger.{id}"))
    }

    pub fn action(&self, id: &str) -> String {
        self.0.text(&format!("action.{id}"))
    }

    pub fn kind(&self, code: &str) -> String {
        self.0.text(&format!("kind.{code}"))
    }

    /// `level` is `high`, `medium`, `low`, or `response_time` for the note on response times.
    pub fn risk(&self, level: &str) -> String {
        self.0.text(&format!("risk.{level}"))
    }
}
