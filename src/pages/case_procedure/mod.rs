//! A case's procedure: the phases with their progress, the step the engine suggests next, one
//! step at a time with its items, and the deadlines that follow. Everything shown comes from the
//! engine's `ProcedureStatus`; every change goes through the case editor (autosave, audit trail).

pub mod item;
pub mod records;

use crate::base_path::BasePath;
use crate::case_editor::CaseEditor;
use crate::components::area_page::use_page_title;
use crate::components::case_bits::SessionBar;
use crate::components::case_frame::{CaseLoader, SaveIndicator};
use crate::components::erased::{click, dyn_flag, dyn_text, dyn_view};
use crate::components::notices::ContentProblem;
use crate::components::phase_flowchart::PhaseFlowchart;
use crate::components::vault_gate::VaultGate;
use crate::content::{use_guide_content, GuideContent};
use crate::i18n::use_i18n;
use crate::pages::case_procedure::item::ProcedureItem;
use crate::pages::case_procedure::records::{Deadlines, EarlierRecords};
use crate::pages::case_review::card::PanelLink;
use crate::session::now;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use senda_core::case::CaseSummary;
use senda_core::procedure::progress::Progress;
use senda_core::procedure::{Flowchart, StepMark};
use std::sync::Arc;

#[component]
pub fn CaseProcedurePage() -> impl IntoView {
    use_page_title("procedure.title");
    view! {
        <article translate="no" class="area case-page">
            <VaultGate>
                <SessionBar />
                <CaseLoader screen=|editor| view! { <ProcedureScreen editor /> }.into_any() />
            </VaultGate>
        </article>
    }
}

#[component]
fn ProcedureScreen(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let content = use_guide_content();
    let summary = Memo::new(move |_| editor.case.with(CaseSummary::of));
    let back = base.href(&format!("/cases/{}", summary.get_untracked().id));
    view! {
        <nav class="crumbs"><a href=back>{i18n.t("procedure.back")}</a></nav>
        <header class="case-header">
            <p class="eyebrow">{i18n.t("procedure.title")}</p>
            <h1>{dyn_text(move || { let l = summary.get().label; if l.is_empty() { i18n.tr("cases.no_name") } else { l } })}</h1>
            <SaveIndicator state=editor.save_state />
        </header>
        {dyn_view(move || match content.get() {
            None => view! { <p class="loading">{i18n.t("guide.loading")}</p> }.into_any(),
            Some(Ok(content)) => {
                let fallback = content.texts_fallback.then(|| view! { <p class="notice subtle" role="note">{i18n.t("guide.fallback_notice")}</p> });
                view! { {fallback} <ProcedureBody editor content /> }.into_any()
            }
            Some(Err(e)) => view! { <ContentProblem error=e /> }.into_any(),
        })}
    }
}

#[component]
fn ProcedureBody(editor: CaseEditor, content: Arc<GuideContent>) -> impl IntoView {
    let i18n = use_i18n();
    let of_case = content.clone();
    // Read once for the screen, not on every edit (Settings is another screen).
    let timelines = crate::timelines_store::load();
    let progress = Memo::new(move |_| {
        editor
            .case
            .with(|case| Progress::of(&of_case.procedure, &timelines, case, now().date_naive()))
    });
    // The step on screen: the one the address names (a reload or a shared link comes back to
    // it), else where the engine says to go on; the address follows the worker's choice.
    let asked = use_query_map().with_untracked(|q| q.get("step"));
    let current = RwSignal::new(progress.with_untracked(|p| {
        asked
            .filter(|id| p.steps.iter().any(|s| &s.id == id))
            .or_else(|| p.next.clone())
            .or_else(|| p.steps.first().map(|s| s.id.clone()))
    }));
    let navigate = use_navigate();
    let base = expect_context::<BasePath>();
    let case_id = editor.case.with_untracked(|c| c.id().to_string());
    Effect::new(move |_| {
        if let Some(step) = current.get() {
            let path = base.href(&format!("/cases/{case_id}/procedure?step={step}"));
            navigate(
                &path,
                NavigateOptions {
                    replace: true,
                    resolve: false,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    });
    let on_screen = Memo::new(move |_| {
        let id = current.get();
        progress.with(|p| {
            let index = p.steps.iter().position(|s| Some(&s.id) == id.as_ref())?;
            let step = &p.steps[index];
            let ids: Vec<String> = step.items.iter().map(|(i, _)| i.clone()).collect();
            Some((index, step.id.clone(), step.phase.clone(), ids))
        })
    });
    let texts = content.clone();
    let step_title = move |id: &str| texts.texts.step_title(id);
    let phase_texts = content.clone();
    let phase_title = move |id: &str| phase_texts.texts.phase_title(id);
    let suggested_title = step_title.clone();
    let step_content = content.clone();
    let heading_title = step_title.clone();
    let heading_phase = phase_title.clone();

    // What comes next, by the engine: built once, its texts and button follow the case.
    let next_title = dyn_text(move || match progress.with(|p| p.next.clone()) {
        Some(step) => suggested_title(&step),
        None => i18n.tr("procedure.all_done"),
    });
    let overall = dyn_text(move || {
        let (done, total) = progress.with(|p| {
            p.phases.iter().fold((0, 0), |(d, t), ph| (d + ph.required_done, t + ph.required))
        });
        i18n.tr_with(
            "procedure.required_count",
            &[("done", &done.to_string()), ("total", &total.to_string())],
        )
    });
    let elsewhere = move || {
        progress.with(|p| p.next.clone()).filter(|n| current.with(|c| c.as_ref() != Some(n)))
    };
    let suggestion = view! {
        <section class="card next-step" aria-live="polite">
            <p class="eyebrow">{i18n.t("procedure.suggested")}</p>
            <p class="next-step-title">{next_title}</p>
            <p class="chips">
                <span class="chip overall-count">{overall}</span>
                <span class="chip warn" hidden=dyn_flag(move || !progress.with(|p| p.bid_required))>{i18n.t("procedure.bid_required")}</span>
            </p>
            <button class="button primary" type="button" hidden=dyn_flag(move || elsewhere().is_none())
                on:click=click(move || { if let Some(step) = elsewhere() { current.set(Some(step)); } })>
                {i18n.t("procedure.go_next")}
            </button>
        </section>
    };

    let step_view = dyn_view(move || {
        let Some((index, step_id, phase_id, item_ids)) = on_screen.get() else {
            return ().into_any();
        };
        let total_steps = progress.with_untracked(|p| p.steps.len());
        let (is_first, is_last) = (index == 0, index + 1 >= total_steps);
        let phase_n = progress
            .with_untracked(|p| p.phases.iter().position(|ph| ph.id == phase_id))
            .map_or(0, |i| i + 1);
        let (n, total, pn, ptotal) = (
            (index + 1).to_string(),
            total_steps.to_string(),
            phase_n.to_string(),
            step_content.procedure.phases.len().to_string(),
        );
        let counts = {
            let step_id = step_id.clone();
            dyn_text(move || {
                progress
                    .with(|p| {
                        p.steps
                            .iter()
                            .find(|s| s.id == step_id)
                            .map(|s| (s.resolved, s.items.len()))
                    })
                    .map(|(done, total)| {
                        i18n.tr_with(
                            "procedure.step_progress",
                            &[("done", &done.to_string()), ("total", &total.to_string())],
                        )
                    })
                    .unwrap_or_default()
            })
        };
        let items = item_ids
            .into_iter()
            .map(|id| view! { <ProcedureItem editor content=step_content.clone() id progress /> })
            .collect_view();
        let go = move |offset: isize| {
            let target = index.checked_add_signed(offset);
            let id = target
                .and_then(|t| progress.with_untracked(|p| p.steps.get(t).map(|s| s.id.clone())));
            if id.is_some() {
                current.set(id);
                window().scroll_to_with_x_and_y(0.0, 0.0);
            }
        };
        view! {
            <section class="step procedure-step" aria-labelledby="step-title">
                <p class="eyebrow">
                    {i18n.tr_with("guide.phase_of", &[("n", &pn), ("total", &ptotal)])} " · " {heading_phase(&phase_id)}
                </p>
                <h2 id="step-title">{heading_title(&step_id)}</h2>
                <p class="chips">
                    <span class="chip">{i18n.tr_with("procedure.step_of", &[("n", &n), ("total", &total)])}</span>
                    <span class="chip step-count">{counts}</span>
                </p>
                <ol class="items">{items}</ol>
                {(step_id == "bid.panel").then(|| view! { <PanelLink editor /> })}
                <nav class="actions step-nav">
                    <button class="button quiet" type="button" disabled=is_first on:click=click(move || go(-1))>
                        {i18n.tr("procedure.previous_step")}
                    </button>
                    <button class="button quiet" type="button" disabled=is_last on:click=click(move || go(1))>
                        {i18n.tr("procedure.following_step")}
                    </button>
                </nav>
            </section>
        }
        .into_any()
    });

    let chart_content = content.clone();
    let flowchart = dyn_view(move || {
        let Some((_, step_id, phase_id, _)) = on_screen.get() else { return ().into_any() };
        let Some(phase) = chart_content.procedure.phases.iter().find(|p| p.id == phase_id) else {
            return ().into_any();
        };
        let title = |id: &str| chart_content.texts.step_title(id);
        let chart = progress.with(|p| {
            let mark = |id: &str| {
                StepMark::of(
                    p.steps.iter().find(|s| s.id == id).map(|s| (s.resolved, s.items.len())),
                )
            };
            Flowchart::of_phase(phase, title, mark, Some(&step_id))
        });
        let caption = chart_content.texts.phase_title(&phase_id);
        view! {
            <section class="card flowchart-card">
                <h2>{i18n.t("flowchart.heading")}</h2>
                <PhaseFlowchart chart caption with_progress=true />
            </section>
        }
        .into_any()
    });
    let history_content = content.clone();

    view! {
        {suggestion}
        {step_view}
        {flowchart}
        <PhaseOverview progress current phase_title />
        <Deadlines content progress />
        <EarlierRecords content=history_content progress />
    }
}

/// Every phase with its count of required items resolved; a tap opens its first step.
#[component]
fn PhaseOverview(
    progress: Memo<Progress>,
    current: RwSignal<Option<String>>,
    phase_title: impl Fn(&str) -> String + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card phase-progress">
            <h2>{i18n.t("procedure.phases")}</h2>
            <ol>
                {dyn_view(move || progress.with(|p| p.phases.iter().enumerate().map(|(i, phase)| {
                    let first = p.steps.iter().find(|s| s.phase == phase.id).map(|s| s.id.clone());
                    let here = current.with(|c| p.steps.iter().any(|s| s.phase == phase.id && Some(&s.id) == c.as_ref()));
                    let count = if phase.applies {
                        i18n.tr_with("procedure.required_count", &[("done", &phase.required_done.to_string()), ("total", &phase.required.to_string())])
                    } else {
                        i18n.tr("procedure.phase_not_applicable")
                    };
                    let complete = phase.applies && phase.required_done == phase.required;
                    view! {
                        <li>
                            <button class="phase-row" type="button" aria-current=here.then_some("step") disabled=first.is_none()
                                data-complete=complete.then_some("true")
                                on:click=click(move || current.set(first.clone()))>
                                <span class="phase-number">{i + 1}</span>
                                <span class="phase-text">
                                    <strong>{phase_title(&phase.id)}</strong>
                                    <span class="phase-count">{count}</span>
                                </span>
                            </button>
                        </li>
                    }
                }).collect_view().into_any()))}
            </ol>
        </section>
    }
}
