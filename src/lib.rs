//! Senda's browser shell: the Leptos app, its views and the storage that needs a browser.
//! Decisions live in the pure `senda_core` crate; this crate renders them and keeps them.

pub mod activity;
pub mod app;
pub mod backup_file;
pub mod base_path;
#[cfg(feature = "bench")]
pub mod bench_support;
pub mod case_editor;
pub mod child_content;
pub mod child_mode;
pub mod components;
pub mod content;
pub mod content_store;
pub mod crash;
pub mod directory_store;
pub mod download;
pub mod fetch;
pub mod i18n;
pub mod lazy_part;
pub mod lazy_routes;
pub mod lazy_screen;
pub mod pages;
pub mod pwa;
pub mod reference_content;
pub mod screening_content;
pub mod session;
pub mod settings_store;
pub mod speech;
pub mod storage_names;
pub mod sync;
pub mod sync_light;
pub mod timelines_store;
pub mod vault;

/// Mounts the app on `<body>`, once the strings of the chosen language are there.
pub fn start() {
    crash::install_panic_hook();
    storage_names::adopt_plain_storage(&base_path::from_document());
    let locale = settings_store::load().locale;
    // Leptos's executor starts with the mount: before it, the browser's own task queue.
    wasm_bindgen_futures::spawn_local(async move {
        i18n::ensure_locale(locale).await;
        // A static first screen written at build time (scripts/static_screens.mjs) is taken away
        // by its own script once the app has painted the screen's heading.
        leptos::mount::mount_to_body(app::App);
    });
}
