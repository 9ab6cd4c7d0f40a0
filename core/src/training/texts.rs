//! The practice space's words in one locale (`content/training/<locale>.json`, the same flat shape as the interface strings): scenario titles and stories, the practice screens' labels and the lessons. Fetched only by the practice space, so the first load carries none of them.

use crate::locale::Locale;
use crate::ui_text::{self, Catalog, Review};

/// The locales the training content is written in.
pub const WRITTEN_IN: [Locale; 3] = [Locale::Es, Locale::En, Locale::Fr];

/// The locale whose training texts are shown for `locale`.
pub fn text_locale(locale: Locale) -> Locale {
    locale.shown_in(&WRITTEN_IN)
}

#[derive(Debug)]
pub struct TrainingTexts(Catalog);

impl TrainingTexts {
    pub fn parse(json: &str) -> Result<TrainingTexts, String> {
        ui_text::parse(json)
            .map(TrainingTexts)
            .map_err(|e| format!("content/training/<locale>.json: {e}"))
    }

    pub fn language(&self) -> &str {
        &self.0.language
    }

    pub fn review(&self) -> Review {
        self.0.review
    }

    pub fn review_note(&self) -> &str {
        &self.0.review_note
    }

    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.strings.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.strings.get(key).map(String::as_str)
    }

    /// The text under `key`, or the key itself when missing (the content tests make that a
    /// build defect).
    pub fn text(&self, key: &str) -> String {
        self.get(key).map_or_else(|| key.to_owned(), str::to_owned)
    }

    /// [`TrainingTexts::text`] with `{name}` placeholders filled in.
    pub fn text_with(&self, key: &str, values: &[(&str, &str)]) -> String {
        ui_text::fill(&self.text(key), values)
    }

    pub fn title(&self, scenario: &str) -> String {
        self.text(&format!("scenario.{scenario}.title"))
    }

    pub fn story(&self, scenario: &str) -> String {
        self.text(&format!("scenario.{scenario}.story"))
    }
}
