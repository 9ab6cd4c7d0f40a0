//! Screens whose code is split out of the first-load wasm and fetched the first time a route opens.
//!
//! Each route type below puts its screen behind a `#[lazy_route]` split point: `scripts/wasm_split.mjs`
//! (run by the Trunk post-build hook) cuts the code only those screens reach into wasm chunks of
//! their own, which the service worker precaches like every other file. In app.rs a route uses one
//! of these with `view={Lazy::<CasesRoute>::new()}`. To make another screen lazy, add a line to
//! the list at the bottom (the screen must be a component without props).

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// Declares `$route`, a lazy route that shows the page component `$page`.
macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $page:path) => {
        $(#[$doc])*
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    };
}

lazy_page!(/// The case list and the vault gate (`/cases`).
    CasesRoute => crate::pages::cases::CasesPage);
lazy_page!(/// Backup and restore (`/cases/backup`).
    BackupRoute => crate::pages::case_backup::BackupPage);
lazy_page!(/// Anonymous monitoring indicators (`/cases/monitoring`).
    MonitoringRoute => crate::pages::monitoring::MonitoringPage);
lazy_page!(/// One case (`/cases/:id`).
    CaseRoute => crate::pages::case_detail::CasePage);
lazy_page!(/// A case's risk screening (`/cases/:id/screening`).
    CaseScreeningRoute => crate::pages::case_screening::CaseScreeningPage);
lazy_page!(/// A case's procedure (`/cases/:id/procedure`).
    CaseProcedureRoute => crate::pages::case_procedure::CaseProcedurePage);
lazy_page!(/// A case's model documents (`/cases/:id/documents`).
    CaseDocumentsRoute => crate::pages::case_documents::CaseDocumentsPage);
lazy_page!(/// One model document, ready to print (`/cases/:id/documents/:kind`).
    CaseDocumentRoute => crate::pages::case_documents::CaseDocumentPage);
lazy_page!(/// The volunteer first-contact flow (`/first-contact`).
    FirstContactRoute => crate::pages::first_contact::FirstContactPage);
lazy_page!(/// The Guide's phases (`/guide`).
    GuideRoute => crate::pages::guide::GuidePage);
lazy_page!(/// One phase of the Guide (`/guide/:phase`).
    GuidePhaseRoute => crate::pages::guide_phase::GuidePhasePage);
lazy_page!(/// For children, the staff side (`/children`).
    ChildrenRoute => crate::pages::children::ChildrenPage);
lazy_page!(/// Child mode's public start (`/child`).
    ChildRoute => crate::pages::child::ChildPage);
lazy_page!(/// Reference: search, framework, glossary (`/reference`).
    ReferenceRoute => crate::pages::reference::ReferencePage);
lazy_page!(/// One section of the normative framework (`/reference/framework/:section`).
    ReferenceSectionRoute => crate::pages::reference_section::ReferenceSectionPage);
lazy_page!(/// The glossary A–Z (`/reference/glossary`).
    GlossaryRoute => crate::pages::glossary::GlossaryPage);
lazy_page!(/// One glossary term (`/reference/glossary/:term`).
    GlossaryTermRoute => crate::pages::glossary::GlossaryTermPage);
lazy_page!(/// Settings (`/settings`).
    SettingsRoute => crate::pages::settings::SettingsPage);
