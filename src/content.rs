//! Loads the Guide's content files at run time, one locale at a time, so the first screen does
//! not carry every language's text: fetched from the app's own origin (the service worker serves
//! them offline), parsed by the core's typed loaders, and kept for the session.

use leptos::prelude::*;
use senda_core::locale::Locale;
use senda_core::procedure::{Procedure, ProcedureTexts};
use senda_core::sources::SourceList;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why content could not be shown; the view says it in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContentLoadError {
    /// The file could not be fetched (not yet cached and no network).
    Unreachable(String),
    /// The file was fetched but is not what the app expects (a defect of the build).
    Unreadable(String),
}

/// The procedure with its texts in one locale and the sources it cites.
pub struct GuideContent {
    pub procedure: Procedure,
    pub texts: ProcedureTexts,
    /// Whether `texts` are Spanish standing in for a locale the content is not written in.
    pub texts_fallback: bool,
    pub sources: SourceList,
    /// The glossary in the texts' locale, to link its terms where they appear; `None` if it
    /// could not be loaded (the Guide still shows, without links).
    pub glossary: Option<senda_core::reference::Glossary>,
}

/// The locales the procedure texts are written in; others fall back to Spanish.
fn procedure_text_locale(locale: Locale) -> Locale {
    match locale {
        Locale::Es | Locale::En => locale,
        Locale::Fr => Locale::Es,
    }
}

/// Fetches a file of the build by its path under the deployment base.
pub(crate) async fn fetch_text(path: &str) -> Result<String, ContentLoadError> {
    let unreachable = |_| ContentLoadError::Unreachable(path.to_owned());
    let response = JsFuture::from(window().fetch_with_str(path)).await.map_err(unreachable)?;
    let response: web_sys::Response = response.dyn_into().map_err(unreachable)?;
    if !response.ok() {
        return Err(ContentLoadError::Unreachable(path.to_owned()));
    }
    let text = JsFuture::from(response.text().map_err(unreachable)?).await.map_err(unreachable)?;
    text.as_string().ok_or_else(|| ContentLoadError::Unreadable(path.to_owned()))
}

async fn load(locale: Locale) -> Result<GuideContent, ContentLoadError> {
    let text_locale = procedure_text_locale(locale);
    // Relative paths resolve against <base href>, so sub-path deployments work.
    let structure = fetch_text("content/procedure/structure.json").await?;
    let texts_file = format!("content/procedure/{}.json", text_locale.code());
    let texts = fetch_text(&texts_file).await?;
    let sources = fetch_text("content/sources.json").await?;
    let unreadable = |e: &dyn std::fmt::Display| ContentLoadError::Unreadable(e.to_string());
    Ok(GuideContent {
        procedure: Procedure::parse(&structure).map_err(|e| unreadable(&e))?,
        texts: ProcedureTexts::parse("content/procedure/<locale>.json", &texts)
            .map_err(|e| unreadable(&e))?,
        texts_fallback: text_locale != locale,
        sources: SourceList::parse(&sources).map_err(|e| unreadable(&e))?,
        glossary: crate::reference_content::load_glossary(text_locale).await.ok(),
    })
}

/// The Guide's content for the current language as the views see it: `None` while loading.
pub type GuideState = Option<Result<Arc<GuideContent>, ContentLoadError>>;

/// The Guide's content kept for the session, by locale.
pub type ContentStore = LocaleStore<GuideContent>;

/// Content already loaded this session, by locale, and what the current screen shows.
/// A plain signal fed by a spawned task: lighter in the wasm than a resource with `<Suspense>`.
/// One per kind of content (the Guide, the Reference), provided as context by the app.
pub struct LocaleStore<T: Send + Sync + 'static> {
    loaded: StoredValue<HashMap<Locale, Arc<T>>>,
    current: RwSignal<Option<Shown<T>>>,
}

/// What a store shows: the content of a locale, or why it could not load.
type Shown<T> = (Locale, Result<Arc<T>, ContentLoadError>);

impl<T: Send + Sync + 'static> Clone for LocaleStore<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for LocaleStore<T> {}

impl<T: Send + Sync + 'static> Default for LocaleStore<T> {
    fn default() -> Self {
        LocaleStore { loaded: StoredValue::new(HashMap::new()), current: RwSignal::new(None) }
    }
}

impl<T: Send + Sync + 'static> LocaleStore<T> {
    /// Makes the content of `locale` current, from memory or fetched once with `load`.
    fn request<Fut>(self, locale: Locale, load: impl FnOnce(Locale) -> Fut)
    where
        Fut: std::future::Future<Output = Result<T, ContentLoadError>> + 'static,
    {
        if matches!(self.current.read_untracked().as_ref(), Some((l, Ok(_))) if *l == locale) {
            return;
        }
        if let Some(hit) = self.loaded.with_value(|m| m.get(&locale).cloned()) {
            self.current.set(Some((locale, Ok(hit))));
            return;
        }
        let loading = load(locale);
        leptos::task::spawn_local(async move {
            let result = loading.await.map(Arc::new);
            if let Ok(content) = &result {
                self.loaded.update_value(|m| {
                    m.insert(locale, content.clone());
                });
            }
            let _ = self.current.try_set(Some((locale, result)));
        });
    }

    /// The content in the current interface language (`None` while loading), fetched with
    /// `load` when the language changes. The store must be in context.
    pub fn use_current<Fut>(
        load: fn(Locale) -> Fut,
    ) -> Signal<Option<Result<Arc<T>, ContentLoadError>>>
    where
        Fut: std::future::Future<Output = Result<T, ContentLoadError>> + 'static,
    {
        let i18n = crate::i18n::use_i18n();
        let store = expect_context::<LocaleStore<T>>();
        Effect::new(move |_| store.request(i18n.locale.get(), load));
        Signal::derive(move || {
            let locale = i18n.locale.get();
            store.current.with(|c| match c {
                Some((l, result)) if *l == locale => Some(result.clone()),
                _ => None,
            })
        })
    }
}

/// The Guide's content in the current interface language, loading it when the language changes.
pub fn use_guide_content() -> Signal<GuideState> {
    ContentStore::use_current(load)
}
