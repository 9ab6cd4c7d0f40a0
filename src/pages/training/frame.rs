//! The frame of every practice screen: the practice accent colour and the banner that says the cases are fictional, drawn before any content loads.

use crate::base_path::BasePath;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn PracticeFrame(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    view! {
        <article class="area practice">
            <p class="practice-banner" role="note" data-practice-banner="true">
                <strong>{i18n.t("training.banner")}</strong>
                " "
                <a href=base.href("/")>{i18n.t("training.leave")}</a>
            </p>
            {children()}
        </article>
    }
}
