//! Offers a waiting new version; it never switches under a worker in the middle of a case.

use crate::components::icons::{Icon, SvgIcon};
use crate::i18n::use_i18n;
use crate::pwa::Pwa;
use leptos::prelude::*;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let i18n = use_i18n();
    let pwa = expect_context::<Pwa>();
    let (dismissed, set_dismissed) = signal(false);
    view! {
        <Show when=move || pwa.update_waiting.get() && !dismissed.get()>
            <section class="update-banner" role="region" aria-live="polite" aria-label=i18n.t("update.ready")>
                <SvgIcon icon=Icon::Update />
                <div class="update-text">
                    <strong>{i18n.t("update.ready")}</strong>
                    <span>{i18n.t("update.hint")}</span>
                </div>
                <div class="update-actions">
                    <button class="button primary" on:click=|_| Pwa::apply_update()>
                        {i18n.t("update.now")}
                    </button>
                    <button class="button quiet" on:click=move |_| set_dismissed.set(true)>
                        {i18n.t("update.later")}
                    </button>
                </div>
            </section>
        </Show>
    }
}
