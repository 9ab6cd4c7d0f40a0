//! Keeps practice progress in localStorage under its own key: scenario ids and scores only, no name and nothing of a real case; never read by the vault, backups, sync, monitoring or exports.

use gloo_storage::{LocalStorage, Storage};
use senda_core::training::progress::Progress;

/// The localStorage key of the practice progress, unscoped (kept under `storage_names::scoped` of it).
pub const KEY: &str = crate::storage_names::PRACTICE;

pub fn load() -> Progress {
    let raw: Option<String> =
        LocalStorage::raw().get_item(&crate::storage_names::scoped(KEY)).ok().flatten();
    Progress::load(raw.as_deref())
}

/// Writes the progress; a failure (storage full or blocked) loses only practice scores.
pub fn save(progress: &Progress) {
    let _ = LocalStorage::raw().set_item(&crate::storage_names::scoped(KEY), &progress.to_json());
}

pub fn forget() {
    let _ = LocalStorage::raw().remove_item(&crate::storage_names::scoped(KEY));
}
