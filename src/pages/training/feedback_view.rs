//! The feedback on one attempt: a score per skill, the flags the trainee's screening raised beside those the child's situation raises, and each finding with the guide's why and its sources.

use super::content::TrainingContent;
use crate::i18n::use_i18n;
use crate::screening_content::ScreeningContent;
use leptos::prelude::*;
use senda_core::training::feedback::Why;
use senda_core::training::{Feedback, Finding, FindingKind, Skill};
use senda_core::vocabularies::Vocabulary;
use std::sync::Arc;

fn flag_list(flags: &[String], none: String) -> String {
    let i18n = use_i18n();
    if flags.is_empty() {
        return none;
    }
    flags.iter().map(|f| i18n.tr(&format!("flag.{f}"))).collect::<Vec<_>>().join(", ")
}

/// What a finding is about, in words.
fn subject(f: &Finding, training: &TrainingContent, screening: &ScreeningContent) -> String {
    let i18n = use_i18n();
    let t = &training.texts;
    match f.kind {
        FindingKind::IdentifiedWrong => t.text(&format!("field.{}", f.subject)),
        FindingKind::FlagRaised | FindingKind::FlagMissed | FindingKind::FlagNotNeeded => {
            i18n.tr(&format!("flag.{}", f.subject))
        }
        FindingKind::RiskDiffers => String::new(),
        FindingKind::FirstStepWrong => t.text(&format!("first.{}", f.subject)),
        FindingKind::ActionSkipped => screening.texts.action(&f.subject),
        FindingKind::ReferralMissed | FindingKind::ReferralNotNeeded => {
            screening.texts.kind(&f.subject)
        }
        FindingKind::ConsentNeeded => i18n.tr(&format!("scr.purpose.{}", f.subject)),
        FindingKind::NeverCrossed => t.text(&format!("choice.{}", f.subject)),
    }
}

fn why(f: &Finding, training: &TrainingContent, screening: &ScreeningContent) -> String {
    match &f.why {
        Why::Screening(key) => screening.texts.get(key).unwrap_or(key).to_owned(),
        Why::Training(key) => training.texts.text(key),
    }
}

fn risk_name(level: Option<senda_core::case::RiskLevel>) -> String {
    let i18n = use_i18n();
    i18n.tr(level.map_or("risk.none", |l| l.name_key()))
}

#[component]
pub fn FeedbackView(
    feedback: Feedback,
    training: Arc<TrainingContent>,
    screening: Arc<ScreeningContent>,
) -> impl IntoView {
    let t = &training.texts;
    let scores = Skill::ALL
        .iter()
        .map(|skill| {
            let s = feedback.score(*skill);
            let line = t.text_with(
                "practice.score_line",
                &[("earned", &s.earned.to_string()), ("possible", &s.possible.to_string())],
            );
            view! {
                <tr data-skill=skill.code()>
                    <th scope="row">{t.text(&format!("skill.{}", skill.code()))}</th>
                    <td>{line}</td>
                    <td>{format!("{}%", s.percent())}</td>
                </tr>
            }
        })
        .collect_view();
    let none = t.text("practice.no_flags");
    let sources_label = t.text("practice.sources");
    let findings = feedback
        .findings
        .iter()
        .map(|f| {
            let about = subject(f, &training, &screening);
            let reason = if f.kind == FindingKind::RiskDiffers {
                format!(
                    "{} → {}. {}",
                    risk_name(feedback.trainee.risk),
                    risk_name(feedback.truth.risk),
                    why(f, &training, &screening)
                )
            } else {
                why(f, &training, &screening)
            };
            let reason = (reason != about).then_some(reason);
            let sources = f
                .sources
                .iter()
                .map(|id| {
                    let title = screening.sources.get(id).map_or_else(String::new, |s| s.title.clone());
                    view! { <li data-source=id.clone()><strong>{id.clone()}</strong>" " {title}</li> }
                })
                .collect_view();
            view! {
                <li class=format!("finding {}", if f.kind.is_good() { "good" } else { "problem" })
                    data-kind=f.kind.code() data-subject=f.subject.clone()>
                    <p class="finding-head"><strong>{t.text(&format!("finding.{}", f.kind.code()))}</strong>
                        {(!about.is_empty()).then(|| view! { ": " {about} })}</p>
                    {reason.map(|r| view! { <p>{r}</p> })}
                    <details>
                        <summary>{sources_label.clone()}</summary>
                        <ul class="sources">{sources}</ul>
                    </details>
                </li>
            }
        })
        .collect_view();
    let all_right = feedback.problems().next().is_none().then(|| {
        view! { <p class="notice ok">{t.text("practice.all_right")}</p> }
    });
    view! {
        <section id="practice-feedback" class="practice-feedback" aria-labelledby="feedback-title">
            <h2 id="feedback-title" tabindex="-1">{t.text("practice.feedback")}</h2>
            {all_right}
            <table class="scores">
                <caption>{t.text("practice.scores")}</caption>
                <tbody>{scores}</tbody>
            </table>
            <dl class="flag-compare">
                <dt>{t.text("practice.your_flags")}</dt>
                <dd data-flags="trainee">{flag_list(&feedback.trainee.flags, none.clone())}</dd>
                <dt>{t.text("practice.rules_flags")}</dt>
                <dd data-flags="rules">{flag_list(&feedback.truth.flags, none)}</dd>
            </dl>
            <ol class="findings">{findings}</ol>
        </section>
    }
}
