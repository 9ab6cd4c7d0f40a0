//! The team workflows' parts of screens that stay in the cases chunk (the handover card, the
//! review section and the signed history of a case, "my cases" on the list, the team's figures on
//! monitoring): their code is in the team's chunk (`team_area`, with the sync code and the review,
//! transfer and shift screens, `src/lazy_routes.rs`), which a phone in a team loads at unlock and
//! a worker with no team never downloads. Each part is shown through `team_part`, which loads the
//! chunk and says so honestly if it cannot (`lazy_screen::lazy_part`).

use crate::case_editor::CaseEditor;
use crate::content::GuideContent;
use crate::lazy_part::lazy_part;
use crate::lazy_screen::ChunkMissing;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use senda_core::case::Case;
use senda_core::ui_text::Part;
use senda_core::workflow::handover::MyCases;
use std::sync::Arc;

/// What the team's chunk exports for other screens: each part's view, built in the
/// chunk (fn pointers into it).
#[derive(Clone, Copy)]
pub struct TeamParts {
    /// "My cases" and the shift link on the case list (`handover::my_cases`).
    pub my_cases: fn(RwSignal<bool>, RwSignal<Option<MyCases>>) -> AnyView,
    /// Who holds a stored case, and handing it over (`handover`).
    pub handover_card: fn(CaseEditor) -> AnyView,
    /// The case screen's review section (`case_review::card`).
    pub case_reviews: fn(CaseEditor) -> AnyView,
    /// The case's signed history, checked (`case_detail::signed_history`).
    pub signed_history: fn(CaseEditor) -> AnyView,
    /// The team's own figures on the monitoring screen (`monitoring::team`).
    pub team_monitoring: fn(Vec<Case>, Arc<GuideContent>) -> AnyView,
}

/// The split point of the parts, in the team's chunk.
#[wasm_split(team_area, wasm_split_path = ::leptos::wasm_split, fallible)]
fn team_work_parts() -> Result<TeamParts, ChunkMissing> {
    use crate::pages::case_detail::signed_history::SignedHistory;
    use crate::pages::case_review::card::ReviewSection;
    use crate::pages::handover::my_cases::MyCasesToggle;
    use crate::pages::handover::HandoverCard;
    use crate::pages::monitoring::team::TeamPart;
    Ok(TeamParts {
        my_cases: |on, mine| view! { <MyCasesToggle on mine /> }.into_any(),
        handover_card: |editor| view! { <HandoverCard editor /> }.into_any(),
        case_reviews: |editor| view! { <ReviewSection editor /> }.into_any(),
        signed_history: |editor| view! { <SignedHistory editor /> }.into_any(),
        team_monitoring: |cases, content| view! { <TeamPart cases content /> }.into_any(),
    })
}

/// Loads the chunk and the strings its parts use (the cases area's, already there on its screens).
fn load() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<TeamParts, ChunkMissing>>>> {
    Box::pin(async {
        let strings = crate::i18n::ensure_parts(&[Part::Common, Part::Cases]);
        let (parts, strings) = futures::future::join(team_work_parts(), strings).await;
        strings.map_err(|_| ChunkMissing)?;
        parts
    })
}

thread_local! {
    /// How the parts are loaded, set by the app at start (`install`). Not called directly from
    /// the screens: they are themselves in lazy chunks, whose entries every build keeps, so a
    /// direct call would pull the split point's loader import into every binary that links the
    /// crate — wasm-bindgen's browser tests too, whose page then cannot load.
    static LOADER: std::cell::Cell<Option<LoadParts>> = const { std::cell::Cell::new(None) };
}

type LoadParts =
    fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<TeamParts, ChunkMissing>>>>;

/// Called by `App` once: from then on the team parts load from the team chunk.
pub fn install() {
    LOADER.set(Some(load));
}

/// Without `install` (no app around it): the part is missing, said on screen.
fn not_installed(
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<TeamParts, ChunkMissing>>>> {
    Box::pin(async { Err(ChunkMissing) })
}

/// One team part of a screen: `render` picks it from the loaded chunk, e.g.
/// `team_part(move |p| (p.handover_card)(editor))`. Use it only where a phone is in a team.
pub fn team_part(render: impl Fn(TeamParts) -> AnyView + Send + Sync + 'static) -> impl IntoView {
    lazy_part(LOADER.get().unwrap_or(not_installed), render)
}
