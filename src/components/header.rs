//! The top bar: the app's name (a way home), the team-sync light, the language switch, and the
//! offline notice.

use crate::base_path::BasePath;
use crate::components::icons::{Icon, SvgIcon};
use crate::i18n::{use_i18n, I18n};
use crate::pwa::{OfflineReadiness, Pwa};
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
                // The app's mark drawn here (icons/icon.svg's shapes) rather than fetched: one
                // request less on every first visit (the browser asks for the file as the tab's icon).
                <svg class="brand-mark" viewBox="0 0 512 512" width="32" height="32" aria-hidden="true" focusable="false">
                    <rect width="512" height="512" rx="96" fill="#0c5c57" />
                    <path d="M150 420 C 150 330, 362 330, 362 250 S 170 170, 190 92" fill="none" stroke="#ffffff" stroke-width="46" stroke-linecap="round" />
                    <circle cx="190" cy="92" r="34" fill="#f2a900" />
                </svg>
                <span class="brand-name">{i18n.t("app.name")}</span>
            </a>
            <SyncBadge />
            <LanguageSelect />
        </header>
        <OfflineStatus pwa />
    }
}

/// Says exactly how offline use stands: offline and complete ("keeps working"), offline and not
/// complete (what is missing opens when the connection is back), or the install's progress.
#[component]
fn OfflineStatus(pwa: Pwa) -> impl IntoView {
    let i18n = use_i18n();
    let ready = move || pwa.offline.get() == OfflineReadiness::Ready;
    let installing = move || match pwa.offline.get() {
        OfflineReadiness::Installing(p) if pwa.online.get() => Some(p),
        _ => None,
    };
    view! {
        <Show when=move || !pwa.online.get()>
            <p class="offline-notice" role="status" data-complete=move || ready().to_string()>
                <SvgIcon icon=Icon::Offline />
                {move || i18n.tr(if ready() { "status.offline" } else { "status.offline_partial" })}
            </p>
        </Show>
        {move || installing().map(|p| {
            let (files, total, kb, total_kb) =
                (p.files.to_string(), p.total_files.to_string(), p.kb.to_string(), p.total_kb.to_string());
            view! {
                <p class="install-progress">
                    <span>
                        {i18n.tr_with(
                            "status.installing",
                            &[("files", &files), ("total", &total), ("kb", &kb), ("total_kb", &total_kb)],
                        )}
                    </span>
                    <progress max=p.total_kb.max(1) value=p.kb aria-hidden="true"></progress>
                </p>
            }
        })}
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

/// The light's place in the header: hidden until automatic sync draws it (a link to the team
/// screen saying how sync stands).
#[component]
fn SyncBadge() -> impl IntoView {
    let base = expect_context::<BasePath>();
    view! { <a id="sync-light" class="sync-light" role="status" hidden href=base.href("/settings/team")></a> }
}
