//! Shown for any address the app does not know, with a way home.

use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    use_page_title("notfound.title");
    view! {
        <article class="area not-found">
            <h1>{i18n.t("notfound.title")}</h1>
            <p class="lead">{i18n.t("notfound.body")}</p>
            <a class="button primary" href=base.href("/")>{i18n.t("notfound.home")}</a>
        </article>
    }
}
