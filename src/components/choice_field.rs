//! The one choice field every form uses: a labelled native select over a core vocabulary
//! (`senda_core::vocabularies`), with an optional "not set" first option. The select itself is
//! not generic (one copy in the wasm); each vocabulary only adds its small conversions.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use senda_core::vocabularies::Vocabulary;

/// A labelled select over every value of `T`; `unset` names an empty first option (the value
/// may then be `None`). `value` is read for the current choice; `on_pick` gets each new one.
/// `compact` fits it beside others on one line (the case list's filters).
#[component]
pub fn ChoiceField<T: Vocabulary>(
    label: &'static str,
    #[prop(optional)] unset: Option<&'static str>,
    #[prop(optional)] compact: bool,
    #[prop(into)] value: Signal<Option<T>>,
    on_pick: Callback<Option<T>>,
) -> impl IntoView {
    let options = T::ALL.iter().map(|v| (v.code(), v.name_key())).collect();
    let current = Signal::derive(move || value.get().map_or("", T::code));
    let picked = Callback::new(move |code: String| match T::from_code(&code) {
        Some(v) => on_pick.run(Some(v)),
        None if unset.is_some() => on_pick.run(None),
        None => {}
    });
    view! { <Select label unset compact options current picked /> }
}

#[component]
fn Select(
    label: &'static str,
    unset: Option<&'static str>,
    compact: bool,
    options: Vec<(&'static str, &'static str)>,
    current: Signal<&'static str>,
    picked: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class=if compact { "field compact" } else { "field" }>
            <span>{i18n.t(label)}</span>
            <select prop:value=move || current.get() on:change=move |ev| picked.run(event_target_value(&ev))>
                {unset.map(|key| view! { <option value="">{i18n.t(key)}</option> })}
                {options.into_iter().map(|(code, key)| view! { <option value=code>{i18n.t(key)}</option> }).collect_view()}
            </select>
        </label>
    }
}
