//! The review queue (`/cases/reviews`) for supervisors and coordinators: the open requests
//! across the cases this phone holds, oldest first, each opening its document to decide.

use super::signing::team_check;
use super::status::subject_key;
use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::case_bits::SessionBar;
use crate::components::vault_gate::VaultGate;
use crate::i18n::use_i18n;
use crate::session::{now, use_session};
use leptos::prelude::*;
use senda_core::case::CaseSummary;
use senda_core::workflow::permission::Action;
use senda_core::workflow::review::ReviewSubject;
use senda_core::workflow::review_case::queue_of;

/// One line of the queue as shown.
#[derive(Clone, PartialEq)]
struct Row {
    case: String,
    label: String,
    short_id: String,
    subject: ReviewSubject,
    waiting_mins: i64,
}

#[derive(Clone, PartialEq)]
enum Queue {
    Loading,
    NoTeam,
    Failed(&'static str),
    Ready(Vec<Row>),
}

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    use_page_title("review.queue.title");
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    view! {
        <article translate="no" class="area case-page">
            <nav class="crumbs"><a href=base.href("/cases")>{i18n.t("case.back")}</a></nav>
            <h1>{i18n.t("review.queue.title")}</h1>
            <VaultGate>
                <SessionBar />
                <QueueBody />
            </VaultGate>
        </article>
    }
}

#[component]
fn QueueBody() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let base = expect_context::<BasePath>();
    let queue = RwSignal::new(Queue::Loading);
    Effect::new(move |_| {
        // Again after each sync brings cases, and after each write here.
        session.summaries().track();
        leptos::task::spawn_local(async move {
            let cases = match session.all_cases().await {
                Ok((cases, _)) => cases,
                Err(e) => {
                    let _ = queue.try_set(Queue::Failed(e.message_key()));
                    return;
                }
            };
            let Some(team) = team_check(session, &cases).await else {
                let _ = queue.try_set(Queue::NoTeam);
                return;
            };
            let now = now().timestamp();
            let rows = queue_of(&cases, &team.roster, &team.checked, now)
                .into_iter()
                .filter(|item| item.asked_by != team.device)
                .filter_map(|item| {
                    let case = cases.iter().find(|c| c.id().to_string() == item.case)?;
                    let s = CaseSummary::of(case);
                    Some(Row {
                        case: item.case,
                        label: s.label.clone(),
                        short_id: s.short_id(),
                        subject: item.subject,
                        waiting_mins: item.waiting_secs / 60,
                    })
                })
                .collect();
            let _ = queue.try_set(Queue::Ready(rows));
        });
    });
    move || {
        if !session.may(Action::DecideReview) {
            return view! { <p class="notice" role="note">{i18n.t("review.queue.not_for_role")}</p> }.into_any();
        }
        match queue.get() {
            Queue::Loading => view! { <p class="loading">{i18n.t("cases.opening")}</p> }.into_any(),
            Queue::NoTeam => view! { <p class="hint">{i18n.t("review.no_team_list")}</p> }.into_any(),
            Queue::Failed(key) => view! { <p class="notice" role="alert">{i18n.t(key)}</p> }.into_any(),
            Queue::Ready(rows) if rows.is_empty() => {
                view! { <p class="empty">{i18n.t("review.queue.empty")}</p> }.into_any()
            }
            Queue::Ready(rows) => view! {
                <p class="hint">{i18n.t("review.queue.lead")}</p>
                <ul class="case-list review-queue">
                    {rows.into_iter().map(|r| {
                        let href = base.href(&format!("/cases/{}/review/{}", r.case, r.subject.id()));
                        let label = if r.label.is_empty() { i18n.tr("cases.no_name") } else { r.label };
                        let waiting = i18n.tr_with("review.queue.waiting", &[("n", &r.waiting_mins.to_string())]);
                        view! {
                            <li>
                                <a class="case-card" href=href>
                                    <span class="case-card-main">
                                        <strong>{i18n.t(subject_key(r.subject))}</strong>
                                        <span>{label}</span>
                                        <span class="hint">"#" {r.short_id} " · " {waiting}</span>
                                    </span>
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
