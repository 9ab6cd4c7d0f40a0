//! Export of one case as readable JSON: only with the vault's passcode typed again and after a
//! confirmation that says the file is not encrypted, recorded in the case's history first, and
//! named without anything personal.

use crate::case_editor::CaseEditor;
use crate::components::confirm_action::ConfirmAction;
use crate::components::notices::DoneNote;
use crate::components::vault_gate::{reauthenticated, FormError, ReauthField};
use crate::download::offer_download;
use crate::i18n::use_i18n;
use crate::session::{now, use_session, Gate};
use leptos::prelude::*;
use senda_core::backup::case_export_file_name;
use senda_core::case::export_readable;

#[component]
pub fn CaseExport(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let done = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let current = RwSignal::new(String::new());
    let export_now = move || {
        let mut json = None;
        editor.change(|case, at, by| json = export_readable(case, at, by).ok());
        let Some(json) = json else {
            error.set(Some(i18n.tr("export.failed")));
            return;
        };
        let case = editor.case.get_untracked();
        let name = case_export_file_name(case.id(), now());
        // The export is in the stored history before the file exists.
        leptos::task::spawn_local(async move {
            let outcome = match session.save_case(&case).await {
                // Locked or quick exit meanwhile: no readable file leaves the vault.
                Ok(()) if session.gate().get_untracked() != Gate::Unlocked => return,
                Ok(()) => offer_download(json.as_bytes(), &name, "application/json")
                    .map(|()| i18n.tr_with("export.done", &[("file", &name)]))
                    .map_err(|_| i18n.tr("backup.error.download")),
                Err(e) => Err(i18n.tr(e.message_key())),
            };
            let _ = match outcome {
                Ok(message) => done.try_set(Some(message)),
                Err(message) => error.try_set(Some(message)),
            };
        });
    };
    let export = move |()| {
        error.set(None);
        let again = current.get_untracked();
        current.set(String::new());
        leptos::task::spawn_local(async move {
            match reauthenticated(session, i18n, &again).await {
                Ok(()) => export_now(),
                Err(message) => {
                    let _ = error.try_set(Some(message));
                }
            }
        });
    };
    view! {
        <section class="card case-section">
            <h2>{i18n.t("export.title")}</h2>
            <p class="hint">{i18n.t("export.hint")}</p>
            <ReauthField passcode=current />
            <ConfirmAction label="export.button" question="export.confirm" yes="export.yes"
                button_class="button quiet" on_yes=UnsyncCallback::new(export)
                on_open=Callback::new(move |()| done.set(None)) />
            <DoneNote note=done />
            <FormError error />
        </section>
    }
}
