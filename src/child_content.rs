//! Loads the children's content at run time, one language at a time (the service worker
//! precaches every file for offline use): the shared structure once, and each language's texts
//! when first chosen, kept for the session.

use crate::content::{fetch_text, ContentLoadError};
use leptos::prelude::*;
use senda_core::child::content::{ChildLanguage, ChildStructure, ChildTexts};
use std::collections::HashMap;
use std::sync::Arc;

/// The structure and one language's texts, ready to show.
#[derive(Clone)]
pub struct ChildContent {
    pub structure: Arc<ChildStructure>,
    pub texts: Arc<ChildTexts>,
    pub language: ChildLanguage,
}

/// What the child screens see: `None` while loading.
pub type ChildState = Option<Result<ChildContent, ContentLoadError>>;

async fn load_structure() -> Result<ChildStructure, ContentLoadError> {
    let json = fetch_text("content/children/structure.json").await?;
    ChildStructure::parse(&json).map_err(|e| ContentLoadError::Unreadable(e.to_string()))
}

async fn load_texts(language: ChildLanguage) -> Result<ChildTexts, ContentLoadError> {
    let file = format!("content/children/{}.json", language.code());
    let json = fetch_text(&file).await?;
    ChildTexts::parse(&file, &json).map_err(|e| ContentLoadError::Unreadable(e.to_string()))
}

/// Content already loaded this session.
#[derive(Clone, Copy)]
pub struct ChildContentStore {
    structure: StoredValue<Option<Arc<ChildStructure>>>,
    texts: StoredValue<HashMap<ChildLanguage, Arc<ChildTexts>>>,
}

impl Default for ChildContentStore {
    fn default() -> Self {
        ChildContentStore {
            structure: StoredValue::new(None),
            texts: StoredValue::new(HashMap::new()),
        }
    }
}

impl ChildContentStore {
    async fn get(self, language: ChildLanguage) -> Result<ChildContent, ContentLoadError> {
        let structure = match self.structure.get_value() {
            Some(s) => s,
            None => {
                let s = Arc::new(load_structure().await?);
                self.structure.set_value(Some(s.clone()));
                s
            }
        };
        let texts = match self.texts.with_value(|m| m.get(&language).cloned()) {
            Some(t) => t,
            None => {
                let t = Arc::new(load_texts(language).await?);
                self.texts.update_value(|m| {
                    m.insert(language, t.clone());
                });
                t
            }
        };
        Ok(ChildContent { structure, texts, language })
    }
}

/// The children's content in `language`, reloading when it changes.
pub fn use_child_content(language: Signal<ChildLanguage>) -> Signal<ChildState> {
    let store = use_context::<ChildContentStore>().unwrap_or_default();
    let state = RwSignal::new(None::<Result<ChildContent, ContentLoadError>>);
    Effect::new(move |_| {
        let lang = language.get();
        leptos::task::spawn_local(async move {
            let result = store.get(lang).await;
            // Only the language still chosen is shown (a slow earlier load never wins).
            if language.try_get_untracked() == Some(lang) {
                let _ = state.try_set(Some(result));
            }
        });
    });
    state.into()
}
