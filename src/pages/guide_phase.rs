//! One phase of the Guide as reference: its steps and every checklist item's guidance, with a
//! way to the previous and next phase.

use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::guidance::item_guidance;
use crate::components::notices::ContentProblem;
use crate::components::phase_flowchart::PhaseFlowchart;
use crate::content::{use_guide_content, GuideContent};
use crate::i18n::{use_i18n, I18n};
use crate::pages::guide::ContentNotices;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use senda_core::procedure::{Flowchart, StepMark};
use std::sync::Arc;

#[component]
pub fn GuidePhasePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let content = use_guide_content();
    use_page_title("nav.guide");
    // A link to one step (search hits: /guide/<phase>#<step>) scrolls to it once it is shown.
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| {
        let ready = matches!(content.get(), Some(Ok(_)));
        let target = location.hash.get().trim_start_matches('#').to_owned();
        if ready && !target.is_empty() {
            request_animation_frame(move || {
                if let Some(step) = document().get_element_by_id(&target) {
                    step.scroll_into_view();
                }
            });
        }
    });
    view! {
        <article class="area">
            {move || {
                let phase_id = params.read().get("phase").unwrap_or_default();
                match content.get() {
                    None => view! { <p class="loading">{i18n.t("guide.loading")}</p> }.into_any(),
                    Some(Ok(content)) => phase_view(content, &phase_id, i18n),
                    Some(Err(e)) => view! { <ContentProblem error=e /> }.into_any(),
                }
            }}
        </article>
    }
}

fn phase_view(content: Arc<GuideContent>, phase_id: &str, i18n: I18n) -> AnyView {
    let base = expect_context::<BasePath>();
    let phases = &content.procedure.phases;
    let Some(index) = phases.iter().position(|p| p.id == phase_id) else {
        return view! {
            <h1>{i18n.t("nav.guide")}</h1>
            <p class="notice" role="alert">{i18n.t("guide.unknown_phase")}</p>
            <a class="button primary" href=base.href("/guide")>{i18n.t("guide.all_phases")}</a>
        }
        .into_any();
    };
    let phase = &phases[index];
    let text = content.texts.phases.get(&phase.id);
    let (n, total) = ((index + 1).to_string(), phases.len().to_string());
    let step_title =
        |id: &str| content.texts.steps.get(id).map_or_else(|| id.to_owned(), |s| s.title.clone());
    let chart = Flowchart::of_phase(phase, step_title, |_| StepMark::Reference, None);
    let phase_title = text.map(|t| t.title.clone()).unwrap_or_else(|| phase.id.clone());
    let steps: Vec<_> = phase
        .steps
        .iter()
        .map(|step| {
            let title = content.texts.steps.get(&step.id).map(|s| s.title.clone()).unwrap_or_else(|| step.id.clone());
            let items: Vec<_> = step.items.iter().map(|item| item_guidance(&content, item, i18n)).collect();
            view! {
                <section class="step" id=step.id.replace('.', "-")>
                    <h2>{title}</h2>
                    {step.when.is_some().then(|| view! { <p class="chips"><span class="chip">{i18n.tr("guide.conditional")}</span></p> })}
                    <ol class="items">{items}</ol>
                </section>
            }
        })
        .collect();
    let neighbour = |i: Option<usize>, key: &'static str, class: &'static str| {
        i.and_then(|i| phases.get(i)).map(|p| {
            let title =
                content.texts.phases.get(&p.id).map(|t| t.title.clone()).unwrap_or_default();
            view! {
                <a class=format!("phase-link {class}") href=base.href(&format!("/guide/{}", p.id))>
                    <span class="hint">{i18n.tr(key)}</span>
                    <span>{title}</span>
                </a>
            }
        })
    };
    view! {
        <nav class="crumbs" aria-label=i18n.t("nav.guide")>
            <a href=base.href("/guide")>{i18n.t("guide.all_phases")}</a>
        </nav>
        <p class="eyebrow">{i18n.tr_with("guide.phase_of", &[("n", &n), ("total", &total)])}</p>
        <h1>{phase_title.clone()}</h1>
        <p class="lead">{text.map(|t| t.summary.clone()).unwrap_or_default()}</p>
        <PhaseFlowchart chart caption=phase_title with_progress=false />
        <ContentNotices content=content.clone() />
        {steps}
        <nav class="phase-nav" aria-label=i18n.t("guide.all_phases")>
            {neighbour(index.checked_sub(1), "guide.previous", "previous")}
            {neighbour(Some(index + 1), "guide.next", "next")}
        </nav>
    }
    .into_any()
}
