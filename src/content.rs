//! Loads the Guide's content files at run time, one locale at a time, so the first screen does
//! not carry every language's text: fetched from the app's own origin (the service worker serves
//! them offline), parsed by the core's typed loaders, and kept for the session.

pub use crate::content_store::{fetch_text, ContentLoadError, LocaleStore};
use leptos::prelude::*;
use senda_core::locale::Locale;
use senda_core::procedure::{Procedure, ProcedureTexts};
use senda_core::sources::SourceList;
use std::sync::Arc;

/// The procedure with its texts in one locale and the sources it cites.
pub struct GuideContent {
    pub procedure: Procedure,
    pub texts: ProcedureTexts,
    /// Whether `texts` are Spanish standing in for a locale the content is not written in
    /// (decided by the core; every staff locale has its own texts today).
    pub texts_fallback: bool,
    pub sources: SourceList,
    /// The glossary in the texts' locale, to link its terms where they appear; `None` if it
    /// could not be loaded (the Guide still shows, without links).
    pub glossary: Option<senda_core::reference::Glossary>,
}

async fn load(locale: Locale) -> Result<GuideContent, ContentLoadError> {
    let text_locale = senda_core::procedure::texts::text_locale(locale);
    // Relative paths resolve against <base href>, so sub-path deployments work. All the files
    // and the glossary at once.
    let texts_file = format!("content/procedure/{}.json", text_locale.code());
    let paths = ["content/procedure/structure.json", texts_file.as_str(), "content/sources.json"];
    let (files, glossary) = futures::future::join(
        crate::fetch::fetch_all(&paths),
        crate::reference_content::load_glossary(text_locale),
    )
    .await;
    let [structure, texts, sources]: [String; 3] =
        files?.try_into().map_err(|_| ContentLoadError::Unreadable(texts_file.clone()))?;
    let unreadable = |e: &dyn std::fmt::Display| ContentLoadError::Unreadable(e.to_string());
    Ok(GuideContent {
        procedure: Procedure::parse(&structure).map_err(|e| unreadable(&e))?,
        texts: ProcedureTexts::parse("content/procedure/<locale>.json", &texts)
            .map_err(|e| unreadable(&e))?,
        texts_fallback: locale.falls_back(&[text_locale]),
        sources: SourceList::parse(&sources).map_err(|e| unreadable(&e))?,
        glossary: glossary.ok(),
    })
}

/// The Guide's content for the current language as the views see it: `None` while loading.
pub type GuideState = Option<Result<Arc<GuideContent>, ContentLoadError>>;

/// The Guide's content kept for the session, by locale.
pub type ContentStore = LocaleStore<GuideContent>;

/// The Guide's content in the current interface language, loading it when the language changes.
pub fn use_guide_content() -> Signal<GuideState> {
    ContentStore::use_current(load)
}
