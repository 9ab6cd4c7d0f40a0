//! Surviving a trap: the panic hook that announces a crash to `public/crash.js`, the restart
//! screen it shows (rendered here, hidden, in the user's language), the autosave marker it waits
//! for before reloading, and the hidden trigger the e2e test uses to force a trap.

use crate::case_editor::SaveState;
use crate::i18n::use_i18n;
use crate::session::Session;
use leptos::prelude::*;

/// Installs the panic hook. It logs where the panic happened — never its message, which may
/// hold a case's data — and tells crash.js, which shows the restart screen; then the abort traps.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place =
            info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        leptos::logging::error!("Senda stopped (panic at {place})");
        if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new("senda-crash")) {
            let _ = window.dispatch_event(&event);
        }
    }));
}

/// The trap a test forces by dispatching `senda-force-trap` on `window` (from a script: nothing
/// on screen reaches it). A bare `unreachable`, as a Rust abort or a bad chunk would trap, so it
/// exercises crash.js without the panic hook; `senda-force-panic` goes through the hook.
fn listen_for_forced_trap() {
    let trap = window_event_listener_untyped("senda-force-trap", |_| {
        #[cfg(target_arch = "wasm32")]
        core::arch::wasm32::unreachable();
    });
    let panic = window_event_listener_untyped("senda-force-panic", |_| {
        panic!("forced panic (test)");
    });
    // The app lives as long as the page: the listeners are never removed.
    std::mem::forget((trap, panic));
}

/// The restart screen, hidden until crash.js shows it; its button is handled by crash.js, since
/// the wasm that drew it may be dead. Also keeps `<html data-saving>` while autosave holds an edit.
#[component]
pub fn CrashScreen() -> impl IntoView {
    let i18n = use_i18n();
    listen_for_forced_trap();
    if let Some(session) = use_context::<Session>() {
        Effect::new(move |_| {
            let saving = session.autosave().with(|a| matches!(a, Some((_, SaveState::Saving))));
            if let Some(root) = document().document_element() {
                let _ = if saving {
                    root.set_attribute("data-saving", "")
                } else {
                    root.remove_attribute("data-saving")
                };
            }
        });
    }
    view! {
        <section id="senda-crash" class="crash-screen" hidden aria-labelledby="senda-crash-title">
            <h1 id="senda-crash-title">{i18n.t("crash.title")}</h1>
            <p>{i18n.t("crash.body")}</p>
            <button class="button primary" type="button" data-crash-restart="">
                {i18n.t("crash.restart")}
            </button>
        </section>
    }
}
