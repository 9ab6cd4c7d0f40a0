//! The practice space's start (`/practice`): what it is, the scenarios with what is done on this phone, what to practise next, and the facilitator's anonymous CSV.

use super::content::use_training_content;
use super::frame::PracticeFrame;
use super::progress_store;
use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::erased::{click, dyn_view};
use crate::components::notices::ContentProblem;
use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn PracticeListPage() -> impl IntoView {
    use_page_title("training.entry");
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let content = use_training_content();
    let progress = RwSignal::new(progress_store::load());
    view! {
        <PracticeFrame>
            {dyn_view(move || match content.get() {
                None => view! { <p class="loading">{i18n.t("training.loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <ContentProblem error=e /> }.into_any(),
                Some(Ok(c)) => {
                    let t = &c.texts;
                    let total = c.scenarios.scenarios.len();
                    let items = c
                        .scenarios
                        .scenarios
                        .iter()
                        .map(|s| {
                            let id = s.id.clone();
                            let href = base.href(&format!("/practice/{}", s.id));
                            let title = t.title(&s.id);
                            let done = t.text("practice.done_score");
                            view! {
                                <li>
                                    <a class="section-card practice-item" href=href data-scenario=s.id.clone()>
                                        <span class="section-card-text">
                                            <strong>{title}</strong>
                                            {move || progress.with(|p| p.best(&id)).map(|best| view! {
                                                <span>{format!("{done} · {best}%")}</span>
                                            })}
                                        </span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view();
                    let progress_line = {
                        let template = t.text("practice.progress");
                        move || progress.with(|p| {
                            senda_core::ui_text::fill(&template, &[("done", &p.done().to_string()), ("total", &total.to_string())])
                        })
                    };
                    let skills = c.texts.text("practice.scores");
                    let names: Vec<String> = senda_core::training::Skill::ALL.iter().map(|s| t.text(&format!("skill.{}", s.code()))).collect();
                    let weakest = move || progress.with(|p| p.weakest()).map(|s| {
                        view! { <p class="chips"><span class="chip">{format!("{skills}: {}", names[s as usize])}</span></p> }
                    });
                    let export = t.text("practice.export");
                    let reset = t.text("practice.reset_progress");
                    view! {
                        <h1>{t.text("practice.title")}</h1>
                        <p class="lead">{t.text("practice.intro")}</p>
                        {c.texts_fallback.then(|| view! { <p class="notice subtle">{i18n.t("guide.fallback_notice")}</p> })}
                        <p class="notice subtle">{t.review_note.clone()}</p>
                        <p class="chips"><span class="chip" data-progress="true">{progress_line}</span></p>
                        {weakest}
                        <p><a class="button quiet" href=base.href("/practice/lessons")>{t.text("practice.lessons_link")}</a></p>
                        <h2>{t.text("practice.list")}</h2>
                        <ul class="section-cards">{items}</ul>
                        <p class="practice-tools">
                            <button class="button quiet" type="button" on:click=click(move || {
                                let csv = progress.with_untracked(|p| p.csv());
                                let _ = crate::download::offer_download(csv.as_bytes(), "senda-practice.csv", "text/csv");
                            })>{export}</button>
                            <button class="button quiet" type="button" on:click=click(move || {
                                progress_store::forget();
                                progress.set(Default::default());
                            })>{reset}</button>
                        </p>
                    }
                    .into_any()
                }
            })}
        </PracticeFrame>
    }
}
