//! The app: shared context (language, deploy path, PWA state) and the route table.

use crate::base_path;
use crate::components::{bottom_nav::BottomNav, header::AppHeader, update_banner::UpdateBanner};
use crate::content::ContentStore;
use crate::i18n::I18n;
use crate::lazy_routes::{
    BackupRoute, CaseProcedureRoute, CaseRoute, CasesRoute, FirstContactRoute, GuidePhaseRoute, GuideRoute, SettingsRoute,
};
use crate::pages::{
    children::ChildrenPage,
    home::HomePage,
    not_found::NotFoundPage, reference::ReferencePage,
};
use crate::pwa::Pwa;
use crate::session::Session;
use crate::components::neutral_screen::NeutralScreen;
use crate::settings_store;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy};

#[component]
pub fn App() -> impl IntoView {
    let base = base_path::from_document();
    let i18n = I18n { locale: RwSignal::new(settings_store::load().locale) };
    provide_context(i18n);
    provide_context(base.clone());
    provide_context(Pwa::watch());
    provide_context(ContentStore::default());
    provide_context(Session::start());

    // Screen readers and hyphenation follow the interface language.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", i18n.locale.get().code());
        }
    });

    view! {
        <Router base=base.as_str().to_owned()>
            <UpdateBanner />
            <AppHeader />
            <main id="main">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("cases") view={Lazy::<CasesRoute>::new()} />
                    <Route path=path!("cases/backup") view={Lazy::<BackupRoute>::new()} />
                    <Route path=path!("cases/:id") view={Lazy::<CaseRoute>::new()} />
                    <Route path=path!("cases/:id/procedure") view={Lazy::<CaseProcedureRoute>::new()} />
                    <Route path=path!("first-contact") view={Lazy::<FirstContactRoute>::new()} />
                    <Route path=path!("guide") view={Lazy::<GuideRoute>::new()} />
                    <Route path=path!("guide/:phase") view={Lazy::<GuidePhaseRoute>::new()} />
                    <Route path=path!("children") view=ChildrenPage />
                    <Route path=path!("reference") view=ReferencePage />
                    <Route path=path!("settings") view={Lazy::<SettingsRoute>::new()} />
                </Routes>
            </main>
            <BottomNav />
            <NeutralScreen />
        </Router>
    }
}
