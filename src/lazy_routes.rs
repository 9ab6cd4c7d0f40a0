//! Screens whose code is split out of the first-load wasm and fetched the first time a route opens.
//!
//! Each route type below puts its screen behind a `#[wasm_split(.., fallible)]` split point:
//! `scripts/wasm_split.mjs` (run by the Trunk post-build hook) cuts the code only that screen
//! reaches into wasm chunks of their own, which the service worker precaches like every other
//! file. A chunk that cannot be fetched (no network, nothing cached yet) is an error value, never a
//! trap: the route shows `ScreenMissing`, which retries until the screen opens. In app.rs a route
//! uses one of these with `view={Lazy::<CasesRoute>::new()}`. To make another screen lazy, add a
//! line to the list at the bottom (the screen must be a component without props).

use crate::lazy_screen::{open_screen, ChunkMissing, ScreenView};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use leptos_router::LazyRoute;

/// Declares `$route`, a lazy route that shows the page component `$page`, and `$split`, the
/// split function (its chunk is named after it) that hands the page's constructor back once
/// the chunk is loaded. Leptos's own `#[lazy_route]` is not used: its split point is infallible
/// and a failed fetch aborts the whole wasm.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident, $split:ident => $page:path) => {
        $(#[$doc])*
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            async fn view(_this: Self) -> AnyView {
                open_screen(|| Box::pin($split())).await
            }
        }

        #[wasm_split($split, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $split() -> Result<ScreenView, ChunkMissing> {
            Ok(|| $page().into_any())
        }
    };
}

lazy_page!(/// The case list and the vault gate (`/cases`).
    CasesRoute, cases_route_view => crate::pages::cases::CasesPage);
lazy_page!(/// Backup and restore (`/cases/backup`).
    BackupRoute, backup_route_view => crate::pages::case_backup::BackupPage);
lazy_page!(/// Anonymous monitoring indicators (`/cases/monitoring`).
    MonitoringRoute, monitoring_route_view => crate::pages::monitoring::MonitoringPage);
lazy_page!(/// One case (`/cases/:id`).
    CaseRoute, case_route_view => crate::pages::case_detail::CasePage);
lazy_page!(/// A case's risk screening (`/cases/:id/screening`).
    CaseScreeningRoute, case_screening_route_view => crate::pages::case_screening::CaseScreeningPage);
lazy_page!(/// A case's procedure (`/cases/:id/procedure`).
    CaseProcedureRoute, case_procedure_route_view => crate::pages::case_procedure::CaseProcedurePage);
lazy_page!(/// A case's model documents (`/cases/:id/documents`).
    CaseDocumentsRoute, case_documents_route_view => crate::pages::case_documents::CaseDocumentsPage);
lazy_page!(/// One model document, ready to print (`/cases/:id/documents/:kind`).
    CaseDocumentRoute, case_document_route_view => crate::pages::case_documents::CaseDocumentPage);
lazy_page!(/// The volunteer first-contact flow (`/first-contact`).
    FirstContactRoute, first_contact_route_view => crate::pages::first_contact::FirstContactPage);
lazy_page!(/// The Guide's phases (`/guide`).
    GuideRoute, guide_route_view => crate::pages::guide::GuidePage);
lazy_page!(/// One phase of the Guide (`/guide/:phase`).
    GuidePhaseRoute, guide_phase_route_view => crate::pages::guide_phase::GuidePhasePage);
lazy_page!(/// For children, the staff side (`/children`).
    ChildrenRoute, children_route_view => crate::pages::children::ChildrenPage);
lazy_page!(/// Child mode's public start (`/child`).
    ChildRoute, child_route_view => crate::pages::child::ChildPage);
lazy_page!(/// Reference: search, framework, glossary (`/reference`).
    ReferenceRoute, reference_route_view => crate::pages::reference::ReferencePage);
lazy_page!(/// One section of the normative framework (`/reference/framework/:section`).
    ReferenceSectionRoute, reference_section_route_view => crate::pages::reference_section::ReferenceSectionPage);
lazy_page!(/// The glossary A–Z (`/reference/glossary`).
    GlossaryRoute, glossary_route_view => crate::pages::glossary::GlossaryPage);
lazy_page!(/// One glossary term (`/reference/glossary/:term`).
    GlossaryTermRoute, glossary_term_route_view => crate::pages::glossary::GlossaryTermPage);
lazy_page!(/// Settings (`/settings`).
    SettingsRoute, settings_route_view => crate::pages::settings::SettingsPage);
lazy_page!(/// Team sync (`/settings/team`): its own chunk, with all the sync code.
    TeamRoute, team_route_view => crate::pages::team::TeamPage);
