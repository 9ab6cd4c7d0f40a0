//! The BID panel on the BID report's page: each member records, from their own phone, their
//! confidentiality undertaking and then one vote with its reasons (signed, over the report as it
//! is now); the tally and the dissent from the pure rules, and what does not count, with why.

use super::signing::{signed_panel_act, TeamCheck, PANEL};
use crate::case_editor::CaseEditor;
use crate::i18n::use_i18n;
use crate::session::{now, use_session};
use leptos::prelude::*;
use senda_core::workflow::permission::Action;
use senda_core::workflow::review::{PanelAct, PanelOutcome, PanelRefusal, Vote};
use senda_core::workflow::review_case::{case_panel, PanelStep};

fn vote_key(vote: Vote) -> &'static str {
    match vote {
        Vote::For => "panel.vote.for",
        Vote::Against => "panel.vote.against",
        Vote::Abstain => "panel.vote.abstain",
    }
}

fn refusal_key(why: PanelRefusal) -> &'static str {
    match why {
        PanelRefusal::Signature(_) => "panel.refused.signature",
        PanelRefusal::NotPermitted => "panel.refused.not_permitted",
        PanelRefusal::OtherPanel => "panel.refused.other_panel",
        PanelRefusal::NoUndertaking => "panel.refused.no_undertaking",
        PanelRefusal::OtherReport => "panel.refused.other_report",
        PanelRefusal::AlreadyVoted => "panel.refused.already_voted",
    }
}

#[component]
pub fn BidPanel(editor: CaseEditor, check: RwSignal<Option<TeamCheck>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let error = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let log_len = Memo::new(move |_| editor.case.with(|c| c.workflow_len()));
    let state = Memo::new(move |prev: Option<&Option<_>>| {
        check.with(|t| match t {
            Some(t) if t.log_len == log_len.get() => editor
                .case
                .with(|c| case_panel(c, PANEL, &t.device, &t.roster, &t.checked))
                .map(|(r, s)| (r, s, t.roster.clone())),
            Some(_) => prev.cloned().flatten(),
            None => None,
        })
    });
    let record = move |act: PanelAct| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let case = editor.case.get_untracked();
        leptos::task::spawn_local(async move {
            match signed_panel_act(session, &case, act, now().timestamp()).await {
                Ok(entry) => {
                    error.set(None);
                    editor.change(move |c, now, by| {
                        c.add_workflow_entry(entry, now, by);
                    });
                }
                Err(key) => error.set(Some(key)),
            }
            let _ = busy.try_set(false);
        });
    };
    let promised = RwSignal::new(false);
    let vote = RwSignal::new(None::<Vote>);
    let reasons = RwSignal::new(String::new());
    view! {
        <section class="card case-section panel-section" aria-labelledby="panel-heading">
            <h2 id="panel-heading">{i18n.t("panel.title")}</h2>
            <p class="notice subtle" role="note">{i18n.t("panel.placeholder_rule")}</p>
            {move || error.get().map(|key| view! { <p class="notice" role="alert">{i18n.t(key)}</p> })}
            {move || {
                let Some((result, step, roster)) = state.get() else {
                    return view! { <p class="hint">{i18n.t("panel.no_report")}</p> }.into_any();
                };
                let who = move |device: &str| match roster.role(device) {
                    Some(role) => i18n.tr(&format!("review.role.{}", role.id())),
                    None => i18n.tr("review.role.unknown"),
                };
                let outcome = match result.outcome {
                    PanelOutcome::NoQuorum { counted, needed } => i18n.tr_with(
                        "panel.outcome.no_quorum",
                        &[("n", &counted.to_string()), ("needed", &needed.to_string())],
                    ),
                    PanelOutcome::Adopted => i18n.tr("panel.outcome.adopted"),
                    PanelOutcome::NotAdopted => i18n.tr("panel.outcome.not_adopted"),
                };
                let dissenters: Vec<String> = result.dissent.iter().map(|d| d.member.clone()).collect();
                let votes = result.votes.iter().map(|v| {
                    let dissent = dissenters.contains(&v.member);
                    view! {
                        <li class:panel-dissent=dissent>
                            <strong>{who(&v.member)} ": " {i18n.tr(vote_key(v.vote))}</strong>
                            {dissent.then(|| view! { <span class="chip warn">{i18n.t("panel.dissent")}</span> })}
                            <p class="note-text">{v.reasons.clone()}</p>
                        </li>
                    }
                }).collect_view();
                let refused = result.refused.iter().map(|(e, why)| view! {
                    <li class="hint">{who(&e.body.member)} ": " {i18n.tr(refusal_key(*why))}</li>
                }).collect_view();
                let may = session.may(Action::VoteOnBidPanel);
                let mine = match (may, step) {
                    (false, _) => view! { <p class="hint">{i18n.t("panel.not_for_role")}</p> }.into_any(),
                    (true, PanelStep::Undertake) => view! {
                        <div class="panel-act">
                            <label class="choice">
                                <input type="checkbox" bind:checked=promised />
                                <span>{i18n.t("panel.undertaking")}</span>
                            </label>
                            <button class="button primary wide" type="button"
                                disabled=move || !promised.get() || busy.get()
                                on:click=move |_| record(PanelAct::Undertaking)>
                                {i18n.t("panel.undertake")}
                            </button>
                        </div>
                    }.into_any(),
                    (true, PanelStep::Vote) => view! {
                        <fieldset class="choice-group panel-act">
                            <legend>{i18n.t("panel.your_vote")}</legend>
                            {[Vote::For, Vote::Against, Vote::Abstain].into_iter().map(|v| view! {
                                <label class="choice">
                                    <input type="radio" name="panel-vote" prop:checked=move || vote.get() == Some(v) on:change=move |_| vote.set(Some(v)) />
                                    <span>{i18n.t(vote_key(v))}</span>
                                </label>
                            }).collect_view()}
                        </fieldset>
                        <label class="field">
                            <span>{i18n.t("panel.reasons")}</span>
                            <textarea translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" rows="3" bind:value=reasons></textarea>
                        </label>
                        <button class="button primary wide" type="button" disabled=move || busy.get()
                            on:click=move |_| {
                                let why = reasons.get_untracked().trim().to_owned();
                                match vote.get_untracked() {
                                    Some(v) if !why.is_empty() => record(PanelAct::Vote { vote: v, reasons: why }),
                                    _ => error.set(Some("panel.error.vote_and_reasons")),
                                }
                            }>
                            {i18n.t("panel.cast")}
                        </button>
                    }.into_any(),
                    (true, PanelStep::Voted) => view! { <p class="review-status review-approved">{i18n.t("panel.voted")}</p> }.into_any(),
                };
                view! {
                    <p class="review-status">{outcome}</p>
                    <p class="hint">{i18n.tr_with("panel.undertakings", &[("n", &result.undertakings.len().to_string())])}</p>
                    <ul class="notes panel-votes">{votes}</ul>
                    {(!result.refused.is_empty()).then(|| view! {
                        <h3>{i18n.t("panel.not_counted")}</h3>
                        <ul class="notes">{refused}</ul>
                    })}
                    {mine}
                }.into_any()
            }}
        </section>
    }
}
