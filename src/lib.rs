//! Senda's browser shell: the Leptos app, its views and the storage that needs a browser.
//! Decisions live in the pure `senda_core` crate; this crate renders them and keeps them.

pub mod app;
pub mod backup_file;
pub mod base_path;
pub mod case_editor;
pub mod components;
pub mod content;
pub mod download;
pub mod i18n;
pub mod pages;
pub mod pwa;
pub mod session;
pub mod settings_store;
pub mod vault;

/// Mounts the app on `<body>`.
pub fn start() {
    leptos::mount::mount_to_body(app::App);
}
