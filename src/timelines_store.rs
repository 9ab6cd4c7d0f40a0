//! Keeps the organisation's country timelines in localStorage: procedure settings, not personal
//! data. A damaged value falls back to the sourced timelines and is rewritten.

use gloo_storage::{LocalStorage, Storage};
use senda_core::procedure::timeline_settings::TimelineSettings;

/// The localStorage key of the timelines, unscoped (kept under `storage_names::scoped` of it).
pub const KEY: &str = crate::storage_names::TIMELINES;

/// Reads the timelines, repairing storage when what was there could not be used.
pub fn load() -> TimelineSettings {
    let raw: Option<String> =
        LocalStorage::raw().get_item(&crate::storage_names::scoped(KEY)).ok().flatten();
    let (settings, rewrite) = TimelineSettings::load(raw.as_deref());
    if rewrite {
        let _ = save(&settings);
    }
    settings
}

/// Writes the timelines; `false` when the browser refused (storage full or blocked).
pub fn save(settings: &TimelineSettings) -> bool {
    LocalStorage::raw().set_item(&crate::storage_names::scoped(KEY), &settings.to_json()).is_ok()
}
