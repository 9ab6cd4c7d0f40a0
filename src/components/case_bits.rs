//! Small pieces the case screens share: the risk chip, and the bar with lock and quick exit.

use crate::i18n::use_i18n;
use crate::session::use_session;
use leptos::prelude::*;
use senda_core::case::RiskLevel;
use senda_core::vocabularies::Vocabulary;

/// The risk level as a coloured chip with its words (colour is never the only sign).
#[component]
pub fn RiskChip(risk: Option<RiskLevel>) -> impl IntoView {
    let i18n = use_i18n();
    let class = match risk {
        Some(RiskLevel::High) => "chip risk-high",
        Some(RiskLevel::Medium) => "chip risk-medium",
        Some(RiskLevel::Low) => "chip risk-low",
        None => "chip",
    };
    let key = risk.map_or("risk.none", Vocabulary::name_key);
    view! { <span class=class>{i18n.t(key)}</span> }
}

/// Lock now, or quick exit: lock and cover the screen with a neutral page.
#[component]
pub fn SessionBar() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <div class="session-bar">
            <button class="button quiet" type="button" on:click=move |_| session.lock(None)>
                {i18n.t("vault.lock")}
            </button>
            <button class="button danger" type="button" on:click=move |_| session.quick_exit()>
                {i18n.t("vault.quick_exit")}
            </button>
        </div>
    }
}
