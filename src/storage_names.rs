//! Every browser storage name of this deployment — the vault's database, the plain-storage keys,
//! the tabs' Web Lock and BroadcastChannel — scoped by its base path (`BasePath::scoped`), and
//! the plain-storage keys carried over from their unscoped names at start.

use crate::base_path::{self, BasePath};
use gloo_storage::{LocalStorage, Storage};

/// The device settings (unscoped name, as at the root).
pub const SETTINGS: &str = "senda.settings";
/// Child mode's record.
pub const CHILD_MODE: &str = "senda.child_mode";
/// Child mode's exit throttle.
pub const CHILD_EXIT: &str = "senda.child_exit";
/// The organisation directory.
pub const DIRECTORY: &str = "senda.directory";
/// The country timelines.
pub const TIMELINES: &str = "senda.timelines";
/// Practice progress.
pub const PRACTICE: &str = "senda.practice";
/// Every plain-storage key Senda keeps, unscoped.
pub const PLAIN_KEYS: [&str; 6] =
    [SETTINGS, CHILD_MODE, CHILD_EXIT, DIRECTORY, TIMELINES, PRACTICE];

/// `name` (a database, a key, a lock, a channel) as this deployment stores it: scoped by the
/// `<base href>` (never by a deep link's path).
pub fn scoped(name: &str) -> String {
    base_path::from_document().scoped(name)
}

/// Copies each plain-storage key whose name under `base` is absent from its unscoped name (an
/// install under a sub-path from before the names were scoped). Never writes over a scoped key,
/// never removes an unscoped one (another deployment of this origin may read it); two tabs
/// starting at once copy the same values. Nothing to do at the root.
pub fn adopt_plain_storage(base: &BasePath) {
    let storage = LocalStorage::raw();
    for key in PLAIN_KEYS {
        let name = base.scoped(key);
        // At the root `name` is `key`: absent, it has nothing to copy either.
        if let (Ok(None), Ok(Some(value))) = (storage.get_item(&name), storage.get_item(key)) {
            // Full storage: this start reads the defaults, the next one copies again.
            let _ = storage.set_item(&name, &value);
        }
    }
}
