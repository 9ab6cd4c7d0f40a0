//! A case deleted on one phone and edited on another, opened from the conflicts list: what was
//! changed, and a person's choice for the whole case: keep the changes or confirm the deletion.

use super::shared::SharedCases;
use crate::i18n::use_i18n;
use crate::session::use_session;
use crate::sync::team_cases::{DeletionView, SyncStatus};
use leptos::prelude::*;

fn section_key(section: &str) -> String {
    match section {
        "workflow" => "sync.deletion.workflow".to_owned(),
        other => format!("team.section.{other}"),
    }
}

#[component]
pub fn DeletionChoice(
    view: DeletionView,
    cases: StoredValue<SharedCases, LocalStorage>,
    status: RwSignal<SyncStatus>,
    open: RwSignal<Option<DeletionView>>,
    error: RwSignal<Option<String>>,
    note: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let working = RwSignal::new(false);
    let case = StoredValue::new(view.case.clone());
    let edited =
        view.edited.iter().map(|s| i18n.tr(&section_key(s))).collect::<Vec<_>>().join(", ");
    let decide = move |keep_edit: bool| {
        working.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let shared = cases.get_value();
            let mut slot = shared.lock().await;
            let Some(team) = slot.as_mut() else { return };
            match session.resolve_deletion(team, &case.get_value(), keep_edit).await {
                Ok(()) => {
                    open.set(None);
                    let key =
                        if keep_edit { "sync.deletion.kept" } else { "sync.deletion.deleted" };
                    note.set(Some(i18n.tr(key)));
                    status.update(|s| s.conflicts = team.conflicts());
                    status.update(|s| s.waiting_to_go_up = team.status().waiting_to_go_up);
                }
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            working.set(false);
        });
    };
    view! {
        <div class="conflict-compare deletion-choice" data-team="deletion">
            <p>{i18n.t("sync.deletion.explain")}</p>
            {(!edited.is_empty()).then(|| view! {
                <p><strong>{i18n.t("sync.deletion.edited")} ": "</strong>{edited}</p>
            })}
            <p class="hint">{i18n.t("sync.deletion.unsure")}</p>
            <button class="button primary wide" type="button" disabled=move || working.get()
                on:click=move |_| decide(true)>
                {i18n.t("sync.deletion.keep")}
            </button>
            <p class="hint">{i18n.t("sync.deletion.confirm_hint")}</p>
            <button class="button danger wide" type="button" disabled=move || working.get()
                on:click=move |_| decide(false)>
                {i18n.t("sync.deletion.confirm")}
            </button>
        </div>
    }
}
