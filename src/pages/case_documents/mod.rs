//! A case's model documents: the list of kinds, and one document laid out for A4 and Letter,
//! printed (or saved as PDF) with the browser's own print after a confirmation, and recorded in
//! the case's history. The page title is only "Documents" — no kind, case number or name, since
//! titles reach the history and synced tabs; the printed header carries the number and date.

mod casework_forms;

use crate::base_path::BasePath;
use crate::case_editor::CaseEditor;
use crate::components::area_page::use_page_title;
use crate::components::case_bits::SessionBar;
use crate::components::case_frame::{CaseLoader, SaveIndicator};
use crate::components::confirm_action::ConfirmAction;
use crate::components::notices::ContentProblem;
use crate::components::notices::DoneNote;
use crate::components::vault_gate::VaultGate;
use crate::content::use_guide_content;
use crate::i18n::{text, use_i18n, I18n};
use crate::session::{now, use_session};
use casework_forms::CaseworkForms;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use senda_core::dates::iso_date;
use senda_core::documents::address::{listed, make, DocumentRef};
use senda_core::documents::{Document, DocumentKind, Text};

#[component]
pub fn CaseDocumentsPage() -> impl IntoView {
    use_page_title("doc.title");
    view! {
        <article translate="no" class="area case-page">
            <VaultGate>
                <div class="no-print"><SessionBar /></div>
                <CaseLoader screen=|editor| view! { <DocumentList editor /> }.into_any() />
            </VaultGate>
        </article>
    }
}

#[component]
pub fn CaseDocumentPage() -> impl IntoView {
    use_page_title("doc.title");
    view! {
        <article translate="no" class="area case-page document-page">
            <VaultGate>
                <div class="no-print"><SessionBar /></div>
                <CaseLoader screen=|editor| view! { <DocumentScreen editor /> }.into_any() />
            </VaultGate>
        </article>
    }
}

#[component]
fn DocumentList(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let id = editor.case.with_untracked(|c| c.id().to_string());
    let cards = DocumentKind::ALL
        .into_iter()
        .map(|kind| {
            view! {
                <li><a class="section-card" href=base.href(&format!("/cases/{id}/documents/{}", kind.slug()))>
                    <span class="section-card-text"><strong>{i18n.t(kind.title_key())}</strong></span>
                </a></li>
            }
        })
        .collect_view();
    // One referral form per referral recorded on the case, oldest first.
    let referrals = editor.case.with_untracked(|c| {
        c.referrals()
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let label = i18n.tr_with("doc.referral_item", &[("to", &r.to), ("date", &iso_date(r.at.date_naive()))]);
                view! {
                    <li><a class="section-card" href=base.href(&format!("/cases/{id}/documents/referral-{n}"))>
                        <span class="section-card-text"><strong>{label}</strong></span>
                    </a></li>
                }
            })
            .collect::<Vec<_>>()
    });
    // The panel undertakings, BID reviews, consent records and conferences the case has, as
    // they are recorded below.
    let forms_id = id.clone();
    let forms_base = base.clone();
    let forms = move || {
        let locale = i18n.locale.get();
        editor.case.with(|c| {
            listed(c)
                .into_iter()
                .map(|(r, label)| {
                    let label = label.resolve(&|k| text(locale, k));
                    let href =
                        forms_base.href(&format!("/cases/{forms_id}/documents/{}", r.slug()));
                    view! {
                        <li><a class="section-card" href=href>
                            <span class="section-card-text"><strong>{label}</strong></span>
                        </a></li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <nav class="crumbs"><a href=base.href(&format!("/cases/{id}"))>{i18n.t("doc.back")}</a></nav>
        <h1>{i18n.t("doc.title")}</h1>
        <p class="lead">{i18n.t("doc.lead")}</p>
        <ul class="section-cards">{cards}</ul>
        {(!referrals.is_empty()).then(|| view! {
            <h2>{i18n.t("doc.referrals")}</h2>
            <ul class="section-cards referral-forms">{referrals}</ul>
        })}
        {move || {
            let forms = forms();
            (!forms.is_empty()).then(|| view! {
                <h2>{i18n.t("doc.forms")}</h2>
                <ul class="section-cards case-forms">{forms}</ul>
            })
        }}
        <CaseworkForms editor />
    }
}

#[component]
fn DocumentScreen(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let session = use_session();
    let params = use_params_map();
    let content = use_guide_content();
    let id = editor.case.with_untracked(|c| c.id().to_string());
    let wanted = move || params.read().get("kind").and_then(|k| DocumentRef::parse(&k));
    let kind = move || wanted().map(DocumentRef::kind);
    let made_by = session.worker_label();
    let done = RwSignal::new(None::<String>);

    let document = Memo::new(move |_| {
        let wanted = wanted()?;
        let Some(Ok(content)) = content.get() else { return None };
        editor.case.with(|case| make(wanted, case, &content.procedure, &content.texts, now()))
    });
    let print = move |()| {
        let Some(kind) = kind() else { return };
        let _ = window().print();
        // Recorded after the print dialog closes (the browser's print blocks until then).
        editor.change(move |case, at, by| case.record_printed(kind, at, by));
        done.set(Some(i18n.tr("doc.printed")));
    };
    let list_href = base.href(&format!("/cases/{id}/documents"));
    let case_href = base.href(&format!("/cases/{id}"));
    view! {
        <nav class="crumbs no-print">
            <a href=case_href>{i18n.t("doc.back")}</a>
            <a href=list_href>{i18n.t("doc.all")}</a>
        </nav>
        {move || match (kind(), content.get()) {
            (None, _) => view! { <p class="notice" role="alert">{i18n.t("doc.unknown_kind")}</p> }.into_any(),
            (Some(_), Some(Ok(_))) if document.with(Option::is_none) => {
                view! { <p class="notice" role="alert">{i18n.t("doc.unknown_kind")}</p> }.into_any()
            }
            (_, None) => view! { <p class="loading">{i18n.t("guide.loading")}</p> }.into_any(),
            (_, Some(Err(e))) => view! { <ContentProblem error=e /> }.into_any(),
            (Some(_), Some(Ok(content))) => view! {
                {content.texts_fallback.then(|| view! { <p class="notice subtle" role="note">{i18n.t("guide.fallback_notice")}</p> })}
                <div class="doc-actions no-print">
                    <ConfirmAction label="doc.print" question="doc.print_confirm" yes="doc.print_yes"
                        button_class="button primary" on_yes=UnsyncCallback::new(print)
                        on_open=Callback::new(move |()| done.set(None)) />
                    <DoneNote note=done />
                    <SaveIndicator state=editor.save_state />
                </div>
            }
            .into_any(),
        }}
        {move || document.get().map(|doc| document_view(&doc, i18n, made_by.as_str()))}
    }
}

/// The document as printed matter: a running header (repeated on every printed page), the
/// sections as label/value lists, signature and date lines, and a footer.
fn document_view(doc: &Document, i18n: I18n, made_by: &str) -> AnyView {
    let locale = i18n.locale.get();
    let lookup = move |key: &str| text(locale, key);
    let date = iso_date(doc.made_on);
    let kind_name = lookup(doc.kind.title_key());
    let sections = doc
        .sections
        .iter()
        .map(|s| {
            let rows = s
                .rows
                .iter()
                .map(|r| {
                    let value = r.value.resolve(&lookup);
                    let blank = matches!(&r.value, Text::Key("doc.not_recorded"));
                    view! {
                        <div class="doc-row" class:blank=blank>
                            <dt>{r.label.resolve(&lookup)}</dt>
                            <dd>{value}</dd>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <section class="doc-section">
                    <h2>{s.heading.resolve(&lookup)}</h2>
                    <dl>{rows}</dl>
                </section>
            }
        })
        .collect_view();
    let signatures = doc
        .signatures
        .iter()
        .map(|who| {
            view! {
                <div class="sign-block">
                    <p class="sign-who">{lookup(who)}</p>
                    <p class="sign-line"><span>{lookup("doc.name")}</span></p>
                    <p class="sign-line"><span>{lookup("doc.signature")}</span></p>
                    <p class="sign-line short"><span>{lookup("doc.date")}</span></p>
                </div>
            }
        })
        .collect_view();
    let made = ui_fill(&lookup("doc.made_on"), &date, made_by);
    view! {
        <div class="document" data-kind=doc.kind.slug()>
            <div class="doc-running" aria-hidden="true">
                <span>"Senda · " {kind_name.clone()}</span>
                <span>{format!("{} {} · {}", lookup("doc.case_number"), doc.case_ref, date)}</span>
            </div>
            <div class="doc-body">
                <header class="doc-header">
                    <p class="eyebrow">{format!("{} {} · {}", lookup("doc.case_number"), doc.case_ref, date)}</p>
                    <h1>{kind_name}</h1>
                    <p class="doc-confidential">{lookup("doc.confidential")}</p>
                </header>
                {sections}
                <section class="doc-signatures">{signatures}</section>
                <footer class="doc-footer">
                    <p>{made}</p>
                    <p>{lookup("doc.model_note")}</p>
                </footer>
            </div>
        </div>
    }
    .into_any()
}

fn ui_fill(template: &str, date: &str, worker: &str) -> String {
    senda_core::ui_text::fill(template, &[("date", date), ("worker", worker)])
}
