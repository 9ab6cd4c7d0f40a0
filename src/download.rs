//! Files in and out of the browser: offering bytes as a download (a Blob behind an object URL,
//! clicked through an `<a download>`), and reading a file the worker picked.

use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

/// How long the object URL lives after the click: long enough for every browser to start the
/// download, short enough that the file's bytes do not stay reachable in memory.
const URL_LIFETIME: std::time::Duration = std::time::Duration::from_secs(10);

/// Offers `bytes` as a file named `file_name` to save or share.
pub fn offer_download(bytes: &[u8], file_name: &str, mime: &str) -> Result<(), JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    let body = document.body().ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        URL_LIFETIME,
    );
    Ok(())
}

/// The bytes of a picked file.
pub async fn read_file(file: &File) -> Result<Vec<u8>, JsValue> {
    let buffer: ArrayBuffer = JsFuture::from(file.array_buffer()).await?.unchecked_into();
    Ok(Uint8Array::new(&buffer).to_vec())
}
