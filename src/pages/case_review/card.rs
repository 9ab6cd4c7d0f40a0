//! The case screen's review section (in a team): each reviewable document recorded on the case
//! with where its review stands, "ask for review" (signed by this device, saved through the
//! case editor like any edit) and the way to the document for a supervisor to decide.

use super::signing::{signed_request, team_check, TeamCheck};
use super::status::{subject_key, ReviewStatusView};
use crate::base_path::BasePath;
use crate::case_editor::CaseEditor;
use crate::i18n::use_i18n;
use crate::session::{now, use_session, Session};
use leptos::prelude::*;
use senda_core::workflow::permission::Action;
use senda_core::workflow::review::ReviewSubject;
use senda_core::workflow::review_case::{case_reviews, DocumentReview};

/// The workflow log checked against the team's member list, again whenever it grows (or the
/// role changes); the reviews follow every edit of the case without checking again.
pub fn checked_reviews(
    editor: CaseEditor,
    session: Session,
) -> (RwSignal<Option<TeamCheck>>, Memo<Option<Vec<DocumentReview>>>) {
    let check = RwSignal::new(None::<TeamCheck>);
    let log_len = Memo::new(move |_| editor.case.with(|c| c.workflow_len()));
    Effect::new(move |_| {
        log_len.track();
        session.role().track();
        let case = editor.case.get_untracked();
        leptos::task::spawn_local(async move {
            let found = team_check(session, std::slice::from_ref(&case)).await;
            // A check of a log that has grown since is dropped; the newer one follows.
            let stale =
                found.as_ref().is_some_and(|t| Some(t.log_len) != log_len.try_get_untracked());
            if !stale {
                let _ = check.try_set(found);
            }
        });
    });
    // Until the log on screen is checked, the last answer stays (an entry just added is never
    // shown as invalid for not being checked yet).
    let reviews = Memo::new(move |prev: Option<&Option<Vec<DocumentReview>>>| {
        check.with(|t| match t {
            Some(t) if t.log_len == log_len.get() => {
                Some(editor.case.with(|c| case_reviews(c, &t.roster, &t.checked)))
            }
            Some(_) => prev.cloned().flatten(),
            None => None,
        })
    });
    (check, reviews)
}

/// Signs a request for `subject` as the case is now and appends it through the editor.
pub fn ask_for_review(
    editor: CaseEditor,
    session: Session,
    subject: ReviewSubject,
    error: RwSignal<Option<&'static str>>,
) {
    let case = editor.case.get_untracked();
    leptos::task::spawn_local(async move {
        match signed_request(session, &case, subject, now().timestamp()).await {
            Ok(entry) => {
                error.set(None);
                editor.change(move |c, now, by| {
                    c.add_workflow_entry(entry, now, by);
                });
            }
            Err(key) => error.set(Some(key)),
        }
    });
}

/// The review section of a stored case on a phone in a team (a part of the case screen in the
/// team workflows' chunk, `pages::team_work`).
#[component]
pub fn ReviewSection(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let base = expect_context::<BasePath>();
    let (check, reviews) = checked_reviews(editor, session);
    let error = RwSignal::new(None::<&'static str>);
    let case_id = editor.case.with_untracked(|c| c.id().to_string());
    view! {
        <section class="card case-section review-section" aria-labelledby="review-heading">
            <h2 id="review-heading">{i18n.t("review.title")}</h2>
            {move || error.get().map(|key| view! { <p class="notice" role="alert">{i18n.t(key)}</p> })}
            {move || {
                let Some(list) = reviews.get() else {
                    return view! { <p class="hint">{i18n.t("review.no_team_list")}</p> }.into_any();
                };
                let roster = check.with(|t| t.as_ref().map(|t| t.roster.clone())).unwrap_or_default();
                let me = check.with(|t| t.as_ref().map(|t| t.device.clone())).unwrap_or_default();
                let shown: Vec<DocumentReview> =
                    list.into_iter().filter(|r| r.current.is_some() || r.request.is_some()).collect();
                if shown.is_empty() {
                    return view! { <p class="hint">{i18n.t("review.nothing_yet")}</p> }.into_any();
                }
                if session.role().get().is_none() {
                    return view! { <p class="hint">{i18n.t("review.role_not_known")}</p> }.into_any();
                }
                let may_ask = session.may(Action::RequestReview);
                let may_decide = session.may(Action::DecideReview);
                let base = base.clone();
                let case_id = case_id.clone();
                view! {
                    <ul class="review-docs">
                        {shown.into_iter().map(|r| {
                            let subject = r.subject;
                            let ask = (may_ask && r.can_ask()).then(|| view! {
                                <button class="button primary" type="button"
                                    on:click=move |_| ask_for_review(editor, session, subject, error)>
                                    {i18n.t("review.ask")}
                                </button>
                            });
                            let to_decide = r.open_request().is_some_and(|q| q.by != me) && may_decide;
                            let href = base.href(&format!("/cases/{}/review/{}", case_id, subject.id()));
                            let open_key = if to_decide { "review.open_to_decide" } else { "review.open" };
                            view! {
                                <li class="review-doc">
                                    <h3>{i18n.t(subject_key(subject))}</h3>
                                    <ReviewStatusView review=r roster=roster.clone() />
                                    <p class="review-actions">
                                        {ask}
                                        <a class="button quiet" href=href>{i18n.t(open_key)}</a>
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The way to the review queue, on the case list, for the roles that decide reviews in a team.
#[component]
pub fn ReviewQueueLink() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let base = expect_context::<BasePath>();
    let href = base.href("/cases/reviews");
    view! {
        <Show when=move || session.in_team().get() && session.may(Action::DecideReview)>
            <a class="button quiet wide review-queue-link" href=href.clone()>{i18n.t("review.queue.link")}</a>
        </Show>
    }
}

/// On the procedure's BID panel step (in a team): the way to the panel's signed undertakings and
/// votes, on the BID report's page.
#[component]
pub fn PanelLink(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let base = expect_context::<BasePath>();
    let id = editor.case.with_untracked(|c| c.id());
    let href = base.href(&format!("/cases/{id}/review/{}", ReviewSubject::BidReport.id()));
    view! {
        <Show when=move || session.in_team().get()>
            <a class="button primary wide panel-link" href=href.clone()>{i18n.t("panel.open")}</a>
        </Show>
    }
}
