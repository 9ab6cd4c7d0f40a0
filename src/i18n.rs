//! The reactive interface language: a context every view reads its strings from.

use crate::fetch::join_all;
use leptos::prelude::*;
use senda_core::locale::Locale;
use senda_core::ui_text::{self, Part, Text};

/// The current staff interface language, shared by the whole app.
#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
}

/// The app's `I18n`; provided by `App`.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The string for `key` in `locale`. A missing translation shows the Spanish text marked `[es]`
/// so the gap is visible; an unknown key shows itself (the core's tests prevent both).
pub fn text(locale: Locale, key: &str) -> String {
    match ui_text::lookup(locale, key) {
        Text::Own(s) => s.to_owned(),
        Text::Fallback(s) => format!("[es] {s}"),
        Text::Missing => format!("⟦{key}⟧"),
    }
}

impl I18n {
    /// A reactive string for `key`: re-renders when the language changes.
    pub fn t(self, key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || text(self.locale.get(), key)
    }

    /// Like [`I18n::t`], with `{name}` placeholders filled in.
    pub fn tf(
        self,
        key: &'static str,
        values: &'static [(&'static str, &'static str)],
    ) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || ui_text::fill(&text(self.locale.get(), key), values)
    }

    /// The string for `key` now, for use inside a reactive closure that reads the locale.
    pub fn tr(self, key: &str) -> String {
        text(self.locale.get(), key)
    }

    /// [`I18n::tr`] with `{name}` placeholders filled from run-time values.
    pub fn tr_with(self, key: &str, values: &[(&str, &str)]) -> String {
        ui_text::fill(&self.tr(key), values)
    }
}

/// Makes `locale`'s strings available: its shell and every area part already opened in this
/// session (a Spanish part is installed once its screens have opened), fetched in parallel, the
/// first time (precached for offline). Spanish's shell is built in. On failure the app stays
/// usable: lookups fall back to Spanish, marked.
pub async fn ensure_locale(locale: Locale) {
    let opened: Vec<Part> =
        Part::ALL.into_iter().filter(|p| ui_text::is_part_installed(Locale::Es, *p)).collect();
    join_all(opened.into_iter().map(|p| fetch_part(locale, p))).await;
}

/// The strings of `parts` could not be fetched: the screen that needs them waits like a screen
/// whose code is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StringsMissing;

/// Makes the strings of `parts` available in the saved locale, with the Spanish ones it falls
/// back to, all fetched at once; fails only if a Spanish part cannot be had (a missing
/// translation falls back to Spanish, marked, as for the shell).
pub async fn ensure_parts(parts: &[Part]) -> Result<(), StringsMissing> {
    let locale = crate::settings_store::load().locale;
    let wanted = parts.iter().flat_map(|p| {
        let own = (locale != Locale::Es).then_some((locale, *p));
        [Some((Locale::Es, *p)), own].into_iter().flatten()
    });
    let results = join_all(wanted.map(|(l, p)| async move { (l, fetch_part(l, p).await) })).await;
    match results.iter().any(|(l, ok)| *l == Locale::Es && !ok) {
        true => Err(StringsMissing),
        false => Ok(()),
    }
}

/// Fetches and installs one part of one locale unless it is there; whether it is there now.
async fn fetch_part(locale: Locale, part: Part) -> bool {
    if ui_text::is_part_installed(locale, part) {
        return true;
    }
    match crate::fetch::fetch_text(&part.path(locale)).await {
        Ok(json) => ui_text::install_part(locale, part, &json).is_ok(),
        Err(_) => false,
    }
}
