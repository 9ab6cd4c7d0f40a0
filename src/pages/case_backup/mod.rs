//! The backup screen (/cases/backup): make an encrypted backup of every case with a passphrase
//! of the worker's own, say when the last one was made and how often to remind, restore one
//! (`restore`), and erase everything on this phone.

pub mod restore;

use crate::backup_file::make_backup;
use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::case_bits::SessionBar;
use crate::components::confirm_action::ConfirmAction;
use crate::components::notices::DoneNote;
use crate::components::role_gate::CaseAccessGate;
use crate::components::vault_gate::{reauthenticated, FormError, ReauthField, VaultGate};
use crate::download::offer_download;
use crate::i18n::{use_i18n, I18n};
use crate::pages::case_backup::restore::{failure_text, RestoreBackup};
use crate::session::{now, use_session, Gate, Session};
use leptos::prelude::*;
use senda_core::backup::{
    backup_file_name, check_backup_passphrase, BackupLog, BackupPassphraseProblem,
    BACKUP_PASSPHRASE_RULES, MIN_BACKUP_PASSPHRASE_CHARS, REMIND_AFTER_CHOICES,
};
use senda_core::dates::short_date_time;

#[component]
pub fn BackupPage() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    use_page_title("backup.title");
    view! {
        <article translate="no" class="area backup-page">
            <nav class="crumbs"><a href=base.href("/cases")>{i18n.t("case.back")}</a></nav>
            <h1>{i18n.t("backup.title")}</h1>
            <VaultGate>
                <CaseAccessGate><BackupScreen /></CaseAccessGate>
            </VaultGate>
        </article>
    }
}

/// Everything behind the gate; reads the backup log once the vault is open.
#[component]
fn BackupScreen() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let log = RwSignal::new(BackupLog::default());
    leptos::task::spawn_local(async move {
        let stored = session.backup_log().await;
        let _ = log.try_set(stored);
    });
    view! {
        <SessionBar />
        <p class="lead">{i18n.t("backup.lead")}</p>
        <MakeBackup log />
        <RestoreBackup log />
        <WipeAll />
    }
}

fn problem_text(i18n: I18n, problem: &BackupPassphraseProblem) -> String {
    let limit = problem.limit().map(|n| n.to_string()).unwrap_or_default();
    i18n.tr_with(problem.message_key(), &[("min", &limit), ("max", &limit)])
}

/// Decrypts every case, encrypts them into a file, offers it and records the backup; returns
/// what to tell the worker.
async fn make_and_offer(
    session: Session,
    i18n: I18n,
    passphrase: &str,
    log: RwSignal<BackupLog>,
) -> Result<String, String> {
    let (cases, unreadable) = session.all_cases().await.map_err(|e| i18n.tr(e.message_key()))?;
    if cases.is_empty() {
        return Err(i18n.tr("backup.make.nothing"));
    }
    let made_at = now();
    let file =
        make_backup(&cases, passphrase, made_at).await.map_err(|f| failure_text(i18n, &f))?;
    drop(cases);
    let name = backup_file_name(made_at);
    if session.gate().get_untracked() != Gate::Unlocked {
        return Err(String::new());
    }
    offer_download(&file, &name, "application/octet-stream")
        .map_err(|_| i18n.tr("backup.error.download"))?;
    // The screen may have gone while encrypting; the log is then read again from the vault.
    let made = match log.try_get_untracked() {
        Some(current) => current,
        None => session.backup_log().await,
    }
    .made(made_at);
    // The file is out; failing to note it only leaves the reminder up.
    if session.save_backup_log(made).await.is_ok() {
        let _ = log.try_set(made);
    }
    let mut message = i18n.tr_with("backup.make.done", &[("file", &name)]);
    if unreadable > 0 {
        message.push(' ');
        message
            .push_str(&i18n.tr_with("backup.make.unreadable", &[("n", &unreadable.to_string())]));
    }
    Ok(message)
}

#[component]
fn MakeBackup(log: RwSignal<BackupLog>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let current = RwSignal::new(String::new());
    let passphrase = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let (p, r) = (passphrase.get_untracked(), repeat.get_untracked());
        let problem = check_backup_passphrase(&p).first().map(|pr| problem_text(i18n, pr));
        error.set(problem.or_else(|| (p != r).then(|| i18n.tr("backup.mismatch"))));
        if error.get_untracked().is_some() {
            return;
        }
        working.set(true);
        let again = current.get_untracked();
        leptos::task::spawn_local(async move {
            if let Err(message) = reauthenticated(session, i18n, &again).await {
                let _ = current.try_set(String::new());
                let _ = error.try_set(Some(message));
                let _ = working.try_set(false);
                return;
            }
            current.set(String::new());
            match make_and_offer(session, i18n, &p, log).await {
                Ok(message) => {
                    passphrase.set(String::new());
                    repeat.set(String::new());
                    done.set(Some(message));
                }
                Err(message) => error.set(Some(message)),
            }
            let _ = working.try_set(false);
        });
    };
    let choose_interval = move |ev: leptos::ev::Event| {
        let days =
            event_target_value(&ev).parse().unwrap_or_else(|_| log.get_untracked().interval_days());
        let changed = BackupLog { remind_after_days: days, ..log.get_untracked() };
        log.set(changed);
        leptos::task::spawn_local(async move {
            if let Err(e) = session.save_backup_log(changed).await {
                error.set(Some(i18n.tr(e.message_key())));
            }
        });
    };
    let min = MIN_BACKUP_PASSPHRASE_CHARS.to_string();
    view! {
        <section class="card">
            <h2>{i18n.t("backup.make.title")}</h2>
            {move || {
                let count = session.summaries().with(Vec::len).to_string();
                let last = match log.get().last_made_at {
                    Some(at) => i18n.tr_with("backup.last", &[("date", &short_date_time(at))]),
                    None => i18n.tr("backup.last_never"),
                };
                view! {
                    <p>{i18n.tr_with("backup.make.body", &[("n", &count)])}</p>
                    <p class="backup-last">{last}</p>
                }
            }}
            <label class="field">
                <span>{i18n.t("backup.remind")}</span>
                <select prop:value=move || log.get().interval_days().to_string() on:change=choose_interval>
                    {REMIND_AFTER_CHOICES.iter().map(|d| {
                        let (value, label) = (d.to_string(), d.to_string());
                        view! { <option value=value>{label}</option> }
                    }).collect_view()}
                </select>
            </label>
            <DoneNote note=done />
            <form class="backup-form" on:submit=submit>
                <ul class="rules">
                    {move || BACKUP_PASSPHRASE_RULES.iter().map(|key| view! { <li>{i18n.tr_with(key, &[("min", &min)])}</li> }).collect_view()}
                </ul>
                <label class="field">
                    <span>{i18n.t("backup.make.passphrase")}</span>
                    <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" bind:value=passphrase />
                </label>
                <ul class="problems" aria-live="polite">
                    {move || passphrase.with(|p| if p.is_empty() { Vec::new() } else { check_backup_passphrase(p) })
                        .into_iter().map(|p| view! { <li>{problem_text(i18n, &p)}</li> }).collect_view()}
                </ul>
                <label class="field">
                    <span>{i18n.t("backup.make.repeat")}</span>
                    <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" bind:value=repeat />
                </label>
                <ReauthField passcode=current />
                <FormError error />
                <button class="button primary wide" type="submit" disabled=move || working.get()>
                    {move || i18n.tr(if working.get() { "backup.make.working" } else { "backup.make.submit" })}
                </button>
            </form>
        </section>
    }
}

/// Erases every case and the passcode, after a confirmation that says it cannot be undone.
#[component]
fn WipeAll() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let error = RwSignal::new(None::<String>);
    let current = RwSignal::new(String::new());
    let wipe = move |()| {
        error.set(None);
        let again = current.get_untracked();
        current.set(String::new());
        leptos::task::spawn_local(async move {
            if let Err(message) = reauthenticated(session, i18n, &again).await {
                let _ = error.try_set(Some(message));
                return;
            }
            if let Err(e) = session.wipe().await {
                let _ = error.try_set(Some(i18n.tr(e.message_key())));
            }
        });
    };
    view! {
        <section class="card danger-zone">
            <h2>{i18n.t("backup.wipe.title")}</h2>
            <p>{i18n.t("backup.wipe.body")}</p>
            <ReauthField passcode=current />
            <ConfirmAction label="backup.wipe.title" question="backup.wipe.confirm" yes="backup.wipe.yes"
                button_class="button danger-quiet" on_yes=UnsyncCallback::new(wipe) />
            <FormError error />
        </section>
    }
}
