//! The case procedure's deadlines (due dates and their basis: sourced, to verify locally, or
//! set by the organisation) and the outcomes kept in the record that no longer count.

use crate::components::erased::dyn_view;
use crate::content::GuideContent;
use crate::i18n::{use_i18n, I18n};
use leptos::prelude::*;
use senda_core::dates::iso_date;
use senda_core::procedure::progress::{DeadlineRow, DueRow, OutcomeRow, Progress};
use senda_core::procedure::{DeadlineBasis, DeadlineStatus};
use std::sync::Arc;

/// The deadlines the engine derives, with their basis: sourced, to verify locally, or local.
#[component]
pub fn Deadlines(content: Arc<GuideContent>, progress: Memo<Progress>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card deadlines">
            <h2>{i18n.t("procedure.deadlines")}</h2>
            {dyn_view(move || {
                let rows = progress.with(|p| p.deadlines.clone());
                if rows.is_empty() {
                    return view! { <p class="hint">{i18n.tr("procedure.no_deadlines")}</p> }.into_any();
                }
                view! { <ul class="deadline-list">{rows.into_iter().map(|d| deadline_row(&content, d, i18n)).collect_view()}</ul> }.into_any()
            })}
        </section>
    }
}

fn deadline_row(content: &GuideContent, d: DeadlineRow, i18n: I18n) -> impl IntoView {
    let text = content.texts.deadlines.get(&d.id);
    let label = text.map_or_else(|| d.id.clone(), |t| t.label.clone());
    let due = match &d.due {
        DueRow::On(date) => i18n.tr_with("procedure.due_on", &[("date", date)]),
        DueRow::Asap(since) => i18n.tr_with("procedure.due_asap", &[("date", since)]),
        DueRow::WaitingFor(item) => {
            let name = content
                .texts
                .items
                .get(item)
                .map_or_else(|| item.clone(), |t| t.instruction.clone());
            i18n.tr_with("procedure.due_waiting", &[("item", &name)])
        }
        DueRow::NotSet => i18n.tr("procedure.due_not_set"),
    };
    let (basis, basis_class) = match d.basis {
        DeadlineBasis::Sourced => (i18n.tr("procedure.basis.sourced"), "chip"),
        DeadlineBasis::VerifyLocally => (i18n.tr("guide.verify_locally"), "chip warn"),
        DeadlineBasis::LocalSetting => (i18n.tr("procedure.basis.local_setting"), "chip"),
    };
    let status = match d.status {
        DeadlineStatus::Open => None,
        DeadlineStatus::Overdue { days_late } => Some((
            i18n.tr_with("procedure.deadline.overdue", &[("days", &days_late.to_string())]),
            "chip warn",
        )),
        DeadlineStatus::Met { on, late: false } => {
            Some((i18n.tr_with("procedure.deadline.met", &[("date", &iso_date(on))]), "chip"))
        }
        DeadlineStatus::Met { on, late: true } => Some((
            i18n.tr_with("procedure.deadline.met_late", &[("date", &iso_date(on))]),
            "chip warn",
        )),
        DeadlineStatus::Waived => Some((i18n.tr("procedure.deadline.waived"), "chip")),
    };
    let sources: Vec<String> = content
        .procedure
        .deadline(&d.id)
        .map(|rule| {
            rule.sources
                .iter()
                .map(|id| content.sources.get(id).map_or_else(|| id.clone(), |s| s.title.clone()))
                .collect()
        })
        .unwrap_or_default();
    let note = (d.basis == DeadlineBasis::VerifyLocally)
        .then(|| text.and_then(|t| t.verify_note.clone()))
        .flatten();
    view! {
        <li class="deadline" data-basis=match d.basis { DeadlineBasis::Sourced => "sourced", DeadlineBasis::VerifyLocally => "verify", DeadlineBasis::LocalSetting => "local" }>
            <strong>{label}</strong>
            <p class="deadline-due">{due}</p>
            <p class="chips">
                <span class=basis_class>{basis}</span>
                {status.map(|(s, class)| view! { <span class=class>{s}</span> })}
            </p>
            {note.map(|n| view! { <p class="verify-note">{n}</p> })}
            {(!sources.is_empty()).then(|| view! { <p class="hint">{i18n.tr("guide.sources")} ": " {sources.join("; ")}</p> })}
        </li>
    }
}

/// What the record holds for items that no longer count — retired from the Guide's content or no
/// longer applying to this child — so a worker sees that nothing recorded was lost.
#[component]
pub fn EarlierRecords(content: Arc<GuideContent>, progress: Memo<Progress>) -> impl IntoView {
    let i18n = use_i18n();
    dyn_view(move || {
        let rows = progress.with(|p| p.history.clone());
        if rows.is_empty() {
            return ().into_any();
        }
        let rows = rows
            .into_iter()
            .map(|row| {
                let label = content.texts.instruction(&row.item);
                let option = |c: &str| content.texts.option_label(&row.item, c);
                let outcome = match &row.outcome {
                    OutcomeRow::Done(on) => i18n.tr_with("procedure.history.done", &[("date", on)]),
                    OutcomeRow::Chose(choice, on) => i18n.tr_with(
                        "procedure.history.answered",
                        &[("answer", &option(choice)), ("date", on)],
                    ),
                    OutcomeRow::Wrote(value, on) => i18n
                        .tr_with("procedure.history.answered", &[("answer", value), ("date", on)]),
                    OutcomeRow::NotApplicable(reason, on) => i18n.tr_with(
                        "procedure.history.not_applicable",
                        &[("reason", reason), ("date", on)],
                    ),
                };
                let why = if row.retired {
                    i18n.tr("procedure.history.retired")
                } else {
                    i18n.tr("procedure.history.lifted")
                };
                view! {
                    <li class="history-row" data-item=row.item.clone()>
                        <strong>{label}</strong>
                        <p>{outcome}</p>
                        <p class="chips"><span class="chip">{why}</span></p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="card earlier-records">
                <h2>{i18n.t("procedure.history.heading")}</h2>
                <p class="hint">{i18n.t("procedure.history.hint")}</p>
                <ul class="history-list">{rows}</ul>
            </section>
        }
        .into_any()
    })
}
