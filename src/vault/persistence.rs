//! Asks the browser to keep the vault's storage when the phone runs short of space
//! (`navigator.storage.persist()`), and reports whether it agreed, for the screen to show.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Whether the browser promised not to evict this site's storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    Granted,
    /// Refused or not decided yet (Chromium grants to installed or often-used apps).
    NotGranted,
    /// This browser has no storage manager here (an insecure context, an old browser).
    Unsupported,
}

async fn ask(
    call: impl FnOnce(&web_sys::StorageManager) -> Result<js_sys::Promise, JsValue>,
) -> Persistence {
    let Some(window) = web_sys::window() else {
        return Persistence::Unsupported;
    };
    let navigator = window.navigator();
    let has_manager = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage"))
        .is_ok_and(|s| s.is_object());
    if !has_manager {
        return Persistence::Unsupported;
    }
    let Ok(promise) = call(&navigator.storage()) else {
        return Persistence::Unsupported;
    };
    match JsFuture::from(promise).await {
        Ok(answer) if answer.as_bool() == Some(true) => Persistence::Granted,
        Ok(_) => Persistence::NotGranted,
        Err(_) => Persistence::Unsupported,
    }
}

/// Asks for persistent storage; the browser may decide without asking the person.
pub async fn request_persistent_storage() -> Persistence {
    ask(web_sys::StorageManager::persist).await
}

/// Whether storage is already persistent, without asking for it.
pub async fn persistent_storage() -> Persistence {
    ask(web_sys::StorageManager::persisted).await
}
