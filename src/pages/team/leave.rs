//! "Leave the team": first how many cases hold changes the team has not received, with "sync
//! first" or "leave anyway"; with none, one confirmation. The cases stay on this phone.

use super::shared::SharedCases;
use crate::components::vault_gate::FormError;
use crate::i18n::use_i18n;
use crate::session::use_session;
use crate::sync::auto;
use leptos::prelude::*;
use senda_core::sync::leaving::BeforeLeaving;

#[component]
pub fn LeaveTeam(
    cases: StoredValue<SharedCases, LocalStorage>,
    replica: String,
    on_left: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let asking: RwSignal<Option<BeforeLeaving>> = RwSignal::new(None);
    let working = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let replica = StoredValue::new(replica);
    let ask = move || {
        error.set(None);
        working.set(true);
        leptos::task::spawn_local(async move {
            let shared = cases.get_value();
            let mut slot = shared.lock().await;
            let counted = match slot.as_mut() {
                Some(team) => session.unsynced_team_cases(team).await.map_err(|e| e.message_key()),
                None => Err("sync.error.local_store"),
            };
            drop(slot);
            match counted {
                Ok(0) => asking.set(Some(BeforeLeaving::Confirm)),
                Ok(n) => asking.set(Some(BeforeLeaving::SyncFirst { cases: n })),
                Err(key) => error.set(Some(i18n.tr(key))),
            }
            working.set(false);
        });
    };
    let sync_first = move |_| {
        working.set(true);
        leptos::task::spawn_local(async move {
            if let Some(Err(key)) = auto::engine().run().await {
                error.set(Some(i18n.tr(&key)));
            }
            working.set(false);
            ask();
        });
    };
    let leave = move |_| {
        working.set(true);
        leptos::task::spawn_local(async move {
            auto::engine().leave(&replica.get_value()).await;
            match session.leave_team().await {
                Ok(()) => on_left.run(()),
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            working.set(false);
        });
    };
    view! {
        <section class="card team-leave" aria-labelledby="team-leave-title">
            <h2 id="team-leave-title">{i18n.t("team.leave.title")}</h2>
            <p class="hint">{i18n.t("team.leave.what")}</p>
            <FormError error=error />
            {move || match asking.get() {
                None => view! {
                    <button class="button danger-quiet wide" type="button" disabled=move || working.get()
                        on:click=move |_| ask()>{i18n.t("team.leave.button")}</button>
                }.into_any(),
                Some(BeforeLeaving::SyncFirst { cases: n }) => view! {
                    <p class="notice" role="alert" data-team="unsynced">
                        {i18n.tr_with(
                            if n == 1 { "team.leave.unsynced_one" } else { "team.leave.unsynced" },
                            &[("n", &n.to_string())],
                        )}
                    </p>
                    <button class="button primary wide" type="button" disabled=move || working.get()
                        on:click=sync_first>{i18n.t("team.leave.sync_first")}</button>
                    <button class="button danger wide" type="button" disabled=move || working.get()
                        on:click=leave>{i18n.t("team.leave.anyway")}</button>
                    <button class="button quiet wide" type="button" on:click=move |_| asking.set(None)>
                        {i18n.t("team.leave.cancel")}</button>
                }.into_any(),
                Some(BeforeLeaving::Confirm) => view! {
                    <p role="alert">{i18n.t("team.leave.sure")}</p>
                    <button class="button danger wide" type="button" disabled=move || working.get()
                        on:click=leave>{i18n.t("team.leave.confirm")}</button>
                    <button class="button quiet wide" type="button" on:click=move |_| asking.set(None)>
                        {i18n.t("team.leave.cancel")}</button>
                }.into_any(),
            }}
        </section>
    }
}
