//! The screening interview: one card per group of questions, each question answered yes, no or
//! "don't know", sensitive questions marked with how to ask them. Each answer is recorded, and
//! the flags and risk recomputed, through the core (`answer_and_rescreen`).

use crate::case_editor::CaseEditor;
use crate::components::erased::{change, dyn_flag};
use crate::i18n::use_i18n;
use crate::screening_content::ScreeningContent;
use leptos::prelude::*;
use senda_core::case::IndicatorAnswer;
use senda_core::screening::answer_and_rescreen;
use senda_core::vocabularies::Vocabulary;
use std::sync::Arc;

#[component]
pub fn ScreeningQuestions(editor: CaseEditor, content: Arc<ScreeningContent>) -> impl IntoView {
    let i18n = use_i18n();
    let groups = content
        .structure
        .groups
        .iter()
        .map(|group| {
            let title = content.texts.group_title(&group.id);
            let intro = content.texts.group_intro(&group.id);
            let questions = group
                .questions
                .iter()
                .map(|q| {
                    let wording = content.texts.question(&q.id);
                    let how = content.texts.how_to_ask(&q.id);
                    let name = format!("q-{}", q.id.replace('.', "-"));
                    let choices = IndicatorAnswer::ALL
                        .iter()
                        .map(|answer| {
                            let key = answer.name_key();
                            let (answer, qid, content) = (*answer, q.id.clone(), content.clone());
                            let shown = q.id.clone();
                            view! {
                                <label class="choice">
                                    <input type="radio" name=name.clone() value=answer.code()
                                        prop:checked=dyn_flag(move || editor.case.with(|c| c.screening().answers.get(&shown) == Some(&answer)))
                                        on:change=change(move |_| {
                                            let (qid, content) = (qid.clone(), content.clone());
                                            editor.change(move |c, now, by| answer_and_rescreen(c, &content.structure, &qid, Some(answer), now, by));
                                        }) />
                                    <span>{i18n.tr(key)}</span>
                                </label>
                            }
                        })
                        .collect_view();
                    view! {
                        <li>
                            <fieldset class="question" data-question=q.id.clone() data-sensitive=q.sensitive.then_some("true")>
                                <legend>{wording}</legend>
                                {how.map(|h| view! {
                                    <p class="how-to-ask"><strong>{i18n.tr("scr.sensitive")}</strong> " " {h}</p>
                                })}
                                <div class="answer-row">{choices}</div>
                            </fieldset>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="card screening-group" aria-labelledby=format!("group-{}", group.id)>
                    <h2 id=format!("group-{}", group.id)>{title}</h2>
                    <p class="hint">{intro}</p>
                    <ol class="questions">{questions}</ol>
                </section>
            }
        })
        .collect_view();
    view! { <div class="screening-questions">{groups}</div> }
}
