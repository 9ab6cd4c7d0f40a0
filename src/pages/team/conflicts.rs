//! The conflicts list: each conflicted section of a case, and on opening one, the two versions
//! side by side field by field with a choice for each field both phones changed. The values not
//! chosen are kept, encrypted, in the case's history. A case deleted on one phone and edited on
//! another is one entry, settled as a whole (`super::deletion`).

use super::deletion::DeletionChoice;
use super::shared::SharedCases;
use crate::components::vault_gate::FormError;
use crate::i18n::use_i18n;
use crate::session::use_session;
use crate::sync::team_cases::{ConflictRef, ConflictView, DeletionView, SyncStatus};
use leptos::prelude::*;
use senda_core::sync::case_deletion::DELETION;
use senda_core::sync::merge::Side;
use std::collections::BTreeMap;

fn shown(value: &Option<serde_json::Value>) -> String {
    match value {
        None => "—".to_owned(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[component]
pub fn ConflictsList(
    cases: StoredValue<SharedCases, LocalStorage>,
    status: RwSignal<SyncStatus>,
    device: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let open: RwSignal<Option<ConflictView>> = RwSignal::new(None);
    let choices: RwSignal<BTreeMap<String, Side>> = RwSignal::new(BTreeMap::new());
    let error = RwSignal::new(None::<String>);
    let deletion: RwSignal<Option<DeletionView>> = RwSignal::new(None);
    let note = RwSignal::new(None::<String>);
    let device = StoredValue::new(device);
    // The case's label on this phone, or `unknown` (a deleted case may no longer be here).
    let label_or = move |case: &str, unknown: &str| {
        session
            .summaries()
            .get()
            .iter()
            .find(|s| s.id.to_string() == case)
            .map(|s| s.label.clone())
            .unwrap_or_else(|| i18n.tr(unknown))
    };
    let compare = move |conflict: ConflictRef| {
        error.set(None);
        note.set(None);
        leptos::task::spawn_local(async move {
            let shared = cases.get_value();
            let mut slot = shared.lock().await;
            let Some(team) = slot.as_mut() else { return };
            if conflict.section == DELETION {
                open.set(None);
                match team.deletion_view(&conflict.case).await {
                    Ok(view) => deletion.set(Some(view)),
                    Err(e) => error.set(Some(i18n.tr(e.message_key()))),
                }
                return;
            }
            deletion.set(None);
            match team.compare(&conflict).await {
                Ok(view) => {
                    choices.set(BTreeMap::new());
                    open.set(Some(view));
                }
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
        });
    };
    let settle = move |_| {
        let Some(view) = open.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            let shared = cases.get_value();
            let mut slot = shared.lock().await;
            let Some(team) = slot.as_mut() else { return };
            let chosen = choices.get_untracked();
            match session.resolve_conflict(team, &view, &chosen, &device.get_value()).await {
                Ok(()) => {
                    open.set(None);
                    status.update(|s| s.conflicts = team.conflicts());
                    status.update(|s| s.waiting_to_go_up = team.status().waiting_to_go_up);
                }
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
        });
    };
    view! {
        <section class="card team-conflicts" aria-labelledby="team-conflicts-title">
            <h2 id="team-conflicts-title">{i18n.t("team.conflicts.title")}</h2>
            <FormError error=error />
            {move || note.get().map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
            {move || {
                let list = status.get().conflicts;
                if list.is_empty() {
                    return view! { <p class="hint">{i18n.t("team.conflicts.none")}</p> }.into_any();
                }
                // "Both versions are kept" is said of section conflicts; a deletion conflict's
                // choice says what it keeps (`super::deletion`).
                let kept_note = list
                    .iter()
                    .any(|c| c.section != DELETION)
                    .then(|| view! { <p class="hint">{i18n.t("team.conflicts.kept")}</p> });
                view! {
                    <ul class="conflict-list">
                        {list
                            .into_iter()
                            .map(|c| {
                                let text = if c.section == DELETION {
                                    i18n.tr_with("sync.deletion.item", &[("case", &label_or(&c.case, "sync.deletion.a_case"))])
                                } else {
                                    let section = i18n.tr(&format!("team.section.{}", c.section));
                                    i18n.tr_with(
                                        "team.conflicts.item",
                                        &[("case", &label_or(&c.case, "team.conflicts.unknown_case")), ("section", &section)],
                                    )
                                };
                                let button = if c.section == DELETION {
                                    "sync.deletion.decide"
                                } else {
                                    "team.conflicts.compare"
                                };
                                let conflict = c.clone();
                                view! {
                                    <li>
                                        <span>{text}</span>
                                        <button class="button" type="button" on:click=move |_| compare(conflict.clone())>
                                            {i18n.t(button)}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    {kept_note}
                }
                .into_any()
            }}
            {move || deletion.get().map(|view| {
                let label = view.label.clone();
                view! {
                    {label.map(|l| view! { <h3>{l}</h3> })}
                    <DeletionChoice view cases status open=deletion error note />
                }
            })}
            {move || open.get().map(|view| {
                let fields = view.comparison.conflicts.clone();
                let merged_note = (!view.comparison.changed_by_theirs.is_empty()
                    || !view.comparison.changed_by_ours.is_empty())
                    .then(|| view! { <p class="hint">{i18n.t("team.conflicts.merged")}</p> });
                view! {
                    <div class="conflict-compare">
                        {merged_note}
                        {fields
                            .into_iter()
                            .map(|f| {
                                let pointer = f.pointer.clone();
                                let (p1, p2) = (pointer.clone(), pointer.clone());
                                let name = format!("choice{}", pointer.replace('/', "-"));
                                view! {
                                    <fieldset class="choice-group conflict-field">
                                        <legend><code>{pointer.clone()}</code></legend>
                                        <label class="choice">
                                            <input type="radio" name=name.clone()
                                                on:change=move |_| choices.update(|c| { c.insert(p1.clone(), Side::Ours); }) />
                                            <span>{i18n.t("team.conflicts.this_phone")} ": " {shown(&f.ours)}</span>
                                        </label>
                                        <label class="choice">
                                            <input type="radio" name=name
                                                on:change=move |_| choices.update(|c| { c.insert(p2.clone(), Side::Theirs); }) />
                                            <span>{i18n.t("team.conflicts.other_phone")} ": " {shown(&f.theirs)}</span>
                                        </label>
                                    </fieldset>
                                }
                            })
                            .collect_view()}
                        <button class="button primary wide" type="button" on:click=settle>
                            {i18n.t("team.conflicts.settle")}
                        </button>
                    </div>
                }
            })}
        </section>
    }
}
