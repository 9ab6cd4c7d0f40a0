//! Read aloud: the browser's speech synthesis through a small module (`speech.js`, shipped by
//! Trunk like the vault's `idb.js`, so the CSP needs no inline script). One sentence at a time,
//! so the screen can highlight the one being spoken.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/speech.js")]
extern "C" {
    #[wasm_bindgen(js_name = speak)]
    fn js_speak(
        lang: &str,
        sentences: js_sys::Array,
        on_sentence: &Closure<dyn FnMut(u32)>,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = stopSpeaking)]
    fn js_stop();
}

/// How reading aloud ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spoken {
    Done,
    Stopped,
    /// No voice for this language on this phone: nothing was spoken.
    NoVoice,
    /// The browser has no speech synthesis.
    Unsupported,
}

/// Speaks `sentences` in `lang` (a code such as "es"), calling `on_sentence(i)` as each starts.
pub async fn speak(
    lang: &str,
    sentences: &[String],
    on_sentence: impl FnMut(u32) + 'static,
) -> Spoken {
    let list: js_sys::Array = sentences.iter().map(|s| JsValue::from_str(s)).collect();
    let callback = Closure::<dyn FnMut(u32)>::new(on_sentence);
    let result = JsFuture::from(js_speak(lang, list, &callback)).await;
    drop(callback);
    match result.ok().and_then(|v| v.as_string()).as_deref() {
        Some("done") => Spoken::Done,
        Some("stopped") => Spoken::Stopped,
        Some("no-voice") => Spoken::NoVoice,
        _ => Spoken::Unsupported,
    }
}

/// Stops reading aloud.
pub fn stop() {
    js_stop();
}
