//! A lazy part of a screen (`lazy_part::lazy_part`, the team parts of the case screens) in real
//! Chromium: a chunk that cannot be loaded is a visible "could not load this part" with a retry
//! button while the rest of the screen stays, and the part shows in place once it loads.

use leptos::prelude::*;
use senda::i18n::I18n;
use senda::lazy_part::lazy_part;
use senda::lazy_screen::ChunkMissing;
use senda_core::locale::Locale;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Whether the fake chunk can be "fetched", and how many loads were tried.
static AVAILABLE: AtomicBool = AtomicBool::new(false);
static TRIED: AtomicU32 = AtomicU32::new(0);

fn load() -> Pin<Box<dyn Future<Output = Result<u32, ChunkMissing>>>> {
    Box::pin(async {
        TRIED.fetch_add(1, Ordering::SeqCst);
        if AVAILABLE.load(Ordering::SeqCst) {
            Ok(7)
        } else {
            Err(ChunkMissing)
        }
    })
}

async fn tick() {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(wait).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_part_that_cannot_load_says_so_then_shows_on_retry() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), || {
        provide_context(I18n { locale: RwSignal::new(Locale::Es) });
        view! {
            <p id="rest">"the rest of the screen"</p>
            {lazy_part(load, |n: u32| view! { <p id="part">{n}</p> }.into_any())}
        }
    });
    tick().await;
    let find = |sel: &str| host.query_selector(sel).unwrap();
    assert!(find("#rest").is_some(), "the rest of the screen is there");
    assert!(find("#part").is_none());
    let missing = find("[data-part-missing]").expect("the part says it could not be loaded");
    assert_eq!(missing.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(TRIED.load(Ordering::SeqCst), 1);

    // A retry that fails again keeps the message (and counts a second attempt).
    let button = || {
        find("[data-part-missing] button")
            .expect("a retry button")
            .unchecked_into::<web_sys::HtmlElement>()
    };
    button().click();
    tick().await;
    assert_eq!(TRIED.load(Ordering::SeqCst), 2);
    assert!(find("[data-part-missing]").is_some());

    // The chunk can be had: the next retry shows the part in place, the message goes.
    AVAILABLE.store(true, Ordering::SeqCst);
    button().click();
    tick().await;
    assert_eq!(find("#part").map(|p| p.text_content().unwrap_or_default()).as_deref(), Some("7"));
    assert!(find("[data-part-missing]").is_none());
    assert!(find("#rest").is_some());
    drop(handle);
}
