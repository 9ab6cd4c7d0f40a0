//! The rest of a case's screen: its notes, its status (close with a reason, reopen, delete with
//! an undo window) and its history — who did what and when, never the content.

use crate::base_path::BasePath;
use crate::case_editor::CaseEditor;
use crate::components::choice_field::ChoiceField;
use crate::components::confirm_action::ConfirmAction;
use crate::i18n::use_i18n;
use crate::pages::team_work::team_part;
use crate::session::use_session;
use leptos::prelude::*;
use senda_core::case::{AuditAction, CaseStatus, ClosureReason};
use senda_core::workflow::entry::WorkflowAct;

use senda_core::dates::short_date_time as short_date;

#[component]
pub fn CaseNotes(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let draft = RwSignal::new(String::new());
    let add = move |_| {
        let text = draft.get_untracked();
        editor.change(|c, now, by| {
            c.add_note(&text, now, by);
        });
        draft.set(String::new());
    };
    view! {
        <section class="card case-section">
            <h2>{i18n.t("case.section.notes")}</h2>
            <ul class="notes">
                {move || editor.case.with(|c| c.notes().iter().rev().map(|n| view! {
                    <li>
                        <p class="hint">{short_date(n.written_at)} " · " {n.by.as_str().to_owned()}</p>
                        <p class="note-text">{n.text.clone()}</p>
                    </li>
                }).collect_view())}
            </ul>
            <label class="field">
                <span class="visually-hidden">{i18n.t("case.note_add")}</span>
                <textarea translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" rows="3" placeholder=i18n.t("case.note_placeholder") bind:value=draft></textarea>
            </label>
            <button class="button quiet" type="button" on:click=add disabled=move || draft.with(|d| d.trim().is_empty())>
                {i18n.t("case.note_add")}
            </button>
        </section>
    }
}

#[component]
pub fn CaseStatusPanel(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let base = expect_context::<BasePath>();
    let navigate = leptos_router::hooks::use_navigate();
    let closing = RwSignal::new(false);
    let reason = RwSignal::new(Some(ClosureReason::GoalsMet));
    let explanation = RwSignal::new(String::new());
    let closed = move || editor.case.with(|c| matches!(c.status(), CaseStatus::Closed { .. }));
    let close = move |_| {
        let chosen = reason.get_untracked();
        let words = explanation.get_untracked();
        if let Some(chosen) = chosen {
            editor.change(|c, now, by| {
                let _ = c.close(chosen, &words, now, by);
            });
        }
        closing.set(false);
    };
    let delete = move |()| {
        let case = editor.case.get_untracked();
        let navigate = navigate.clone();
        let list = base.href("/cases");
        leptos::task::spawn_local(async move {
            if session.delete_case(case.id()).await.is_ok() {
                session.offer_undo(case);
                navigate(
                    &list,
                    leptos_router::NavigateOptions { resolve: false, ..Default::default() },
                );
            }
        });
    };
    let delete = StoredValue::new_local(delete);
    view! {
        <section class="card case-section">
            <h2>{i18n.t("case.section.status")}</h2>
            <Show
                when=closed
                fallback=move || view! {
                    <Show when=move || closing.get() fallback=move || view! {
                        <button class="button quiet" type="button" on:click=move |_| closing.set(true)>{i18n.t("case.close")}</button>
                    }>
                        <ChoiceField label="case.close_reason" value=reason on_pick=Callback::new(move |r| reason.set(r)) />
                        <label class="field">
                            <span>{i18n.t("case.close_explanation")}</span>
                            <input translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" type="text" bind:value=explanation />
                        </label>
                        <div class="actions">
                            <button class="button primary" type="button" on:click=close>{i18n.t("case.close_confirm")}</button>
                            <button class="button quiet" type="button" on:click=move |_| closing.set(false)>{i18n.t("case.cancel")}</button>
                        </div>
                    </Show>
                }
            >
                <button class="button quiet" type="button" on:click=move |_| editor.change(|c, now, by| { let _ = c.reopen("", now, by); })>
                    {i18n.t("case.reopen")}
                </button>
            </Show>
            <Show when=move || editor.stored.get()>
                <ConfirmAction label="case.delete" question="case.delete_confirm" yes="case.delete_yes"
                    button_class="button danger-quiet" on_yes=UnsyncCallback::new(move |()| delete.with_value(|d| d(()))) />
            </Show>
        </section>
    }
}

#[component]
pub fn CaseHistory(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let action_key = |a: &AuditAction| match a {
        AuditAction::Created => "audit.created",
        AuditAction::Edited(_) => "audit.edited",
        AuditAction::Exported => "audit.exported",
        AuditAction::Referred => "audit.referred",
        AuditAction::Closed => "audit.closed",
        AuditAction::Reopened => "audit.reopened",
        AuditAction::RiskOverridden => "audit.risk_overridden",
        AuditAction::Printed(_) => "audit.printed",
        AuditAction::Workflow(WorkflowAct::Handover) => "audit.handover",
        AuditAction::Workflow(WorkflowAct::ReviewRequested) => "audit.review_requested",
        AuditAction::Workflow(WorkflowAct::ReviewDecided) => "audit.review_decided",
        AuditAction::Workflow(WorkflowAct::PanelRecorded) => "audit.panel_recorded",
        AuditAction::Workflow(WorkflowAct::Transferred) => "audit.transferred",
        AuditAction::Workflow(WorkflowAct::TransferReceived) => "audit.transfer_receipt",
    };
    // In a team the signed history comes first, open: its problems must be seen.
    let in_team = use_session().in_team();
    let signed = move || in_team.get() && editor.stored.get();
    view! {
        <section class="card case-section case-history">
            <details open=signed>
                <summary>{i18n.t("case.section.history")}</summary>
                <Show when=signed>
                    {team_part(move |p| (p.signed_history)(editor))}
                    <h3>{i18n.t("audit.unsigned_title")}</h3>
                </Show>
                <p class="hint">{i18n.t("case.history_hint")}</p>
                <ol class="history">
                    {move || editor.case.with(|c| c.audit_trail().iter().rev().map(|e| view! {
                        <li>{short_date(e.at)} " · " {i18n.t(action_key(&e.action))} " · " {e.by.as_str().to_owned()}</li>
                    }).collect_view())}
                </ol>
            </details>
        </section>
    }
}
