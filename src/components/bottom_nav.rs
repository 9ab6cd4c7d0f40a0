//! The main sections as a bottom bar within thumb reach; `<A>` marks the current one with
//! `aria-current="page"`.

use crate::base_path::BasePath;
use crate::components::icons::{Icon, SvgIcon};
use crate::components::role_gate::shows_cases_entry;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::components::A;

/// The sections of the app, in the order of the bar: path, label key, icon.
pub const SECTIONS: [(&str, &str, Icon); 5] = [
    ("/cases", "nav.cases", Icon::Cases),
    ("/guide", "nav.guide", Icon::Guide),
    ("/children", "nav.children", Icon::Children),
    ("/reference", "nav.reference", Icon::Reference),
    ("/settings", "nav.settings", Icon::Settings),
];

#[component]
pub fn BottomNav() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    // A volunteer's phone in a team has no Cases entry (first contact only).
    let cases = shows_cases_entry();
    view! {
        <nav class="bottom-nav" aria-label=i18n.t("a11y.main_nav")>
            <ul>
                {SECTIONS
                    .into_iter()
                    .map(|(path, key, icon)| {
                        view! {
                            <li hidden=move || path == "/cases" && !cases.get()>
                                <A href=base.href(path)>
                                    <SvgIcon icon=icon />
                                    <span>{i18n.t(key)}</span>
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
