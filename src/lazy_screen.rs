//! Opening a lazy screen whose code may not be on the phone yet: the loaded screen, or a plain
//! message with a retry button that keeps trying by itself (with backoff, and as soon as the
//! browser is back online) and shows it in place once its code arrives (the same retry serves
//! the lazy parts of screens, `lazy_part.rs`).

use crate::i18n::use_i18n;
use crate::pwa::Pwa;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use senda_core::retry::backoff;
use std::future::Future;
use std::pin::Pin;

/// A screen's code (a wasm chunk) could not be fetched or compiled: no network and not cached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkMissing;

impl From<SplitLoaderError> for ChunkMissing {
    fn from(_: SplitLoaderError) -> ChunkMissing {
        ChunkMissing
    }
}

/// Builds a screen whose code is loaded (a function of the chunk, reached through the table).
pub type ScreenView = fn() -> AnyView;

/// Loads a screen's chunk: the split function `lazy_routes.rs` declares. A failed load is not
/// remembered, so calling it again is a fresh attempt.
pub type LoadScreen = fn() -> Pin<Box<dyn Future<Output = Result<ScreenView, ChunkMissing>>>>;

/// Loads the chunk of a part of a screen and hands back what it exports (`T`, fn pointers into
/// the chunk); a failed load is not remembered, as with `LoadScreen`.
pub type LoadPart<T> = fn() -> Pin<Box<dyn Future<Output = Result<T, ChunkMissing>>>>;

/// The route's view: the screen if its code loads, otherwise `ScreenMissing`.
pub async fn open_screen(load: LoadScreen) -> AnyView {
    match load().await {
        Ok(screen) => screen(),
        Err(ChunkMissing) => view! { <ScreenMissing load /> }.into_any(),
    }
}

/// The retry state of one missing screen or part; `Copy` so the timer and the task can hold it.
pub(crate) struct Retry<T: Send + Sync + 'static> {
    load: LoadPart<T>,
    pub(crate) loaded: RwSignal<Option<T>>,
    pub(crate) trying: RwSignal<bool>,
    /// Whether an attempt has failed (a part shows nothing until then).
    pub(crate) missed: RwSignal<bool>,
    failures: StoredValue<u32>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl<T: Send + Sync + 'static> Clone for Retry<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Retry<T> {}

impl<T: Copy + Send + Sync + 'static> Retry<T> {
    /// A retry state owned by the current reactive owner (its timer cleared with it).
    pub(crate) fn new(load: LoadPart<T>) -> Self {
        let retry = Retry {
            load,
            loaded: RwSignal::new(None),
            trying: RwSignal::new(false),
            missed: RwSignal::new(false),
            failures: StoredValue::new(0),
            timer: StoredValue::new(None),
        };
        on_cleanup(move || retry.cancel_timer());
        retry
    }

    /// Back online: try at once rather than wait for the timer.
    pub(crate) fn retry_when_online(self) {
        if let Some(pwa) = use_context::<Pwa>() {
            Effect::new(move |was_online: Option<bool>| {
                let online = pwa.online.get();
                if online && was_online == Some(false) {
                    self.attempt();
                }
                online
            });
        }
    }

    /// One fresh attempt now (unless one is under way or the screen is there).
    pub(crate) fn attempt(self) {
        let idle = self.loaded.try_with_untracked(Option::is_none).unwrap_or(false)
            && !self.trying.get_untracked();
        if !idle {
            return;
        }
        self.cancel_timer();
        self.trying.set(true);
        leptos::task::spawn_local(async move {
            let result = (self.load)().await;
            // The screen may have been left while the fetch was under way.
            if self.trying.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(screen) => self.loaded.set(Some(screen)),
                Err(ChunkMissing) => self.schedule(),
            }
        });
    }

    /// Counts a failure and tries again after the backoff delay.
    fn schedule(self) {
        let _ = self.missed.try_set(true);
        let failures = self.failures.get_value().saturating_add(1);
        self.failures.set_value(failures);
        let handle = set_timeout_with_handle(move || self.attempt(), backoff(failures)).ok();
        self.timer.set_value(handle);
    }

    fn cancel_timer(self) {
        if let Some(Some(handle)) = self.timer.try_get_value() {
            handle.clear();
        }
        let _ = self.timer.try_set_value(None);
    }
}

/// "This screen is not on the phone yet": shown in place of a screen whose code is missing.
#[component]
fn ScreenMissing(load: LoadScreen) -> impl IntoView {
    let i18n = use_i18n();
    let retry = Retry::new(load);
    retry.schedule();
    retry.retry_when_online();
    move || {
        match retry.loaded.get() {
        Some(screen) => untrack(screen),
        None => view! {
            <section class="screen-missing" data-screen-missing="">
                <h1>{i18n.t("lazy.missing_title")}</h1>
                <p>{i18n.t("lazy.missing_body")}</p>
                <p class="screen-missing-state" role="status">
                    {move || if retry.trying.get() { i18n.t("lazy.trying")() } else { String::new() }}
                </p>
                <button
                    class="button primary"
                    type="button"
                    disabled=move || retry.trying.get()
                    on:click=move |_| retry.attempt()
                >
                    {i18n.t("lazy.retry")}
                </button>
            </section>
        }
        .into_any(),
    }
    }
}
