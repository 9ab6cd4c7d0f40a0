//! The Cases section: the encrypted case records (issue: cases in an encrypted vault).

use crate::components::area_page::{AreaPage, InPreparation};
use leptos::prelude::*;

#[component]
pub fn CasesPage() -> impl IntoView {
    view! {
        <AreaPage title="nav.cases" lead="cases.lead">
            <InPreparation body="cases.preparing" />
        </AreaPage>
    }
}
