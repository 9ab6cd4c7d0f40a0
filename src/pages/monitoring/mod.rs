//! Monitoring: the anonymous indicators of the cases on this phone, computed by the core, shown
//! as figures and tables, and exported as a CSV with no personal data and small counts hidden;
//! on a coordinator's phone in a team, the team's own figures too (`team`).

pub mod team;

use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::case_bits::SessionBar;
use crate::components::erased::{click, dyn_view};
use crate::components::role_gate::CaseAccessGate;
use crate::components::vault_gate::VaultGate;
use crate::content::use_guide_content;
use crate::download::offer_download;
use crate::i18n::{use_i18n, I18n};
use crate::pages::team_work::team_part;
use crate::session::{now, use_session};
use leptos::prelude::*;
use senda_core::monitoring::{csv::to_csv, indicators, month, Counts, Indicators};
use senda_core::procedure::flags::flag_vocabulary;
use senda_core::vocabulary::Country;
use senda_core::workflow::permission::Action;

#[component]
pub fn MonitoringPage() -> impl IntoView {
    use_page_title("monitoring.title");
    view! {
        <article class="area monitoring">
            <VaultGate>
                <SessionBar />
                <CaseAccessGate><Monitoring /></CaseAccessGate>
            </VaultGate>
        </article>
    }
}

#[component]
fn Monitoring() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let session = use_session();
    let content = use_guide_content();
    // The decrypted cases live only as long as this screen; only counts are kept.
    let loaded = RwSignal::new(None::<Result<Vec<senda_core::case::Case>, &'static str>>);
    leptos::task::spawn_local(async move {
        let result =
            session.all_cases().await.map(|(cases, _damaged)| cases).map_err(|e| e.message_key());
        loaded.set(Some(result));
    });
    let figures = Memo::new(move |_| match (loaded.get(), content.get()) {
        (Some(Ok(cases)), Some(Ok(content))) => Some(Ok(indicators(
            &cases,
            &content.procedure,
            &crate::timelines_store::load(),
            now().date_naive(),
        ))),
        (Some(Err(key)), _) => Some(Err(key)),
        _ => None,
    });
    view! {
        <nav class="crumbs"><a href=base.href("/cases")>{i18n.t("monitoring.back")}</a></nav>
        <h1>{i18n.t("monitoring.title")}</h1>
        <p class="lead">{i18n.t("monitoring.lead")}</p>
        {dyn_view(move || match figures.get() {
            None => view! { <p class="loading">{i18n.t("monitoring.loading")}</p> }.into_any(),
            Some(Err(key)) => view! { <p class="notice" role="alert">{i18n.tr(key)}</p> }.into_any(),
            Some(Ok(ind)) => {
                // The team's part: a coordinator's phone in a team only.
                let team = (session.in_team().get() && session.may(Action::ViewTeamMonitoring))
                    .then(|| match (loaded.get_untracked(), content.get_untracked()) {
                        (Some(Ok(cases)), Some(Ok(content))) => {
                            Some(team_part(move |p| (p.team_monitoring)(cases.clone(), content.clone())))
                        }
                        _ => None,
                    })
                    .flatten();
                let titled = team.is_some();
                view! { {team} <Figures ind titled /> }.into_any()
            }
        })}
    }
}

#[component]
fn Figures(ind: Indicators, titled: bool) -> impl IntoView {
    // `titled`: under the team's part, the card says what it counts.
    let i18n = use_i18n();
    let locale = i18n.locale.get_untracked();
    let flag_name = move |id: &str| {
        flag_vocabulary()
            .ok()
            .and_then(|v| v.get(id))
            .map_or_else(|| id.to_owned(), |f| f.name.get(locale).to_owned())
    };
    let median = ind.median_days_to_referral().map_or_else(|| "—".to_owned(), |d| d.to_string());
    let no_referral = ind.days_to_referral.is_empty();
    let csv = to_csv(&ind);
    let export_error = RwSignal::new(false);
    let export = click(move || {
        let name = format!("senda-indicadores-{}.csv", month(now().date_naive()));
        export_error.set(offer_download(csv.as_bytes(), &name, "text/csv").is_err());
    });
    let headline = [
        ("monitoring.total", ind.total.to_string()),
        ("monitoring.open", ind.open.to_string()),
        ("monitoring.median_days", median),
        ("monitoring.overdue", ind.follow_ups_overdue.to_string()),
        ("monitoring.bids", ind.bids_done.to_string()),
    ];
    let period = ind.period.clone().map(|(first, last)| {
        i18n.tr_with("monitoring.period", &[("first", &first), ("last", &last)])
    });
    view! {
        <section class="card">
            {titled.then(|| view! { <h2>{i18n.t("monitoring.anonymous_title")}</h2> })}
            <dl class="figures">
                {headline.into_iter().map(|(key, value)| view! {
                    <div class="figure"><dt>{i18n.t(key)}</dt><dd>{value}</dd></div>
                }).collect_view()}
            </dl>
            {period.map(|p| view! { <p class="hint">{p}</p> })}
            {no_referral.then(|| view! { <p class="hint">"— " {i18n.t("monitoring.none_yet")}</p> })}
        </section>
        <section class="card">
            <h2>{i18n.t("monitoring.export")}</h2>
            <p class="hint">{i18n.t("monitoring.export_hint")}</p>
            <button class="button primary" type="button" on:click=export>{i18n.t("monitoring.export_button")}</button>
            <p class="form-error" role="alert" hidden=move || !export_error.get()>{i18n.t("monitoring.export_failed")}</p>
        </section>
        {table(i18n, "monitoring.by_flag", &ind.by_flag, flag_name)}
        {table(i18n, "monitoring.by_age_band", &ind.by_age_band, move |c| i18n.tr(&format!("monitoring.age.{c}")))}
        {table(i18n, "monitoring.by_sex", &ind.by_sex, move |c| if c == "not_recorded" { i18n.tr("case.sex.unset") } else { i18n.tr(&format!("case.sex.{c}")) })}
        {table(i18n, "monitoring.by_accompaniment", &ind.by_accompaniment, move |c| i18n.tr(&format!("case.accompaniment.{c}")))}
        {table(i18n, "monitoring.by_country", &ind.by_country, move |c| Country::from_code(c).map_or_else(|| i18n.tr("case.country.unset"), |k| i18n.tr(k.name_key())))}
        {table(i18n, "monitoring.by_risk", &ind.by_risk, move |c| if c == "not_screened" { i18n.tr("risk.none") } else { i18n.tr(&format!("risk.{c}")) })}
    }
}

/// One dimension as a two-column table, largest first; nothing when no case has a value.
fn table(
    i18n: I18n,
    title: &'static str,
    counts: &Counts,
    label: impl Fn(&str) -> String,
) -> impl IntoView {
    let mut rows: Vec<(&String, &usize)> = counts.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    (!rows.is_empty()).then(|| {
        let body = rows
            .into_iter()
            .map(|(code, n)| view! { <tr data-category=code.clone()><th scope="row">{label(code)}</th><td>{*n}</td></tr> })
            .collect_view();
        view! {
            <section class="card">
                <table class="counts">
                    <caption>{i18n.t(title)}</caption>
                    <thead><tr><th scope="col">{i18n.t("monitoring.category")}</th><th scope="col">{i18n.t("monitoring.cases")}</th></tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </section>
        }
    })
}
