//! One practice scenario (`/practice/:id`): the story as a worker meets it, the practice form, and the feedback computed by the real rules; the attempt's scores are added to the phone's practice progress, nothing else is kept.

use super::content::{use_training_content, TrainingContent};
use super::feedback_view::FeedbackView;
use super::form::PracticeForm;
use super::frame::PracticeFrame;
use super::progress_store;
use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::erased::{click, dyn_view};
use crate::components::notices::ContentProblem;
use crate::i18n::use_i18n;
use crate::screening_content::{use_screening_content, ScreeningContent};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use senda_core::training::{feedback, Feedback, TraineeAnswers};
use std::sync::Arc;

#[component]
pub fn PracticeScenarioPage() -> impl IntoView {
    use_page_title("training.entry");
    let i18n = use_i18n();
    let params = use_params_map();
    let training = use_training_content();
    let screening = use_screening_content();
    view! {
        <PracticeFrame>
            {dyn_view(move || {
                let id = params.read().get("id").unwrap_or_default();
                match (training.get(), screening.get()) {
                    (Some(Err(e)), _) | (_, Some(Err(e))) => view! { <ContentProblem error=e /> }.into_any(),
                    (Some(Ok(t)), Some(Ok(s))) => view! { <Scenario id training=t screening=s /> }.into_any(),
                    _ => view! { <p class="loading">{i18n.t("training.loading")}</p> }.into_any(),
                }
            })}
        </PracticeFrame>
    }
}

#[component]
fn Scenario(
    id: String,
    training: Arc<TrainingContent>,
    screening: Arc<ScreeningContent>,
) -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let t = &training.texts;
    let back = view! { <nav class="crumbs"><a href=base.href("/practice")>{t.text("practice.back")}</a></nav> };
    let Some(scenario) = training.scenarios.get(&id) else {
        return view! { {back} <p class="notice">{t.text("practice.not_found")}</p> }.into_any();
    };
    let age = scenario.age.map_or_else(|| t.text("practice.age_in_doubt"), |a| a.to_string());
    let country = i18n
        .tr(&format!("country.{}", senda_core::vocabularies::Vocabulary::code(scenario.country)));
    let meta = t.text_with("practice.meta", &[("age", &age), ("country", &country)]);
    let answers = RwSignal::new(TraineeAnswers::default());
    let result: RwSignal<Option<Feedback>> = RwSignal::new(None);
    let structure_owner = screening.clone();
    let training_submit = training.clone();
    let id_submit = id.clone();
    let on_submit = click(move || {
        let Ok(procedure) = senda_core::procedure::procedure() else { return };
        let Some(scenario) = training_submit.scenarios.get(&id_submit) else { return };
        let f = answers
            .with_untracked(|a| feedback(&structure_owner.structure, procedure, scenario, a));
        let mut progress = progress_store::load();
        progress.record(&id_submit, &f);
        progress_store::save(&progress);
        result.set(Some(f));
        // Once the feedback is drawn, bring it into view.
        set_timeout(
            || {
                if let Some(el) = document().get_element_by_id("feedback-title") {
                    el.scroll_into_view();
                }
            },
            std::time::Duration::from_millis(50),
        );
    });
    let (fb_training, fb_screening) = (training.clone(), screening.clone());
    view! {
        {back}
        <header>
            <p class="eyebrow">{t.text("practice.title")}</p>
            <h1>{t.title(&id)}</h1>
            <p class="hint">{meta}</p>
        </header>
        <p class="notice subtle">{t.review_note.clone()}</p>
        <blockquote class="card practice-story" data-story="true"><p>{t.story(&id)}</p></blockquote>
        <PracticeForm training=training.clone() screening=screening.clone() answers />
        <p><button class="button primary" type="button" on:click=on_submit>{t.text("practice.submit")}</button></p>
        {dyn_view(move || match result.get() {
            Some(feedback) => view! { <FeedbackView feedback training=fb_training.clone() screening=fb_screening.clone() /> }.into_any(),
            None => ().into_any(),
        })}
    }
    .into_any()
}
