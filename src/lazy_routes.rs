//! Screens whose code is split out of the first-load wasm and fetched the first time a route opens.
//!
//! Each `impl LazyRoute` below puts its screen behind a `#[lazy]` split point: `scripts/wasm_split.mjs`
//! (run by the Trunk post-build hook) cuts the code only those screens reach into wasm chunks of
//! their own, which the service worker precaches like every other file. In app.rs a route uses one
//! of these with `view=Lazy::<CasesRoute>::new()`. To make another screen lazy, copy one block.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// The case list and the vault gate (`/cases`).
pub struct CasesRoute;

#[lazy_route]
impl LazyRoute for CasesRoute {
    fn data() -> Self {
        CasesRoute
    }
    fn view(_this: Self) -> AnyView {
        crate::pages::cases::CasesPage().into_any()
    }
}

/// Backup and restore (`/cases/backup`).
pub struct BackupRoute;

#[lazy_route]
impl LazyRoute for BackupRoute {
    fn data() -> Self {
        BackupRoute
    }
    fn view(_this: Self) -> AnyView {
        crate::pages::case_backup::BackupPage().into_any()
    }
}

/// One case (`/cases/:id`).
pub struct CaseRoute;

#[lazy_route]
impl LazyRoute for CaseRoute {
    fn data() -> Self {
        CaseRoute
    }
    fn view(_this: Self) -> AnyView {
        crate::pages::case_detail::CasePage().into_any()
    }
}

/// A case's procedure (`/cases/:id/procedure`).
pub struct CaseProcedureRoute;

#[lazy_route]
impl LazyRoute for CaseProcedureRoute {
    fn data() -> Self {
        CaseProcedureRoute
    }
    fn view(_this: Self) -> AnyView {
        crate::pages::case_procedure::CaseProcedurePage().into_any()
    }
}

/// The Guide's list of phases (`/guide`).
pub struct GuideRoute;

#[lazy_route]
impl LazyRoute for GuideRoute {
    fn data() -> Self {
        GuideRoute
    }
    fn view(_this: Self) -> AnyView {
        crate::pages::guide::GuidePage().into_any()
    }
}

/// One phase of the Guide (`/guide/:phase`).
pub struct GuidePhaseRoute;

#[lazy_route]
impl LazyRoute for GuidePhaseRoute {
    fn data() -> Self {
        GuidePhaseRoute
    }
    fn view(_this: Self) -> AnyView {
        crate::pages::guide_phase::GuidePhasePage().into_any()
    }
}

/// The volunteer's first contact (`/first-contact`).
pub struct FirstContactRoute;

#[lazy_route]
impl LazyRoute for FirstContactRoute {
    fn data() -> Self {
        FirstContactRoute
    }
    fn view(_this: Self) -> AnyView {
        crate::pages::first_contact::FirstContactPage().into_any()
    }
}

/// Settings: language, security, country timelines (`/settings`).
pub struct SettingsRoute;

#[lazy_route]
impl LazyRoute for SettingsRoute {
    fn data() -> Self {
        SettingsRoute
    }
    fn view(_this: Self) -> AnyView {
        crate::pages::settings::SettingsPage().into_any()
    }
}
