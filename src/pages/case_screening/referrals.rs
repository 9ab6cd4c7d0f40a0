//! Referrals from the screening: the consent an action needs and whether it is in force, the
//! bodies of the case's country (and the organisation directory's services) to refer to, the
//! referral recorded — or refused, changing nothing, without consent — the consents themselves,
//! and the referrals made with their outcomes.

use crate::case_editor::CaseEditor;
use crate::components::choice_field::ChoiceField;
use crate::components::erased::{click, dyn_flag, dyn_view};
use crate::directory_store;
use crate::i18n::{use_i18n, I18n};
use crate::screening_content::ScreeningContent;
use crate::session::now;
use leptos::prelude::*;
use senda_core::case::{
    ActionRefused, ChildAssent, ConsentGiver, ConsentPurpose, FlagId, ReferralRequest,
};
use senda_core::dates::short_date_time;
use senda_core::screening::referral_targets::{referral_targets, Target};
use senda_core::screening::ServiceKind;
use senda_core::vocabularies::Vocabulary;
use std::sync::Arc;

fn purpose_label(purpose: ConsentPurpose, i18n: I18n) -> String {
    i18n.tr(purpose.name_key())
}

/// Whether the consent an action needs is in force, or that the action is a duty.
#[component]
pub fn ActionConsent(
    editor: CaseEditor,
    consent: Option<ConsentPurpose>,
    referral: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    match consent {
        Some(purpose) => view! {
            <p class="chips">{dyn_view(move || {
                let label = purpose_label(purpose, i18n);
                if editor.case.with(|c| c.consent_in_force(purpose, now()).is_some()) {
                    view! { <span class="chip consent-ok">{i18n.tr_with("scr.consent_ok", &[("purpose", &label)])}</span> }.into_any()
                } else {
                    view! { <span class="chip warn consent-missing">{i18n.tr_with("scr.consent_missing", &[("purpose", &label)])}</span> }.into_any()
                }
            })}</p>
        }
        .into_any(),
        None if referral => view! { <p class="chips"><span class="chip">{i18n.t("scr.no_consent_needed")}</span></p> }.into_any(),
        None => ().into_any(),
    }
}

/// The bodies and services to refer to for one action, and recording the referral.
#[component]
pub fn ReferralTargets(
    editor: CaseEditor,
    content: Arc<ScreeningContent>,
    flag: String,
    action: String,
    kind: ServiceKind,
    consent: Option<ConsentPurpose>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    let other = RwSignal::new(String::new());
    let country = move || editor.case.with(|c| c.profile().first_contact.country);
    let refer = StoredValue::new(move |to: String| {
        let request = ReferralRequest {
            flag: FlagId::new(flag.clone()),
            action: action.clone(),
            to,
            kind: kind.code().to_owned(),
            consent_required: consent,
        };
        let result = editor.try_change(move |c, now, by| c.refer(request, now, by));
        message.set(Some(match result {
            Ok(()) => (true, i18n.tr("scr.referred")),
            Err(ActionRefused::WithoutConsent(p)) => (
                false,
                i18n.tr_with("scr.refused_consent", &[("purpose", &purpose_label(p, i18n))]),
            ),
            Err(_) => (false, i18n.tr("scr.refused_recipient")),
        }));
    });
    let kind_label = content.texts.kind(kind.code());
    let kind_title = kind_label.clone();
    let targets = move || {
        let Some(country) = country() else {
            return view! { <p class="hint">{i18n.t("scr.no_country")}</p> }.into_any();
        };
        let found = referral_targets(&content.pathways, &directory_store::load(), country, kind);
        view! {
            {found.no_national_body.then(|| view! { <p class="verify-note">{i18n.tr_with("scr.no_body", &[("kind", &kind_label)])}</p> })}
            {found.add_to_directory.then(|| view! { <p class="hint">{i18n.t("scr.add_directory")}</p> })}
            <ul class="referral-targets">
                {found.targets.into_iter().map(|Target { name, confirmed, detail }| {
                    let to = name.clone();
                    view! {
                        <li>
                            <span class="target-name">{name}</span>
                            {(!confirmed).then(|| view! { <span class="chip warn">{i18n.t("guide.verify_locally")}</span> })}
                            {(!detail.is_empty()).then(|| view! { <span class="hint target-detail">{detail}</span> })}
                            <button class="button quiet" type="button" on:click=click(move || refer.with_value(|r| r(to.clone())))>
                                {i18n.t("scr.record_referral")}
                            </button>
                        </li>
                    }
                    .into_any()
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <div class="referral-block">
            <p class="eyebrow">{i18n.t("scr.refer_to")} " · " {kind_title}</p>
            {dyn_view(targets)}
            <details class="other-service">
                <summary>{i18n.t("scr.other_service")}</summary>
                <label class="field">
                    <span>{i18n.t("scr.other_name")}</span>
                    <input translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" type="text" bind:value=other />
                </label>
                <button class="button quiet" type="button" on:click=click(move || refer.with_value(|r| r(other.get_untracked())))>
                    {i18n.t("scr.record_referral")}
                </button>
            </details>
            {dyn_view(move || match message.get() {
                Some((true, text)) => view! { <p class="notice subtle referral-message" role="status">{text}</p> }.into_any(),
                Some((false, text)) => view! { <p class="form-error referral-message" role="alert">{text}</p> }.into_any(),
                None => ().into_any(),
            })}
        </div>
    }
}

/// The consents recorded, per purpose, with recording a new one and withdrawing.
#[component]
pub fn ConsentPanel(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let purpose = RwSignal::new(Some(ConsentPurpose::Referral));
    let giver = RwSignal::new(Some(ConsentGiver::Child));
    let assent = RwSignal::new(Some(ChildAssent::NotSought));
    let record = move || {
        let Some(p) = purpose.get_untracked() else {
            return;
        };
        let g = giver.get_untracked().unwrap_or(ConsentGiver::Child);
        let a = assent.get_untracked().unwrap_or(ChildAssent::NotSought);
        let _ = editor.try_change(move |c, now, by| c.give_consent(p, g, a, now, now, by));
    };
    view! {
        <section class="card consent-panel" aria-labelledby="consent-title">
            <h3 id="consent-title">{i18n.t("scr.consents")}</h3>
            <p class="hint">{i18n.t("scr.consent_intro")}</p>
            <ul class="consent-list">
                {ConsentPurpose::ALL.into_iter().map(|p| view! {
                    <li data-purpose=p.code()>{dyn_view(move || {
                        let label = purpose_label(p, i18n);
                        match editor.case.with(|c| c.consent_in_force(p, now()).map(|c| (c.given_by, c.given_at))) {
                            Some((by, at)) => {
                                let giver = i18n.tr(by.name_key());
                                view! {
                                    <span>{i18n.tr_with("scr.consent_in_force", &[("purpose", &label), ("giver", &giver), ("date", &short_date_time(at))])}</span>
                                    " "
                                    <button class="button quiet" type="button" on:click=click(move || editor.change(move |c, now, by| { c.withdraw_consent(p, now, by); }))>
                                        {i18n.t("scr.consent_withdraw")}
                                    </button>
                                }.into_any()
                            }
                            None => view! { <span>{i18n.tr_with("scr.consent_none", &[("purpose", &label)])}</span> }.into_any(),
                        }
                    })}</li>
                }).collect_view()}
            </ul>
            <details class="consent-form">
                <summary>{i18n.t("scr.consent_record")}</summary>
                <ChoiceField label="scr.consent_purpose" value=purpose on_pick=Callback::new(move |p| purpose.set(p)) />
                <ChoiceField label="scr.consent_giver" value=giver on_pick=Callback::new(move |g| giver.set(g)) />
                <ChoiceField label="scr.consent_assent" value=assent on_pick=Callback::new(move |a| assent.set(a)) />
                <button class="button primary" type="button" on:click=click(record)>{i18n.t("scr.consent_save")}</button>
            </details>
        </section>
    }
}

/// The referrals made, newest first, with recording their outcome.
#[component]
pub fn ReferralList(editor: CaseEditor, content: Arc<ScreeningContent>) -> impl IntoView {
    let i18n = use_i18n();
    let count = Memo::new(move |_| editor.case.with(|c| c.referrals().len()));
    view! {
        <section class="card referrals" aria-labelledby="referrals-title">
            <h3 id="referrals-title">{i18n.t("scr.referrals")}</h3>
            {dyn_view(move || {
                let n = count.get();
                if n == 0 {
                    return view! { <p class="hint">{i18n.t("scr.no_referrals")}</p> }.into_any();
                }
                view! {
                    <ul class="referral-list">
                        {(0..n).rev().map(|index| view! { <ReferralRow editor content=content.clone() index /> }.into_any()).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}

#[component]
fn ReferralRow(editor: CaseEditor, content: Arc<ScreeningContent>, index: usize) -> impl IntoView {
    let i18n = use_i18n();
    let draft = RwSignal::new(String::new());
    let Some(r) = editor.case.with_untracked(|c| c.referrals().get(index).cloned()) else {
        return ().into_any();
    };
    let outcome =
        move || editor.case.with(|c| c.referrals().get(index).and_then(|r| r.outcome.clone()));
    let save = move || {
        let text = draft.get_untracked();
        if editor
            .try_change(move |c, now, by| c.record_referral_outcome(index, &text, now, by))
            .is_ok()
        {
            draft.set(String::new());
        }
    };
    view! {
        <li class="referral">
            <strong>{r.to.clone()}</strong>
            <p class="hint">
                {content.texts.kind(&r.kind)} " · " {content.texts.action(&r.action)}
            </p>
            <p class="hint">{short_date_time(r.at)} " · " {r.by.as_str().to_owned()}
                {r.consent.map(|p| format!(" · {}", i18n.tr_with("scr.consent_ok", &[("purpose", &purpose_label(p, i18n))])))}
            </p>
            {dyn_view(move || match outcome() {
                Some(o) => view! { <p class="referral-outcome">{i18n.t("scr.outcome")} ": " {o.text} " (" {short_date_time(o.at)} ")"</p> }.into_any(),
                None => view! {
                    <label class="field">
                        <span>{i18n.t("scr.outcome")}</span>
                        <input translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" type="text" bind:value=draft placeholder=i18n.t("scr.outcome_pending") />
                    </label>
                    <button class="button quiet" type="button" on:click=click(save) disabled=dyn_flag(move || draft.with(|d| d.trim().is_empty()))>
                        {i18n.t("scr.outcome_save")}
                    </button>
                }.into_any(),
            })}
        </li>
    }
    .into_any()
}
