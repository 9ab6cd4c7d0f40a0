//! Leaving child mode: behind the staff passcode. A wrong one never counts towards the vault's
//! wipe limit (a child pressing keys must not erase the cases); after three, each try waits
//! longer (`exit_throttle`), kept across reloads and shared by tabs; after ten, each try is the
//! vault's own unlock, which counts. The right one also opens the cases. A phone with
//! no vault has no case data and no passcode to ask for: leaving then takes a deliberate
//! confirmation, and the For-children page says so before child mode is started.

use crate::base_path::BasePath;
use crate::child_mode::{load_exit_throttle, save_exit_throttle, use_child_mode};
use crate::components::vault_gate::FormError;
use crate::i18n::use_i18n;
use crate::session::{use_session, Gate};
use crate::vault::VaultError;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use senda_core::child::exit_throttle::ExitThrottle;

#[component]
pub fn ChildModeExit() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let child_mode = use_child_mode();
    let base = expect_context::<BasePath>();
    let navigate = StoredValue::new_local(use_navigate());
    let open = RwSignal::new(false);
    let passcode = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    let throttle = RwSignal::new(load_exit_throttle());
    // Storage is the one count all tabs share (re-read every second and before each try); only
    // when it refuses writes does this tab keep its own. A clock set back restarts the wait.
    let storage_ok = StoredValue::new(true);
    let current = move || {
        if storage_ok.get_value() {
            load_exit_throttle()
        } else {
            throttle.get_untracked()
        }
    };
    let keep = move |t: &ExitThrottle| storage_ok.set_value(save_exit_throttle(t));
    let refresh = move || {
        let now = js_sys::Date::now();
        let mut t = current();
        if t.observe(now) {
            keep(&t);
        }
        let _ = throttle.try_set(t);
        now
    };
    // Ticks once a second, so the count-down and the button follow.
    let clock = RwSignal::new(refresh());
    let tick = set_interval_with_handle(
        move || {
            let _ = clock.try_set(refresh());
        },
        std::time::Duration::from_secs(1),
    );
    // The tick reads this screen's state: it stops with the screen.
    on_cleanup(move || {
        if let Ok(handle) = tick {
            handle.clear();
        }
    });
    let counted = Memo::new(move |_| throttle.with(|t| t.needs_vault_unlock()));
    let wait = Memo::new(move |_| throttle.with(|t| t.seconds_left(clock.get())));
    let staff_page = base.href("/children");
    let leave = StoredValue::new_local(move || {
        child_mode.leave();
        navigate.with_value(|n| {
            n(&staff_page, NavigateOptions { replace: true, resolve: false, ..Default::default() })
        });
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        clock.set(refresh());
        if wait.get_untracked() > 0 {
            return;
        }
        let p = passcode.get_untracked();
        let counts = throttle.with_untracked(|t| t.needs_vault_unlock());
        working.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let outcome = if counts {
                // The uncounted tries are spent: this is the vault's own unlock, which counts.
                match session.unlock(&p).await {
                    Ok(()) => Ok(true),
                    Err(VaultError::WrongPasscode { failed_attempts, attempts_left }) => {
                        let (failed, left) =
                            (failed_attempts.to_string(), attempts_left.to_string());
                        let said = i18n.tr_with(
                            "vault.unlock.attempts",
                            &[("failed", &failed), ("left", &left)],
                        );
                        let _ = error.try_set(Some(said));
                        let _ = passcode.try_set(String::new());
                        let _ = working.try_set(false);
                        return;
                    }
                    Err(e) => Err(e),
                }
            } else {
                // Uncounted: a child's key presses must never erase the cases (throttled below).
                session.unlock_uncounted(&p).await
            };
            match outcome {
                Ok(true) => {
                    throttle.update(|t| t.after_right());
                    keep(&throttle.get_untracked());
                    leave.with_value(|l| l());
                }
                Ok(false) => {
                    let mut t = current();
                    t.after_wrong(js_sys::Date::now());
                    throttle.set(t);
                    keep(&t);
                    clock.set(js_sys::Date::now());
                    let _ = error.try_set(Some(i18n.tr("child.exit.wrong")));
                    let _ = passcode.try_set(String::new());
                }
                Err(e) => {
                    let _ = error.try_set(Some(i18n.tr(e.message_key())));
                    let _ = passcode.try_set(String::new());
                }
            }
            let _ = working.try_set(false);
        });
    };
    let form = move || {
        match session.gate().get() {
        Gate::Opening => view! { <p class="loading">{i18n.t("cases.opening")}</p> }.into_any(),
        // A vault a newer Senda wrote still guards the exit: trying says to update.
        Gate::Locked(_) | Gate::Newer => view! {
            <form class="child-exit-form" on:submit=submit>
                <p>{i18n.t("child.exit.lead")}</p>
                <label class="field">
                    <span>{i18n.t("child.exit.passcode")}</span>
                    <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" required bind:value=passcode />
                </label>
                <p class="notice" role="status" hidden=move || !counted.get()>
                    {i18n.t("child.exit.counted")}
                </p>
                <p class="notice" role="status" hidden=move || wait.get() == 0>
                    {move || i18n.tr_with("child.exit.wait", &[("seconds", &wait.get().to_string())])}
                </p>
                <FormError error=error />
                <button class="button primary wide" type="submit" disabled=move || { working.get() || wait.get() > 0 }>
                    {move || if working.get() { i18n.tr("child.exit.working") } else { i18n.tr("child.exit.submit") }}
                </button>
            </form>
        }.into_any(),
        // No vault (or no storage for one): nothing on this phone to protect.
        Gate::NoVault | Gate::Unavailable | Gate::Unlocked => view! {
            <div class="child-exit-form">
                <p>{i18n.t("child.exit.no_vault")}</p>
                <button class="button primary wide" type="button" on:click=move |_| leave.with_value(|l| l())>
                    {i18n.t("child.exit.confirm")}
                </button>
            </div>
        }.into_any(),
    }
    };
    view! {
        <aside class="child-exit" lang=move || i18n.locale.get().code()>
            <button class="button quiet" type="button" aria-expanded=move || open.get().to_string()
                on:click=move |_| { open.update(|o| *o = !*o); error.set(None); }>
                {move || if open.get() { i18n.tr("child.exit.cancel") } else { i18n.tr("child.exit.open") }}
            </button>
            <Show when=move || open.get()>
                <h2 class="visually-hidden">{i18n.t("child.exit.title")}</h2>
                {form}
            </Show>
        </aside>
    }
}
