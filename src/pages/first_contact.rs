//! The volunteer first-contact flow: one screen per section of the Guide's short flow (safety,
//! urgent needs, red flags, who to call, what to tell the child), then a referral summary to show
//! or read out. It records no identity and stores nothing: the notes live in this page's memory
//! and are gone when the volunteer leaves or starts again.

use crate::components::area_page::use_page_title;
use crate::components::erased::{click, dyn_flag, dyn_view};
use crate::components::guidance::guidance_body;
use crate::components::notices::ContentProblem;
use crate::content::{use_guide_content, GuideContent};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use senda_core::procedure::flags::flag_vocabulary;
use senda_core::procedure::volunteer::{referral_summary, FirstContactNotes, Priority};
use senda_core::vocabularies::Vocabulary;
use senda_core::vocabulary::AccompanimentStatus;
use std::sync::Arc;

#[component]
pub fn FirstContactPage() -> impl IntoView {
    let i18n = use_i18n();
    let content = use_guide_content();
    use_page_title("volunteer.title");
    view! {
        <article class="area first-contact">
            <h1>{i18n.t("volunteer.title")}</h1>
            <p class="notice nothing-saved" role="note">{i18n.t("volunteer.nothing_saved")}</p>
            {dyn_view(move || match content.get() {
                None => view! { <p class="loading">{i18n.t("guide.loading")}</p> }.into_any(),
                Some(Ok(content)) => {
                    let fallback = content.texts_fallback.then(|| view! { <p class="notice subtle" role="note">{i18n.t("guide.fallback_notice")}</p> });
                    view! { {fallback} <Flow content /> }.into_any()
                }
                Some(Err(e)) => view! { <ContentProblem error=e /> }.into_any(),
            })}
        </article>
    }
}

#[component]
fn Flow(content: Arc<GuideContent>) -> impl IntoView {
    let i18n = use_i18n();
    let notes = RwSignal::new(FirstContactNotes::default());
    // Which screen: a section of the flow, or the summary after the last one.
    let screen = RwSignal::new(0usize);
    let sections = content.procedure.volunteer.len();
    let go = move |to: usize| {
        screen.set(to);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    };
    let body = dyn_view(move || {
        let at = screen.get();
        if at >= sections {
            return view! { <Summary content=content.clone() notes /> }.into_any();
        }
        let section = &content.procedure.volunteer[at];
        let title = content
            .texts
            .volunteer
            .get(&section.id)
            .map_or_else(|| section.id.clone(), |t| t.title.clone());
        let items = section
            .items
            .iter()
            .filter_map(|id| content.procedure.item(id))
            .map(|placed| {
                let id = placed.item.id.clone();
                let (checked, attr) = (id.clone(), id.clone());
                view! {
                    <li class="guidance volunteer-item" data-item=attr>
                        {guidance_body(&content, placed.item, i18n)}
                        <label class="choice">
                            <input type="checkbox" prop:checked=dyn_flag(move || notes.with(|n| n.done.contains(&checked)))
                                on:change=move |ev| notes.update(|n| n.set_done(&id, event_target_checked(&ev))) />
                            <span>{i18n.tr("procedure.done")}</span>
                        </label>
                    </li>
                }
            })
            .collect_view();
        let extra = (section.id == "red_flags")
            .then(|| view! { <Accompaniment notes /> <RedFlags notes /> });
        let (n, total) = ((at + 1).to_string(), sections.to_string());
        view! {
            <section class="step volunteer-section" aria-labelledby="volunteer-step">
                <p class="eyebrow">{i18n.tr_with("volunteer.step_of", &[("n", &n), ("total", &total)])}</p>
                <h2 id="volunteer-step">{title}</h2>
                <ol class="items">{items}</ol>
                {extra}
            </section>
        }
        .into_any()
    });
    view! {
        {body}
        <nav class="actions step-nav">
            <button class="button quiet" type="button" disabled=dyn_flag(move || screen.get() == 0)
                on:click=click(move || go(screen.get_untracked().saturating_sub(1)))>
                {i18n.t("volunteer.back")}
            </button>
            <button class="button primary" type="button" hidden=dyn_flag(move || screen.get() >= sections)
                on:click=click(move || go(screen.get_untracked() + 1))>
                {move || if screen.get() + 1 == sections { i18n.tr("volunteer.to_summary") } else { i18n.tr("volunteer.next") }}
            </button>
            <button class="button quiet" type="button" hidden=dyn_flag(move || screen.get() < sections)
                on:click=click(move || { notes.set(FirstContactNotes::default()); go(0); })>
                {i18n.t("volunteer.start_again")}
            </button>
        </nav>
    }
}

/// The order a volunteer is offered the statuses in (their names: the core's vocabulary).
const ACCOMPANIMENT: [AccompanimentStatus; 4] = [
    AccompanimentStatus::Accompanied,
    AccompanimentStatus::Separated,
    AccompanimentStatus::Unaccompanied,
    AccompanimentStatus::NotYetKnown,
];

/// Whether the child is with their family: no names, only the status.
#[component]
fn Accompaniment(notes: RwSignal<FirstContactNotes>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="choice-group card">
            <legend>{i18n.t("volunteer.accompaniment")}</legend>
            {ACCOMPANIMENT.into_iter().map(|status| view! {
                <label class="choice">
                    <input type="radio" name="volunteer-accompaniment"
                        prop:checked=dyn_flag(move || notes.with(|n| n.accompaniment == status))
                        on:change=move |_| notes.update(|n| n.accompaniment = status) />
                    <span>{i18n.tr(status.name_key())}</span>
                </label>
            }).collect_view()}
        </fieldset>
    }
}

/// The red flags noticed, from the flag vocabulary screening uses.
#[component]
fn RedFlags(notes: RwSignal<FirstContactNotes>) -> impl IntoView {
    let i18n = use_i18n();
    let Ok(vocabulary) = flag_vocabulary() else { return ().into_any() };
    let locale = i18n.locale.get_untracked();
    view! {
        <fieldset class="choice-group card red-flags">
            <legend>{i18n.t("volunteer.noticed")}</legend>
            <p class="hint">{i18n.t("volunteer.noticed_hint")}</p>
            {vocabulary.flags.iter().map(|flag| {
                let (id, checked) = (flag.id.clone(), flag.id.clone());
                let sensitive = flag.sensitive.then(|| view! { " " <span class="chip sensitive">{i18n.t("volunteer.sensitive_chip")}</span> });
                view! {
                    <label class="choice">
                        <input type="checkbox" prop:checked=dyn_flag(move || notes.with(|n| n.red_flags.contains(&checked)))
                            on:change=move |ev| notes.update(|n| n.set_red_flag(&id, event_target_checked(&ev))) />
                        <span>{flag.name.get(locale).to_owned()}{sensitive}</span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
    .into_any()
}

/// The safe referral summary: what presses, what was noticed and done, what is left, who to tell.
#[component]
fn Summary(content: Arc<GuideContent>, notes: RwSignal<FirstContactNotes>) -> impl IntoView {
    let i18n = use_i18n();
    let Ok(vocabulary) = flag_vocabulary() else { return ().into_any() };
    let locale = i18n.locale.get_untracked();
    let notes = notes.get_untracked();
    let summary = referral_summary(&content.procedure, vocabulary, &notes);
    let instruction = |id: &str| content.texts.instruction(id);
    let list = |ids: &[&str], class: &'static str| {
        let rows = ids.iter().map(|id| view! { <li>{instruction(id)}</li> }).collect_view();
        view! { <ul class=class>{rows}</ul> }
    };
    let priorities = summary
        .priorities
        .iter()
        .map(|p| match p {
            Priority::RedFlag => i18n.tr("volunteer.priority.red_flag"),
            Priority::WithoutCaregiver => i18n.tr("volunteer.priority.without_caregiver"),
        })
        .map(|text| view! { <li>{text}</li> })
        .collect_view();
    let names = |ids: &[&str]| {
        ids.iter()
            .filter_map(|id| vocabulary.get(id))
            .map(|f| view! { <li>{f.name.get(locale).to_owned()}</li> })
            .collect_view()
    };
    let flags = names(&summary.red_flags);
    // Sensitive flags stay off what is read out: only a count, and the names behind a closed
    // disclosure for the child-protection officer.
    let sensitive = (!summary.sensitive_flags.is_empty()).then(|| {
        let n = summary.sensitive_flags.len().to_string();
        view! {
            <div class="notice sensitive-kept" role="note">
                <p>{i18n.tr_with("volunteer.sensitive_kept", &[("n", &n)])}</p>
                <details class="sensitive-flags">
                    <summary>{i18n.t("volunteer.sensitive_show")}</summary>
                    <ul>{names(&summary.sensitive_flags)}</ul>
                </details>
            </div>
        }
    });
    let none_noticed = summary.red_flags.is_empty() && summary.sensitive_flags.is_empty();
    let accompaniment = summary.accompaniment.name_key();
    view! {
        <section class="card volunteer-summary" aria-labelledby="volunteer-summary">
            <h2 id="volunteer-summary">{i18n.t("volunteer.summary")}</h2>
            <p class="hint">{i18n.t("volunteer.summary_hint")}</p>
            {(!summary.priorities.is_empty()).then(|| view! {
                <div class="notice priority" role="alert"><ul>{priorities}</ul></div>
            })}
            <h3>{i18n.t("volunteer.accompaniment")}</h3>
            <p class="summary-accompaniment">{i18n.tr(accompaniment)}</p>
            <h3>{i18n.t("volunteer.noticed")}</h3>
            {if none_noticed {
                view! { <p class="summary-flags">{i18n.tr("volunteer.none_noticed")}</p> }.into_any()
            } else {
                view! { <ul class="summary-flags">{flags}</ul> }.into_any()
            }}
            {sensitive}
            <h3>{i18n.t("volunteer.done")}</h3>
            {if summary.done.is_empty() { view! { <p>{i18n.tr("volunteer.nothing_done")}</p> }.into_any() } else { list(&summary.done, "summary-done").into_any() }}
            <h3>{i18n.t("volunteer.left")}</h3>
            {if summary.not_done.is_empty() { view! { <p>{i18n.tr("volunteer.nothing_left")}</p> }.into_any() } else { list(&summary.not_done, "summary-left").into_any() }}
            <h3>{i18n.t("volunteer.hand_over")}</h3>
            <p>{instruction("first_contact.notification.volunteer_hand_over")}</p>
        </section>
    }
    .into_any()
}
