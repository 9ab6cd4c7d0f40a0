//! The three ways into a team: creating one on a sync server (the coordinator, with the server
//! administrator's credentials; the recovery code is made then), joining one with the invitation
//! a coordinator's phone shows (pasted, or read from its QR code by the camera), and restoring
//! one with its printed recovery code.

use super::scan::{camera_api, ScanInvite};
use crate::components::vault_gate::FormError;
use crate::i18n::use_i18n;
use crate::session::{now, use_session};
use crate::sync::recovery::{make_recovery, restore};
use crate::sync::team::{create_team, join, TeamState};
use leptos::prelude::*;

#[component]
pub fn CreateTeam(
    team: RwSignal<Option<Option<TeamState>>>,
    fresh_code: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let server = RwSignal::new(String::new());
    let admin = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let working = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        working.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let made = create_team(
                server.get_untracked().trim(),
                admin.get_untracked().trim(),
                &password.get_untracked(),
            )
            .await;
            let made = match made {
                Ok(mut state) => make_recovery(&mut state).await.map(|code| (state, code)),
                Err(e) => Err(e),
            };
            match made {
                Ok((state, code)) => match session.save_team(&state).await {
                    Ok(()) => {
                        password.set(String::new());
                        fresh_code.set(Some(code));
                        team.set(Some(Some(state)));
                    }
                    Err(e) => error.set(Some(i18n.tr(e.message_key()))),
                },
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            working.set(false);
        });
    };
    view! {
        <section class="card" aria-labelledby="team-create-title">
            <form class="team-create" on:submit=submit>
                <h2 id="team-create-title">{i18n.t("team.create.title")}</h2>
                <p class="hint">{i18n.t("team.create.hint")}</p>
                <label class="field">
                    <span>{i18n.t("team.server")}</span>
                    <input type="url" name="server" inputmode="url" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" required bind:value=server />
                </label>
                <label class="field">
                    <span>{i18n.t("team.admin")}</span>
                    <input type="text" name="admin" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" required bind:value=admin />
                </label>
                <label class="field">
                    <span>{i18n.t("team.admin_password")}</span>
                    <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" name="admin-password" required bind:value=password />
                </label>
                <FormError error=error />
                <button class="button primary wide" type="submit" disabled=move || working.get()>
                    {move || if working.get() { i18n.tr("team.working") } else { i18n.tr("team.create.button") }}
                </button>
            </form>
        </section>
    }
}

#[component]
pub fn JoinTeam(team: RwSignal<Option<Option<TeamState>>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let payload = RwSignal::new(String::new());
    let working = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // Pasted and submitted, or read by the camera: the same join.
    let join_with = move |text: String| {
        working.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match join(&text, now().timestamp()).await {
                Ok(state) => match session.save_team(&state).await {
                    Ok(()) => {
                        payload.set(String::new());
                        team.set(Some(Some(state)));
                    }
                    Err(e) => error.set(Some(i18n.tr(e.message_key()))),
                },
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            let _ = working.try_set(false);
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        join_with(payload.get_untracked());
    };
    let scanned = Callback::new(move |text: String| {
        payload.set(text.clone());
        join_with(text);
    });
    view! {
        <section class="card" aria-labelledby="team-join-title">
            <form class="team-join" on:submit=submit>
                <h2 id="team-join-title">{i18n.t("team.join.title")}</h2>
                <p class="hint">{i18n.t("team.join.hint")}</p>
                {camera_api().then(|| view! { <ScanInvite on_read=scanned /> })}
                <label class="field">
                    <span>{i18n.t("team.join.payload")}</span>
                    <textarea name="invitation" rows="4" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" required bind:value=payload></textarea>
                </label>
                <FormError error=error />
                <button class="button primary wide" type="submit" disabled=move || working.get()>
                    {move || if working.get() { i18n.tr("team.working") } else { i18n.tr("team.join.button") }}
                </button>
            </form>
        </section>
    }
}

#[component]
pub fn RestoreTeam(team: RwSignal<Option<Option<TeamState>>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let server = RwSignal::new(String::new());
    let admin = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let working = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        working.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let made = restore(
                server.get_untracked().trim(),
                admin.get_untracked().trim(),
                &password.get_untracked(),
                &code.get_untracked(),
            )
            .await;
            match made {
                Ok(state) => match session.save_team(&state).await {
                    Ok(()) => {
                        password.set(String::new());
                        code.set(String::new());
                        team.set(Some(Some(state)));
                    }
                    Err(e) => error.set(Some(i18n.tr(e.message_key()))),
                },
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            working.set(false);
        });
    };
    view! {
        <section class="card" aria-labelledby="team-restore-title">
            <form class="team-restore" on:submit=submit>
                <h2 id="team-restore-title">{i18n.t("team.restore.title")}</h2>
                <p class="hint">{i18n.t("team.restore.hint")}</p>
                <label class="field">
                    <span>{i18n.t("team.server")}</span>
                    <input type="url" name="restore-server" inputmode="url" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" required bind:value=server />
                </label>
                <label class="field">
                    <span>{i18n.t("team.admin")}</span>
                    <input type="text" name="restore-admin" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" required bind:value=admin />
                </label>
                <label class="field">
                    <span>{i18n.t("team.admin_password")}</span>
                    <input autocomplete="one-time-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" data-1p-ignore="" data-lpignore="true" data-bwignore="" data-form-type="other" type="password" name="restore-admin-password" required bind:value=password />
                </label>
                <label class="field">
                    <span>{i18n.t("team.restore.code")}</span>
                    <input type="text" name="recovery-code" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" required bind:value=code />
                </label>
                <FormError error=error />
                <button class="button primary wide" type="submit" disabled=move || working.get()>
                    {move || if working.get() { i18n.tr("team.working") } else { i18n.tr("team.restore.button") }}
                </button>
            </form>
        </section>
    }
}
