//! The procedure's words in one locale (`content/procedure/<locale>.json`): titles, the short
//! instruction, the why, "never do" notes, option labels and verify-locally notes, by id.
//! Spanish, English and French are complete (tests name any missing id); a locale without its
//! own file would fall back to Spanish, visibly.

use super::error::ContentError;
use crate::locale::Locale;
use crate::ui_text::Review;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One locale's texts for the whole procedure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureTexts {
    pub language: String,
    /// How far the file has been reviewed; the app shows it next to the guidance.
    pub review: Review,
    pub review_note: String,
    pub phases: BTreeMap<String, PhaseText>,
    pub steps: BTreeMap<String, StepText>,
    pub items: BTreeMap<String, ItemText>,
    pub bid_triggers: BTreeMap<String, TriggerText>,
    pub deadlines: BTreeMap<String, DeadlineText>,
    pub volunteer: BTreeMap<String, SectionText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseText {
    pub title: String,
    pub summary: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepText {
    pub title: String,
}

/// The guidance of one checklist item.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemText {
    /// What to do or ask, in one sentence.
    pub instruction: String,
    /// Why, in one or two sentences.
    pub why: String,
    /// What the standards forbid here, where they do.
    #[serde(default)]
    pub never: Option<String>,
    /// Label of each option of a question, by option id.
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    /// What to check locally, for items marked verify_locally.
    #[serde(default)]
    pub verify_note: Option<String>,
}

/// Why a BID trigger makes a determination necessary.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerText {
    pub reason: String,
    #[serde(default)]
    pub verify_note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineText {
    pub label: String,
    #[serde(default)]
    pub verify_note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionText {
    pub title: String,
}

/// The texts to show for a locale, and whether they are another locale's standing in.
#[derive(Clone, Copy, Debug)]
pub struct LocalisedTexts {
    pub texts: &'static ProcedureTexts,
    pub is_fallback: bool,
}

/// The locales the procedure content is written in, with their files.
pub(crate) const FILES: [(Locale, &str, &str); 3] = [
    (Locale::Es, "content/procedure/es.json", include_str!("../../../content/procedure/es.json")),
    (Locale::En, "content/procedure/en.json", include_str!("../../../content/procedure/en.json")),
    (Locale::Fr, "content/procedure/fr.json", include_str!("../../../content/procedure/fr.json")),
];

/// The locales the procedure content is written in (the app fetches `<code>.json` for these and
/// shows Spanish, with a notice, for any other). A test keeps it equal to `FILES`.
pub const WRITTEN_IN: [Locale; 3] = [Locale::Es, Locale::En, Locale::Fr];

/// The locale whose procedure texts are shown for `locale`.
pub fn text_locale(locale: Locale) -> Locale {
    locale.shown_in(&WRITTEN_IN)
}

impl ProcedureTexts {
    pub fn parse(file: &'static str, json: &str) -> Result<ProcedureTexts, ContentError> {
        serde_json::from_str(json)
            .map_err(|e| ContentError::Unreadable { file, detail: e.to_string() })
    }
}

/// The procedure texts for `locale`, parsed once; a locale without its own file gets Spanish,
/// marked as a fallback.
pub fn texts(locale: Locale) -> Result<LocalisedTexts, &'static ContentError> {
    static PARSED: [OnceLock<Result<ProcedureTexts, ContentError>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let index = FILES.iter().position(|(l, _, _)| *l == locale);
    let (slot, (_, file, json)) = match index {
        Some(i) => (&PARSED[i], FILES[i]),
        None => (&PARSED[0], FILES[0]),
    };
    let parsed = slot.get_or_init(|| ProcedureTexts::parse(file, json)).as_ref()?;
    Ok(LocalisedTexts { texts: parsed, is_fallback: index.is_none() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_staff_locale_has_its_own_texts() {
        for locale in [Locale::Es, Locale::En, Locale::Fr] {
            let t = texts(locale).expect("parses");
            assert_eq!((t.texts.language.as_str(), t.is_fallback), (locale.code(), false));
            assert_eq!(text_locale(locale), locale);
        }
        let files: Vec<Locale> = FILES.iter().map(|(l, _, _)| *l).collect();
        assert_eq!(files, WRITTEN_IN);
    }

    #[test]
    fn the_whole_content_is_marked_as_a_draft_awaiting_review() {
        for (locale, _, _) in FILES {
            let t = texts(locale).expect("parses").texts;
            assert_eq!(t.review, Review::Draft, "{}", t.language);
            assert!(
                ["child-protection", "protección", "protection de l'enfance"]
                    .iter()
                    .any(|w| t.review_note.contains(w)),
                "{}",
                t.review_note
            );
        }
    }
}
