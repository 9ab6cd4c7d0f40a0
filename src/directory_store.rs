//! Keeps the organisation directory in localStorage: local services, not data about children.
//! What storage holds that cannot be read counts as an empty directory (and is not overwritten
//! until the worker saves one).

use gloo_storage::{LocalStorage, Storage};
use senda_core::screening::Directory;

/// The localStorage key of the directory, unscoped (kept under `storage_names::scoped` of it).
pub const KEY: &str = crate::storage_names::DIRECTORY;

pub fn load() -> Directory {
    LocalStorage::raw()
        .get_item(&crate::storage_names::scoped(KEY))
        .ok()
        .flatten()
        .and_then(|raw| Directory::from_file(&raw).ok())
        .unwrap_or_default()
}

/// Writes the directory; `false` when storage refused (full or blocked).
pub fn save(directory: &Directory) -> bool {
    LocalStorage::raw().set_item(&crate::storage_names::scoped(KEY), &directory.to_file()).is_ok()
}
