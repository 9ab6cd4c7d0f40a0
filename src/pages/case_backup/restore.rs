//! Restoring a backup: pick the file (checked at once, before any passphrase), type its
//! passphrase, see what it would change — new cases, identical ones, and each conflict with a
//! choice between this phone's copy and the backup's — and only then write, all or nothing.

use crate::backup_file::{check_file, open_backup, BackupFailure};
use crate::components::notices::DoneNote;
use crate::components::vault_gate::FormError;
use crate::download::read_file;
use crate::i18n::{use_i18n, I18n};
use crate::session::use_session;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use senda_core::backup::{
    BackupError, BackupLog, ConflictChoice, RestorePreview, Verdict, MAX_BACKUP_BYTES,
};
use senda_core::case::{Case, CaseSummary};
use senda_core::dates::short_date_time;
use std::collections::BTreeMap;
use uuid::Uuid;

/// Most new cases listed by name in the preview; the rest are counted.
const NEW_LISTED: usize = 100;

/// A refusal in words: restoring changes nothing unless it completes, and says so.
fn refused(i18n: I18n, reason: String) -> String {
    format!("{reason} {}", i18n.tr("backup.error.nothing_changed"))
}

fn when(at: DateTime<Utc>) -> String {
    short_date_time(at)
}

#[component]
pub fn RestoreBackup(log: RwSignal<BackupLog>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let file = StoredValue::new_local(None::<Vec<u8>>);
    let file_error = RwSignal::new(None::<String>);
    let passphrase = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    // The opened backup: when it was made, and what restoring it would do.
    let opened = RwSignal::new(None::<(DateTime<Utc>, RestorePreview)>);
    let choices = StoredValue::new(BTreeMap::<Uuid, ConflictChoice>::new());

    let pick = move |ev: leptos::ev::Event| {
        file.set_value(None);
        file_error.set(None);
        error.set(None);
        done.set(None);
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(picked) = input.files().and_then(|list| list.get(0)) else { return };
        leptos::task::spawn_local(async move {
            let checked = if picked.size() > MAX_BACKUP_BYTES as f64 {
                Err(BackupFailure::File(BackupError::TooLarge { size: picked.size() as usize }))
            } else {
                match read_file(&picked).await {
                    Ok(bytes) => check_file(&bytes).map(|()| bytes),
                    Err(_) => Err(BackupFailure::File(BackupError::NotABackup)),
                }
            };
            match checked {
                Ok(bytes) => file.set_value(Some(bytes)),
                Err(failure) => {
                    let _ = file_error.try_set(Some(refused(i18n, failure_text(i18n, &failure))));
                }
            }
        });
    };

    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(None);
        let Some(bytes) = file.with_value(Clone::clone) else {
            if file_error.get_untracked().is_none() {
                error.set(Some(i18n.tr("backup.error.no_file")));
            }
            return;
        };
        let secret = passphrase.get_untracked();
        working.set(true);
        leptos::task::spawn_local(async move {
            let result = async {
                let contents =
                    open_backup(bytes, &secret).await.map_err(|f| failure_text(i18n, &f))?;
                let ids = contents.cases.iter().map(Case::id);
                let stored =
                    session.fingerprints(ids).await.map_err(|e| i18n.tr(e.message_key()))?;
                Ok::<_, String>((contents.made_at, RestorePreview::new(&stored, contents.cases)))
            }
            .await;
            match result {
                Ok(preview) => {
                    file.set_value(None);
                    passphrase.set(String::new());
                    choices.set_value(BTreeMap::new());
                    opened.set(Some(preview));
                }
                Err(message) => error.set(Some(refused(i18n, message))),
            }
            let _ = working.try_set(false);
        });
    };

    let restore = move |_| {
        let resolved = opened.with_untracked(|o| {
            o.as_ref().is_some_and(|(_, p)| {
                choices.with_value(|c| p.conflicts().iter().all(|id| c.contains_key(id)))
            })
        });
        if !resolved {
            error.set(Some(i18n.tr("backup.preview.choose_all")));
            return;
        }
        let Some((made_at, preview)) = opened.try_update(Option::take).flatten() else { return };
        let stored_before = session.summaries().with_untracked(Vec::len);
        let Ok(cases) = choices.with_value(|c| preview.into_cases_to_write(c)) else { return };
        working.set(true);
        leptos::task::spawn_local(async move {
            let written =
                if cases.is_empty() { Ok(()) } else { session.restore_cases(&cases).await };
            match written {
                Ok(()) => {
                    let current = session.backup_log().await;
                    let updated = current.after_restore(stored_before, made_at);
                    if updated != current && session.save_backup_log(updated).await.is_ok() {
                        let _ = log.try_set(updated);
                    }
                    let _ = done.try_set(Some(
                        i18n.tr_with("backup.restore.done", &[("n", &cases.len().to_string())]),
                    ));
                }
                Err(e) => {
                    let _ = error.try_set(Some(refused(i18n, i18n.tr(e.message_key()))));
                }
            }
            let _ = working.try_set(false);
        });
    };

    let form = move || {
        view! {
            <form class="restore-form" on:submit=open>
                <p>{i18n.t("backup.restore.body")}</p>
                <label class="field">
                    <span>{i18n.t("backup.restore.file")}</span>
                    <input type="file" on:change=pick />
                </label>
                <FormError error=file_error />
                <label class="field">
                    <span>{i18n.t("backup.restore.passphrase")}</span>
                    <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" bind:value=passphrase />
                </label>
                <FormError error />
                <button class="button primary wide" type="submit" disabled=move || working.get()>
                    {move || i18n.tr(if working.get() { "backup.restore.working" } else { "backup.restore.submit" })}
                </button>
            </form>
        }
    };

    // The preview, rendered whole from the opened backup (and again if the language changes).
    let preview = move |made_at: DateTime<Utc>, p: &RestorePreview| {
        let counts = p.counts();
        let has_work = counts.new > 0 || counts.conflicts > 0;
        let label = |s: &CaseSummary| {
            if s.label.is_empty() {
                i18n.tr("cases.no_name")
            } else {
                s.label.clone()
            }
        };
        let stored = session.summaries().get_untracked();
        let mut new = Vec::new();
        let mut conflicts = Vec::new();
        for entry in p.entries() {
            let incoming = CaseSummary::of(&entry.case);
            match entry.verdict {
                Verdict::New if new.len() < NEW_LISTED => {
                    new.push(view! { <li>{label(&incoming)}</li> })
                }
                Verdict::Conflict { stored_updated_at, incoming_updated_at } => {
                    let id = incoming.id;
                    let on_phone =
                        stored.iter().find(|s| s.id == id).map(label).unwrap_or_default();
                    let chosen = choices.with_value(|c| c.get(&id).copied());
                    let choose = move |choice| {
                        choices.update_value(|c| {
                            c.insert(id, choice);
                        })
                    };
                    let name = format!("conflict-{}", incoming.short_id());
                    let version = |l: String, at| {
                        i18n.tr_with(
                            "backup.preview.version",
                            &[("label", &l), ("date", &when(at))],
                        )
                    };
                    conflicts.push(view! {
                        <li>
                            <fieldset class="choice-group">
                                <legend>{on_phone.clone()} " · #" {incoming.short_id()}</legend>
                                <label class="choice">
                                    <input type="radio" name=name.clone() checked=chosen == Some(ConflictChoice::KeepStored)
                                        on:change=move |_| choose(ConflictChoice::KeepStored) />
                                    <span>{i18n.tr("backup.choice.keep")} <small>{version(on_phone, stored_updated_at)}</small></span>
                                </label>
                                <label class="choice">
                                    <input type="radio" name=name checked=chosen == Some(ConflictChoice::TakeIncoming)
                                        on:change=move |_| choose(ConflictChoice::TakeIncoming) />
                                    <span>{i18n.tr("backup.choice.take")} <small>{version(label(&incoming), incoming_updated_at)}</small></span>
                                </label>
                            </fieldset>
                        </li>
                    });
                }
                _ => {}
            }
        }
        let unlisted = counts.new.saturating_sub(NEW_LISTED);
        let summary = i18n.tr_with(
            "backup.preview.counts",
            &[
                ("new", &counts.new.to_string()),
                ("same", &counts.identical.to_string()),
                ("conflicts", &counts.conflicts.to_string()),
            ],
        );
        view! {
            <div class="restore-preview">
                <h3>{i18n.tr("backup.preview.title")}</h3>
                <p class="hint">{i18n.tr_with("backup.preview.made", &[("date", &when(made_at)), ("n", &p.entries().len().to_string())])}</p>
                <p class="restore-counts"><strong>{summary}</strong></p>
                {(!has_work).then(|| view! { <p class="notice">{i18n.tr("backup.preview.nothing")}</p> })}
                {(!new.is_empty()).then(|| view! {
                    <details>
                        <summary>{i18n.tr("backup.preview.new_list")}</summary>
                        <ul class="restore-new">
                            {new}
                            {(unlisted > 0).then(|| view! { <li>{i18n.tr_with("backup.preview.more", &[("n", &unlisted.to_string())])}</li> })}
                        </ul>
                    </details>
                })}
                {(!conflicts.is_empty()).then(|| view! {
                    <p>{i18n.tr("backup.preview.conflict_help")}</p>
                    <ul class="conflicts">{conflicts}</ul>
                })}
                <FormError error />
                <div class="actions">
                    {has_work.then(|| view! {
                        <button class="button primary" type="button" on:click=restore disabled=move || working.get()>
                            {i18n.tr("backup.preview.submit")}
                        </button>
                    })}
                    <button class="button quiet" type="button" on:click=move |_| opened.set(None)>{i18n.tr("case.cancel")}</button>
                </div>
            </div>
        }
    };

    view! {
        <section class="card">
            <h2>{i18n.t("backup.restore.title")}</h2>
            <DoneNote note=done />
            {move || opened.with(|o| match o {
                Some((made_at, p)) => preview(*made_at, p).into_any(),
                None => form().into_any(),
            })}
        </section>
    }
}

/// A failure in words, with its placeholders filled in.
pub fn failure_text(i18n: I18n, failure: &BackupFailure) -> String {
    let values = failure.message_values();
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    i18n.tr_with(failure.message_key(), &pairs)
}
