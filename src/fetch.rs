//! Fetching files of the build at run time (content, interface strings), all at once, and why it failed.

use leptos::prelude::window;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why content could not be shown; the view says it in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContentLoadError {
    /// The file could not be fetched (not yet cached and no network).
    Unreachable(String),
    /// The file was fetched but is not what the app expects (a defect of the build).
    Unreadable(String),
}

/// Fetches a file of the build by its path under the deployment base.
pub async fn fetch_text(path: &str) -> Result<String, ContentLoadError> {
    let unreachable = |_| ContentLoadError::Unreachable(path.to_owned());
    let response = JsFuture::from(window().fetch_with_str(path)).await.map_err(unreachable)?;
    let response: web_sys::Response = response.dyn_into().map_err(unreachable)?;
    if !response.ok() {
        return Err(ContentLoadError::Unreachable(path.to_owned()));
    }
    let text = JsFuture::from(response.text().map_err(unreachable)?).await.map_err(unreachable)?;
    text.as_string().ok_or_else(|| ContentLoadError::Unreadable(path.to_owned()))
}

/// Fetches several files of the build at once (not one after another), in the order given.
pub async fn fetch_all(paths: &[&str]) -> Result<Vec<String>, ContentLoadError> {
    futures::future::join_all(paths.iter().map(|p| fetch_text(p))).await.into_iter().collect()
}
