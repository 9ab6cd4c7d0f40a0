//! Loads the practice scenarios and the training texts for one locale at run time (a locale they are not written in falls back to Spanish, visibly), kept for the session once loaded.

use crate::content::{fetch_text, ContentLoadError};
use leptos::prelude::*;
use senda_core::locale::Locale;
use senda_core::training::texts::text_locale;
use senda_core::training::{Scenarios, TrainingTexts};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

pub struct TrainingContent {
    pub scenarios: Scenarios,
    pub texts: TrainingTexts,
    /// Whether `texts` are Spanish standing in for the interface language.
    pub texts_fallback: bool,
}

async fn load(locale: Locale) -> Result<TrainingContent, ContentLoadError> {
    let shown = text_locale(locale);
    let texts_path = format!("content/training/{}.json", shown.code());
    let mut files = Vec::with_capacity(2);
    for path in ["content/training/scenarios.json", texts_path.as_str()] {
        files.push(fetch_text(path).await?);
    }
    let unreadable = |e: String| ContentLoadError::Unreadable(e);
    Ok(TrainingContent {
        scenarios: Scenarios::parse(&files[0]).map_err(unreadable)?,
        texts: TrainingTexts::parse(&files[1]).map_err(unreadable)?,
        texts_fallback: locale.falls_back(&[shown]),
    })
}

thread_local! {
    static LOADED: RefCell<HashMap<Locale, Arc<TrainingContent>>> = RefCell::new(HashMap::new());
}

pub type TrainingState = Option<Result<Arc<TrainingContent>, ContentLoadError>>;

/// The training content in the interface language: `None` while loading.
pub fn use_training_content() -> ReadSignal<TrainingState> {
    let i18n = crate::i18n::use_i18n();
    let state = RwSignal::new(None);
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        if let Some(hit) = LOADED.with(|m| m.borrow().get(&locale).cloned()) {
            state.set(Some(Ok(hit)));
            return;
        }
        leptos::task::spawn_local(async move {
            let result = load(locale).await.map(Arc::new);
            if let Ok(content) = &result {
                LOADED.with(|m| m.borrow_mut().insert(locale, content.clone()));
            }
            let _ = state.try_set(Some(result));
        });
    });
    state.read_only()
}
