//! Fetching files of the build at run time (content, interface strings), all at once, each once
//! per page however many loaders ask for it (`fetch.js`), and why it failed.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/fetch.js")]
extern "C" {
    /// The file's text (`fetch.js`: once per page); rejects when it cannot be had.
    #[wasm_bindgen(js_name = fetchText)]
    fn fetch_text_once(path: &str) -> js_sys::Promise;
}

/// Why content could not be shown; the view says it in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContentLoadError {
    /// The file could not be fetched (not yet cached and no network).
    Unreachable(String),
    /// The file was fetched but is not what the app expects (a defect of the build).
    Unreadable(String),
}

/// A file of the build by its path under the deployment base, fetched once per page.
pub async fn fetch_text(path: &str) -> Result<String, ContentLoadError> {
    let unreachable = || ContentLoadError::Unreachable(path.to_owned());
    let text = JsFuture::from(fetch_text_once(path)).await.map_err(|_| unreachable())?;
    text.as_string().ok_or_else(|| ContentLoadError::Unreadable(path.to_owned()))
}

/// Fetches several files of the build at once (not one after another), in the order given.
pub async fn fetch_all(paths: &[&str]) -> Result<Vec<String>, ContentLoadError> {
    join_all(paths.iter().map(|p| fetch_text(p))).await.into_iter().collect()
}

/// Awaits every future of `futures` at once (all polled together, none after another), their
/// outputs in the order given. What `futures::future::join_all` does, for the few files a screen
/// fetches; that one also carries, for sets of more than 30, a `FuturesOrdered` whose code sat in
/// the first-load wasm (README, Performance).
pub async fn join_all<F: Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut waiting: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = waiting.iter().map(|_| None).collect();
    poll_fn(|cx| {
        let mut done = true;
        for (future, output) in waiting.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => done = false,
                }
            }
        }
        match done {
            true => Poll::Ready(outputs.iter_mut().filter_map(Option::take).collect()),
            false => Poll::Pending,
        }
    })
    .await
}
