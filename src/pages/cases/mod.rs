//! The Cases section: behind the vault gate, the list of this phone's cases with search and
//! filters, most recently touched first, and the way to start a new case.

pub mod backup_reminder;

use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::case_bits::{RiskChip, SessionBar};
use crate::components::choice_field::ChoiceField;
use crate::components::role_gate::CaseAccessGate;
use crate::components::vault_gate::VaultGate;
use crate::i18n::use_i18n;
use crate::pages::case_review::card::ReviewQueueLink;
use crate::pages::cases::backup_reminder::{BackupLink, BackupReminderNotice};
use crate::pages::handover::my_cases::{chip_key, is_mine};
use crate::pages::team_work::team_part;
use crate::session::use_session;
use leptos::prelude::*;
use senda_core::case::{select, CaseQuery, RiskLevel, StatusFilter};
use senda_core::dates::short_date_time;
use senda_core::workflow::handover::MyCases;

#[component]
pub fn CasesPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title("nav.cases");
    view! {
        <article translate="no" class="area">
            <h1>{i18n.t("nav.cases")}</h1>
            <VaultGate>
                <SessionBar />
                <CaseAccessGate>
                    <UndoDelete />
                    <BackupReminderNotice />
                    <CaseList />
                    <ReviewQueueLink />
                    <BackupLink />
                    <MonitoringLink />
                </CaseAccessGate>
            </VaultGate>
        </article>
    }
}

/// How many cases the list shows before "show more".
const PAGE: usize = 50;

#[component]
fn CaseList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let base = expect_context::<BasePath>();
    let text = RwSignal::new(String::new());
    let status = RwSignal::new(StatusFilter::Open);
    let risk = RwSignal::new(None::<RiskLevel>);
    // A phone shows a page of cards at a time: rendering 2,000 would take longer than a tap.
    let shown_limit = RwSignal::new(PAGE);
    // "My cases" (a phone in a team): the cases this phone holds or is offered.
    let mine_on = RwSignal::new(false);
    let mine = RwSignal::new(None::<MyCases>);
    Effect::new(move |_| {
        text.track();
        mine_on.track();
        status.track();
        risk.track();
        shown_limit.set(PAGE);
    });
    let shown = Memo::new(move |_| {
        let query = CaseQuery { text: text.get(), status: status.get(), risk: risk.get() };
        let mut list: Vec<_> =
            session.summaries().with(|all| select(all, &query).into_iter().cloned().collect());
        if mine_on.get() {
            mine.with(|m| {
                list.retain(|s| m.as_ref().is_some_and(|m| is_mine(m, &s.id.to_string())))
            });
        }
        list
    });
    let status_value = move || match status.get() {
        StatusFilter::Open => "open",
        StatusFilter::Closed => "closed",
        StatusFilter::All => "all",
    };
    view! {
        <Show when=move || { session.damaged().get() > 0 }>
            <p class="notice" role="alert">
                {move || i18n.tr_with("cases.damaged", &[("n", &session.damaged().get().to_string())])}
            </p>
        </Show>
        <a class="button primary wide" href=base.href("/cases/new")>{i18n.t("cases.new")}</a>
        <div class="case-filters" role="search">
            <label class="field">
                <span class="visually-hidden">{i18n.t("cases.search")}</span>
                <input translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" type="search" placeholder=i18n.t("cases.search") bind:value=text />
            </label>
            <label class="field compact">
                <span>{i18n.t("cases.filter.status")}</span>
                <select prop:value=status_value on:change=move |ev| status.set(match event_target_value(&ev).as_str() {
                    "closed" => StatusFilter::Closed,
                    "all" => StatusFilter::All,
                    _ => StatusFilter::Open,
                })>
                    <option value="open">{i18n.t("cases.filter.open")}</option>
                    <option value="closed">{i18n.t("cases.filter.closed")}</option>
                    <option value="all">{i18n.t("cases.filter.all")}</option>
                </select>
            </label>
            <ChoiceField label="cases.filter.risk" unset="cases.filter.any_risk" compact=true
                value=risk on_pick=Callback::new(move |r| risk.set(r)) />
        </div>
        <Show when=move || session.in_team().get()>
            {team_part(move |p| (p.my_cases)(mine_on, mine))}
        </Show>
        <p class="hint" aria-live="polite">
            {move || {
                let n = shown.with(Vec::len);
                let key = if n == 1 { "cases.count_one" } else { "cases.count" };
                i18n.tr_with(key, &[("n", &n.to_string())])
            }}
        </p>
        {move || {
            let all = shown.get();
            let remaining = all.len().saturating_sub(shown_limit.get());
            let list: Vec<_> = all.into_iter().take(shown_limit.get()).collect();
            if list.is_empty() {
                let key = if session.summaries().with(Vec::is_empty) { "cases.empty" } else { "cases.no_match" };
                return view! { <p class="empty">{i18n.t(key)}</p> }.into_any();
            }
            view! {
                <ul class="case-list">
                    {list.into_iter().map(|s| {
                        let label = if s.label.is_empty() { i18n.tr("cases.no_name") } else { s.label.clone() };
                        let handover_chip = mine.with_untracked(|m| m.as_ref().and_then(|m| chip_key(m, &s.id.to_string())));
                        view! {
                            <li>
                                <a class="case-card" href=base.href(&format!("/cases/{}", s.id))>
                                    <span class="case-card-main">
                                        <strong>{label}</strong>
                                        <span class="hint">"#" {s.short_id()} " · " {short_date_time(s.updated_at)}</span>
                                    </span>
                                    <span class="chips">
                                        <RiskChip risk=s.risk />
                                        {handover_chip.map(|key| view! { <span class="chip warn">{i18n.t(key)}</span> })}
                                        {(!s.open).then(|| view! { <span class="chip">{i18n.t("cases.closed")}</span> })}
                                    </span>
                                </a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(remaining > 0).then(|| view! {
                    <button class="button quiet wide" type="button" on:click=move |_| shown_limit.update(|n| *n += PAGE)>
                        {i18n.tr_with("cases.show_more", &[("n", &remaining.to_string())])}
                    </button>
                })}
            }.into_any()
        }}
    }
}

/// The undo offer after a deletion.
#[component]
fn UndoDelete() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <Show when=move || session.deleted().with(Option::is_some)>
            <p class="toast" role="status">
                {i18n.t("case.deleted")}
                <button class="button quiet" type="button" on:click=move |_| {
                    leptos::task::spawn_local(async move { let _ = session.undo_delete().await; });
                }>{i18n.t("case.undo")}</button>
            </p>
        </Show>
    }
}

/// The way to the anonymous indicators of the cases on this phone.
#[component]
fn MonitoringLink() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    view! { <a class="button quiet wide monitoring-link" href=base.href("/cases/monitoring")>{i18n.t("monitoring.link")}</a> }
}
