//! Content kept per locale for the session: the store each kind of content (the Guide, the
//! Reference) uses, fetching a locale once and showing the current one.

pub use crate::fetch::{fetch_text, ContentLoadError};
use leptos::prelude::*;
use senda_core::locale::Locale;
use std::collections::HashMap;
use std::sync::Arc;

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
        // Back online: content that could not be fetched is fetched again (what loaded stays).
        let online = use_context::<crate::pwa::Pwa>().map(|pwa| pwa.online);
        Effect::new(move |_| {
            if let Some(online) = online {
                online.track();
            }
            store.request(i18n.locale.get(), load)
        });
        Signal::derive(move || {
            let locale = i18n.locale.get();
            store.current.with(|c| match c {
                Some((l, result)) if *l == locale => Some(result.clone()),
                _ => None,
            })
        })
    }
}

/// Content a lazy area loads for itself (no store in the app's context, so the first load
/// carries none of it), kept for the session by type and locale.
type SessionEntry = std::rc::Rc<dyn std::any::Any>;

thread_local! {
    static SESSION: std::cell::RefCell<HashMap<(std::any::TypeId, Locale), SessionEntry>> =
        std::cell::RefCell::new(HashMap::new());
}

/// What [`use_session_content`] shows: `None` while loading.
pub type SessionContent<T> = Option<Result<Arc<T>, ContentLoadError>>;

/// The content of type `T` in the interface language, fetched once per locale with `load` and
/// kept for the session; follows the language when it changes.
pub fn use_session_content<T, Fut>(load: fn(Locale) -> Fut) -> ReadSignal<SessionContent<T>>
where
    T: Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, ContentLoadError>> + 'static,
{
    let i18n = crate::i18n::use_i18n();
    let state = RwSignal::new(None);
    let key = move |locale| (std::any::TypeId::of::<T>(), locale);
    Effect::new(move |_| {
        let locale = i18n.locale.get();
        let hit = SESSION.with(|m| {
            m.borrow().get(&key(locale)).and_then(|e| e.downcast_ref::<Arc<T>>().cloned())
        });
        if let Some(hit) = hit {
            state.set(Some(Ok(hit)));
            return;
        }
        leptos::task::spawn_local(async move {
            let result = load(locale).await.map(Arc::new);
            if let Ok(content) = &result {
                let entry: SessionEntry = std::rc::Rc::new(content.clone());
                SESSION.with(|m| m.borrow_mut().insert(key(locale), entry));
            }
            let _ = state.try_set(Some(result));
        });
    });
    state.read_only()
}
