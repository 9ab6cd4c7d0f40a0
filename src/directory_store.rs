//! Keeps the organisation directory in localStorage: local services, not data about children.
//! What storage holds that cannot be read counts as an empty directory (and is not overwritten
//! until the worker saves one).

use gloo_storage::{LocalStorage, Storage};
use senda_core::screening::Directory;

/// The localStorage key of the directory.
pub const KEY: &str = "senda.directory";

pub fn load() -> Directory {
    LocalStorage::raw()
        .get_item(KEY)
        .ok()
        .flatten()
        .and_then(|raw| Directory::from_file(&raw).ok())
        .unwrap_or_default()
}

/// Writes the directory; `false` when storage refused (full or blocked).
pub fn save(directory: &Directory) -> bool {
    LocalStorage::raw().set_item(KEY, &directory.to_file()).is_ok()
}
