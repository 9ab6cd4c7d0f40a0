//! The Guide section without a case: the eight phases of the procedure to browse as reference
//! and training, each opening its steps and items.

use crate::base_path::BasePath;
use crate::components::area_page::AreaPage;
use crate::components::notices::ContentProblem;
use crate::content::{use_guide_content, GuideContent};
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn GuidePage() -> impl IntoView {
    let i18n = use_i18n();
    let content = use_guide_content();
    view! {
        <AreaPage title="nav.guide" lead="guide.lead">
            {move || match content.get() {
                None => view! { <p class="loading">{i18n.t("guide.loading")}</p> }.into_any(),
                Some(Ok(content)) => phase_list(content, i18n).into_any(),
                Some(Err(e)) => view! { <ContentProblem error=e /> }.into_any(),
            }}
        </AreaPage>
    }
}

fn phase_list(content: Arc<GuideContent>, i18n: I18n) -> impl IntoView {
    let base = expect_context::<BasePath>();
    let phases: Vec<_> = content
        .procedure
        .phases
        .iter()
        .enumerate()
        .map(|(n, phase)| {
            let text = content.texts.phases.get(&phase.id);
            let steps = phase.steps.len().to_string();
            view! {
                <li>
                    <a class="phase-card" href=base.href(&format!("/guide/{}", phase.id))>
                        <span class="phase-number" aria-hidden="true">{n + 1}</span>
                        <span class="phase-text">
                            <strong>{text.map(|t| t.title.clone()).unwrap_or_else(|| phase.id.clone())}</strong>
                            <span>{text.map(|t| t.summary.clone()).unwrap_or_default()}</span>
                            <span class="chips">
                                <span class="chip">{i18n.tr_with("guide.step_count", &[("n", &steps)])}</span>
                                {phase.when.is_some().then(|| view! { <span class="chip">{i18n.tr("guide.conditional")}</span> })}
                            </span>
                        </span>
                    </a>
                </li>
            }
        })
        .collect();
    view! {
        <ContentNotices content=content.clone() />
        <ol class="phase-list">{phases}</ol>
    }
}

/// The review status of the content, and a notice when it stands in for another language.
#[component]
pub fn ContentNotices(content: Arc<GuideContent>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <aside class="notice subtle">
            <strong>{i18n.t("guide.draft_notice")}</strong>
            <p>{content.texts.review_note.clone()}</p>
            {content.texts_fallback.then(|| view! { <p>{i18n.t("guide.fallback_notice")}</p> })}
        </aside>
    }
}
