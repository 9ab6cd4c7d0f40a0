//! A case's screening: a short interview aid (grouped questions, "don't know" always allowed,
//! sensitive ones with how to ask), then the result — the risk level with its reasons and the
//! worker's override, a card per flag (why, what to do now, whom to refer to), the consents and
//! the referrals. The rules live in the core; every change goes through the case editor.

pub mod questions;
pub mod referrals;
pub mod result;

use crate::base_path::BasePath;
use crate::case_editor::CaseEditor;
use crate::components::area_page::use_page_title;
use crate::components::case_bits::SessionBar;
use crate::components::case_frame::{CaseLoader, SaveIndicator};
use crate::components::erased::{click, dyn_text, dyn_view};
use crate::components::notices::ContentProblem;
use crate::components::vault_gate::VaultGate;
use crate::i18n::use_i18n;
use crate::pages::case_screening::questions::ScreeningQuestions;
use crate::pages::case_screening::referrals::{ConsentPanel, ReferralList};
use crate::pages::case_screening::result::{FlagCards, RiskPanel};
use crate::screening_content::{use_screening_content, ScreeningContent};
use crate::session::now;
use leptos::prelude::*;
use senda_core::case::CaseSummary;
use senda_core::screening::outcome::Outcome;
use senda_core::screening::rescreen;
use std::sync::Arc;

#[component]
pub fn CaseScreeningPage() -> impl IntoView {
    use_page_title("scr.title");
    view! {
        <article translate="no" class="area case-page">
            <VaultGate>
                <SessionBar />
                <CaseLoader screen=|editor| view! { <ScreeningScreen editor /> }.into_any() />
            </VaultGate>
        </article>
    }
}

#[component]
fn ScreeningScreen(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let content = use_screening_content();
    let summary = Memo::new(move |_| editor.case.with(CaseSummary::of));
    let back = base.href(&format!("/cases/{}", summary.get_untracked().id));
    view! {
        <nav class="crumbs"><a href=back>{i18n.t("scr.back")}</a></nav>
        <header class="case-header">
            <p class="eyebrow">{i18n.t("scr.title")}</p>
            <h1>{dyn_text(move || { let l = summary.get().label; if l.is_empty() { i18n.tr("cases.no_name") } else { l } })}</h1>
            <SaveIndicator state=editor.save_state />
        </header>
        {dyn_view(move || match content.get() {
            None => view! { <p class="loading">{i18n.t("guide.loading")}</p> }.into_any(),
            Some(Ok(content)) => view! { <ScreeningBody editor content /> }.into_any(),
            Some(Err(e)) => view! { <ContentProblem error=e /> }.into_any(),
        })}
    }
}

#[component]
fn ScreeningBody(editor: CaseEditor, content: Arc<ScreeningContent>) -> impl IntoView {
    let i18n = use_i18n();
    let of_case = content.clone();
    let outcome = Memo::new(move |_| {
        editor.case.with(|case| Outcome::of(&of_case.structure, case, now().date_naive()))
    });
    // The child's data may have changed since the last screening (accompaniment, age,
    // documents): bring the case's flags and screened level in line once, on opening.
    let structure_owner = content.clone();
    if editor.case.with_untracked(|c| outcome.get_untracked().differs_from(c)) {
        editor.change(move |c, now, by| rescreen(c, &structure_owner.structure, now, by));
    }
    let answered = move || editor.case.with(|c| c.screening().answers.len());
    let total = content.structure.questions().count();
    view! {
        <p class="lead">{i18n.t("scr.intro")}</p>
        {content.texts_fallback.then(|| view! { <p class="notice subtle">{i18n.t("guide.fallback_notice")}</p> })}
        <p class="notice subtle">{content.texts.review_note.clone()}</p>
        <p class="chips">
            <span class="chip">{dyn_text(move || i18n.tr_with("scr.answered", &[("done", &answered().to_string()), ("total", &total.to_string())]))}</span>
        </p>
        <p><button class="button quiet" type="button" on:click=click(move || {
            if let Some(result) = document().get_element_by_id("screening-result") {
                result.scroll_into_view();
            }
        })>{i18n.t("scr.to_result")}</button></p>
        {view! { <ScreeningQuestions editor content=content.clone() /> }.into_any()}
        <section id="screening-result" class="screening-result" aria-labelledby="result-title">
            <h2 id="result-title">{i18n.t("scr.result")}</h2>
            {view! { <RiskPanel editor content=content.clone() outcome /> }.into_any()}
            {view! { <FlagCards editor content=content.clone() outcome /> }.into_any()}
            {view! { <ConsentPanel editor /> }.into_any()}
            {view! { <ReferralList editor content /> }.into_any()}
        </section>
    }
}
