//! One case: loaded from the vault (or started new), edited with autosave, with its notes,
//! status (close, reopen, delete with undo) and history. Its URL holds only a random id.

pub mod companions;
pub mod export;
pub mod profile_form;
pub mod record;
pub mod signed_history;

use crate::base_path::BasePath;
use crate::case_editor::CaseEditor;
use crate::components::area_page::use_page_title;
use crate::components::case_bits::{RiskChip, SessionBar};
use crate::components::case_frame::{CaseLoader, SaveIndicator};
use crate::components::vault_gate::VaultGate;
use crate::i18n::use_i18n;
use crate::pages::case_detail::export::CaseExport;
use crate::pages::case_detail::profile_form::ProfileForm;
use crate::pages::case_detail::record::{CaseHistory, CaseNotes, CaseStatusPanel};
use crate::pages::case_screening::result::CaseScreeningCard;
use crate::pages::team_work::team_part;
use crate::session::{now, use_session};
use leptos::prelude::*;
use senda_core::case::{validate, CaseSummary};
use senda_core::workflow::entry::WorkflowEntry;
use senda_core::workflow::permission::Action;

#[component]
pub fn CasePage() -> impl IntoView {
    use_page_title("case.title");
    view! {
        <article translate="no" class="area case-page">
            <VaultGate>
                <SessionBar />
                <CaseLoader screen=|editor| view! { <CaseScreen editor /> }.into_any() />
            </VaultGate>
        </article>
    }
}

#[component]
fn CaseScreen(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let summary = Memo::new(move |_| editor.case.with(CaseSummary::of));
    let in_team = use_session().in_team();
    let issues = Memo::new(move |_| editor.case.with(|c| validate(c, now())));
    // A new case gets its own address once it is saved, without a new history entry.
    let navigate = leptos_router::hooks::use_navigate();
    let own_base = base.clone();
    let proc_base = base.clone();
    let docs_base = base.clone();
    let screening_base = base.clone();
    let transfer_base = StoredValue::new(base.clone());
    Effect::new(move |_| {
        if editor.stored.get() {
            let path = own_base.href(&format!("/cases/{}", summary.get_untracked().id));
            if window().location().pathname().ok().as_deref() != Some(path.as_str()) {
                navigate(
                    &path,
                    leptos_router::NavigateOptions {
                        replace: true,
                        resolve: false,
                        ..Default::default()
                    },
                );
            }
        }
    });
    view! {
        <nav class="crumbs"><a href=base.href("/cases")>{i18n.t("case.back")}</a></nav>
        <header class="case-header">
            <h1>{move || { let l = summary.get().label; if l.is_empty() { i18n.tr("cases.no_name") } else { l } }}</h1>
            <p class="chips">
                <span class="chip">"#" {move || summary.get().short_id()}</span>
                {move || view! { <RiskChip risk=summary.get().risk /> }}
                {move || (!summary.get().open).then(|| view! { <span class="chip">{i18n.t("cases.closed")}</span> })}
            </p>
            <SaveIndicator state=editor.save_state />
        </header>
        {move || {
            let list = issues.get();
            (!list.is_empty()).then(|| view! {
                <aside class="notice" aria-live="polite">
                    <strong>{i18n.t("case.checks")}</strong>
                    <ul>{list.into_iter().map(|issue| view! { <li>{i18n.t(issue.message_key())}</li> }).collect_view()}</ul>
                </aside>
            })
        }}
        <Show when=move || editor.stored.get() && in_team.get()>
            {team_part(move |p| (p.handover_card)(editor))}
        </Show>
        {move || editor.stored.get().then(|| {
            let href = proc_base.href(&format!("/cases/{}/procedure", summary.get_untracked().id));
            view! {
                <a class="section-card procedure-link" href=href>
                    <span class="section-card-text">
                        <strong>{i18n.t("procedure.open")}</strong>
                        <span>{i18n.t("procedure.open_hint")}</span>
                    </span>
                </a>
            }
        })}
        {move || editor.stored.get().then(|| {
            let href = screening_base.href(&format!("/cases/{}/screening", summary.get_untracked().id));
            view! { <CaseScreeningCard editor href /> }
        })}
        {move || editor.stored.get().then(|| {
            let href = docs_base.href(&format!("/cases/{}/documents", summary.get_untracked().id));
            view! {
                <a class="section-card documents-link" href=href>
                    <span class="section-card-text">
                        <strong>{i18n.t("doc.open")}</strong>
                        <span>{i18n.t("doc.open_hint")}</span>
                    </span>
                </a>
            }
        })}
        <Show when=move || editor.stored.get() && in_team.get()>
            {team_part(move |p| (p.case_reviews)(editor))}
        </Show>
        <Show when=move || editor.stored.get() && in_team.get() && use_session().may(Action::TransferOut)>
            {move || {
                let href = transfer_base.with_value(|b| b.href(&format!("/cases/{}/transfer", summary.get_untracked().id)));
                let done = editor.case.with(|c| c.workflow().iter().any(|e| matches!(e, WorkflowEntry::Transfer(_))));
                view! {
                    <a class="section-card transfer-link" href=href>
                        <span class="section-card-text">
                            <strong>{i18n.t("transfer.open")}</strong>
                            <span>{i18n.t(if done { "transfer.open_done" } else { "transfer.open_hint" })}</span>
                        </span>
                    </a>
                }
            }}
        </Show>
        <ProfileForm editor />
        <CaseNotes editor />
        <CaseStatusPanel editor />
        {move || editor.stored.get().then(|| view! { <CaseExport editor /> })}
        <CaseHistory editor />
    }
}
