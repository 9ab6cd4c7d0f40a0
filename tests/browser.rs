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

/// A promise resolved after `ms` milliseconds (the browser's timer).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().unwrap();
        window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

// `fetch::join_all` (the shell's strings, every content loader) replaced `futures`' own to keep
// its large-set code out of the first load: the files must still be fetched all at once, not one
// after another, and come back in the order asked.
#[wasm_bindgen_test]
async fn join_all_starts_every_future_before_any_ends_and_keeps_their_order() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let log = Rc::new(RefCell::new(Vec::new()));
    let task = |name: &'static str, ms: i32| {
        let log = log.clone();
        async move {
            log.borrow_mut().push(format!("start {name}"));
            sleep(ms).await;
            log.borrow_mut().push(format!("end {name}"));
            name
        }
    };
    let outputs = senda::fetch::join_all([task("a", 40), task("b", 0), task("c", 20)]).await;
    assert_eq!(outputs, ["a", "b", "c"]);
    let log = log.borrow();
    assert_eq!(log.len(), 6);
    assert!(log[..3].iter().all(|e| e.starts_with("start")), "one after another: {log:?}");
    assert_eq!(log[3], "end b", "{log:?}");
}
