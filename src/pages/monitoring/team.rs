//! "Your team" on the monitoring screen of a coordinator's phone in a team: the team's own figures (core `team_monitoring`) from the cases this phone holds, and their CSV.

use crate::components::erased::click;
use crate::content::GuideContent;
use crate::download::offer_download;
use crate::i18n::{use_i18n, I18n};
use crate::pages::case_review::signing::team_check;
use crate::pages::handover::team_view::TeamView;
use crate::pages::handover::who;
use crate::session::{now, use_session, Session};
use leptos::prelude::*;
use senda_core::case::Case;
use senda_core::monitoring::csv::SMALLEST_SHOWN;
use senda_core::monitoring::month;
use senda_core::workflow::entry::WorkflowEntry;
use senda_core::workflow::handover::{Assignment, HandoverEvent};
use senda_core::workflow::review_case::queue_of;
use senda_core::workflow::team_monitoring::{
    member_label, team_case, team_indicators, to_csv, TeamIndicators, REVIEW_AGE_BANDS, UNASSIGNED,
    UNKNOWN_MEMBER,
};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The team's figures as the part shows them: the counts, each holder's name on screen, and
/// the CSV (made here, so the device ids never leave this function).
#[derive(Clone)]
struct TeamFigures {
    ind: TeamIndicators,
    /// Open cases per holder, by the holder's name on screen, largest first.
    workers: Vec<(String, usize)>,
    csv: String,
}

async fn team_figures(
    session: Session,
    i18n: I18n,
    cases: Vec<Case>,
    content: Arc<GuideContent>,
) -> Result<TeamFigures, &'static str> {
    let (Some(view), Some(check)) =
        (TeamView::load(&session).await, team_check(session, &cases).await)
    else {
        return Err("monitoring.team.no_list");
    };
    let (today, at) = (now().date_naive(), now().timestamp());
    let timelines = crate::timelines_store::load();
    let derived: Vec<_> = cases
        .iter()
        .map(|case| {
            let events: Vec<HandoverEvent> =
                WorkflowEntry::handovers(&case.workflow()).cloned().collect();
            let id = case.id().to_string();
            let a = Assignment::from_events(&id, &events, &check.roster, &check.checked);
            team_case(case, &a, &content.procedure, &timelines, today)
        })
        .collect();
    let queue = queue_of(&cases, &check.roster, &check.checked, at);
    let ind = team_indicators(&derived, &queue);
    let csv = to_csv(&ind, |device| {
        view.member(device)
            .map_or_else(|| UNKNOWN_MEMBER.to_owned(), |m| member_label(m.role, &m.fingerprint))
    });
    let mut workers: Vec<(String, usize)> = ind
        .open_per_worker
        .iter()
        .map(|(device, n)| {
            let name = if device == UNASSIGNED {
                i18n.tr("monitoring.team.unassigned")
            } else {
                who(i18n, &view, device)
            };
            (name, *n)
        })
        .collect();
    workers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(TeamFigures { ind, workers, csv })
}

/// The part, computed once from the cases the screen decrypted.
#[component]
pub fn TeamPart(cases: Vec<Case>, content: Arc<GuideContent>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let figures = RwSignal::new(None::<Result<TeamFigures, &'static str>>);
    leptos::task::spawn_local(async move {
        let result = team_figures(session, i18n, cases, content).await;
        let _ = figures.try_set(Some(result));
    });
    view! {
        <section class="card team-monitoring" data-monitoring="team" aria-labelledby="team-monitoring-title">
            <h2 id="team-monitoring-title">{i18n.t("monitoring.team.title")}</h2>
            <p class="hint">{i18n.t("monitoring.team.lead")}</p>
            {move || match figures.get() {
                None => view! { <p class="loading">{i18n.t("monitoring.loading")}</p> }.into_any(),
                Some(Err(key)) => view! { <p class="notice" role="note">{i18n.t(key)}</p> }.into_any(),
                Some(Ok(f)) => view! { <TeamFiguresView f /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn TeamFiguresView(f: TeamFigures) -> impl IntoView {
    let i18n = use_i18n();
    let ind = f.ind;
    let referred = ind.days_to_first_referral.len();
    let median = match ind.median_days_to_first_referral() {
        Some(d) if referred >= SMALLEST_SHOWN => d.to_string(),
        _ => "—".to_owned(),
    };
    let median_hint = (referred < SMALLEST_SHOWN).then(|| {
        i18n.tr_with(
            "monitoring.team.median_needs",
            &[("n", &SMALLEST_SHOWN.to_string()), ("referred", &referred.to_string())],
        )
    });
    let oldest = ind.oldest_review_days.map_or_else(|| "—".to_owned(), |d| d.to_string());
    let headline = [
        ("open", "monitoring.team.open", ind.open.to_string()),
        ("reviews_waiting", "monitoring.team.reviews_waiting", ind.reviews_waiting.to_string()),
        ("oldest_review_days", "monitoring.team.oldest_review", oldest),
        ("follow_ups_overdue", "monitoring.team.overdue", ind.follow_ups_overdue.to_string()),
        ("cases_referred", "monitoring.team.referred", referred.to_string()),
        ("median_days_to_first_referral", "monitoring.team.median", median),
    ];
    let bands: BTreeMap<&str, usize> = ind.reviews_by_age.clone();
    let csv = f.csv;
    let export_error = RwSignal::new(false);
    let export = click(move || {
        let name = format!("senda-equipo-{}.csv", month(now().date_naive()));
        export_error.set(offer_download(csv.as_bytes(), &name, "text/csv").is_err());
    });
    let workers = f.workers;
    view! {
        <dl class="figures">
            {headline.into_iter().map(|(id, key, value)| view! {
                <div class="figure" data-team-figure=id><dt>{i18n.t(key)}</dt><dd>{value}</dd></div>
            }).collect_view()}
        </dl>
        {median_hint.map(|h| view! { <p class="hint">{h}</p> })}
        <table class="counts team-workers">
            <caption>{i18n.t("monitoring.team.per_worker")}</caption>
            <thead><tr><th scope="col">{i18n.t("monitoring.team.worker")}</th><th scope="col">{i18n.t("monitoring.team.open_cases")}</th></tr></thead>
            <tbody>
                {workers.is_empty().then(|| view! { <tr><td colspan="2">{i18n.t("monitoring.team.no_open")}</td></tr> })}
                {workers.into_iter().map(|(name, n)| view! {
                    <tr><th scope="row">{name}</th><td>{n}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        <table class="counts team-reviews">
            <caption>{i18n.t("monitoring.team.by_age")}</caption>
            <thead><tr><th scope="col">{i18n.t("monitoring.team.waiting_for")}</th><th scope="col">{i18n.t("monitoring.team.reviews")}</th></tr></thead>
            <tbody>
                {REVIEW_AGE_BANDS.iter().map(|(band, _)| {
                    let n = bands.get(band).copied().unwrap_or(0);
                    view! { <tr data-category=*band><th scope="row">{i18n.tr(&format!("monitoring.team.band.{band}"))}</th><td>{n}</td></tr> }
                }).collect_view()}
            </tbody>
        </table>
        <h3>{i18n.t("monitoring.team.export")}</h3>
        <p class="hint">{i18n.t("monitoring.team.export_hint")}</p>
        <button class="button primary" type="button" on:click=export>{i18n.t("monitoring.team.export_button")}</button>
        <p class="form-error" role="alert" hidden=move || !export_error.get()>{i18n.t("monitoring.export_failed")}</p>
    }
}
