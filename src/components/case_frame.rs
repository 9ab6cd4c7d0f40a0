//! The frame every case screen shares (the case, its procedure, screening and documents): the
//! case loaded from the address (or started new) and the save indicator of its header; a case a
//! team sync removes while it is open gives way to a notice that it was deleted elsewhere.

use crate::base_path::BasePath;
use crate::case_editor::{CaseEditor, SaveState};
use crate::components::role_gate::CaseAccessGate;
use crate::i18n::use_i18n;
use crate::session::{now, use_session};
use crate::vault::crypto::random_bytes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use senda_core::case::{Case, ChildProfile};

#[derive(Clone)]
enum Loaded {
    Loading,
    NotFound,
    Failed(&'static str),
    /// The case, whether it is stored, and the sync arrival count it was read at.
    Ready(Box<Case>, bool, u64),
}

/// Opens the case named in the URL (or starts a new one) and shows it with `screen`, on a phone
/// whose role sees cases (`CaseAccessGate`).
#[component]
pub fn CaseLoader(screen: fn(CaseEditor) -> AnyView) -> impl IntoView {
    view! { <CaseAccessGate><LoadCase screen /></CaseAccessGate> }
}

#[component]
fn LoadCase(screen: fn(CaseEditor) -> AnyView) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let base = expect_context::<BasePath>();
    let params = use_params_map();
    let loaded = RwSignal::new(Loaded::Loading);
    // The case this screen has open: a sync that writes it tells the editor (`arrivals.rs`).
    let open_id = StoredValue::new(None::<uuid::Uuid>);
    let editing = move |id: Option<uuid::Uuid>| {
        if let Some(Some(old)) = open_id.try_get_value() {
            session.stop_editing(old);
        }
        let _ = open_id.try_set_value(id);
        id.map(|id| session.start_editing(id)).unwrap_or_default()
    };
    on_cleanup(move || {
        editing(None);
    });
    Effect::new(move |_| {
        let id = params.read().get("id").unwrap_or_default();
        if id == "new" {
            let Ok(bytes) = random_bytes::<16>() else {
                loaded.set(Loaded::Failed("vault.error.crypto"));
                return;
            };
            let id = uuid::Builder::from_random_bytes(bytes).into_uuid();
            let seen = editing(Some(id));
            loaded.set(Loaded::Ready(
                Box::new(Case::new(id, ChildProfile::default(), now(), &session.worker_label())),
                false,
                seen,
            ));
            return;
        }
        loaded.set(Loaded::Loading);
        let seen = editing(uuid::Uuid::parse_str(&id).ok());
        leptos::task::spawn_local(async move {
            let _ = loaded.try_set(match session.load_case(&id).await {
                Ok(Some(case)) => Loaded::Ready(Box::new(case), true, seen),
                Ok(None) => Loaded::NotFound,
                Err(e) => Loaded::Failed(e.message_key()),
            });
        });
    });
    move || match loaded.get() {
        Loaded::Loading => view! { <p class="loading">{i18n.t("cases.opening")}</p> }.into_any(),
        Loaded::NotFound => view! {
            <p class="notice" role="alert">{i18n.t("case.not_found")}</p>
            <a class="button primary" href=base.href("/cases")>{i18n.t("case.back")}</a>
        }
        .into_any(),
        Loaded::Failed(key) => {
            view! { <p class="notice" role="alert">{i18n.t(key)}</p> }.into_any()
        }
        Loaded::Ready(case, stored, seen) => {
            let editor = CaseEditor::new(*case, stored, seen, session);
            view! {
                <Show when=move || !editor.removed.get() fallback=move || view! { <RemovedByTeam /> }>
                    {screen(editor)}
                </Show>
            }
            .into_any()
        }
    }
}

/// The open case was deleted on another phone of the team and a sync removed it here.
#[component]
fn RemovedByTeam() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    view! {
        <section class="card" data-case="removed">
            <p class="notice" role="alert">{i18n.t("case.removed_by_team")}</p>
            <a class="button primary" href=base.href("/cases")>{i18n.t("case.back")}</a>
        </section>
    }
}

/// "Saving…", "Saved", or what went wrong, announced politely.
#[component]
pub fn SaveIndicator(state: RwSignal<SaveState>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="save-state" role="status" data-state=move || match state.get() {
            SaveState::Saved => "saved",
            SaveState::NotYet => "not-yet",
            SaveState::Saving => "saving",
            SaveState::Failed(_) => "failed",
        }>
            {move || match state.get() {
                SaveState::Saved => i18n.tr("case.saved"),
                SaveState::NotYet => i18n.tr("case.unsaved"),
                SaveState::Saving => i18n.tr("case.saving"),
                SaveState::Failed(key) => format!("{}: {}", i18n.tr("case.save_failed"), i18n.tr(key)),
            }}
        </p>
    }
}
