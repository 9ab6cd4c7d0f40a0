//! The app: shared context (language, deploy path, PWA state) and the route table.

use crate::base_path;
use crate::components::{bottom_nav::BottomNav, header::AppHeader, update_banner::UpdateBanner};
use crate::content::ContentStore;
use crate::i18n::I18n;
use crate::pages::case_screening::CaseScreeningPage;
use crate::pages::{
    case_backup::BackupPage, case_detail::CasePage, case_procedure::CaseProcedurePage, cases::CasesPage,
    child::ChildPage, children::ChildrenPage, first_contact::FirstContactPage, guide::GuidePage,
    guide_phase::GuidePhasePage, home::HomePage, monitoring::MonitoringPage,
    not_found::NotFoundPage, reference::ReferencePage, settings::SettingsPage,
};
use crate::pages::{case_documents::{CaseDocumentPage, CaseDocumentsPage}, glossary::{GlossaryPage, GlossaryTermPage}, reference_section::ReferenceSectionPage};
use crate::pwa::Pwa;
use crate::reference_content::ReferenceStore;
use crate::session::Session;
use crate::components::neutral_screen::NeutralScreen;
use crate::child_content::ChildContentStore;
use crate::child_mode::ChildModeState;
use crate::components::child_guard::ChildModeGuard;
use crate::settings_store;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let base = base_path::from_document();
    let i18n = I18n { locale: RwSignal::new(settings_store::load().locale) };
    provide_context(i18n);
    provide_context(base.clone());
    provide_context(Pwa::watch());
    provide_context(ContentStore::default());
    provide_context(ReferenceStore::default());
    let session = Session::start();
    provide_context(session);
    // Child mode: only the child screens; the staff header, navigation and banner are not drawn.
    let child_mode = ChildModeState::start(session);
    provide_context(child_mode);
    provide_context(ChildContentStore::default());
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
                    <Route path=path!("cases") view=CasesPage />
                    <Route path=path!("cases/backup") view=BackupPage />
                    <Route path=path!("cases/monitoring") view=MonitoringPage />
                    <Route path=path!("cases/:id") view=CasePage />
                    <Route path=path!("cases/:id/procedure") view=CaseProcedurePage />
                    <Route path=path!("cases/:id/documents") view=CaseDocumentsPage />
                    <Route path=path!("cases/:id/documents/:kind") view=CaseDocumentPage />
                    <Route path=path!("first-contact") view=FirstContactPage />
                    <Route path=path!("cases/:id/screening") view=CaseScreeningPage />
                    <Route path=path!("guide") view=GuidePage />
                    <Route path=path!("guide/:phase") view=GuidePhasePage />
                    <Route path=path!("children") view=ChildrenPage />
                    <Route path=path!("child") view=ChildPage />
                    <Route path=path!("reference") view=ReferencePage />
                    <Route path=path!("reference/framework/:section") view=ReferenceSectionPage />
                    <Route path=path!("reference/glossary") view=GlossaryPage />
                    <Route path=path!("reference/glossary/:term") view=GlossaryTermPage />
                    <Route path=path!("settings") view=SettingsPage />
                </Routes>
                </ChildModeGuard>
            </main>
            <Show when=staff>
                <BottomNav />
            </Show>
            <NeutralScreen />
        </Router>
    }
}
