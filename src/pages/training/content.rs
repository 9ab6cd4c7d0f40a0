//! Loads the practice scenarios and the training texts for one locale at run time (a locale they are not written in falls back to Spanish, visibly), kept for the session once loaded.

use crate::content::ContentLoadError;
use leptos::prelude::*;
use senda_core::locale::Locale;
use senda_core::training::texts::text_locale;
use senda_core::training::{Scenarios, TrainingTexts};

pub struct TrainingContent {
    pub scenarios: Scenarios,
    pub texts: TrainingTexts,
    /// Whether `texts` are Spanish standing in for the interface language.
    pub texts_fallback: bool,
}

async fn load(locale: Locale) -> Result<TrainingContent, ContentLoadError> {
    let shown = text_locale(locale);
    let texts_path = format!("content/training/{}.json", shown.code());
    let files =
        crate::fetch::fetch_all(&["content/training/scenarios.json", texts_path.as_str()]).await?;
    let unreadable = |e: String| ContentLoadError::Unreadable(e);
    Ok(TrainingContent {
        scenarios: Scenarios::parse(&files[0]).map_err(unreadable)?,
        texts: TrainingTexts::parse(&files[1]).map_err(unreadable)?,
        texts_fallback: locale.falls_back(&[shown]),
    })
}

pub type TrainingState = crate::content_store::SessionContent<TrainingContent>;

/// The training content in the interface language: `None` while loading.
pub fn use_training_content() -> ReadSignal<TrainingState> {
    crate::content_store::use_session_content(load)
}
