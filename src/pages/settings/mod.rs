//! Settings: the interface language with its translation status, and the app's offline state.

pub mod child_mode;
pub mod directory;
pub mod key_protection;
pub mod second_factor;
pub mod security;
pub mod timelines;

use crate::components::area_page::AreaPage;
use crate::components::header::choose_locale;
use crate::i18n::use_i18n;
use crate::pages::settings::child_mode::ChildModeSettings;
use crate::pages::settings::directory::DirectorySettings;
use crate::pages::settings::security::SecuritySettings;
use crate::pages::settings::timelines::CountryTimelines;
use crate::pwa::{OfflineReadiness, Pwa};
use leptos::prelude::*;
use senda_core::locale::Locale;
use senda_core::ui_text::{self, Review};

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <AreaPage title="nav.settings" lead="settings.lead">
            <LanguageChoice />
            <SecuritySettings />
            <TeamLink />
            <CountryTimelines />
            <ChildModeSettings />
            <DirectorySettings />
            <About />
        </AreaPage>
    }
}

/// The way to the team screen (its code loads only when opened).
#[component]
fn TeamLink() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<crate::base_path::BasePath>();
    view! {
        <section class="card">
            <h2>{i18n.t("team.title")}</h2>
            <p class="hint">{i18n.t("team.settings_hint")}</p>
            <a class="button wide" href=base.href("/settings/team")>{i18n.t("team.open")}</a>
        </section>
    }
}

/// The language as large radio buttons, with the translation's review status.
#[component]
fn LanguageChoice() -> impl IntoView {
    let i18n = use_i18n();
    let review = move || {
        let catalog = ui_text::catalog(i18n.locale.get());
        let status = match catalog.review {
            Review::Reviewed => i18n.t("settings.review.reviewed")(),
            Review::Draft => i18n.t("settings.review.draft")(),
        };
        (status, catalog.review_note.clone())
    };
    view! {
        <section class="card">
            <fieldset class="choice-group">
                <legend>{i18n.t("settings.language")}</legend>
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <label class="choice" lang=l.code()>
                                <input
                                    type="radio"
                                    name="locale"
                                    value=l.code()
                                    prop:checked=move || i18n.locale.get() == l
                                    on:change=move |_| choose_locale(i18n, l)
                                />
                                <span>{l.native_name()}</span>
                            </label>
                        }
                    })
                    .collect_view()}
                <p class="hint">{i18n.t("settings.language_hint")}</p>
            </fieldset>
            <p class="translation-status">
                <strong>{i18n.t("settings.translation_status")} ": "</strong>
                {move || review().0}
                <br />
                <span class="hint">{move || review().1}</span>
            </p>
        </section>
    }
}

/// Version and offline readiness.
#[component]
fn About() -> impl IntoView {
    let i18n = use_i18n();
    let pwa = expect_context::<Pwa>();
    let readiness = move || match pwa.offline.get() {
        OfflineReadiness::Ready => i18n.t("settings.offline_ready")(),
        OfflineReadiness::Pending | OfflineReadiness::Installing(_) => {
            i18n.t("settings.offline_pending")()
        }
        OfflineReadiness::Unsupported => i18n.t("settings.offline_unsupported")(),
    };
    view! {
        <section class="card">
            <h2>{i18n.t("settings.about")}</h2>
            <p>{i18n.tf("settings.version", &[("version", env!("CARGO_PKG_VERSION"))])}</p>
            <p class="offline-state" data-phone-state="" data-state=move || match pwa.offline.get() {
                OfflineReadiness::Ready => "ready",
                OfflineReadiness::Pending => "pending",
                OfflineReadiness::Installing(_) => "installing",
                OfflineReadiness::Unsupported => "unsupported",
            }>
                {readiness}
            </p>
        </section>
    }
}
