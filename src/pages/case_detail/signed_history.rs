//! A team case's signed history on its screen: each act's entry whose signature holds (who — the
//! member as the trusted list names them —, what, when; never the content), checked with
//! WebCrypto against the member list and this phone's known heads, and every problem found
//! (an entry altered after signing, missing, out of order, doubled, of another case) in words.

use crate::case_editor::CaseEditor;
use crate::i18n::{use_i18n, I18n};
use crate::pages::handover::team_view::TeamView;
use crate::pages::handover::who;
use crate::session::{use_session, Session};
use leptos::prelude::*;
use senda_core::case::{AuditAction, Case, CasePart};
use senda_core::dates::short_date_time;
use senda_core::workflow::audit::{verify_history, ChainAction, ChainEntry, ChainProblem, History};
use senda_core::workflow::entry::{WorkflowAct, WorkflowEntry};

/// The verified history and the team that names its members.
#[derive(Clone)]
struct Checked {
    history: History,
    team: TeamView,
    /// The log length it was checked at (a newer log waits for its own check).
    log_len: usize,
}

/// The history of `case` as this phone can verify it; `None` without a trusted member list.
/// Its heads are raised to what was verified, so a last entry that goes missing later shows.
async fn check(session: Session, case: &Case) -> Option<Checked> {
    let team = TeamView::load(&session).await?;
    let chain: Vec<ChainEntry> = WorkflowEntry::chain(&case.workflow()).cloned().collect();
    let checked = team.checked_chain(&chain).await;
    let id = case.id().to_string();
    let heads = session.known_heads(&id).await.unwrap_or_default();
    let history = verify_history(&id, &chain, &heads, &team.roster, &checked);
    let _ = session.raise_known_heads(&id, &history.entries).await;
    Some(Checked { history, team, log_len: case.workflow_len() })
}

fn part_key(part: CasePart) -> &'static str {
    match part {
        CasePart::Profile => "audit.part.profile",
        CasePart::Flags => "audit.part.flags",
        CasePart::Risk => "audit.part.risk",
        CasePart::Consents => "audit.part.consents",
        CasePart::Notes => "audit.part.notes",
        CasePart::Procedure => "audit.part.procedure",
        CasePart::Screening => "audit.part.screening",
        CasePart::Referrals => "audit.part.referrals",
        CasePart::Casework => "audit.part.casework",
    }
}

/// What an entry says was done, in words.
fn what(i18n: I18n, action: ChainAction) -> String {
    let key = match action {
        ChainAction::Case(AuditAction::Edited(part)) => {
            return i18n.tr_with("audit.edited_part", &[("part", &i18n.tr(part_key(part)))]);
        }
        ChainAction::Case(AuditAction::Created) => "audit.created",
        ChainAction::Case(AuditAction::Exported) => "audit.exported",
        ChainAction::Case(AuditAction::Referred) => "audit.referred",
        ChainAction::Case(AuditAction::Closed) => "audit.closed",
        ChainAction::Case(AuditAction::Reopened) => "audit.reopened",
        ChainAction::Case(AuditAction::RiskOverridden) => "audit.risk_overridden",
        ChainAction::Case(AuditAction::Printed(_)) => "audit.printed",
        ChainAction::Case(AuditAction::Workflow(WorkflowAct::Handover))
        | ChainAction::HandedOver => "audit.handed_over",
        ChainAction::Case(AuditAction::Workflow(WorkflowAct::ReviewRequested))
        | ChainAction::ReviewRequested => "audit.review_requested",
        ChainAction::Case(AuditAction::Workflow(WorkflowAct::ReviewDecided))
        | ChainAction::ReviewDecided => "audit.review_decided",
        ChainAction::Case(AuditAction::Workflow(WorkflowAct::PanelRecorded)) => {
            "audit.panel_recorded"
        }
        ChainAction::ViewedDecision => "audit.viewed_decision",
        ChainAction::HandoverAnswered => "audit.handover_answered",
        ChainAction::PanelUndertaking => "audit.panel_undertaking",
        ChainAction::PanelVoted => "audit.panel_voted",
        ChainAction::Case(AuditAction::Workflow(WorkflowAct::Transferred))
        | ChainAction::TransferredOut => "audit.transferred_out",
        ChainAction::Case(AuditAction::Workflow(WorkflowAct::TransferReceived))
        | ChainAction::TransferReceived => "audit.transfer_received",
    };
    i18n.tr(key)
}

/// A problem in words: entries are numbered from 1 on screen (from 0 in the chain).
fn problem_text(i18n: I18n, team: &TeamView, problem: &ChainProblem) -> String {
    let by = |device: &str| who(i18n, team, device);
    let n = |seq: u64| (seq + 1).to_string();
    match problem {
        ChainProblem::Tampered { device, seq } => {
            i18n.tr_with("audit.problem.tampered", &[("who", &by(device)), ("n", &n(*seq))])
        }
        ChainProblem::Missing { device, from, to } if from == to => {
            i18n.tr_with("audit.problem.missing_one", &[("who", &by(device)), ("n", &n(*from))])
        }
        ChainProblem::Missing { device, from, to } => i18n.tr_with(
            "audit.problem.missing",
            &[("who", &by(device)), ("from", &n(*from)), ("to", &n(*to))],
        ),
        ChainProblem::Reordered { device, seq } => {
            i18n.tr_with("audit.problem.reordered", &[("who", &by(device)), ("n", &n(*seq))])
        }
        ChainProblem::Forked { device, seq } => {
            i18n.tr_with("audit.problem.forked", &[("who", &by(device)), ("n", &n(*seq))])
        }
        ChainProblem::OtherCase { device, .. } => {
            i18n.tr_with("audit.problem.other_case", &[("who", &by(device))])
        }
    }
}

fn when(at: i64) -> String {
    chrono::DateTime::from_timestamp(at, 0).map(short_date_time).unwrap_or_default()
}

/// The signed history of a stored case on a team's phone, checked again whenever its log grows.
#[component]
pub fn SignedHistory(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let log_len = Memo::new(move |_| editor.case.with(|c| c.workflow_len()));
    // `None`: being checked; `Some(None)`: no trusted member list yet.
    let checked = RwSignal::new(None::<Option<Checked>>);
    Effect::new(move |_| {
        log_len.track();
        let case = editor.case.get_untracked();
        leptos::task::spawn_local(async move {
            let found = check(session, &case).await;
            // A check of a log that has grown since is dropped; the newer one follows.
            let stale =
                found.as_ref().is_some_and(|c| Some(c.log_len) != log_len.try_get_untracked());
            if !stale {
                let _ = checked.try_set(Some(found));
            }
        });
    });
    let body = move || match checked.get() {
        None => view! { <p class="loading">{i18n.t("audit.checking")}</p> }.into_any(),
        Some(None) => view! { <p class="hint">{i18n.t("audit.no_list")}</p> }.into_any(),
        Some(Some(c)) => {
            let state = if c.history.is_intact() {
                view! { <p class="audit-intact" data-intact="true">{i18n.t("audit.intact")}</p> }
                    .into_any()
            } else {
                let problems = c
                    .history
                    .problems
                    .iter()
                    .map(
                        |p| view! { <li data-problem=p.id()>{problem_text(i18n, &c.team, p)}</li> },
                    )
                    .collect_view();
                view! {
                    <div class="notice audit-problems" role="alert" data-intact="false">
                        <strong>{i18n.t("audit.problems_title")}</strong>
                        <ul>{problems}</ul>
                        <p>{i18n.t("audit.problems_meaning")}</p>
                        <p>{i18n.t("audit.problems_what_to_do")}</p>
                    </div>
                }
                .into_any()
            };
            let rows = c
                .history
                .entries
                .iter()
                .rev()
                .map(|e| {
                    let line = format!(
                        "{} · {} · {}",
                        when(e.body.at),
                        what(i18n, e.body.action),
                        who(i18n, &c.team, &e.body.device)
                    );
                    view! { <li>{line}</li> }
                })
                .collect_view();
            let empty = c
                .history
                .entries
                .is_empty()
                .then(|| view! { <p class="hint">{i18n.t("audit.none_yet")}</p> });
            view! {
                {state}
                {empty}
                <ol class="history signed-history">{rows}</ol>
            }
            .into_any()
        }
    };
    view! {
        <div class="signed-history-block">
            <h3>{i18n.t("audit.signed_title")}</h3>
            <p class="hint">{i18n.t("audit.signed_hint")}</p>
            {body}
        </div>
    }
}
