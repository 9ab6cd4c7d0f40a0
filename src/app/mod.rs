//! The app: shared context (language, deploy path, PWA state, session, child mode) and the route
//! table. Home, the not-found page and the shell are in the first-load wasm; every other screen
//! is a lazy route (`lazy_routes.rs`) fetched the first time it opens.

pub mod child_guard;
pub mod neutral_screen;
pub mod update_banner;

use crate::activity::Activity;
use crate::app::child_guard::ChildModeGuard;
use crate::app::neutral_screen::NeutralScreen;
use crate::app::update_banner::UpdateBanner;
use crate::base_path;
use crate::child_content::ChildContentStore;
use crate::child_mode::ChildModeState;
use crate::components::{bottom_nav::BottomNav, header::AppHeader};
use crate::content::ContentStore;
use crate::crash::CrashScreen;
use crate::i18n::I18n;
use crate::lazy_routes::*;
use crate::pages::{home::HomePage, not_found::NotFoundPage};
use crate::pwa::Pwa;
use crate::reference_content::ReferenceStore;
use crate::session::Session;
use crate::settings_store;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy};

#[component]
pub fn App() -> impl IntoView {
    let base = base_path::from_document();
    crate::pages::team_work::install();
    let i18n = I18n { locale: RwSignal::new(settings_store::load().locale) };
    provide_context(i18n);
    provide_context(base.clone());
    provide_context(Pwa::watch());
    provide_context(ContentStore::default());
    provide_context(ReferenceStore::default());
    // One record of the person's activity, for the vault's idle lock and child mode's reset.
    let activity = Activity::start();
    let session = Session::start(activity);
    provide_context(session);
    // Child mode: only the child screens; the staff header, navigation and banner are not drawn.
    let child_mode = ChildModeState::start(session, activity);
    provide_context(child_mode);
    provide_context(ChildContentStore::default());
    // Automatic team sync starts (from the lazy team chunk) once a team's vault is open.
    crate::sync_light::watch(session);
    let staff = move || !child_mode.on.get();

    // Screen readers and hyphenation follow the interface language.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", i18n.locale.get().code());
        }
    });

    view! {
        <Router base=base.as_str().to_owned()>
            <Show when=staff>
                <UpdateBanner />
                <AppHeader />
            </Show>
            <main id="main" class:child-main=move || !staff()>
                <ChildModeGuard>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("cases") view={Lazy::<CasesRoute>::new()} />
                    <Route path=path!("cases/backup") view={Lazy::<BackupRoute>::new()} />
                    <Route path=path!("cases/monitoring") view={Lazy::<MonitoringRoute>::new()} />
                    <Route path=path!("cases/reviews") view={Lazy::<ReviewQueueRoute>::new()} />
                    <Route path=path!("cases/shift") view={Lazy::<ShiftRoute>::new()} />
                    <Route path=path!("cases/:id") view={Lazy::<CaseRoute>::new()} />
                    <Route path=path!("cases/:id/review/:subject") view={Lazy::<CaseReviewRoute>::new()} />
                    <Route path=path!("cases/:id/transfer") view={Lazy::<CaseTransferRoute>::new()} />
                    <Route path=path!("cases/:id/screening") view={Lazy::<CaseScreeningRoute>::new()} />
                    <Route path=path!("cases/:id/procedure") view={Lazy::<CaseProcedureRoute>::new()} />
                    <Route path=path!("cases/:id/documents") view={Lazy::<CaseDocumentsRoute>::new()} />
                    <Route path=path!("cases/:id/documents/:kind") view={Lazy::<CaseDocumentRoute>::new()} />
                    <Route path=path!("first-contact") view={Lazy::<FirstContactRoute>::new()} />
                    <Route path=path!("guide") view={Lazy::<GuideRoute>::new()} />
                    <Route path=path!("guide/:phase") view={Lazy::<GuidePhaseRoute>::new()} />
                    <Route path=path!("children") view={Lazy::<ChildrenRoute>::new()} />
                    <Route path=path!("child") view={Lazy::<ChildRoute>::new()} />
                    <Route path=path!("reference") view={Lazy::<ReferenceRoute>::new()} />
                    <Route path=path!("reference/framework/:section") view={Lazy::<ReferenceSectionRoute>::new()} />
                    <Route path=path!("reference/glossary") view={Lazy::<GlossaryRoute>::new()} />
                    <Route path=path!("reference/glossary/:term") view={Lazy::<GlossaryTermRoute>::new()} />
                    <Route path=path!("settings") view={Lazy::<SettingsRoute>::new()} />
                    <Route path=path!("practice") view={Lazy::<PracticeRoute>::new()} />
                    <Route path=path!("practice/:id") view={Lazy::<PracticeRoute>::new()} />
                    <Route path=path!("settings/team") view={Lazy::<TeamRoute>::new()} />
                </Routes>
                </ChildModeGuard>
            </main>
            <Show when=staff>
                <BottomNav />
            </Show>
            <NeutralScreen />
            <CrashScreen />
        </Router>
    }
}
