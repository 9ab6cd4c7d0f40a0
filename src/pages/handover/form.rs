//! The "hand over" form: the teammate from the trusted member list and the note's parts as
//! `HandoverNote` defines them (what is pending, the next deadlines, what the child was told).

use super::team_view::Teammate;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use senda_core::workflow::handover::HandoverNote;
use senda_core::workflow::handover_input::{note_from_typed, NoteProblem};

/// One deadline row as typed.
#[derive(Clone, Copy)]
struct Row {
    what: RwSignal<String>,
    due: RwSignal<String>,
}

impl Row {
    fn new() -> Row {
        Row { what: RwSignal::new(String::new()), due: RwSignal::new(String::new()) }
    }
}

/// The form; `on_send` gets the receiver's device and the note once both are complete.
#[component]
pub fn HandoverForm(
    receivers: Vec<(Teammate, String)>,
    on_send: Callback<(String, HandoverNote)>,
    on_cancel: Callback<()>,
    busy: ReadSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let to = RwSignal::new(String::new());
    let pending = RwSignal::new(String::new());
    let told = RwSignal::new(String::new());
    let rows = RwSignal::new(vec![Row::new()]);
    let error = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let receiver = to.get_untracked();
        if receiver.is_empty() {
            error.set(Some("handover.error.receiver"));
            return;
        }
        let typed: Vec<(String, String)> = rows
            .get_untracked()
            .iter()
            .map(|r| (r.what.get_untracked(), r.due.get_untracked()))
            .collect();
        match note_from_typed(&pending.get_untracked(), &typed, &told.get_untracked()) {
            Ok(note) => on_send.run((receiver, note)),
            Err(NoteProblem::DeadlineRow) => error.set(Some("handover.error.deadline_row")),
            Err(NoteProblem::ChildTold) => error.set(Some("handover.error.child_told")),
        }
    };
    view! {
        <form class="handover-form" on:submit=submit novalidate>
            <h3>{i18n.t("handover.form.title")}</h3>
            <label class="field">
                <span>{i18n.t("handover.form.to")}</span>
                <select name="to" on:change=move |ev| to.set(event_target_value(&ev)) prop:value=move || to.get()>
                    <option value="">{i18n.t("handover.form.choose")}</option>
                    {receivers.into_iter().map(|(m, label)| view! { <option value=m.device>{label}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{i18n.t("handover.form.pending")}</span>
                <textarea rows="3" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" bind:value=pending></textarea>
                <small class="hint">{i18n.t("handover.form.pending_hint")}</small>
            </label>
            <fieldset class="handover-deadlines">
                <legend>{i18n.t("handover.form.deadlines")}</legend>
                <For each=move || rows.get().into_iter().enumerate() key=|(i, _)| *i let:item>
                    <div class="deadline-row">
                        <label class="field">
                            <span>{move || i18n.tr_with("handover.form.deadline_what", &[("n", &(item.0 + 1).to_string())])}</span>
                            <input type="text" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" bind:value=item.1.what />
                        </label>
                        <label class="field compact">
                            <span>{move || i18n.tr_with("handover.form.deadline_due", &[("n", &(item.0 + 1).to_string())])}</span>
                            <input type="date" bind:value=item.1.due />
                        </label>
                    </div>
                </For>
                <button class="button quiet" type="button" on:click=move |_| rows.update(|r| r.push(Row::new()))>
                    {i18n.t("handover.form.add_deadline")}
                </button>
            </fieldset>
            <label class="field">
                <span>{i18n.t("handover.form.child_told")}</span>
                <textarea rows="3" translate="no" spellcheck="false" required aria-required="true" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" bind:value=told></textarea>
                <small class="hint">{i18n.t("handover.form.child_told_hint")}</small>
            </label>
            {move || error.get().map(|key| view! { <p class="notice" role="alert">{i18n.t(key)}</p> })}
            <button class="button primary wide" type="submit" disabled=move || busy.get()>{i18n.t("handover.form.send")}</button>
            <button class="button quiet wide" type="button" on:click=move |_| on_cancel.run(())>{i18n.t("handover.form.cancel")}</button>
        </form>
    }
}
