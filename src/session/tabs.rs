//! One writer across tabs (the JS side is `tabs.js`): the open vault holds the writer's Web Lock,
//! which a tab unlocking elsewhere takes over — the tab that loses it locks at once — and lock,
//! quick exit and wipe are told to every other Senda tab of this deployment by a BroadcastChannel.
//! Both are named by the deployment (`storage_names`): another deployment on the origin neither
//! takes this one's lock nor hears it.

use crate::storage_names::scoped;
use crate::vault::DATABASE_NAME;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/session/tabs.js")]
extern "C" {
    fn connect(name: &str, lost: &Closure<dyn Fn()>, heard: &Closure<dyn Fn(String)>);
    #[wasm_bindgen(js_name = holdWriter)]
    fn hold_writer_js(name: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = releaseWriter)]
    fn release_writer_js();
    fn tell(kind: &str);
}

/// What one tab tells the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Told {
    Lock,
    QuickExit,
    Wipe,
}

impl Told {
    fn code(self) -> &'static str {
        match self {
            Told::Lock => "lock",
            Told::QuickExit => "quick-exit",
            Told::Wipe => "wipe",
        }
    }

    fn from_code(code: &str) -> Option<Told> {
        [Told::Lock, Told::QuickExit, Told::Wipe].into_iter().find(|t| t.code() == code)
    }
}

/// Listens for the app's lifetime: `lost` when another tab took the writer's lock, `heard` for
/// what another tab told.
pub fn listen(lost: impl Fn() + 'static, heard: impl Fn(Told) + 'static) {
    let lost = Closure::<dyn Fn()>::new(lost);
    let heard = Closure::<dyn Fn(String)>::new(move |code: String| {
        if let Some(told) = Told::from_code(&code) {
            heard(told);
        }
    });
    connect(&scoped(&format!("{DATABASE_NAME}/tabs")), &lost, &heard);
    // The app lives as long as the page: the listeners are never removed.
    std::mem::forget((lost, heard));
}

/// Takes the writer's lock from whichever tab holds it, and waits until it is held.
pub async fn hold_writer() {
    let _ = JsFuture::from(hold_writer_js(&scoped(&format!("{DATABASE_NAME}/writer")))).await;
}

/// Lets the writer's lock go (this tab locked).
pub fn release_writer() {
    release_writer_js();
}

/// Tells every other tab.
pub fn tell_others(told: Told) {
    tell(told.code());
}
