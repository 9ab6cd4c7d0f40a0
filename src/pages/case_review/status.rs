//! How one document's review stands, in words: never asked, waiting, returned with the
//! supervisor's comment, approved, approved for an earlier version, and any decision that does
//! not count shown as invalid (never as valid).

use crate::i18n::use_i18n;
use leptos::prelude::*;
use senda_core::workflow::review::{ReviewStatus, ReviewSubject};
use senda_core::workflow::review_case::DocumentReview;
use senda_core::workflow::signed::Roster;

/// The string key of a document's name.
pub fn subject_key(subject: ReviewSubject) -> &'static str {
    match subject {
        ReviewSubject::Bia => "review.subject.bia",
        ReviewSubject::BidReport => "review.subject.bid_report",
        ReviewSubject::CasePlan => "review.subject.case_plan",
        ReviewSubject::Closure => "review.subject.closure",
    }
}

/// The subject named by its id in an address.
pub fn subject_of(id: &str) -> Option<ReviewSubject> {
    ReviewSubject::ALL.into_iter().find(|s| s.id() == id)
}

fn when(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0)
        .map(senda_core::dates::short_date_time)
        .unwrap_or_default()
}

/// The status line, the returned comment and the invalid decisions of one document.
#[component]
pub fn ReviewStatusView(review: DocumentReview, roster: Roster) -> impl IntoView {
    let i18n = use_i18n();
    let who = move |device: &str| {
        let key = match roster.role(device) {
            Some(role) => format!("review.role.{}", role.id()),
            None => "review.role.unknown".to_owned(),
        };
        i18n.tr(&key)
    };
    let (class, line, comment) = match &review.status {
        None => ("none", i18n.tr("review.status.none"), None),
        Some(ReviewStatus::Waiting) => ("waiting", i18n.tr("review.status.waiting"), None),
        Some(ReviewStatus::Returned { by, at, comment }) => (
            "returned",
            i18n.tr_with("review.status.returned", &[("who", &who(by)), ("at", &when(*at))]),
            Some(comment.clone()),
        ),
        Some(ReviewStatus::Approved { by, at }) => (
            "approved",
            i18n.tr_with("review.status.approved", &[("who", &who(by)), ("at", &when(*at))]),
            None,
        ),
        Some(ReviewStatus::ApprovalOutdated { by, at }) => (
            "outdated",
            i18n.tr_with("review.status.outdated", &[("who", &who(by)), ("at", &when(*at))]),
            None,
        ),
    };
    let invalid = review
        .invalid
        .iter()
        .map(|(d, why)| {
            let why = i18n.tr(&format!("review.invalid.{}", why.id()));
            let text = i18n.tr_with("review.invalid", &[("at", &when(d.body.at)), ("why", &why)]);
            view! { <p class="notice review-invalid" role="alert">{text}</p> }
        })
        .collect_view();
    view! {
        <p class=format!("review-status review-{class}")>{line}</p>
        {comment.map(|c| view! {
            <blockquote class="review-comment">
                <span class="visually-hidden">{i18n.t("review.comment_label")}</span>
                {c}
            </blockquote>
        })}
        {invalid}
    }
}
