//! The For-children section. For staff: start child mode in one tap (the cases lock), the public
//! link that opens it directly, and the child screens themselves to read along. In child mode
//! the same address shows only the child screens.

pub mod exit;
pub mod screens;

use crate::base_path::BasePath;
use crate::child_mode::use_child_mode;
use crate::components::area_page::AreaPage;
use crate::i18n::use_i18n;
use crate::pages::children::exit::ChildModeExit;
use crate::pages::children::screens::ChildScreens;
use crate::session::{use_session, Gate};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

#[component]
pub fn ChildrenPage() -> impl IntoView {
    let child_mode = use_child_mode();
    move || {
        if child_mode.on.get() {
            view! { <ChildModeScreens /> }.into_any()
        } else {
            view! { <StaffChildrenPage /> }.into_any()
        }
    }
}

/// What a child sees in child mode: the child screens and, apart, the staff's way out.
#[component]
pub fn ChildModeScreens() -> impl IntoView {
    view! {
        <div class="child-mode">
            <ChildScreens />
            <ChildModeExit />
        </div>
    }
}

#[component]
fn StaffChildrenPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let child_mode = use_child_mode();
    let base = expect_context::<BasePath>();
    let navigate = StoredValue::new_local(use_navigate());
    // The full address, to share or bookmark (shown as text: a tap on it would start child mode).
    let child_link =
        format!("{}{}", window().location().origin().unwrap_or_default(), base.href("/child"));
    let start = move |_| {
        child_mode.enter();
        navigate.with_value(|n| {
            n(&base.href("/child"), NavigateOptions { resolve: false, ..Default::default() })
        });
    };
    let protected =
        move || matches!(session.gate().get(), Gate::Locked(_) | Gate::Newer | Gate::Unlocked);
    view! {
        <AreaPage title="nav.children" lead="children.lead">
            <section class="card child-mode-card">
                <h2>{i18n.t("child.mode.title")}</h2>
                <p>{i18n.t("child.mode.hint")}</p>
                {move || (!protected()).then(|| view! { <p class="notice subtle">{i18n.t("child.mode.no_vault")}</p> })}
                <button class="button primary wide" type="button" on:click=start>{i18n.t("child.mode.start")}</button>
                <p class="hint">{i18n.t("child.mode.link")} " " <code class="child-link">{child_link}</code></p>
            </section>
            <h2 class="child-preview-title">{i18n.t("child.preview")}</h2>
            <div class="child-preview">
                <ChildScreens embedded=true />
            </div>
        </AreaPage>
    }
}
