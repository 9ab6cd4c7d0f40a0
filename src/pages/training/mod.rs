//! Training mode's practice space: fictional scenarios screened with the real rules, with feedback; its own content and its own store, never the vault.
//!
//! Everything here is lazy (one route type in `lazy_routes.rs`, so the first load carries one) and reads its words from
//! `content/training/<locale>.json`; the only first-load strings are the Home entry and the
//! banner. Progress lives under its own localStorage key (`progress_store`): no case, no name.

pub mod content;
pub mod feedback_view;
pub mod form;
pub mod frame;
pub mod lessons;
pub mod list;
pub mod progress_store;
pub mod scenario;

use crate::components::erased::dyn_view;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The id under `/practice/` that opens the lessons rather than a scenario (no scenario uses it).
pub const LESSONS: &str = "lessons";

/// The practice screen the address names: the list, the lessons, or one scenario.
#[component]
pub fn PracticePage() -> impl IntoView {
    let params = use_params_map();
    dyn_view(move || match params.read().get("id") {
        None => view! { <list::PracticeListPage /> }.into_any(),
        Some(id) if id == LESSONS => view! { <lessons::PracticeLessonsPage /> }.into_any(),
        Some(_) => view! { <scenario::PracticeScenarioPage /> }.into_any(),
    })
}
