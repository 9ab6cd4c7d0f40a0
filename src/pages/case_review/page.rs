//! One document under review (`/cases/:id/review/:subject`): the items recorded for it, read
//! only, in the procedure's order; where its review stands; and, for a supervisor or
//! coordinator with a request open, approve or return with a comment (required), signed by this
//! device over the exact version on screen and saved through the case editor.

use super::card::{ask_for_review, checked_reviews};
use super::panel::BidPanel;
use super::signing::{signed_decision, TeamCheck};
use super::status::{subject_key, subject_of, ReviewStatusView};
use crate::base_path::BasePath;
use crate::case_editor::CaseEditor;
use crate::components::area_page::use_page_title;
use crate::components::case_bits::SessionBar;
use crate::components::case_frame::{CaseLoader, SaveIndicator};
use crate::components::notices::ContentProblem;
use crate::components::vault_gate::VaultGate;
use crate::content::{use_guide_content, GuideContent};
use crate::i18n::use_i18n;
use crate::session::{now, use_session};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use senda_core::case::{Answer, Case, CaseSummary, ItemState};
use senda_core::workflow::audit::ChainAction;
use senda_core::workflow::entry::WorkflowEntry;
use senda_core::workflow::permission::Action;
use senda_core::workflow::review::{RequestBody, ReviewSubject, Verdict};
use senda_core::workflow::review_case::{document_items, DocumentReview};
use std::sync::Arc;

#[component]
pub fn CaseReviewPage() -> impl IntoView {
    use_page_title("review.page_title");
    view! {
        <article translate="no" class="area case-page">
            <VaultGate>
                <SessionBar />
                <CaseLoader screen=|editor| view! { <ReviewScreen editor /> }.into_any() />
            </VaultGate>
        </article>
    }
}

#[component]
fn ReviewScreen(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let params = use_params_map();
    let summary = Memo::new(move |_| editor.case.with(CaseSummary::of));
    let back = base.href(&format!("/cases/{}", summary.get_untracked().id));
    let subject = params.with_untracked(|p| subject_of(&p.get("subject").unwrap_or_default()));
    let Some(subject) = subject else {
        return view! {
            <nav class="crumbs"><a href=back>{i18n.t("review.back")}</a></nav>
            <p class="notice" role="alert">{i18n.t("review.no_such_document")}</p>
        }
        .into_any();
    };
    let content = use_guide_content();
    let (check, reviews) = checked_reviews(editor, use_session());
    record_viewing(editor, subject, check);
    let panel = (subject == ReviewSubject::BidReport).then(|| view! { <BidPanel editor check /> });
    view! {
        <nav class="crumbs"><a href=back>{i18n.t("review.back")}</a></nav>
        <header class="case-header">
            <p class="eyebrow">{move || { let l = summary.get().label; if l.is_empty() { i18n.tr("cases.no_name") } else { l } }}</p>
            <h1>{i18n.t(subject_key(subject))}</h1>
            <SaveIndicator state=editor.save_state />
        </header>
        <ReviewPanel editor subject check reviews />
        {panel}
        {move || match content.get() {
            None => view! { <p class="loading">{i18n.t("guide.loading")}</p> }.into_any(),
            Some(Ok(content)) => view! { <DocumentItems editor subject content /> }.into_any(),
            Some(Err(e)) => view! { <ContentProblem error=e /> }.into_any(),
        }}
    }
    .into_any()
}

/// Opening a document that has a decision on it (a supervisor's, or the BID panel's votes) is
/// an act of the case's signed history: once per opening of this screen, on a team's phone.
fn record_viewing(editor: CaseEditor, subject: ReviewSubject, check: RwSignal<Option<TeamCheck>>) {
    let recorded = StoredValue::new(false);
    let session = use_session();
    Effect::new(move |_| {
        if recorded.get_value() || check.with(Option::is_none) {
            return;
        }
        let decided = editor.case.with_untracked(|c| {
            let log = c.workflow();
            WorkflowEntry::decisions(&log).any(|d| d.body.subject == subject)
                || (subject == ReviewSubject::BidReport
                    && WorkflowEntry::panel(&log).next().is_some())
        });
        // Judged once, as the screen opens (a decision made here is its own act).
        recorded.set_value(true);
        if decided {
            let id = editor.case.with_untracked(|c| c.id());
            session.record_act(id, now().timestamp(), ChainAction::ViewedDecision);
        }
    });
}

/// Where the review stands, and what this phone may do about it.
#[component]
fn ReviewPanel(
    editor: CaseEditor,
    subject: ReviewSubject,
    check: RwSignal<Option<TeamCheck>>,
    reviews: Memo<Option<Vec<DocumentReview>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let error = RwSignal::new(None::<&'static str>);
    view! {
        <section class="card case-section review-section" aria-labelledby="review-state-heading">
            <h2 id="review-state-heading">{i18n.t("review.state")}</h2>
            {move || error.get().map(|key| view! { <p class="notice" role="alert">{i18n.t(key)}</p> })}
            {move || {
                let Some(review) = reviews.get().and_then(|l| l.into_iter().find(|r| r.subject == subject)) else {
                    return view! { <p class="hint">{i18n.t("review.no_team_list")}</p> }.into_any();
                };
                let roster = check.with(|t| t.as_ref().map(|t| t.roster.clone())).unwrap_or_default();
                let me = check.with(|t| t.as_ref().map(|t| t.device.clone())).unwrap_or_default();
                let open = review.open_request().cloned();
                let ask = (session.may(Action::RequestReview) && review.can_ask()).then(|| view! {
                    <button class="button primary" type="button"
                        on:click=move |_| ask_for_review(editor, session, subject, error)>
                        {i18n.t("review.ask")}
                    </button>
                });
                let decide = open.filter(|q| q.by != me && session.may(Action::DecideReview))
                    .map(|request| view! { <DecisionForm editor request error /> });
                let own = review.open_request().is_some_and(|q| q.by == me)
                    .then(|| view! { <p class="hint">{i18n.t("review.own_request")}</p> });
                view! {
                    <ReviewStatusView review roster />
                    {own}
                    {ask}
                    {decide}
                }.into_any()
            }}
        </section>
    }
}

/// Approve, or return with what to change (a comment is required to return).
#[component]
fn DecisionForm(
    editor: CaseEditor,
    request: RequestBody,
    error: RwSignal<Option<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let comment = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let request = StoredValue::new(request);
    let decide = move |verdict: Verdict| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let case: Case = editor.case.get_untracked();
        let request = request.get_value();
        leptos::task::spawn_local(async move {
            match signed_decision(session, &case, &request, verdict, now().timestamp()).await {
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
    let approve = move |_| decide(Verdict::Approve);
    let give_back = move |_| {
        let text = comment.get_untracked().trim().to_owned();
        if text.is_empty() {
            error.set(Some("review.error.comment_required"));
            return;
        }
        decide(Verdict::Return { comment: text });
    };
    view! {
        <div class="review-decide">
            <p class="hint">{i18n.t("review.decide_hint")}</p>
            <button class="button primary wide" type="button" on:click=approve disabled=move || busy.get()>
                {i18n.t("review.approve")}
            </button>
            <label class="field">
                <span>{i18n.t("review.comment")}</span>
                <textarea translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" rows="3" bind:value=comment></textarea>
            </label>
            <button class="button quiet wide" type="button" on:click=give_back disabled=move || busy.get()>
                {i18n.t("review.return")}
            </button>
        </div>
    }
}

fn answer_text(content: &GuideContent, item: &str, state: &ItemState) -> Option<String> {
    match state {
        ItemState::Done { .. } => None,
        ItemState::Answered { value: Answer::Text(t), .. } => Some(t.clone()),
        ItemState::Answered { value: Answer::Choice(c), .. } => {
            Some(content.texts.option_label(item, c))
        }
        ItemState::Answered { value: Answer::YesNo(_), .. } => None,
        ItemState::NotApplicable { reason, .. } => Some(reason.clone()),
    }
}

/// The document as recorded, read only.
#[component]
fn DocumentItems(
    editor: CaseEditor,
    subject: ReviewSubject,
    content: Arc<GuideContent>,
) -> impl IntoView {
    let i18n = use_i18n();
    let prefixes = document_items(subject);
    move || {
        let rows: Vec<_> = editor.case.with(|case| {
            content
                .procedure
                .phases
                .iter()
                .flat_map(|p| p.steps.iter())
                .flat_map(|s| s.items.iter())
                .filter(|i| prefixes.iter().any(|p| i.id.starts_with(p)))
                .filter_map(|i| {
                    let state =
                        case.procedure().items.get(&senda_core::case::ItemId::new(i.id.clone()))?;
                    let mark = match state {
                        ItemState::NotApplicable { .. } => "review.item.not_applicable",
                        ItemState::Done { .. } => "review.item.done",
                        ItemState::Answered { value: Answer::YesNo(true), .. } => "review.item.yes",
                        ItemState::Answered { value: Answer::YesNo(false), .. } => "review.item.no",
                        ItemState::Answered { .. } => "",
                    };
                    Some((
                        content.texts.instruction(&i.id),
                        mark,
                        answer_text(&content, &i.id, state),
                    ))
                })
                .collect()
        });
        view! {
            <section class="card case-section review-document" aria-labelledby="review-doc-heading">
                <h2 id="review-doc-heading">{i18n.t("review.document")}</h2>
                {rows.is_empty().then(|| view! { <p class="hint">{i18n.t("review.document_empty")}</p> })}
                <dl class="review-items">
                    {rows.into_iter().map(|(instruction, mark, answer)| view! {
                        <dt>{instruction}</dt>
                        <dd>
                            {(!mark.is_empty()).then(|| view! { <span class="chip">{i18n.tr(mark)}</span> })}
                            {answer.map(|a| view! { <span class="review-answer">{a}</span> })}
                        </dd>
                    }).collect_view()}
                </dl>
            </section>
        }
    }
}
