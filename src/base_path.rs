//! Reads where the app is deployed from the `<base href>` Trunk writes (see `senda_core::deploy`).

pub use senda_core::deploy::BasePath;

/// The deployment prefix of this page, from `document.baseURI`.
pub fn from_document() -> BasePath {
    let uri = leptos::prelude::document().base_uri().ok().flatten().unwrap_or_default();
    BasePath::from_base_uri(&uri)
}
