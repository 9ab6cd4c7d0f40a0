//! Settings: the organisation's timelines for one country, where its national procedure gives a
//! number of days the sources do not. Each field is checked as it is left: bad input gets a
//! message and changes nothing; good input is kept at once.

use crate::components::erased::{dyn_flag, dyn_text, dyn_view};
use crate::content::{use_guide_content, GuideContent};
use crate::i18n::use_i18n;
use crate::timelines_store;
use leptos::prelude::*;
use senda_core::procedure::model::{DeadlineRule, DueRule};
use senda_core::procedure::timeline_settings::{parse_days, settable};
use senda_core::vocabulary::Country;
use std::sync::Arc;

#[component]
pub fn CountryTimelines() -> impl IntoView {
    let i18n = use_i18n();
    let content = use_guide_content();
    let country = RwSignal::new(None::<Country>);
    view! {
        <section class="card country-timelines" aria-labelledby="timelines-title">
            <h2 id="timelines-title">{i18n.t("timelines.title")}</h2>
            <p class="hint">{i18n.t("timelines.hint")}</p>
            <label class="field">
                <span>{i18n.t("timelines.country")}</span>
                <select on:change=move |ev| country.set(Country::from_code(&event_target_value(&ev)))>
                    <option value="">{i18n.t("timelines.choose_country")}</option>
                    {Country::ALL.into_iter().map(|c| view! { <option value=c.code()>{i18n.t(c.name_key())}</option> }).collect_view()}
                </select>
            </label>
            {dyn_view(move || match (country.get(), content.get()) {
                (Some(country), Some(Ok(content))) => {
                    let fallback = content.texts_fallback.then(|| view! { <p class="notice subtle" role="note">{i18n.t("guide.fallback_notice")}</p> });
                    view! { {fallback} <Rows country content /> }.into_any()
                }
                _ => ().into_any(),
            })}
        </section>
    }
}

#[component]
fn Rows(country: Country, content: Arc<GuideContent>) -> impl IntoView {
    let settings = RwSignal::new(timelines_store::load());
    settable(&content.procedure)
        .map(|rule| view! { <Row rule=rule.id.clone() country content=content.clone() settings /> })
        .collect_view()
}

#[component]
fn Row(
    rule: String,
    country: Country,
    content: Arc<GuideContent>,
    settings: RwSignal<senda_core::procedure::timeline_settings::TimelineSettings>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(deadline) = content.procedure.deadline(&rule) else { return ().into_any() };
    let label =
        content.texts.deadlines.get(&rule).map_or_else(|| rule.clone(), |t| t.label.clone());
    let sourced = sourced_text(deadline, i18n);
    let error = RwSignal::new(None::<&'static str>);
    let saved = RwSignal::new(false);
    let current = settings
        .with_untracked(|s| s.days(country, &rule))
        .map(|d| d.to_string())
        .unwrap_or_default();
    let input_id = format!("timeline-{rule}");
    let error_id = format!("timeline-{rule}-error");
    let on_change = move |ev: leptos::ev::Event| {
        saved.set(false);
        match parse_days(&event_target_value(&ev)) {
            Err(e) => error.set(Some(e.message_key())),
            Ok(days) => {
                error.set(None);
                let mut next = settings.get_untracked();
                next.set(country, &rule, days);
                if timelines_store::save(&next) {
                    settings.set(next);
                    saved.set(true);
                } else {
                    error.set(Some("timelines.error.storage"));
                }
            }
        }
    };
    view! {
        <div class="timeline-row">
            <label class="field" for=input_id.clone()>
                <span>{label}</span>
            </label>
            <p class="hint">{sourced}</p>
            <div class="timeline-input">
                <input translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" id=input_id type="text" inputmode="numeric" value=current
                    aria-describedby=error_id.clone() aria-invalid=dyn_text(move || error.get().is_some().to_string())
                    on:change=on_change />
                <span>{i18n.t("timelines.days")}</span>
            </div>
            <p id=error_id class="form-error" role="alert" hidden=dyn_flag(move || error.get().is_none())>
                {dyn_text(move || error.get().map(|k| i18n.tr(k)).unwrap_or_default())}
            </p>
            <p class="hint saved-note" role="status" hidden=dyn_flag(move || !saved.get())>{i18n.t("timelines.saved")}</p>
        </div>
    }
    .into_any()
}

/// What the sources say of this timeline, so the organisation knows what it replaces.
fn sourced_text(rule: &DeadlineRule, i18n: crate::i18n::I18n) -> String {
    let verify = if rule.verify_locally {
        format!(" {}", i18n.tr("timelines.verify"))
    } else {
        String::new()
    };
    match rule.due {
        DueRule::Days(n) => {
            i18n.tr_with("timelines.sourced_days", &[("days", &n.to_string())]) + &verify
        }
        DueRule::WorkingDays(n) => {
            i18n.tr_with("timelines.sourced_working_days", &[("days", &n.to_string())]) + &verify
        }
        DueRule::SetLocally | DueRule::AsSoonAsPossible => i18n.tr("timelines.unsourced"),
    }
}
