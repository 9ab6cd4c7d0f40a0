//! Loads the Reference section's content at run time: the framework in the interface language,
//! the glossary in all three languages (a term's page shows its equivalents) and the sources.
//! Fetched from the app's own origin (precached for offline), parsed by the core, kept per locale.

use crate::content_store::{ContentLoadError, LocaleStore};
use crate::fetch::fetch_all;
use leptos::prelude::*;
use senda_core::locale::Locale;
use senda_core::reference::{Framework, Glossary};
use senda_core::sources::SourceList;
use std::sync::Arc;

pub struct ReferenceContent {
    pub locale: Locale,
    pub framework: Framework,
    /// The glossary in every locale, in `Locale::ALL` order.
    pub glossaries: Vec<(Locale, Glossary)>,
    pub sources: SourceList,
}

impl ReferenceContent {
    /// The glossary in the interface language.
    pub fn glossary(&self) -> &Glossary {
        self.glossary_in(self.locale).unwrap_or(&self.glossaries[0].1)
    }

    pub fn glossary_in(&self, locale: Locale) -> Option<&Glossary> {
        self.glossaries.iter().find(|(l, _)| *l == locale).map(|(_, g)| g)
    }

    /// "Title — issuer, year" for a source id (the id itself if unknown).
    pub fn source_label(&self, id: &str) -> String {
        source_label(&self.sources, id)
    }
}

pub fn source_label(sources: &SourceList, id: &str) -> String {
    match sources.get(id) {
        Some(s) => match s.year {
            Some(year) => format!("{} — {}, {}", s.title, s.issuer, year),
            None => format!("{} — {}", s.title, s.issuer),
        },
        None => id.to_owned(),
    }
}

fn unreadable(e: &dyn std::fmt::Display) -> ContentLoadError {
    ContentLoadError::Unreadable(e.to_string())
}

/// The glossary of `locale` alone (the Guide's checklists link their terms with it).
pub async fn load_glossary(locale: Locale) -> Result<Glossary, ContentLoadError> {
    let texts_file = format!("content/glossary/{}.json", locale.code());
    let files = fetch_all(&["content/glossary/structure.json", &texts_file]).await?;
    Glossary::parse(&files[0], &files[1]).map_err(|e| unreadable(&e))
}

async fn load(locale: Locale) -> Result<ReferenceContent, ContentLoadError> {
    // Every file at once: the framework, the sources and the three glossaries.
    let texts_file = format!("content/reference/{}.json", locale.code());
    let paths = ["content/reference/structure.json", texts_file.as_str(), "content/sources.json"];
    let (files, glossaries) = futures::future::join(
        fetch_all(&paths),
        futures::future::join_all(
            Locale::ALL.map(|l| async move { Ok((l, load_glossary(l).await?)) }),
        ),
    )
    .await;
    let files = files?;
    let glossaries = glossaries.into_iter().collect::<Result<Vec<_>, ContentLoadError>>()?;
    Ok(ReferenceContent {
        locale,
        framework: Framework::parse(&files[0], &files[1]).map_err(|e| unreadable(&e))?,
        glossaries,
        sources: SourceList::parse(&files[2]).map_err(|e| unreadable(&e))?,
    })
}

pub type ReferenceState = Option<Result<Arc<ReferenceContent>, ContentLoadError>>;

/// Reference content kept for the session, by locale.
pub type ReferenceStore = LocaleStore<ReferenceContent>;

/// The Reference content in the current interface language, loading it when the language changes.
pub fn use_reference_content() -> Signal<ReferenceState> {
    ReferenceStore::use_current(load)
}
