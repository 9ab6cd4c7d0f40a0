//! Keeps the device settings in localStorage (gloo-storage). They are not personal data.
//! A corrupt or foreign value falls back to the defaults and is rewritten, never a blank screen.

use gloo_storage::{LocalStorage, Storage};
use senda_core::settings::{self, Settings};

/// The localStorage key of the settings, unscoped (kept under `storage_names::scoped` of it).
pub const KEY: &str = crate::storage_names::SETTINGS;

/// Reads the settings, repairing storage when what was there could not be used.
pub fn load() -> Settings {
    let raw: Option<String> =
        LocalStorage::raw().get_item(&crate::storage_names::scoped(KEY)).ok().flatten();
    let loaded = settings::load(raw.as_deref());
    if loaded.rewrite {
        save(&loaded.settings);
    }
    loaded.settings
}

/// Writes the settings. A failure (storage full or blocked) keeps the in-memory choice for this
/// session; there is nothing personal to lose.
pub fn save(settings: &Settings) {
    let _ = LocalStorage::raw()
        .set_item(&crate::storage_names::scoped(KEY), &settings::to_json(settings));
}
