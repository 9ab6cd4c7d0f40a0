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
