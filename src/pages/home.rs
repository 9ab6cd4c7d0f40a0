//! The home screen: what Senda is and a large entry to each section.

use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::bottom_nav::SECTIONS;
use crate::components::icons::SvgIcon;
use crate::components::role_gate::shows_cases_entry;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The hint under each section's name on the home screen.
fn hint_key(path: &str) -> &'static str {
    match path {
        "/cases" => "home.cases_hint",
        "/guide" => "home.guide_hint",
        "/children" => "home.children_hint",
        "/reference" => "home.reference_hint",
        _ => "home.settings_hint",
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    use_page_title("nav.home");
    let cases = shows_cases_entry();
    view! {
        <article class="home">
            <h1>{i18n.t("home.title")}</h1>
            <p class="lead">{i18n.t("home.lead")}</p>
            // A volunteer with a child in front of them starts here, without scrolling.
            <a class="button primary first-contact-entry" href=base.href("/first-contact")>
                {i18n.t("volunteer.entry")}
            </a>
            <ul class="section-cards">
                {SECTIONS
                    .into_iter()
                    .map(|(path, key, icon)| {
                        view! {
                            <li hidden=move || path == "/cases" && !cases.get()>
                                <a class="section-card" href=base.href(path)>
                                    <SvgIcon icon=icon />
                                    <span class="section-card-text">
                                        <strong>{i18n.t(key)}</strong>
                                        <span>{i18n.t(hint_key(path))}</span>
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <p><a class="button quiet practice-entry" href=base.href("/practice")>{i18n.t("training.entry")}</a>
                " " <span class="hint">{i18n.t("training.entry_hint")}</span></p>
            <p class="privacy-note">{i18n.t("home.offline_note")}</p>
        </article>
    }
}
