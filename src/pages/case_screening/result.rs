//! The screening's result on screen: the risk level with its definition, its reasons and the
//! worker's override (only with a written reason, kept in the history), and one card per flag —
//! why it was raised, what the standard says, what to do now and whom to refer to.

use crate::case_editor::CaseEditor;
use crate::components::case_bits::RiskChip;
use crate::components::choice_field::ChoiceField;
use crate::components::erased::{click, dyn_flag, dyn_text, dyn_view};
use crate::i18n::{use_i18n, I18n};
use crate::pages::case_screening::referrals::{ActionConsent, ReferralTargets};
use crate::screening_content::ScreeningContent;
use leptos::prelude::*;
use senda_core::case::RiskLevel;
use senda_core::dates::short_date_time;
use senda_core::screening::outcome::{FlagRow, Outcome};
use senda_core::screening::AgeStage;
use senda_core::vocabularies::Vocabulary;
use std::sync::Arc;

/// A flag's name in the interface language: the UI strings repeat the names of
/// `content/flags.json` (a core test keeps them equal) so no screen parses that file.
pub fn flag_name(id: &str, i18n: I18n) -> String {
    i18n.tr(&format!("flag.{id}"))
}

fn definition(content: &ScreeningContent, level: RiskLevel) -> String {
    content.texts.risk(level.code())
}

fn age_line(outcome: &Outcome, i18n: I18n) -> String {
    let stage = match outcome.age.stage {
        AgeStage::Child => "scr.age.child",
        AgeStage::Adolescent => "scr.age.adolescent",
        AgeStage::Minor => "scr.age.minor",
        AgeStage::Adult => "scr.age.adult",
    };
    let mut line = i18n.tr(stage);
    if let Some(t) = outcome.age.threshold {
        line.push(' ');
        line.push_str(
            &i18n.tr_with("scr.age_threshold", &[("age", &t.adolescent_from.to_string())]),
        );
    } else {
        line.push(' ');
        line.push_str(&i18n.tr("scr.age_no_threshold"));
    }
    if outcome.age.presumed_minor {
        line.push(' ');
        line.push_str(&i18n.tr("scr.age_presumed"));
    }
    line
}

#[component]
pub fn RiskPanel(
    editor: CaseEditor,
    content: Arc<ScreeningContent>,
    outcome: Memo<Outcome>,
) -> impl IntoView {
    let i18n = use_i18n();
    let level = RwSignal::new(Some(RiskLevel::High));
    let reason = RwSignal::new(String::new());
    let refused = RwSignal::new(false);
    let applied = move || editor.case.with(|c| c.risk().level());
    let overridden = move || editor.case.with(|c| c.risk().overridden.clone());
    let save = move || {
        let chosen = level.get_untracked().unwrap_or(RiskLevel::High);
        let words = reason.get_untracked();
        let result = editor.try_change(move |c, now, by| c.override_risk(chosen, &words, now, by));
        refused.set(result.is_err());
        if result.is_ok() {
            reason.set(String::new());
        }
    };
    let reasons_content = content.clone();
    let definition_content = content.clone();
    view! {
        <section class="card risk-panel" aria-labelledby="risk-title">
            <h3 id="risk-title">{i18n.t("scr.risk")}</h3>
            <p class="risk-now">{dyn_view(move || view! { <RiskChip risk=applied() /> }.into_any())}</p>
            <p class="hint">{dyn_text(move || match applied() {
                Some(l) => definition(&definition_content, l),
                None => i18n.tr("scr.risk_none"),
            })}</p>
            <p class="hint screened-level">{dyn_text(move || {
                let screened = outcome.with(|o| o.risk).map_or_else(|| i18n.tr("risk.none"), |l| i18n.tr(l.name_key()));
                i18n.tr_with("scr.screened_level", &[("level", &screened)])
            })}</p>
            <p class="notice subtle risk-proposal" role="note">{i18n.t("scr.risk_proposal")}</p>
            {dyn_view(move || {
                let rows = outcome.with(|o| o.reasons.clone());
                if rows.is_empty() { return ().into_any(); }
                view! {
                    <h4>{i18n.t("scr.risk_reasons")}</h4>
                    <ul class="risk-reasons">
                        {rows.into_iter().map(|(flag, trigger, l)| view! {
                            <li>
                                <RiskChip risk=Some(l) />
                                " " <strong>{flag_name(&flag, i18n)}</strong> ": " {reasons_content.texts.trigger(&trigger)}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            <p class="hint age-line">{dyn_text(move || outcome.with(|o| age_line(o, i18n)))}</p>
            <p class="verify-note">{content.texts.risk("response_time")}</p>
            {dyn_view(move || match overridden() {
                Some(o) => view! {
                    <div class="override-now">
                        <p>{i18n.tr_with("scr.overridden", &[
                            ("level", &i18n.tr(o.level.name_key())), ("by", o.by.as_str()),
                            ("date", &short_date_time(o.at)), ("reason", &o.reason),
                        ])}</p>
                        <button class="button quiet" type="button" on:click=click(move || editor.change(|c, now, by| c.clear_risk_override(now, by)))>
                            {i18n.t("scr.override_clear")}
                        </button>
                    </div>
                }.into_any(),
                None => view! {
                    <details class="override-form">
                        <summary>{i18n.t("scr.override")}</summary>
                        <ChoiceField label="scr.override_level" value=level on_pick=Callback::new(move |l| level.set(l)) />
                        <label class="field">
                            <span>{i18n.t("scr.override_reason")}</span>
                            <textarea translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" rows="3" bind:value=reason></textarea>
                        </label>
                        <p class="form-error" role="alert" hidden=dyn_flag(move || !refused.get())>{i18n.t("scr.override_refused")}</p>
                        <button class="button primary" type="button" on:click=click(save)>{i18n.t("scr.override_save")}</button>
                    </details>
                }.into_any(),
            })}
        </section>
    }
}

#[component]
pub fn FlagCards(
    editor: CaseEditor,
    content: Arc<ScreeningContent>,
    outcome: Memo<Outcome>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Rebuilt only when the set of flags or their levels change, not on every answer.
    let rows = Memo::new(move |_| outcome.with(|o| o.flags.clone()));
    view! {
        <section class="flag-cards" aria-labelledby="flags-title">
            <h3 id="flags-title">{i18n.t("scr.flags")}</h3>
            {dyn_view(move || {
                let rows = rows.get();
                if rows.is_empty() {
                    return view! { <p class="hint no-flags">{i18n.t("scr.no_flags")}</p> }.into_any();
                }
                rows.into_iter().map(|row| view! { <FlagCard editor content=content.clone() row /> }.into_any()).collect_view().into_any()
            })}
        </section>
    }
}

#[component]
fn FlagCard(editor: CaseEditor, content: Arc<ScreeningContent>, row: FlagRow) -> impl IntoView {
    let i18n = use_i18n();
    let why = content.texts.flag_why(&row.id);
    let standard = content.texts.flag_standard(&row.id);
    let sources = content
        .structure
        .flag(&row.id)
        .map(|f| content.source_titles(&f.sources))
        .unwrap_or_default();
    let triggers =
        row.triggers.iter().map(|t| view! { <li>{content.texts.trigger(t)}</li> }).collect_view();
    let actions = row
        .actions
        .iter()
        .filter_map(|id| content.structure.action(id))
        .map(|action| {
            let refer = action.refer_to.map(|kind| {
                view! { <ReferralTargets editor content=content.clone() flag=row.id.clone() action=action.id.clone() kind consent=action.consent /> }.into_any()
            });
            view! {
                <li class="obliged-action" data-action=action.id.clone()>
                    <p>{content.texts.action(&action.id)}</p>
                    {view! { <ActionConsent editor consent=action.consent referral=action.refer_to.is_some() /> }.into_any()}
                    {refer}
                </li>
            }
            .into_any()
        })
        .collect_view();
    let name = flag_name(&row.id, i18n);
    let label = name.clone();
    view! {
        <article class="card flag-card" data-flag=row.id.clone() aria-label=label>
            <h4 class="flag-title">{name} " " <RiskChip risk=Some(row.level) /></h4>
            <p class="eyebrow">{i18n.t("scr.why")}</p>
            <p>{why}</p>
            <ul class="flag-triggers">{triggers}</ul>
            <p class="eyebrow">{i18n.t("scr.must_do")}</p>
            <ol class="obliged-actions">{actions}</ol>
            <details class="flag-standard">
                <summary>{i18n.t("scr.standard")}</summary>
                <p>{standard}</p>
                <p class="hint">{i18n.t("guide.sources")} ": " {sources}</p>
            </details>
        </article>
    }
}

/// On the case's screen: the way into screening, with the flags raised so far.
#[component]
pub fn CaseScreeningCard(editor: CaseEditor, href: String) -> impl IntoView {
    let i18n = use_i18n();
    let flags = move || {
        editor.case.with(|c| c.flags().iter().map(|f| f.as_str().to_owned()).collect::<Vec<_>>())
    };
    let screened =
        move || editor.case.with(|c| !c.screening().answers.is_empty() || !c.flags().is_empty());
    view! {
        <a class="section-card screening-link" href=href>
            <span class="section-card-text">
                <strong>{i18n.t("scr.open")}</strong>
                <span>{i18n.t("scr.open_hint")}</span>
                <span class="chips case-flags">
                    {dyn_view(move || {
                        let list = flags();
                        if list.is_empty() {
                            let key = if screened() { "scr.no_flags_short" } else { "scr.not_screened" };
                            return view! { <span class="chip">{i18n.tr(key)}</span> }.into_any();
                        }
                        list.into_iter().map(|f| view! { <span class="chip flag-chip">{flag_name(&f, i18n)}</span> }).collect_view().into_any()
                    })}
                </span>
            </span>
        </a>
    }
}
