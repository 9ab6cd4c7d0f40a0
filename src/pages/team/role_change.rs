//! Changing a member's role on the coordinator's phone: a new signed member list that every phone applies when it syncs (`sync::membership::change_role`).

use crate::components::vault_gate::FormError;
use crate::i18n::use_i18n;
use crate::sync::membership::change_role;
use crate::sync::team::TeamState;
use leptos::prelude::*;
use senda_core::workflow::role::Role;

/// The string key of a role's name.
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Coordinator => "team.members.role.coordinator",
        Role::Supervisor => "team.members.role.supervisor",
        Role::Caseworker => "team.members.role.caseworker",
        Role::Volunteer => "team.members.role.volunteer",
    }
}

/// The role of `device` (now `role`) and a button to give it another.
#[component]
pub fn RoleChange(
    state: RwSignal<TeamState>,
    on_change: Callback<TeamState>,
    note: RwSignal<Option<String>>,
    device: String,
    role: Role,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(role);
    let working = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let choose = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if let Some(r) = Role::ALL.into_iter().find(|r| r.id() == id) {
            chosen.set(r);
        }
    };
    let change = move |_| {
        let device = device.clone();
        let to = chosen.get_untracked();
        working.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match change_role(&state.get_untracked(), &device, to).await {
                Ok(next) => {
                    note.set(Some(i18n.tr("team.members.role_changed")));
                    on_change.run(next);
                }
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            let _ = working.try_set(false);
        });
    };
    view! {
        <div class="member-role-change">
            <label class="field">
                <span>{i18n.t("team.members.role_label")}</span>
                <select prop:value=move || chosen.get().id() on:change=choose>
                    {Role::ALL.iter().map(|r| view! {
                        <option value=r.id() selected=*r == role>{i18n.t(role_key(*r))}</option>
                    }).collect_view()}
                </select>
            </label>
            <button class="button quiet" type="button" on:click=change
                disabled=move || working.get() || chosen.get() == role>
                {i18n.t("team.members.role_change")}
            </button>
            <p class="hint">{i18n.t("team.members.role_hint")}</p>
            <FormError error=error />
        </div>
    }
}
