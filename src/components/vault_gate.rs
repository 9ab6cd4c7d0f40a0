//! The door to the cases: shows the passcode set-up, the unlock screen, or the cases themselves,
//! by where the session stands. Nothing behind it renders while the vault is locked.

use crate::i18n::use_i18n;
use crate::i18n::I18n;
use crate::session::{use_session, Gate};
use crate::vault::AttemptCount;
use leptos::prelude::*;
use senda_core::vault::attempts::DEFAULT_WIPE_AFTER;
use senda_core::vault::idle_lock::LockReason;
use senda_core::vault::passcode::{check_chosen_passcode, PasscodeProblem, PASSCODE_RULES};

/// A passcode problem in words, with its limit filled in.
pub fn problem_text(i18n: I18n, problem: &PasscodeProblem) -> String {
    let limit = match problem {
        PasscodeProblem::PinTooShort { min } | PasscodeProblem::PassphraseTooShort { min } => {
            min.to_string()
        }
        PasscodeProblem::TooLong { max } => max.to_string(),
        _ => String::new(),
    };
    i18n.tr_with(problem.message_key(), &[("min", &limit), ("max", &limit)])
}

/// The explicit choice of a PIN over the default passphrase, with why it is weaker.
#[component]
pub fn PinChoice(pin: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="choice pin-choice">
            <input type="checkbox" bind:checked=pin />
            <span>{i18n.t("vault.setup.use_pin")}</span>
        </label>
        <p class="notice pin-warning" role="note" hidden=move || !pin.get()>{i18n.t("vault.setup.pin_warning")}</p>
    }
}

#[component]
pub fn VaultGate(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Re-render only when the kind of screen changes: a new wrong-attempt count updates the
    // unlock screen in place, keeping its message.
    let screen = Memo::new(move |_| match session.gate().get() {
        Gate::Locked(_) => Gate::Locked(AttemptCount { failed: 0, left: 0 }),
        other => other,
    });
    move || match screen.get() {
        Gate::Opening => view! { <p class="loading">{i18n.t("cases.opening")}</p> }.into_any(),
        Gate::Unavailable => {
            view! { <p class="notice" role="alert">{i18n.t("cases.unavailable")}</p> }.into_any()
        }
        Gate::Newer => view! {
            <p class="notice" role="alert">{i18n.t("vault.error.newer_vault")}</p>
        }
        .into_any(),
        Gate::NoVault => view! { <SetPasscode /> }.into_any(),
        Gate::Locked(_) => view! { <Unlock /> }.into_any(),
        Gate::Unlocked => children().into_any(),
    }
}

/// First run: choose a passcode (rules stated on screen) and the worker's label.
#[component]
fn SetPasscode() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let passcode = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let worker = RwSignal::new(String::new());
    let pin = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    let problems = move || {
        let p = passcode.get();
        if p.is_empty() {
            Vec::new()
        } else {
            check_chosen_passcode(&p, pin.get())
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (p, r, w) = (passcode.get_untracked(), repeat.get_untracked(), worker.get_untracked());
        let first_problem =
            check_chosen_passcode(&p, pin.get_untracked()).first().map(|pr| problem_text(i18n, pr));
        error.set(if let Some(problem) = first_problem {
            Some(problem)
        } else if p != r {
            Some(i18n.tr("vault.setup.mismatch"))
        } else if w.trim().is_empty() {
            Some(i18n.tr("vault.setup.worker_missing"))
        } else {
            None
        });
        if error.get_untracked().is_some() {
            return;
        }
        working.set(true);
        leptos::task::spawn_local(async move {
            if let Err(e) = session.create(&p, &w).await {
                error.set(Some(i18n.tr(e.message_key())));
            }
            working.set(false);
        });
    };
    view! {
        <form class="card vault-form" on:submit=submit>
            <h2>{i18n.t("vault.setup.title")}</h2>
            <p>{i18n.t("vault.setup.lead")}</p>
            <ul class="rules">
                {PASSCODE_RULES.iter().map(|rule| view! {
                    <li>{move || i18n.tr_with(rule.message_key, &[("n", &DEFAULT_WIPE_AFTER.to_string())])}</li>
                }).collect_view()}
            </ul>
            <label class="field">
                <span>{i18n.t("vault.setup.passcode")}</span>
                <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" required
                    bind:value=passcode />
            </label>
            <ul class="problems" aria-live="polite">
                {move || problems().into_iter().map(|p| view! { <li>{problem_text(i18n, &p)}</li> }).collect_view()}
            </ul>
            <PinChoice pin />
            <label class="field">
                <span>{i18n.t("vault.setup.repeat")}</span>
                <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" required bind:value=repeat />
            </label>
            <label class="field">
                <span>{i18n.t("vault.setup.worker")}</span>
                <input translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" type="text" maxlength="40" required bind:value=worker />
                <small class="hint">{i18n.t("vault.setup.worker_hint")}</small>
            </label>
            <FormError error=error />
            <button class="button primary wide" type="submit" disabled=move || working.get()>
                {move || if working.get() { i18n.tr("vault.setup.working") } else { i18n.tr("vault.setup.submit") }}
            </button>
        </form>
    }
}

/// The unlock screen, with the wrong-attempt count and its consequence.
#[component]
fn Unlock() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let passcode = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    // A vault with the second factor on: this phone's screen lock is asked too.
    let second_factor = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        let needed = session.unlock_needs_second_factor().await;
        let _ = second_factor.try_set(needed);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = passcode.get_untracked();
        working.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            if let Err(e) = session.unlock(&p).await {
                error.set(Some(i18n.tr(e.message_key())));
            }
            working.set(false);
        });
    };
    let count = move || match session.gate().get() {
        Gate::Locked(count) => count,
        _ => AttemptCount { failed: 0, left: 0 },
    };
    view! {
        <form class="card vault-form" on:submit=submit>
            <h2>{i18n.t("vault.unlock.title")}</h2>
            {move || match session.locked_because().get() {
                Some(LockReason::Idle) => Some("vault.locked_idle"),
                Some(LockReason::Background) => Some("vault.locked_background"),
                _ => None,
            }.map(|key| view! { <p class="notice subtle">{i18n.t(key)}</p> })}
            {move || session.moved_away().get()
                .then(|| view! { <p class="notice subtle">{i18n.t("vault.moved_away")}</p> })}
            {move || session.unsaved_at_lock().get().map(|key| view! {
                <p class="notice" role="alert">
                    {i18n.t("vault.unsaved_at_lock")} " " {i18n.t(key)}
                </p>
            })}
            <p>{i18n.t("vault.unlock.lead")}</p>
            <Show when=move || second_factor.get()>
                <p class="notice subtle second-factor-needed" role="note">{i18n.t("vault.unlock.second_factor")}</p>
            </Show>
            <label class="field">
                <span>{i18n.t("vault.unlock.passcode")}</span>
                <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" required autofocus bind:value=passcode />
            </label>
            {move || {
                let c = count();
                (c.failed > 0).then(|| view! {
                    <p class="notice" role="status">
                        {i18n.tr_with("vault.unlock.attempts", &[("failed", &c.failed.to_string()), ("left", &c.left.to_string())])}
                    </p>
                })
            }}
            <FormError error=error />
            <button class="button primary wide" type="submit" disabled=move || working.get()>
                {move || if working.get() { i18n.tr("vault.unlock.working") } else { i18n.tr("vault.unlock.submit") }}
            </button>
        </form>
    }
}

thread_local! {
    /// Wrong passcodes typed again in a row while the vault is open (see `reauthenticated`).
    static REAUTH_WRONG: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Wrong re-authentications in a row after which the vault locks (its unlock then counts).
const REAUTH_TRIES: u32 = 3;

/// The vault's passcode asked again before an act that takes cases out of the vault or erases
/// them, so that a phone left unlocked is not enough for it.
#[component]
pub fn ReauthField(passcode: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field reauth">
            <span>{i18n.t("vault.reauth.label")}</span>
            <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" bind:value=passcode />
        </label>
    }
}

/// Whether `passcode` (typed again) is the vault's; otherwise the message to show. After three
/// wrong ones in a row the vault locks, so guessing here costs the counted unlock.
pub async fn reauthenticated(
    session: crate::session::Session,
    i18n: I18n,
    passcode: &str,
) -> Result<(), String> {
    if passcode.is_empty() {
        return Err(i18n.tr("vault.reauth.missing"));
    }
    match session.check_passcode(passcode).await {
        Ok(true) => {
            REAUTH_WRONG.with(|n| n.set(0));
            Ok(())
        }
        Ok(false) => {
            let wrong = REAUTH_WRONG.with(|n| {
                n.set(n.get() + 1);
                n.get()
            });
            if wrong >= REAUTH_TRIES {
                REAUTH_WRONG.with(|n| n.set(0));
                session.lock(None);
            }
            Err(i18n.tr("vault.reauth.wrong"))
        }
        Err(e) => Err(i18n.tr(e.message_key())),
    }
}

/// A form's error, announced to screen readers.
#[component]
pub fn FormError(error: RwSignal<Option<String>>) -> impl IntoView {
    move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })
}
