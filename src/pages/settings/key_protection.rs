//! Settings: how the open vault's passcode key is derived — Argon2id, or still PBKDF2 because the key worker could not run on this phone (and why), which Senda replaces by itself.

use crate::i18n::use_i18n;
use crate::session::use_session;
use crate::vault::kdf::last_failure;
use leptos::prelude::*;

/// One line on the passcode's protection, read when the screen opens (the move to Argon2id
/// starts after each unlock, so by then it has either happened or said why it could not).
#[component]
pub fn KeyProtection() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = RwSignal::new(None::<bool>);
    leptos::task::spawn_local(async move {
        if let Some(is_current) = session.kdf_is_current().await {
            let _ = current.try_set(Some(is_current));
        }
    });
    move || match current.get() {
        None => ().into_any(),
        Some(true) => view! {
            <p class="key-protection" data-kdf="argon2id">{i18n.t("security.kdf.argon2id")}</p>
        }
        .into_any(),
        Some(false) => {
            // Why the key worker failed on this page, if it did: a short code (nothing
            // personal) for whoever helps the worker. None while the move is still under way.
            let reason = last_failure()
                .map(|r| i18n.tr_with("security.kdf.pbkdf2_reason", &[("reason", r)]));
            view! {
                <p class="notice key-protection" role="status" data-kdf="pbkdf2">
                    {i18n.t("security.kdf.pbkdf2")} " " {reason}
                </p>
            }
            .into_any()
        }
    }
}
