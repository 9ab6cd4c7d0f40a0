//! The frame of a section's page: its heading, its purpose, and its content; it also names the
//! page in the document title (never anything personal).

use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Sets `document.title` to "<section> · Senda" while the page is shown.
pub fn use_page_title(key: &'static str) {
    let i18n = use_i18n();
    let title = i18n.t(key);
    let app = i18n.t("app.name");
    Effect::new(move |_| document().set_title(&format!("{} · {}", title(), app())));
}

#[component]
pub fn AreaPage(
    /// Key of the section's name, used as heading and title.
    title: &'static str,
    /// Key of the one-paragraph purpose of the section.
    lead: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(title);
    view! {
        <article class="area">
            <h1>{i18n.t(title)}</h1>
            <p class="lead">{i18n.t(lead)}</p>
            {children()}
        </article>
    }
}

/// An honest notice for a capability that is not in this version yet.
#[component]
pub fn InPreparation(
    /// Key of the sentence saying what is coming.
    body: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <aside class="notice">
            <strong>{i18n.t("area.in_preparation")}</strong>
            <p>{i18n.t(body)}</p>
        </aside>
    }
}
