//! A lazy part of a lazy screen (the team workflows on the case screens): its chunk's exports once
//! loaded, or an honest "could not load this part" that retries as a missing screen does
//! (`lazy_screen.rs`). It runs only inside lazy screens, so its strings are the common part's.

use crate::i18n::use_i18n;
use crate::lazy_screen::{LoadPart, Retry};
use leptos::prelude::*;

/// A part of a screen whose code is in another chunk (the team workflows on a case screen):
/// nothing while its chunk loads, then `render` with what the chunk exports. A chunk that cannot
/// be fetched is never a trap: the part says it could not be loaded and keeps trying (backoff,
/// at once when back online, or the button), and the rest of the screen works meanwhile.
pub fn lazy_part<T: Copy + Send + Sync + 'static>(
    load: LoadPart<T>,
    render: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let retry = Retry::new(load);
    retry.attempt();
    retry.retry_when_online();
    move || match retry.loaded.get() {
        Some(part) => untrack(|| render(part)),
        None if retry.missed.get() => view! {
            <div class="notice part-missing" role="status" data-part-missing="">
                <p>{i18n.t("lazy.part_missing")}</p>
                <button
                    class="button quiet"
                    type="button"
                    disabled=move || retry.trying.get()
                    on:click=move |_| retry.attempt()
                >
                    {i18n.t("lazy.retry")}
                </button>
            </div>
        }
        .into_any(),
        None => ().into_any(),
    }
}
