//! Short lessons per phase (`/practice/lessons`): questions drawn from the procedure content by the core; after each answer, the right one with the guide's why and its sources. Nothing is stored.

use super::content::use_training_content;
use super::frame::PracticeFrame;
use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::erased::{change, dyn_view};
use crate::components::notices::ContentProblem;
use crate::i18n::use_i18n;
use crate::screening_content::use_screening_content;
use leptos::prelude::*;
use senda_core::training::lessons::{lessons, Prompt};

#[component]
pub fn PracticeLessonsPage() -> impl IntoView {
    use_page_title("training.entry");
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let training = use_training_content();
    let screening = use_screening_content();
    view! {
        <PracticeFrame>
            {dyn_view(move || match (training.get(), screening.get()) {
                (Some(Err(e)), _) | (_, Some(Err(e))) => view! { <ContentProblem error=e /> }.into_any(),
                (Some(Ok(c)), Some(Ok(s))) => {
                    let (Ok(procedure), Ok(texts)) = (senda_core::procedure::procedure(), senda_core::procedure::texts(i18n.locale.get())) else {
                        return ().into_any();
                    };
                    let t = &c.texts;
                    let items = lessons(procedure, texts.texts)
                        .into_iter()
                        .map(|lesson| {
                            let questions = lesson
                                .questions
                                .into_iter()
                                .map(|q| {
                                    let chosen = RwSignal::new(None::<usize>);
                                    let prompt = match &q.prompt {
                                        Prompt::FirstStep => t.text("lesson.first"),
                                        Prompt::Never { step } => t.text_with("lesson.never", &[("step", step)]),
                                    };
                                    let name = format!("lesson-{}", q.id.replace('.', "-"));
                                    let options = q
                                        .options
                                        .iter()
                                        .enumerate()
                                        .map(|(i, o)| view! {
                                            <label class="choice">
                                                <input type="radio" name=name.clone() value=i.to_string()
                                                    on:change=change(move |_| chosen.set(Some(i))) />
                                                <span>{o.clone()}</span>
                                            </label>
                                        })
                                        .collect_view();
                                    let (right, wrong, answer_label) = (t.text("lesson.right"), t.text("lesson.wrong"), t.text("lesson.answer"));
                                    let answer = q.options[q.answer].clone();
                                    let sources: Vec<String> = q.sources.iter().map(|id| {
                                        s.sources.get(id).map_or_else(|| id.clone(), |src| format!("{id} {}", src.title))
                                    }).collect();
                                    let sources_label = t.text("practice.sources");
                                    let why = q.why.clone();
                                    let correct = q.answer;
                                    view! {
                                        <li>
                                            <fieldset class="question" data-lesson=q.id.clone()>
                                                <legend>{prompt}</legend>
                                                <div class="checks">{options}</div>
                                            </fieldset>
                                            {move || chosen.get().map(|i| view! {
                                                <div class="lesson-answer" role="status">
                                                    <p><strong>{if i == correct { right.clone() } else { wrong.clone() }}</strong>
                                                        " " {format!("{answer_label}: {answer}")}</p>
                                                    <p>{why.clone()}</p>
                                                    <p class="hint">{format!("{sources_label}: {}", sources.join("; "))}</p>
                                                </div>
                                            })}
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! {
                                <section class="card" data-phase=lesson.phase.clone()>
                                    <h2>{lesson.title}</h2>
                                    <ol class="questions">{questions}</ol>
                                </section>
                            }
                        })
                        .collect_view();
                    view! {
                        <nav class="crumbs"><a href=base.href("/practice")>{t.text("practice.back")}</a></nav>
                        <h1>{t.text("lesson.title")}</h1>
                        <p class="lead">{t.text("lesson.intro")}</p>
                        <p class="notice subtle">{texts.texts.review_note.clone()}</p>
                        {items}
                    }
                    .into_any()
                }
                _ => view! { <p class="loading">{i18n.t("training.loading")}</p> }.into_any(),
            })}
        </PracticeFrame>
    }
}
