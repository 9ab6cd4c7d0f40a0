//! Settings: the optional second factor bound to this phone (its screen lock or fingerprint through a WebAuthn PRF authenticator), shown only where the browser offers one.

use crate::components::vault_gate::FormError;
use crate::i18n::use_i18n;
use crate::session::use_session;
use crate::vault::second_factor::offered;
use leptos::prelude::*;

/// State, and turning it on or off with the current passcode and the authenticator. Hidden
/// where no user-verifying platform authenticator is offered (unless it is already on, so it
/// can still be turned off).
#[component]
pub fn SecondFactorSetting() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let on = RwSignal::new(None::<bool>);
    let shown = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        let state = session.second_factor_on().await;
        let detected = offered().await;
        let _ = on.try_set(state);
        let _ = shown.try_set(detected || state == Some(true));
    });
    let passcode = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<&'static str>);
    let working = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(now) = on.get_untracked() else { return };
        let p = passcode.get_untracked();
        error.set(None);
        done.set(None);
        working.set(true);
        leptos::task::spawn_local(async move {
            match session.set_second_factor(!now, &p).await {
                Ok(()) => {
                    passcode.set(String::new());
                    on.set(Some(!now));
                    done.set(Some(if now {
                        "security.second_factor.turned_off"
                    } else {
                        "security.second_factor.turned_on"
                    }));
                }
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            working.set(false);
        });
    };
    let is_on = move || on.get() == Some(true);
    view! {
        <Show when=move || shown.get()>
            <form class="second-factor" on:submit=submit data-state=move || if is_on() { "on" } else { "off" }>
                <h3>{i18n.t("security.second_factor.title")}</h3>
                <p class="second-factor-state">
                    <strong>{i18n.t("security.second_factor.state")} ": "</strong>
                    {move || if is_on() { i18n.tr("security.second_factor.on") } else { i18n.tr("security.second_factor.off") }}
                </p>
                <p class="hint">{i18n.t("security.second_factor.what")}</p>
                <Show when=move || !is_on()>
                    <p class="notice" role="note">{i18n.t("security.second_factor.warning")}</p>
                </Show>
                <label class="field">
                    <span>{i18n.t("security.current_passcode")}</span>
                    <input name="second-factor-passcode" autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" required bind:value=passcode />
                </label>
                <FormError error=error />
                {move || done.get().map(|key| view! { <p class="notice subtle" role="status">{i18n.t(key)}</p> })}
                <button class="button primary" type="submit" disabled=move || working.get() || on.get().is_none()>
                    {move || if working.get() {
                        i18n.tr("security.second_factor.working")
                    } else if is_on() {
                        i18n.tr("security.second_factor.turn_off")
                    } else {
                        i18n.tr("security.second_factor.turn_on")
                    }}
                </button>
            </form>
        </Show>
    }
}
