//! Loads the screening content at run time for one locale — structure, country pathways, texts
//! (a locale the content is not written in falls back to Spanish, visibly) and sources — so the wasm carries none of its words;
//! the service worker serves the files offline. Kept for the session once loaded.

use crate::content::ContentLoadError;
use leptos::prelude::*;
use senda_core::locale::Locale;
use senda_core::screening::{Pathways, ScreeningStructure, ScreeningTexts};
use senda_core::sources::SourceList;

pub struct ScreeningContent {
    pub structure: ScreeningStructure,
    pub pathways: Pathways,
    pub texts: ScreeningTexts,
    /// Whether `texts` are Spanish standing in for the interface language.
    pub texts_fallback: bool,
    pub sources: SourceList,
}

impl ScreeningContent {
    /// The titles of the sources with these ids, for a "Sources:" line.
    pub fn source_titles(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|id| self.sources.get(id).map_or_else(|| id.clone(), |s| s.title.clone()))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

async fn load(locale: Locale) -> Result<ScreeningContent, ContentLoadError> {
    let text_locale = senda_core::screening::texts::text_locale(locale);
    let texts_path = format!("content/screening/{}.json", text_locale.code());
    // All four at once, through one compiled copy of the fetch.
    let files = crate::fetch::fetch_all(&[
        "content/screening/structure.json",
        "content/screening/pathways.json",
        texts_path.as_str(),
        "content/sources.json",
    ])
    .await?;
    let unreadable = |e: String| ContentLoadError::Unreadable(e);
    Ok(ScreeningContent {
        structure: ScreeningStructure::parse(&files[0]).map_err(unreadable)?,
        pathways: Pathways::parse(&files[1]).map_err(unreadable)?,
        texts: ScreeningTexts::parse(&files[2]).map_err(unreadable)?,
        texts_fallback: locale.falls_back(&[text_locale]),
        sources: SourceList::parse(&files[3])
            .map_err(|e| ContentLoadError::Unreadable(e.to_string()))?,
    })
}

/// The screening content in the interface language: `None` while loading.
pub fn use_screening_content() -> ReadSignal<crate::content_store::SessionContent<ScreeningContent>>
{
    crate::content_store::use_session_content(load)
}
