//! The top bar: the app's name (a way home), the language switch, and the offline notice.

use crate::base_path::BasePath;
use crate::components::icons::{Icon, SvgIcon};
use crate::i18n::{use_i18n, I18n};
use crate::pwa::Pwa;
use crate::settings_store;
use leptos::prelude::*;
use senda_core::locale::Locale;
use senda_core::settings::Settings;

#[component]
pub fn AppHeader() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let pwa = expect_context::<Pwa>();
    view! {
        <header class="app-header">
            <a class="brand" href=base.href("/")>
                <img class="brand-mark" src="icons/icon.svg" alt="" width="32" height="32" />
                <span class="brand-name">{i18n.t("app.name")}</span>
            </a>
            <LanguageSelect />
        </header>
        <Show when=move || !pwa.online.get()>
            <p class="offline-notice" role="status">
                <SvgIcon icon=Icon::Offline />
                {i18n.t("status.offline")}
            </p>
        </Show>
    }
}

/// A compact language switch; each language is named in itself.
#[component]
pub fn LanguageSelect() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(locale) = Locale::from_code(&event_target_value(&ev)) {
            choose_locale(i18n, locale);
        }
    };
    view! {
        <label class="lang-select">
            <span class="visually-hidden">{i18n.t("lang.label")}</span>
            <select on:change=on_change prop:value=move || i18n.locale.get().code()>
                {Locale::ALL
                    .into_iter()
                    .map(|l| view! { <option value=l.code() lang=l.code()>{l.native_name()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// Switches the interface language and remembers it on this device.
pub fn choose_locale(i18n: I18n, locale: Locale) {
    settings_store::save(&Settings { locale, ..settings_store::load() });
    leptos::task::spawn_local(async move {
        crate::i18n::ensure_locale(locale).await;
        i18n.locale.set(locale);
    });
}
