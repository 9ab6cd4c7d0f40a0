//! Notices more than one feature shows: content that could not load, and a success note.

use crate::content::ContentLoadError;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// What to tell the worker (or the child) when content cannot be shown.
#[component]
pub fn ContentProblem(error: ContentLoadError) -> impl IntoView {
    let i18n = use_i18n();
    let key = match error {
        ContentLoadError::Unreachable(_) => "guide.unreachable",
        ContentLoadError::Unreadable(_) => "guide.unreadable",
    };
    view! { <p class="notice" role="alert">{i18n.t(key)}</p> }
}

/// A message that something went well, announced politely.
#[component]
pub fn DoneNote(note: RwSignal<Option<String>>) -> impl IntoView {
    move || note.get().map(|text| view! { <p class="notice ok" role="status">{text}</p> })
}
