//! One checklist item of a case's procedure, the same component for every kind: its guidance
//! (why, never, sources folded), the control its kind asks for — tick, choose, type or give a
//! date — and "not applicable" with a reason. Each change is recorded through the case editor.
//!
//! The markup is built once per item and only attributes and texts follow the case: a view
//! rebuilt on every change would cost the phone kilobytes of rendering code and close the
//! worker's open folds.

use crate::case_editor::CaseEditor;
use crate::components::erased::{change, click, dyn_flag, dyn_text, Click};
use crate::components::guidance::guidance_body;
use crate::content::GuideContent;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use senda_core::case::{Answer, ItemId, ItemState};
use senda_core::dates::parse_iso_date;
use senda_core::procedure::progress::Progress;
use senda_core::procedure::{date_answer, ItemKind, ItemProgress};
use std::sync::Arc;

#[component]
pub fn ProcedureItem(
    editor: CaseEditor,
    content: Arc<GuideContent>,
    id: String,
    progress: Memo<Progress>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(placed) = content.procedure.item(&id) else { return ().into_any() };
    let item = placed.item;
    let labels = content.texts.items.get(&id).map(|t| t.options.clone()).unwrap_or_default();
    let guidance = guidance_body(&content, item, i18n);

    let item_id = ItemId::new(id.clone());
    // Read straight from the case and the engine's answer: a memo per item would cost more code
    // than the lookups it saves.
    let key = StoredValue::new(id.clone());
    let state = move || {
        key.with_value(|k| {
            editor.case.with(|c| c.procedure().items.get(&ItemId::new(k.clone())).cloned())
        })
    };
    let status = move || key.with_value(|k| progress.with(|p| p.item(k)));
    // Records a state (its time is set when it is recorded) or, with `None`, clears the item.
    let record = move |new: Option<ItemState>| {
        let item_id = item_id.clone();
        editor.change(move |c, now, by| match new {
            Some(new) => c.record_item(item_id, stamped(new, now), now, by),
            None => {
                c.clear_item(&item_id, now, by);
            }
        });
    };
    let answered = |value: Answer| Some(ItemState::Answered { value, at: Default::default() });
    let set_aside = move || matches!(state(), Some(ItemState::NotApplicable { .. }));
    let answer_text = move || match state() {
        Some(ItemState::Answered { value: Answer::Text(t), .. }) => t,
        Some(ItemState::Answered { value: Answer::Choice(c), .. }) => c,
        Some(ItemState::Answered { value: Answer::YesNo(yes), .. }) => {
            if yes { "yes" } else { "no" }.to_owned()
        }
        _ => String::new(),
    };
    let clear_button = |record: Click| {
        view! {
            <button class="button quiet" type="button" hidden=dyn_flag(move || answer_text().is_empty()) on:click=record>
                {i18n.tr("procedure.clear")}
            </button>
        }
    };

    let record_change = record.clone();
    let control = match item.kind {
        ItemKind::Check => view! {
            <label class="choice">
                <input type="checkbox" prop:checked=dyn_flag(move || matches!(state(), Some(ItemState::Done { .. })))
                    on:change=change(move |ev| record_change(event_target_checked(&ev).then(|| ItemState::Done { at: Default::default() }))) />
                <span>{i18n.tr("procedure.done")}</span>
            </label>
        }
        .into_any(),
        ItemKind::Question => {
            let name = format!("item-{}", id.replace('.', "-"));
            let choices = item
                .options
                .iter()
                .map(|option| {
                    let label = labels.get(option).cloned().unwrap_or_else(|| option.clone());
                    let (value, chosen) = (option.clone(), option.clone());
                    let record = record.clone();
                    view! {
                        <label class="choice">
                            <input type="radio" name=name.clone() prop:checked=dyn_flag(move || answer_text() == chosen)
                                on:change=change(move |_| record(answered(Answer::Choice(value.clone())))) />
                            <span>{label}</span>
                        </label>
                    }
                })
                .collect_view();
            let clear = record.clone();
            view! {
                <fieldset class="choice-group">
                    <legend class="visually-hidden">{i18n.tr("procedure.answer")}</legend>
                    {choices}
                </fieldset>
                {clear_button(click(move || clear(None)))}
            }
            .into_any()
        }
        ItemKind::Text => {
            let draft = RwSignal::new(answer_text());
            let save = move || {
                let text = draft.get_untracked().trim().to_owned();
                record_change(if text.is_empty() { None } else { answered(Answer::Text(text)) });
            };
            let save_on_change = save.clone();
            view! {
                <label class="field">
                    <span>{i18n.tr("procedure.answer")}</span>
                    <textarea translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" rows="3" bind:value=draft on:change=change(move |_| save_on_change())></textarea>
                </label>
                <button class="button quiet" type="button" on:click=click(save)>{i18n.tr("procedure.answer_save")}</button>
            }
            .into_any()
        }
        ItemKind::Date => view! {
            <label class="field">
                <span>{i18n.tr("procedure.answer")}</span>
                <input type="date" prop:value=dyn_text(answer_text) on:change=change(move |ev| {
                    record_change(parse_iso_date(&event_target_value(&ev)).and_then(|d| answered(date_answer(d))))
                }) />
            </label>
        }
        .into_any(),
    };

    // Not applicable: a reason is asked for, shown once given, and can be undone.
    let asking = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let given_reason = dyn_text(move || match state() {
        Some(ItemState::NotApplicable { reason, .. }) => {
            i18n.tr_with("procedure.not_applicable_because", &[("reason", &reason)])
        }
        _ => String::new(),
    });
    let undo = record.clone();
    let confirm = record.clone();
    let confirm = click(move || {
        let why = reason.get_untracked().trim().to_owned();
        if !why.is_empty() {
            confirm(Some(ItemState::NotApplicable { reason: why, at: Default::default() }));
            asking.set(false);
            reason.set(String::new());
        }
    });

    let status_key = move || match status() {
        ItemProgress::Open => ("open", "procedure.status.open"),
        ItemProgress::Done => ("done", "procedure.status.done"),
        ItemProgress::Answered => ("answered", "procedure.status.answered"),
        ItemProgress::NotApplicable => ("not-applicable", "procedure.status.not_applicable"),
        ItemProgress::NeedsAttention => ("needs-attention", "procedure.status.needs_attention"),
    };
    view! {
        <li class="guidance procedure-item" data-item=id data-progress=dyn_text(move || status_key().0.to_owned())>
            <p class="item-status"><span class="chip status-chip">{dyn_text(move || i18n.tr(status_key().1))}</span></p>
            {guidance}
            <div class="item-controls">
                <p class="form-error" hidden=dyn_flag(move || status() != ItemProgress::NeedsAttention)>
                    {i18n.tr("procedure.needs_attention")}
                </p>
                <div class="kind-control" hidden=dyn_flag(set_aside)>{control}</div>
                <p class="na-reason" hidden=dyn_flag(move || !set_aside())>{given_reason}</p>
                <button class="button quiet" type="button" hidden=dyn_flag(move || !set_aside()) on:click=click(move || undo(None))>
                    {i18n.tr("procedure.undo")}
                </button>
                <button class="button quiet na-open" type="button" hidden=dyn_flag(move || set_aside() || asking.get())
                    on:click=click(move || asking.set(true))>
                    {i18n.tr("procedure.not_applicable")}
                </button>
                <div class="na-form" hidden=dyn_flag(move || set_aside() || !asking.get())>
                    <label class="field">
                        <span>{i18n.tr("procedure.not_applicable_reason")}</span>
                        <input translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" type="text" bind:value=reason />
                    </label>
                    <div class="actions">
                        <button class="button primary" type="button" disabled=dyn_flag(move || reason.with(|r| r.trim().is_empty())) on:click=confirm>
                            {i18n.tr("procedure.not_applicable_confirm")}
                        </button>
                        <button class="button quiet" type="button" on:click=click(move || asking.set(false))>{i18n.tr("procedure.cancel")}</button>
                    </div>
                </div>
            </div>
        </li>
    }
    .into_any()
}

/// The state with the time of recording (controls build it before the time is known).
fn stamped(state: ItemState, now: chrono::DateTime<chrono::Utc>) -> ItemState {
    match state {
        ItemState::Done { .. } => ItemState::Done { at: now },
        ItemState::Answered { value, .. } => ItemState::Answered { value, at: now },
        ItemState::NotApplicable { reason, .. } => ItemState::NotApplicable { reason, at: now },
    }
}
