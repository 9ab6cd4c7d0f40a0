//! "My cases" on the case list of a phone in a team: every case's assignment read from its
//! checked workflow log, and the ids this phone holds or is offered (core `my_cases`).

use super::team_view::TeamView;
use crate::i18n::use_i18n;
use crate::session::{use_session, Session};
use leptos::prelude::*;
use senda_core::case::Case;
use senda_core::workflow::handover::{my_cases, Assignment, MyCases};

/// Every case on this phone with its assignment, and the team view they were read with.
pub async fn all_assignments(session: &Session) -> Option<(TeamView, Vec<(Case, Assignment)>)> {
    let team = TeamView::load(session).await?;
    let ids: Vec<String> =
        session.summaries().with_untracked(|s| s.iter().map(|c| c.id.to_string()).collect());
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Ok(Some(case)) = session.load_case(&id).await {
            let a = team.assignment(&case).await;
            out.push((case, a));
        }
    }
    Some((team, out))
}

/// The chip of a case in "my cases": offered to this phone, or offered by it and not answered.
pub fn chip_key(mine: &MyCases, id: &str) -> Option<&'static str> {
    if mine.offered_to_me.iter().any(|c| c == id) {
        Some("handover.mine.chip_offered")
    } else if mine.offered_by_me.iter().any(|c| c == id) {
        Some("handover.mine.chip_waiting")
    } else {
        None
    }
}

/// Whether case `id` is in "my cases": held by this phone or offered to it.
pub fn is_mine(mine: &MyCases, id: &str) -> bool {
    mine.holding.iter().chain(&mine.offered_to_me).any(|c| c == id)
}

/// The "my cases" switch of the case list (a phone in a team only). While on, `mine` holds the
/// cases this phone holds or is offered, read again whenever the list changes (a sync).
#[component]
pub fn MyCasesToggle(on: RwSignal<bool>, mine: RwSignal<Option<MyCases>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let base = expect_context::<crate::base_path::BasePath>();
    Effect::new(move |_| {
        session.summaries().track();
        if !on.get() {
            mine.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            let found = all_assignments(&session)
                .await
                .map(|(team, cases)| my_cases(&team.me, cases.iter().map(|(_, a)| a)));
            let _ = mine.try_set(Some(found.unwrap_or_default()));
        });
    });
    view! {
        <Show when=move || session.in_team().get()>
            <a class="button quiet wide shift-link" href=base.href("/cases/shift")>{i18n.t("handover.shift.link")}</a>
            <label class="choice my-cases-toggle">
                <input type="checkbox" bind:checked=on />
                <span>{i18n.t("handover.mine.toggle")}</span>
            </label>
            {move || mine.get().filter(|m| on.get() && !m.offered_to_me.is_empty()).map(|m| view! {
                <p class="notice" role="status" data-handover="offered-count">
                    {i18n.tr_with("handover.mine.offered", &[("n", &m.offered_to_me.len().to_string())])}
                </p>
            })}
        </Show>
    }
}
