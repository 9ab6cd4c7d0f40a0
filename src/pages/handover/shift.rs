//! The shift view (`/cases/shift`, a phone in a team): the team's open cases on this phone by
//! deadline and risk, overdue first (core `shift_view`), each with who holds it.

use super::my_cases::all_assignments;
use super::who;
use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::case_bits::{RiskChip, SessionBar};
use crate::components::role_gate::CaseAccessGate;
use crate::components::vault_gate::VaultGate;
use crate::content::use_guide_content;
use crate::i18n::use_i18n;
use crate::session::{now, use_session};
use leptos::prelude::*;
use senda_core::case::CaseSummary;
use senda_core::dates::iso_date;
use senda_core::procedure::progress::Progress;
use senda_core::workflow::handover::{shift_view, ShiftRow};
use senda_core::workflow::handover_input::{next_open_deadline, shift_case};

#[component]
pub fn ShiftPage() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    use_page_title("handover.shift.title");
    view! {
        <article translate="no" class="area shift-page">
            <nav class="crumbs"><a href=base.href("/cases")>{i18n.t("case.back")}</a></nav>
            <h1>{i18n.t("handover.shift.title")}</h1>
            <VaultGate>
                <SessionBar />
                <CaseAccessGate><ShiftScreen /></CaseAccessGate>
            </VaultGate>
        </article>
    }
}

/// One row as the screen shows it.
#[derive(Clone)]
struct Line {
    row: ShiftRow,
    label: String,
    holder: String,
}

#[component]
fn ShiftScreen() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let base = expect_context::<BasePath>();
    let content = use_guide_content();
    let lines = RwSignal::new(None::<Result<Vec<Line>, &'static str>>);
    Effect::new(move |_| {
        session.summaries().track();
        let Some(state) = content.get() else { return };
        let Ok(guide) = state else {
            lines.set(Some(Err("handover.shift.no_content")));
            return;
        };
        leptos::task::spawn_local(async move {
            let Some((team, cases)) = all_assignments(&session).await else {
                let _ = lines.try_set(Some(Err("handover.no_list")));
                return;
            };
            let today = now().date_naive();
            let timelines = crate::timelines_store::load();
            let inputs: Vec<_> = cases
                .iter()
                .map(|(case, a)| {
                    let progress = Progress::of(&guide.procedure, &timelines, case, today);
                    shift_case(case, next_open_deadline(&progress.deadlines), a.holder.clone())
                })
                .collect();
            let out = shift_view(&inputs, today)
                .into_iter()
                .map(|row| {
                    let label = cases
                        .iter()
                        .find(|(c, _)| c.id().to_string() == row.case)
                        .map(|(c, _)| CaseSummary::of(c).label)
                        .unwrap_or_default();
                    let holder = match &row.holder {
                        Some(h) => who(i18n, &team, h),
                        None => i18n.tr("handover.nobody"),
                    };
                    Line { row, label, holder }
                })
                .collect();
            let _ = lines.try_set(Some(Ok(out)));
        });
    });
    move || {
        match lines.get() {
        None => view! { <p class="loading">{i18n.t("handover.checking")}</p> }.into_any(),
        Some(Err(key)) => view! { <p class="notice" role="alert">{i18n.t(key)}</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => {
            view! { <p class="empty">{i18n.t("handover.shift.empty")}</p> }.into_any()
        }
        Some(Ok(list)) => view! {
            <p class="hint">{i18n.t("handover.shift.lead")}</p>
            <ul class="case-list shift-list">
                {list.into_iter().map(|line| {
                    let label = if line.label.is_empty() { i18n.tr("cases.no_name") } else { line.label };
                    let due = match (line.row.days_overdue, line.row.next_deadline) {
                        (Some(days), _) => i18n.tr_with("handover.shift.overdue", &[("n", &days.to_string())]),
                        (None, Some(d)) => i18n.tr_with("handover.shift.due", &[("date", &iso_date(d))]),
                        (None, None) => i18n.tr("handover.shift.no_deadline"),
                    };
                    let overdue = line.row.days_overdue.is_some();
                    view! {
                        <li>
                            <a class="case-card" class:overdue=overdue href=base.href(&format!("/cases/{}", line.row.case))>
                                <span class="case-card-main">
                                    <strong>{label}</strong>
                                    <span class="hint" class:late=overdue>{due}</span>
                                    <span class="hint">{i18n.t("handover.holder")} ": " {line.holder}</span>
                                </span>
                                <span class="chips"><RiskChip risk=line.row.risk /></span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any(),
    }
    }
}
