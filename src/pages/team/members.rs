//! The team's members on the team screen: each device's role and fingerprint (grouped to read
//! aloud), this phone marked; on a coordinator's phone, changing a device's role
//! (`role_change`) and removing a device after a confirm that says what it does and what it
//! cannot undo.

use super::role_change::{role_key, RoleChange};
use crate::components::vault_gate::FormError;
use crate::i18n::use_i18n;
use crate::sync::recovery::remove_and_renew;
use crate::sync::team::TeamState;
use leptos::prelude::*;

#[component]
pub fn MembersList(state: RwSignal<TeamState>, on_change: Callback<TeamState>) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(None::<(String, String)>);
    let working = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<String>);
    let remove = move |_| {
        let Some((device, _)) = confirming.get_untracked() else { return };
        working.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match remove_and_renew(&state.get_untracked(), &device).await {
                Ok(next) => {
                    confirming.set(None);
                    note.set(Some(i18n.tr("team.members.removed_done")));
                    on_change.run(next);
                }
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            working.set(false);
        });
    };
    let rows = move || {
        let current = state.get();
        let me = current.device.clone();
        let manages = current.admin.is_some()
            && current
                .members
                .as_ref()
                .and_then(|s| s.list.entry(&me))
                .is_some_and(|m| m.role.manages_team());
        let members = current.members.map(|s| s.list.members).unwrap_or_default();
        members
            .into_iter()
            .map(|m| {
                let mine = m.device == me;
                let removed = m.removed_from_epoch.is_some();
                let can_remove = manages && !mine && !removed;
                let target = (m.device.clone(), m.fingerprint.clone());
                view! {
                    <li class="member" class:removed=removed data-member=m.device.clone()>
                        <span class="member-role">{i18n.t(role_key(m.role))}</span>
                        {mine.then(|| view! { <span class="chip">{i18n.t("team.members.this_phone")}</span> })}
                        {removed.then(|| view! { <span class="chip warn">{i18n.t("team.members.removed")}</span> })}
                        <span class="member-fingerprint">
                            <span class="visually-hidden">{i18n.t("team.members.fingerprint")} " "</span>
                            <code translate="no">{m.fingerprint.replace('-', " ")}</code>
                        </span>
                        {can_remove.then(|| view! {
                            <RoleChange state on_change note device=m.device.clone() role=m.role />
                        })}
                        {can_remove.then(|| view! {
                            <button class="button quiet" type="button" on:click=move |_| confirming.set(Some(target.clone()))>
                                {i18n.t("team.members.remove")}
                            </button>
                        })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card team-members" aria-labelledby="team-members-title">
            <h2 id="team-members-title">{i18n.t("team.members.title")}</h2>
            <p class="hint">{i18n.t("team.members.hint")}</p>
            <ul class="members">{rows}</ul>
            {move || confirming.get().map(|(_, fingerprint)| view! {
                <div class="notice warn confirm-remove" role="alertdialog" aria-labelledby="team-remove-title">
                    <h3 id="team-remove-title">{i18n.t("team.members.confirm_title")}</h3>
                    <p><code translate="no">{fingerprint.replace('-', " ")}</code></p>
                    <p>{i18n.t("team.members.confirm_does")}</p>
                    <p><strong>{i18n.t("team.members.confirm_cannot")}</strong></p>
                    <button class="button primary wide" type="button" on:click=remove disabled=move || working.get()>
                        {i18n.t("team.members.confirm_yes")}
                    </button>
                    <button class="button quiet wide" type="button" on:click=move |_| confirming.set(None)>
                        {i18n.t("team.members.confirm_no")}
                    </button>
                </div>
            })}
            <FormError error=error />
            {move || note.get().map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
        </section>
    }
}
