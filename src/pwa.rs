//! What the service worker registration (public/pwa.js) reports — offline readiness and a
//! waiting update — and the network state, as signals for the views.

use leptos::prelude::*;

/// Whether this browser can already run Senda with no network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfflineReadiness {
    Pending,
    /// The service worker is caching the build; Senda works offline only once it is complete.
    Installing(InstallProgress),
    /// Every file of this version is cached.
    Ready,
    Unsupported,
}

/// How much of the build the service worker has cached (pwa.js's `data-precache`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct InstallProgress {
    pub files: u32,
    pub total_files: u32,
    pub kb: u32,
    pub total_kb: u32,
}

impl InstallProgress {
    /// Parses "files totalFiles bytes totalBytes"; anything else is no progress yet.
    fn parse(text: &str) -> InstallProgress {
        let n: Vec<u64> = text.split_whitespace().filter_map(|w| w.parse().ok()).collect();
        let kb = |bytes: u64| u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX);
        let count = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        match n[..] {
            [files, total_files, bytes, total_bytes] => InstallProgress {
                files: count(files),
                total_files: count(total_files),
                kb: kb(bytes),
                total_kb: kb(total_bytes),
            },
            _ => InstallProgress::default(),
        }
    }
}

impl OfflineReadiness {
    fn from_state(state: &str) -> OfflineReadiness {
        match state {
            "ready" => OfflineReadiness::Ready,
            "unsupported" => OfflineReadiness::Unsupported,
            "installing" => OfflineReadiness::Installing(InstallProgress::parse(
                &root_state("precache").unwrap_or_default(),
            )),
            _ => OfflineReadiness::Pending,
        }
    }
}

/// The installable-app state shared by the shell.
#[derive(Clone, Copy)]
pub struct Pwa {
    pub offline: ReadSignal<OfflineReadiness>,
    pub update_waiting: ReadSignal<bool>,
    pub online: ReadSignal<bool>,
}

fn root_state(name: &str) -> Option<String> {
    document().document_element()?.get_attribute(&format!("data-{name}"))
}

/// pwa.js sets `data-<name>` before it dispatches `senda-<name>`: the attribute is the payload.
fn event_state(ev: &web_sys::Event) -> String {
    ev.type_().strip_prefix("senda-").and_then(root_state).unwrap_or_default()
}

impl Pwa {
    /// Reads what pwa.js already announced (it may run before the app) and listens for more.
    pub fn watch() -> Pwa {
        let (offline, set_offline) = signal(OfflineReadiness::from_state(
            root_state("offline").as_deref().unwrap_or("pending"),
        ));
        let (update_waiting, set_update_waiting) =
            signal(root_state("update").as_deref() == Some("waiting"));
        let (online, set_online) = signal(window().navigator().on_line());

        window_event_listener_untyped("senda-offline", move |ev| {
            set_offline.set(OfflineReadiness::from_state(&event_state(&ev)));
        });
        window_event_listener_untyped("senda-update", move |ev| {
            set_update_waiting.set(event_state(&ev) == "waiting");
        });
        window_event_listener(leptos::ev::online, move |_| set_online.set(true));
        window_event_listener(leptos::ev::offline, move |_| set_online.set(false));

        Pwa { offline, update_waiting, online }
    }

    /// Asks the waiting service worker to take over; pwa.js reloads once it has.
    pub fn apply_update() {
        if let Ok(ev) = web_sys::Event::new("senda-apply-update") {
            let _ = window().dispatch_event(&ev);
        }
    }
}
