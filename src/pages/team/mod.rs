//! The team screen (/settings/team, lazy): create a team or join one with an invitation; then
//! this phone's sync status (last sync, waiting to go up, conflicts), "sync now", the members,
//! invitations with a role on the coordinator's phone (a QR code, a short code and the text), and
//! the list of conflicts a person must resolve. Syncing itself is automatic (`crate::sync::auto`,
//! which follows the signed member list first); "sync now" asks the same engine for a run.

pub mod conflicts;
pub mod deletion;
pub mod forms;
pub mod invite_qr;
pub mod leave;
pub mod members;
pub mod partners;
pub mod role_change;
pub mod scan;
pub mod shared;

use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::case_bits::SessionBar;
use crate::components::vault_gate::{FormError, VaultGate};
use crate::i18n::use_i18n;
use crate::session::{now, use_session};
use crate::sync::auto;
use crate::sync::team::{create_invite, TeamState};
use conflicts::ConflictsList;
use forms::{CreateTeam, JoinTeam, RestoreTeam};
use invite_qr::InviteQr;
use leave::LeaveTeam;
use leptos::prelude::*;
use members::MembersList;
use role_change::role_key;
use senda_core::dates::short_date_time;
use senda_core::workflow::permission::Action;
use senda_core::workflow::role::Role;
use shared::{reopen, SharedCases};

#[component]
pub fn TeamPage() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    use_page_title("team.title");
    view! {
        <article class="area team-page">
            <nav class="crumbs"><a href=base.href("/settings")>{i18n.t("team.back")}</a></nav>
            <h1>{i18n.t("team.title")}</h1>
            <p class="lead">{i18n.t("team.lead")}</p>
            <VaultGate>
                // Lock and quick exit, as on the case screens; locked, the gate's unlock shows.
                <SessionBar />
                <TeamScreen />
            </VaultGate>
        </article>
    }
}

/// Reads the team from the vault, then shows the forms or the team's status.
#[component]
fn TeamScreen() -> impl IntoView {
    let session = use_session();
    let team: RwSignal<Option<Option<TeamState>>> = RwSignal::new(None);
    // The recovery code, right after creating the team only: shown once, never kept.
    let fresh_code = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        let stored = session.team().await.ok().flatten();
        let _ = team.try_set(Some(stored));
    });
    move || match team.get() {
        None => ().into_any(),
        Some(None) => view! {
            <CreateTeam team fresh_code />
            <JoinTeam team />
            <RestoreTeam team />
        }
        .into_any(),
        Some(Some(state)) => view! {
            <RecoveryCode fresh_code />
            <TeamStatus state on_left=Callback::new(move |()| team.set(Some(None))) />
        }
        .into_any(),
    }
}

/// The printed recovery code, shown once after creating the team, with what it restores.
#[component]
fn RecoveryCode(fresh_code: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    move || {
        fresh_code.get().map(|code| view! {
            <section class="card recovery-card" aria-labelledby="team-recovery-title">
                <h2 id="team-recovery-title">{i18n.t("team.recovery.title")}</h2>
                <p class="recovery-code"><code translate="no">{code}</code></p>
                <p>{i18n.t("team.recovery.what")}</p>
                <p><strong>{i18n.t("team.recovery.keep")}</strong></p>
                <button class="button primary wide" type="button" on:click=print>{i18n.t("team.recovery.print")}</button>
                <button class="button quiet wide" type="button" on:click=move |_| fresh_code.set(None)>{i18n.t("team.recovery.done")}</button>
            </section>
        })
    }
}

#[component]
fn TeamStatus(state: TeamState, on_left: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    // The automatic sync engine runs every sync, this screen's "sync now" too (`sync::auto`).
    let session = use_session();
    let engine = auto::engine();
    engine.adopt(&state);
    // What the engine syncs next is what this screen saved (a removal's new epoch).
    let engine_state = engine.state.clone();
    let state = RwSignal::new(state);
    let cases: StoredValue<SharedCases, LocalStorage> =
        StoredValue::new_local(engine.cases.clone());
    let status = RwSignal::new(engine.status.get_untracked());
    let working = RwSignal::new(false);
    let note = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let invite = RwSignal::new(None::<(String, String)>);
    let running: RwSignal<bool> = engine.running.clone().into();
    let failed: RwSignal<Option<String>> = engine.failed.clone().into();
    let synced_state: RwSignal<Option<TeamState>> = engine.state.clone().into();
    // What the engine learns shows here; what this screen settles (a conflict) goes back to it.
    let from_engine: RwSignal<_> = engine.status.clone().into();
    Effect::new(move |_| {
        let s = from_engine.get();
        if status.get_untracked() != s {
            status.set(s);
        }
    });
    let to_engine = engine.clone();
    Effect::new(move |_| {
        let s = status.get();
        if to_engine.status.get_untracked() != s {
            let e = to_engine.clone();
            leptos::task::spawn_local(async move { e.refresh().await });
        }
    });
    Effect::new(move |_| {
        if let Some(s) = synced_state.get() {
            state.set(s);
        }
    });
    let refresh_engine = engine.clone();
    leptos::task::spawn_local(async move { refresh_engine.refresh().await });
    let invite_role = RwSignal::new(Role::Caseworker);
    // This phone was removed from the team: its sync stops (the engine says why).
    let removed = Signal::derive(move || failed.get().as_deref() == Some("sync.error.removed"));

    let sync_now = move |_| {
        working.set(true);
        note.set(None);
        error.set(None);
        let engine = engine.clone();
        leptos::task::spawn_local(async move {
            match engine.run().await {
                Some(Ok(applied)) => {
                    let changed = applied.changed.len().to_string();
                    note.set(Some(i18n.tr_with("team.synced", &[("changed", &changed)])));
                    if !applied.refused.is_empty() {
                        let n = applied.refused.len();
                        let key = if n == 1 { "team.refused_one" } else { "team.refused" };
                        error.set(Some(i18n.tr_with(key, &[("n", &n.to_string())])));
                    }
                }
                // A removal is said once, in the line above the button.
                Some(Err(key)) if key == "sync.error.removed" => {}
                Some(Err(key)) => error.set(Some(i18n.tr(&key))),
                None if !engine.online() => error.set(Some(i18n.tr("team.auto.offline"))),
                None => note.set(Some(i18n.tr("team.auto.busy"))),
            }
            working.set(false);
        });
    };
    let auto_line = move || {
        if running.get() {
            i18n.tr("team.syncing")
        } else if removed.get() {
            // Removed: no retry will help; the coordinator can invite this phone again.
            i18n.tr("sync.error.removed")
        } else if let Some(key) = failed.get() {
            format!("{} {}", i18n.tr(&key), i18n.tr("team.auto.retry"))
        } else {
            i18n.tr("team.auto.on")
        }
    };
    let pwa = expect_context::<crate::pwa::Pwa>();

    let make_invite = move |_| {
        error.set(None);
        leptos::task::spawn_local(async move {
            let mut current = state.get_untracked();
            match create_invite(&mut current, now().timestamp(), invite_role.get_untracked()).await
            {
                Ok(payload) => match session.save_team(&current).await {
                    Ok(()) => {
                        state.set(current);
                        invite.set(Some((payload.invite.short_code(), payload.to_text())));
                    }
                    Err(e) => error.set(Some(i18n.tr(e.message_key()))),
                },
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
        });
    };

    let changed = Callback::new(move |next: TeamState| {
        let engine_state = engine_state.clone();
        leptos::task::spawn_local(async move {
            if let Err(e) = session.save_team(&next).await {
                error.set(Some(i18n.tr(e.message_key())));
                return;
            }
            state.set(next.clone());
            engine_state.set(Some(next.clone()));
            if let Err(key) = reopen(&cases.get_value(), &next).await {
                error.set(Some(i18n.tr(&key)));
            }
        });
    });
    let choose_role = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if let Some(role) = Role::ALL.into_iter().find(|r| r.id() == id) {
            invite_role.set(role);
        }
    };

    let last_sync = move || match state.get().last_sync_ms {
        Some(ms) => chrono::DateTime::from_timestamp_millis(ms as i64)
            .map(short_date_time)
            .unwrap_or_default(),
        None => i18n.tr("team.status.never"),
    };
    view! {
        <section class="card team-status" aria-labelledby="team-status-title">
            <h2 id="team-status-title">{i18n.t("team.status.title")}</h2>
            <dl class="facts">
                <dt>{i18n.t("team.status.last_sync")}</dt>
                <dd data-team="last-sync">{last_sync}</dd>
                <dt>{i18n.t("team.status.waiting")}</dt>
                <dd data-team="waiting">{move || status.get().waiting_to_go_up}</dd>
                <dt>{i18n.t("team.status.conflicts")}</dt>
                <dd data-team="conflicts">{move || status.get().conflicts.len()}</dd>
            </dl>
            <p class="hint" data-team="auto">{auto_line}</p>
            <Show when=move || !pwa.online.get()>
                <p class="notice" role="status" data-team="offline">{i18n.t("team.auto.offline")}</p>
            </Show>
            <FormError error=error />
            {move || note.get().map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
            <button class="button primary wide" type="button" on:click=sync_now disabled=move || working.get() || running.get() || removed.get()>
                {move || if working.get() || running.get() { i18n.tr("team.syncing") } else { i18n.tr("team.sync_now") }}
            </button>
        </section>
        <ConflictsList cases status device=state.get_untracked().device />
        <MembersList state on_change=changed />
        <partners::PartnersSection state />
        <LeaveTeam cases replica=state.get_untracked().replica on_left />
        // Team management: a coordinator's phone whose signed role is coordinator.
        <Show when=move || state.get().coordinator && session.may(Action::ManageTeam)>
            <section class="card team-invite" aria-labelledby="team-invite-title">
                <h2 id="team-invite-title">{i18n.t("team.invite.title")}</h2>
                <p class="hint">{i18n.t("team.invite.hint")}</p>
                <label class="field">
                    <span>{i18n.t("team.invite.role")}</span>
                    <select name="role" prop:value=move || invite_role.get().id() on:change=choose_role>
                        {Role::ALL.iter().map(|r| view! {
                            <option value=r.id() selected=*r == Role::Caseworker>{i18n.t(role_key(*r))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button class="button wide" type="button" on:click=make_invite>
                    {i18n.t("team.invite.button")}
                </button>
                {move || invite.get().map(|(code, payload)| view! {
                    <InviteQr text=payload.clone() />
                    <p>
                        <strong>{i18n.t("team.invite.code")} ": "</strong>
                        <code class="invite-code">{code}</code>
                    </p>
                    <label class="field">
                        <span>{i18n.t("team.invite.payload")}</span>
                        <textarea class="invite-payload" readonly rows="4" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off">{payload}</textarea>
                    </label>
                })}
            </section>
        </Show>
    }
}
