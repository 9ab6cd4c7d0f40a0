//! The practice form for one scenario: who the child is with and where, the real screening questions, what comes first, the "never" choices, referrals and consent; every answer goes into one `TraineeAnswers` signal, nothing is stored.

use super::content::TrainingContent;
use crate::components::erased::change;
use crate::i18n::use_i18n;
use crate::screening_content::ScreeningContent;
use leptos::prelude::*;
use senda_core::case::{ConsentPurpose, IndicatorAnswer};
use senda_core::screening::ServiceKind;
use senda_core::training::model::{care_code, CARE_KINDS};
use senda_core::training::{Choice, FirstStep, TraineeAnswers};
use senda_core::vocabularies::Vocabulary;
use senda_core::vocabulary::AccompanimentStatus;
use std::sync::Arc;

type Get = fn(&TraineeAnswers, &str) -> bool;
type Set = fn(&mut TraineeAnswers, &str, bool);

fn checked(ev: &leptos::ev::Event) -> bool {
    event_target_checked(ev)
}

/// One labelled checkbox bound to a flag of the answers.
fn check_row(
    label: String,
    name: String,
    answers: RwSignal<TraineeAnswers>,
    get: Get,
    set: Set,
    code: String,
) -> impl IntoView {
    let shown = code.clone();
    view! {
        <label class="choice check">
            <input type="checkbox" name=name value=code.clone()
                prop:checked=move || answers.with(|a| get(a, &shown))
                on:change=change(move |ev| { let on = checked(&ev); answers.update(|a| set(a, &code, on)) }) />
            <span>{label}</span>
        </label>
    }
}

#[component]
pub fn PracticeForm(
    training: Arc<TrainingContent>,
    screening: Arc<ScreeningContent>,
    answers: RwSignal<TraineeAnswers>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = &training.texts;
    let choose = t.text("practice.field.choose");
    let accompaniment = AccompanimentStatus::ALL
        .iter()
        .map(|a| view! { <option value=a.code()>{i18n.tr(a.name_key())}</option> })
        .collect_view();
    let care = CARE_KINDS
        .iter()
        .map(|k| view! { <option value=care_code(*k)>{i18n.tr(&format!("doc.care.{}", care_code(*k)))}</option> })
        .collect_view();
    let facts: [(&str, Get, Set); 3] = [
        (
            "documents_held_by_others",
            |a, _| a.documents_held_by_others,
            |a, _, on| a.documents_held_by_others = on,
        ),
        (
            "only_unrelated_adults",
            |a, _| a.only_unrelated_adults,
            |a, _, on| a.only_unrelated_adults = on,
        ),
        (
            "relationship_unverified",
            |a, _| a.relationship_unverified,
            |a, _, on| a.relationship_unverified = on,
        ),
    ];
    let facts = facts
        .into_iter()
        .map(|(field, get, set)| {
            check_row(
                t.text(&format!("practice.field.{field}")),
                format!("fact-{field}"),
                answers,
                get,
                set,
                field.to_owned(),
            )
        })
        .collect_view();
    let groups = screening
        .structure
        .groups
        .iter()
        .map(|group| {
            let questions = group
                .questions
                .iter()
                .map(|q| {
                    let name = format!("q-{}", q.id.replace('.', "-"));
                    let qid = q.id.clone();
                    let unset = {
                        let (qid, shown) = (qid.clone(), qid.clone());
                        view! {
                            <label class="choice">
                                <input type="radio" name=name.clone() value=""
                                    prop:checked=move || answers.with(|a| !a.answers.contains_key(&shown))
                                    on:change=change(move |_| answers.update(|a| { a.answers.remove(&qid); })) />
                                <span>{training.texts.text("practice.unanswered")}</span>
                            </label>
                        }
                    };
                    let choices = IndicatorAnswer::ALL
                        .iter()
                        .map(|answer| {
                            let (answer, qid, shown) = (*answer, qid.clone(), qid.clone());
                            view! {
                                <label class="choice">
                                    <input type="radio" name=name.clone() value=answer.code()
                                        prop:checked=move || answers.with(|a| a.answers.get(&shown) == Some(&answer))
                                        on:change=change(move |_| answers.update(|a| { a.answers.insert(qid.clone(), answer); })) />
                                    <span>{i18n.tr(answer.name_key())}</span>
                                </label>
                            }
                        })
                        .collect_view();
                    view! {
                        <li>
                            <fieldset class="question" data-question=q.id.clone()>
                                <legend>{screening.texts.question(&q.id)}</legend>
                                <div class="answer-row">{unset}{choices}</div>
                            </fieldset>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card screening-group">
                    <h3>{screening.texts.group_title(&group.id)}</h3>
                    <ol class="questions">{questions}</ol>
                </section>
            }
        })
        .collect_view();
    let first = FirstStep::ALL
        .iter()
        .map(|step| {
            let step = *step;
            view! {
                <label class="choice">
                    <input type="radio" name="first" value=step.code()
                        prop:checked=move || answers.with(|a| a.first == Some(step))
                        on:change=change(move |_| answers.update(|a| a.first = Some(step))) />
                    <span>{t.text(&format!("first.{}", step.code()))}</span>
                </label>
            }
        })
        .collect_view();
    let choices = Choice::ALL
        .iter()
        .map(|c| {
            check_row(
                t.text(&format!("choice.{}", c.code())),
                "choice".to_owned(),
                answers,
                |a, code| Choice::from_code(code).is_some_and(|c| a.choices.contains(&c)),
                |a, code, on| {
                    if let Some(c) = Choice::from_code(code) {
                        if on {
                            a.choices.insert(c);
                        } else {
                            a.choices.remove(&c);
                        }
                    }
                },
                c.code().to_owned(),
            )
        })
        .collect_view();
    let referrals = ServiceKind::ALL
        .iter()
        .map(|k| {
            check_row(
                screening.texts.kind(k.code()),
                "referral".to_owned(),
                answers,
                |a, code| ServiceKind::from_code(code).is_some_and(|k| a.referrals.contains(&k)),
                |a, code, on| {
                    if let Some(k) = ServiceKind::from_code(code) {
                        if on {
                            a.referrals.insert(k);
                        } else {
                            a.referrals.remove(&k);
                        }
                    }
                },
                k.code().to_owned(),
            )
        })
        .collect_view();
    let consent = ConsentPurpose::ALL
        .iter()
        .map(|p| {
            check_row(
                i18n.tr(p.name_key()),
                "consent".to_owned(),
                answers,
                |a, code| ConsentPurpose::from_code(code).is_some_and(|p| a.consent.contains(&p)),
                |a, code, on| {
                    if let Some(p) = ConsentPurpose::from_code(code) {
                        if on {
                            a.consent.insert(p);
                        } else {
                            a.consent.remove(&p);
                        }
                    }
                },
                p.code().to_owned(),
            )
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="practice-record">
            <h2 id="practice-record">{t.text("practice.step.record")}</h2>
            <label class="field">
                <span>{t.text("practice.field.accompaniment")}</span>
                <select name="accompaniment" on:change=change(move |ev| {
                    let code = event_target_value(&ev);
                    answers.update(|a| a.accompaniment = AccompanimentStatus::from_code(&code));
                })>
                    <option value="">{choose.clone()}</option>
                    {accompaniment}
                </select>
            </label>
            <label class="field">
                <span>{t.text("practice.field.care")}</span>
                <select name="care" on:change=change(move |ev| {
                    let code = event_target_value(&ev);
                    answers.update(|a| a.care = CARE_KINDS.into_iter().find(|k| care_code(*k) == code));
                })>
                    <option value="">{choose}</option>
                    {care}
                </select>
            </label>
            <div class="checks">{facts}</div>
        </section>
        <section aria-labelledby="practice-screen">
            <h2 id="practice-screen">{t.text("practice.step.screen")}</h2>
            <p class="hint">{t.text("practice.step.screen_hint")}</p>
            <div class="screening-questions">{groups}</div>
        </section>
        <fieldset class="card">
            <legend>{t.text("practice.step.first")}</legend>
            <div class="checks">{first}</div>
        </fieldset>
        <fieldset class="card">
            <legend>{t.text("practice.step.choices")}</legend>
            <div class="checks">{choices}</div>
        </fieldset>
        <fieldset class="card">
            <legend>{t.text("practice.step.referrals")}</legend>
            <div class="checks">{referrals}</div>
        </fieldset>
        <fieldset class="card">
            <legend>{t.text("practice.step.consent")}</legend>
            <div class="checks">{consent}</div>
        </fieldset>
    }
}
