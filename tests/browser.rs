//! Browser tests (wasm-bindgen-test in headless Chromium) for what needs real browser storage:
//! the settings kept in localStorage.

#![cfg(target_arch = "wasm32")]

use gloo_storage::{LocalStorage, Storage};
use senda::settings_store::{self, KEY};
use senda_core::locale::Locale;
use senda_core::settings::{Settings, SETTINGS_VERSION};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn stored() -> Option<String> {
    LocalStorage::raw().get_item(KEY).ok().flatten()
}

#[wasm_bindgen_test]
fn nothing_stored_gives_spanish_and_writes_nothing() {
    LocalStorage::raw().remove_item(KEY).unwrap();
    assert_eq!(settings_store::load().locale, Locale::Es);
    assert_eq!(stored(), None);
}

#[wasm_bindgen_test]
fn a_saved_choice_is_read_back() {
    settings_store::save(&Settings { version: SETTINGS_VERSION, locale: Locale::Fr });
    assert_eq!(settings_store::load().locale, Locale::Fr);
    assert!(stored().unwrap().contains("\"fr\""));
}

#[wasm_bindgen_test]
fn a_corrupt_setting_falls_back_to_the_default_and_is_rewritten() {
    for garbage in ["{not json", "[1,2,3]", r#"{"version":1,"locale":"klingon"}"#] {
        LocalStorage::raw().set_item(KEY, garbage).unwrap();
        assert_eq!(settings_store::load(), Settings::default(), "for {garbage:?}");
        let repaired = stored().expect("rewritten");
        assert_ne!(repaired, garbage);
        assert!(!senda_core::settings::load(Some(&repaired)).rewrite);
    }
}
