//! The team screen (/settings/team, lazy): create a team or join one with an invitation; then
//! this phone's sync status (last sync, waiting to go up, conflicts), "sync now" (after the
//! signed member list is followed, and on a coordinator's phone the answered invitations added),
//! the members, invitations with a role on the coordinator's phone, and the list of conflicts a
//! person must resolve.

pub mod conflicts;
pub mod forms;
pub mod members;
pub mod shared;

use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::vault_gate::{FormError, VaultGate};
use crate::i18n::use_i18n;
use crate::session::{now, use_session};
use crate::sync::membership::follow;
use crate::sync::team::{admit_joins, create_invite, TeamError, TeamState};
use crate::sync::team_cases::SyncStatus;
use async_lock::Mutex;
use conflicts::ConflictsList;
use forms::{CreateTeam, JoinTeam, RestoreTeam};
use leptos::prelude::*;
use members::{role_key, MembersList};
use senda_core::dates::short_date_time;
use senda_core::workflow::role::Role;
use shared::{opened, reopen, SharedCases};
use std::rc::Rc;

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
            <TeamStatus state />
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
fn TeamStatus(state: TeamState) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let state = RwSignal::new(state);
    let cases: StoredValue<SharedCases, LocalStorage> =
        StoredValue::new_local(Rc::new(Mutex::new(None)));
    let status = RwSignal::new(SyncStatus::default());
    let working = RwSignal::new(false);
    let note = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let invite = RwSignal::new(None::<(String, String)>);
    let invite_role = RwSignal::new(Role::Caseworker);
    let removed = RwSignal::new(false);

    let refresh = move || {
        leptos::task::spawn_local(async move {
            let shared = cases.get_value();
            let current = state.get_untracked();
            if let Err(key) = opened(&shared, &current).await {
                error.set(Some(i18n.tr(&key)));
                return;
            }
            let slot = shared.lock().await;
            if let Some(c) = slot.as_ref() {
                status.set(c.status());
            }
            drop(slot);
        });
    };
    refresh();

    let sync_now = move |_| {
        working.set(true);
        note.set(None);
        error.set(None);
        leptos::task::spawn_local(async move {
            let shared = cases.get_value();
            let before = state.get_untracked();
            // The member list first: a list that fails its checks stops here, changing nothing.
            let followed = match follow(&before).await {
                Ok(next) if next.coordinator => {
                    admit_joins(&next, now().timestamp()).await.map(|(n, _)| n)
                }
                other => other,
            };
            let mut current = match followed {
                Ok(next) => next,
                Err(e) => {
                    if e == TeamError::Removed {
                        removed.set(true);
                    }
                    error.set(Some(i18n.tr(e.message_key())));
                    working.set(false);
                    return;
                }
            };
            if current != before {
                let _ = session.save_team(&current).await;
                state.set(current.clone());
            }
            let reopened = if current.epoch != before.epoch {
                reopen(&shared, &current).await
            } else {
                opened(&shared, &current).await
            };
            if let Err(key) = reopened {
                error.set(Some(i18n.tr(&key)));
                working.set(false);
                return;
            }
            let transport = match current.transport() {
                Ok(t) => t,
                Err(e) => {
                    error.set(Some(i18n.tr(e.message_key())));
                    working.set(false);
                    return;
                }
            };
            let mut slot = shared.lock().await;
            let Some(team_cases) = slot.as_mut() else { return };
            match session.sync_team(team_cases, &transport).await {
                Ok(applied) => {
                    current.last_sync_ms = Some(js_sys::Date::now());
                    let _ = session.save_team(&current).await;
                    state.set(current);
                    let mut s = team_cases.status();
                    s.refused = applied.refused.clone();
                    status.set(s);
                    let changed = applied.changed.len().to_string();
                    note.set(Some(i18n.tr_with("team.synced", &[("changed", &changed)])));
                    if !applied.refused.is_empty() {
                        let n = applied.refused.len().to_string();
                        error.set(Some(i18n.tr_with("team.refused", &[("n", &n)])));
                    }
                }
                Err(e) => {
                    status.set(team_cases.status());
                    error.set(Some(i18n.tr(e.message_key())));
                }
            }
            working.set(false);
        });
    };

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
        leptos::task::spawn_local(async move {
            if let Err(e) = session.save_team(&next).await {
                error.set(Some(i18n.tr(e.message_key())));
                return;
            }
            state.set(next.clone());
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
            <FormError error=error />
            {move || note.get().map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
            <button class="button primary wide" type="button" on:click=sync_now disabled=move || working.get() || removed.get()>
                {move || if working.get() { i18n.tr("team.syncing") } else { i18n.tr("team.sync_now") }}
            </button>
        </section>
        <ConflictsList cases status device=state.get_untracked().device />
        <MembersList state on_change=changed />
        <Show when=move || state.get().coordinator>
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
