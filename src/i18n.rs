//! The reactive interface language: a context every view reads its strings from.

use leptos::prelude::*;
use senda_core::locale::Locale;
use senda_core::ui_text::{self, Text};

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

/// Makes `locale`'s strings available, fetching its file (precached for offline) the first time.
/// Spanish is built in. On failure the app stays usable: lookups fall back to Spanish, marked.
pub async fn ensure_locale(locale: Locale) {
    if ui_text::is_installed(locale) {
        return;
    }
    if let Ok(json) = crate::fetch::fetch_text(&format!("content/ui/{}.json", locale.code())).await
    {
        let _ = ui_text::install(locale, &json);
    }
}
