//! Settings of the case vault: when it locks by itself (idle, in the background), after how many
//! wrong passcodes it erases everything, the passcode itself, the optional second factor, and
//! whether the browser keeps the data for good.

use super::key_protection::KeyProtection;
use super::second_factor::SecondFactorSetting;
use crate::components::vault_gate::{problem_text, FormError, PinChoice};
use crate::i18n::use_i18n;
use crate::session::{use_session, Gate};
use crate::vault::{persistent_storage, request_persistent_storage, Persistence};
use leptos::prelude::*;
use senda_core::vault::attempts::WipePolicy;
use senda_core::vault::idle_lock::{BackgroundLock, IdleLockPolicy, BACKGROUND_LOCK_CHOICES};
use senda_core::vault::passcode::check_chosen_passcode;
use senda_core::vault::policy::VaultPolicy;

const IDLE_MINUTES: [u32; 6] = [1, 2, 5, 10, 15, 30];
const WIPE_AFTER: [u32; 5] = [3, 5, 10, 20, 50];

#[component]
pub fn SecuritySettings() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <section class="card">
            <h2>{i18n.t("security.title")}</h2>
            <StoragePersistence />
            {move || if session.gate().get() == Gate::Unlocked {
                view! { <KeyProtection /> <LockPolicy /> <BackgroundLockChoice /> <ChangePasscode /> <SecondFactorSetting /> }.into_any()
            } else {
                view! { <p class="hint">{i18n.t("security.unlock_first")}</p> }.into_any()
            }}
        </section>
    }
}

/// Whether the browser promised to keep the data; asking again is one tap.
#[component]
fn StoragePersistence() -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(None::<Persistence>);
    leptos::task::spawn_local(async move {
        let _ = state.try_set(Some(persistent_storage().await));
    });
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            let _ = state.try_set(Some(request_persistent_storage().await));
        });
    };
    view! {
        <p class="persistence" data-phone-state="" data-state=move || match state.get() {
            None => "",
            Some(Persistence::Granted) => "granted",
            Some(Persistence::NotGranted) => "not-granted",
            Some(Persistence::Unsupported) => "unsupported",
        }>
            <strong>{i18n.t("security.persistence")} ": "</strong>
            {move || match state.get() {
                None => String::new(),
                Some(Persistence::Granted) => i18n.tr("security.persistence.granted"),
                Some(Persistence::NotGranted) => i18n.tr("security.persistence.not_granted"),
                Some(Persistence::Unsupported) => i18n.tr("security.persistence.unsupported"),
            }}
        </p>
        <Show when=move || state.get() == Some(Persistence::NotGranted)>
            <p class="hint" data-phone-state="">{i18n.t("security.persistence.hint")}</p>
            <button class="button quiet" type="button" data-phone-state="" on:click=ask>{i18n.t("security.persistence.ask")}</button>
        </Show>
    }
}

/// Idle lock and wipe limit, saved as soon as they are chosen.
#[component]
fn LockPolicy() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let policy = RwSignal::new(None::<VaultPolicy>);
    let message = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        if let Ok(p) = session.policy().await {
            let _ = policy.try_set(Some(p));
        }
    });
    let save = move |change: Box<dyn FnOnce(&mut VaultPolicy)>| {
        let Some(mut next) = policy.get_untracked() else { return };
        change(&mut next);
        leptos::task::spawn_local(async move {
            match session.set_policy(next).await {
                Ok(()) => {
                    let _ = policy.try_set(Some(next));
                    let _ = message.try_set(Some(i18n.tr("security.saved")));
                }
                Err(e) => {
                    let _ = message.try_set(Some(i18n.tr(e.message_key())));
                }
            }
        });
    };
    let idle_value = move || {
        policy.get().map(|p| (p.idle_lock.after_seconds / 60).to_string()).unwrap_or_default()
    };
    let wipe_value =
        move || policy.get().map(|p| p.wipe.after_failures.to_string()).unwrap_or_default();
    view! {
        <label class="field">
            <span>{i18n.t("security.idle")}</span>
            <select prop:value=idle_value on:change=move |ev| {
                if let Ok(minutes) = event_target_value(&ev).parse::<u32>() {
                    save(Box::new(move |p| p.idle_lock = IdleLockPolicy { after_seconds: minutes * 60 }));
                }
            }>
                {IDLE_MINUTES.iter().map(|m| view! {
                    <option value=m.to_string()>{move || i18n.tr_with("security.minutes", &[("n", &m.to_string())])}</option>
                }).collect_view()}
            </select>
        </label>
        <label class="field">
            <span>{i18n.t("security.wipe_after")}</span>
            <select prop:value=wipe_value on:change=move |ev| {
                if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                    save(Box::new(move |p| p.wipe = WipePolicy { after_failures: n }));
                }
            }>
                {WIPE_AFTER.iter().map(|n| view! {
                    <option value=n.to_string()>{move || i18n.tr_with("security.attempts", &[("n", &n.to_string())])}</option>
                }).collect_view()}
            </select>
        </label>
        <p class="hint" role="status">{move || message.get()}</p>
    }
}

/// How long Senda may stay in the background before the vault locks, saved when chosen.
#[component]
fn BackgroundLockChoice() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let chosen = RwSignal::new(None::<BackgroundLock>);
    let message = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        if let Ok(c) = session.background_lock().await {
            let _ = chosen.try_set(Some(c));
        }
    });
    let change = move |ev| {
        let Ok(after_seconds) = event_target_value(&ev).parse::<u32>() else { return };
        let next = BackgroundLock { after_seconds };
        leptos::task::spawn_local(async move {
            let said = match session.set_background_lock(next).await {
                Ok(()) => {
                    let _ = chosen.try_set(Some(next));
                    i18n.tr("security.saved")
                }
                Err(e) => i18n.tr(e.message_key()),
            };
            let _ = message.try_set(Some(said));
        });
    };
    let label = move |seconds: u32| {
        if seconds < 60 {
            i18n.tr_with("security.seconds", &[("n", &seconds.to_string())])
        } else {
            i18n.tr_with("security.minutes", &[("n", &(seconds / 60).to_string())])
        }
    };
    view! {
        <label class="field">
            <span>{i18n.t("security.background")}</span>
            <select
                name="background-lock"
                aria-describedby="background-lock-hint"
                prop:value=move || chosen.get().map(|c| c.after_seconds.to_string()).unwrap_or_default()
                on:change=change
            >
                {BACKGROUND_LOCK_CHOICES.iter().map(|&s| view! {
                    <option value=s.to_string()>{move || label(s)}</option>
                }).collect_view()}
            </select>
        </label>
        <p class="hint" id="background-lock-hint">{i18n.t("security.background_hint")}</p>
        <p class="hint" role="status">{move || message.get()}</p>
    }
}

/// Change the passcode: the current one, then the new one twice.
#[component]
fn ChangePasscode() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let working = RwSignal::new(false);
    let pin = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let (c, n, r) = (current.get_untracked(), new.get_untracked(), repeat.get_untracked());
        if let Some(problem) = check_chosen_passcode(&n, pin.get_untracked()).first() {
            error.set(Some(problem_text(i18n, problem)));
            return;
        }
        if n != r {
            error.set(Some(i18n.tr("vault.setup.mismatch")));
            return;
        }
        error.set(None);
        working.set(true);
        leptos::task::spawn_local(async move {
            match session.change_passcode(&c, &n).await {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    repeat.set(String::new());
                    done.set(true);
                }
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            working.set(false);
        });
    };
    view! {
        <form class="change-passcode" on:submit=submit>
            <h3>{i18n.t("security.change_passcode")}</h3>
            <label class="field">
                <span>{i18n.t("security.current_passcode")}</span>
                <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" required bind:value=current />
            </label>
            <label class="field">
                <span>{i18n.t("vault.setup.passcode")}</span>
                <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" required bind:value=new />
            </label>
            <PinChoice pin />
            <label class="field">
                <span>{i18n.t("vault.setup.repeat")}</span>
                <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" required bind:value=repeat />
            </label>
            <FormError error=error />
            <Show when=move || done.get()>
                <p class="notice subtle" role="status">{i18n.t("security.passcode_changed")}</p>
            </Show>
            <button class="button primary" type="submit" disabled=move || working.get()>
                {move || if working.get() { i18n.tr("vault.setup.working") } else { i18n.tr("security.change_passcode") }}
            </button>
        </form>
    }
}
