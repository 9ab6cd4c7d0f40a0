//! Settings for child mode: how long without a touch before the child screens go back to their
//! start (kept with the child-mode flag, not personal).

use crate::child_mode::use_child_mode;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// The idle times offered, in minutes (all within `senda_core::child::mode::IDLE_MINUTES_RANGE`).
const CHOICES: [u32; 7] = [1, 2, 3, 5, 10, 15, 30];

#[component]
pub fn ChildModeSettings() -> impl IntoView {
    let i18n = use_i18n();
    let child_mode = use_child_mode();
    view! {
        <section class="card">
            <h2>{i18n.t("child.settings.title")}</h2>
            <label class="field" data-phone-state="">
                <span>{i18n.t("child.settings.idle")}</span>
                <select
                    name="child-idle"
                    prop:value=move || child_mode.idle_minutes.get().to_string()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                            child_mode.set_idle_minutes(n);
                        }
                    }
                >
                    {CHOICES.into_iter().map(|n| view! {
                        <option value=n.to_string()>{move || i18n.tr_with("child.settings.minutes", &[("n", &n.to_string())])}</option>
                    }).collect_view()}
                </select>
                <small class="hint">{i18n.t("child.settings.idle_hint")}</small>
            </label>
        </section>
    }
}
