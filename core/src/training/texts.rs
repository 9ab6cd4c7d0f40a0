//! The practice space's words in one locale (`content/training/<locale>.json`, the same flat shape as the interface strings): scenario titles and stories, the practice screens' labels and the lessons. Fetched only by the practice space, so the first load carries none of them.

use crate::locale::Locale;
use crate::ui_text::{self, Catalog};

/// The locales the training content is written in.
pub const WRITTEN_IN: [Locale; 3] = [Locale::Es, Locale::En, Locale::Fr];

/// The locale whose training texts are shown for `locale`.
pub fn text_locale(locale: Locale) -> Locale {
    locale.shown_in(&WRITTEN_IN)
}

#[derive(Debug)]
pub struct TrainingTexts(Catalog);

/// Language, review status and raw lookups are the catalog's own.
impl std::ops::Deref for TrainingTexts {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        &self.0
    }
}

impl TrainingTexts {
    pub fn parse(json: &str) -> Result<TrainingTexts, String> {
        ui_text::parse(json)
            .map(TrainingTexts)
            .map_err(|e| format!("content/training/<locale>.json: {e}"))
    }

    /// [`Catalog::text`] with `{name}` placeholders filled in.
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
