//! Screens whose code is split out of the first-load wasm and fetched the first time a route opens.
//!
//! The screens are grouped by area (cases, first contact, guide, children, reference, settings,
//! practice, the team's sync and workflows): each area is one `#[wasm_split(.., fallible)]` split point that hands back the
//! screen a route asks for, so `scripts/wasm_split.mjs` (run by the Trunk post-build hook) cuts
//! the code only that area reaches into one chunk (and the code areas share into a few more),
//! not into hundreds of pieces fetched one after another; which the service worker precaches like every other
//! file. A chunk that cannot be fetched (no network, nothing cached yet) is an error value, never a
//! trap: the route shows `ScreenMissing`, which retries until the screen opens. In app.rs a route
//! uses one of these with `view={Lazy::<CasesRoute>::new()}`. To make another screen lazy, add a
//! line to its area at the bottom (the screen must be a component without props). Each area
//! names the part of the interface strings it uses (`ui_text::Part`): the area's chunk, the
//! strings every screen shares (`Part::Common`) and the area's strings are fetched at once, and
//! the screen shows only once all are there (a missing one is a missing screen, retried).

use crate::lazy_screen::{open_screen, ChunkMissing, ScreenView};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use leptos_router::LazyRoute;
use senda_core::ui_text::Part;

/// Declares `$split`, the split function of one area (its chunk is named after it) that hands
/// back the constructor of the screen a route names once the chunk is loaded, and for each
/// `$route` a lazy route that shows the page component `$page` with the strings of `$part`
/// (or of its own part, `Route => page [Part::X],`).
/// Leptos's own `#[lazy_route]` is not used: its split point is infallible and a failed fetch
/// aborts the whole wasm.
macro_rules! lazy_area {
    (@part $area:expr) => { $area };
    (@part $area:expr, $own:expr) => { $own };
    ($split:ident, $part:expr => { $($(#[$doc:meta])* $route:ident => $page:path $([$own:expr])?,)+ }) => {
        #[wasm_split($split, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $split(route: &'static str) -> Result<ScreenView, ChunkMissing> {
            match route {
                $(stringify!($route) => Ok(|| $page().into_any()),)+
                _ => Err(ChunkMissing),
            }
        }

        $(
            $(#[$doc])*
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }
                async fn view(_this: Self) -> AnyView {
                    open_screen(|| Box::pin(async {
                        let strings = crate::i18n::ensure_parts(&[Part::Common, lazy_area!(@part $part $(, $own)?)]);
                        let (screen, strings) =
                            futures::future::join($split(stringify!($route)), strings).await;
                        strings.map_err(|_| ChunkMissing)?;
                        screen
                    }))
                    .await
                }
            }
        )+
    };
}

lazy_area!(cases_area, Part::Cases => {
    /// The case list and the vault gate (`/cases`).
    CasesRoute => crate::pages::cases::CasesPage,
    /// Backup and restore (`/cases/backup`).
    BackupRoute => crate::pages::case_backup::BackupPage,
    /// Anonymous monitoring indicators (`/cases/monitoring`).
    MonitoringRoute => crate::pages::monitoring::MonitoringPage,
    /// One case (`/cases/:id`).
    CaseRoute => crate::pages::case_detail::CasePage,
    /// A case's risk screening (`/cases/:id/screening`).
    CaseScreeningRoute => crate::pages::case_screening::CaseScreeningPage,
    /// A case's procedure (`/cases/:id/procedure`).
    CaseProcedureRoute => crate::pages::case_procedure::CaseProcedurePage,
    /// A case's model documents (`/cases/:id/documents`).
    CaseDocumentsRoute => crate::pages::case_documents::CaseDocumentsPage,
    /// One model document, ready to print (`/cases/:id/documents/:kind`).
    CaseDocumentRoute => crate::pages::case_documents::CaseDocumentPage,
});

lazy_area!(first_contact_area, Part::FirstContact => {
    /// The volunteer first-contact flow (`/first-contact`).
    FirstContactRoute => crate::pages::first_contact::FirstContactPage,
});

lazy_area!(guide_area, Part::Guide => {
    /// The Guide's phases (`/guide`).
    GuideRoute => crate::pages::guide::GuidePage,
    /// One phase of the Guide (`/guide/:phase`).
    GuidePhaseRoute => crate::pages::guide_phase::GuidePhasePage,
});

lazy_area!(children_area, Part::Children => {
    /// For children, the staff side (`/children`).
    ChildrenRoute => crate::pages::children::ChildrenPage,
    /// Child mode's public start (`/child`).
    ChildRoute => crate::pages::child::ChildPage,
});

lazy_area!(reference_area, Part::Reference => {
    /// Reference: search, framework, glossary (`/reference`).
    ReferenceRoute => crate::pages::reference::ReferencePage,
    /// One section of the normative framework (`/reference/framework/:section`).
    ReferenceSectionRoute => crate::pages::reference_section::ReferenceSectionPage,
    /// The glossary A–Z (`/reference/glossary`).
    GlossaryRoute => crate::pages::glossary::GlossaryPage,
    /// One glossary term (`/reference/glossary/:term`).
    GlossaryTermRoute => crate::pages::glossary::GlossaryTermPage,
});

lazy_area!(settings_area, Part::Settings => {
    /// Settings (`/settings`).
    SettingsRoute => crate::pages::settings::SettingsPage,
});

lazy_area!(training_area, Part::Training => {
    /// The practice space (`/practice`, `/practice/:id`, `/practice/lessons`): one route type.
    PracticeRoute => crate::pages::training::PracticePage,
});

// The team's chunk: team sync and the team workflows (issue #16). A phone in a team loads it at
// every unlock (automatic sync), a worker with no team never: so the screens only a team opens
// (review, transfer, shift, with the cases area's strings) and the parts of the cases area's
// screens only a team uses (`pages::team_work`, the same split) are here, not in the cases chunk.
lazy_area!(team_area, Part::Settings => {
    /// Team sync (`/settings/team`), with all the sync code; Settings' strings.
    TeamRoute => crate::pages::team::TeamPage,
    /// The team's shift view (`/cases/shift`).
    ShiftRoute => crate::pages::handover::shift::ShiftPage [Part::Cases],
    /// One document under supervisor review (`/cases/:id/review/:subject`).
    CaseReviewRoute => crate::pages::case_review::CaseReviewPage [Part::Cases],
    /// The supervisors' review queue (`/cases/reviews`).
    ReviewQueueRoute => crate::pages::case_review::ReviewQueuePage [Part::Cases],
    /// Transfer to another organisation (`/cases/:id/transfer`).
    CaseTransferRoute => crate::pages::case_transfer::CaseTransferPage [Part::Cases],
    /// Not a screen: starts automatic team sync, whose code is in this chunk (`start_autosync`).
    AutoSyncRoute => crate::sync::auto::start_view,
});

/// Loads the team chunk and starts automatic sync under `owner` (the app's: it outlives any
/// screen). A chunk that cannot be fetched now is tried again at the next unlock.
pub async fn start_autosync(owner: Owner) {
    let strings = crate::i18n::ensure_parts(&[Part::Common, Part::Settings]);
    let (start, _) = futures::future::join(team_area(stringify!(AutoSyncRoute)), strings).await;
    if let Ok(start) = start {
        owner.with(|| drop(start()));
    }
}
