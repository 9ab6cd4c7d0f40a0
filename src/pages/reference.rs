//! The Reference section: the legal framework and the glossary.

use crate::components::area_page::{AreaPage, InPreparation};
use leptos::prelude::*;

#[component]
pub fn ReferencePage() -> impl IntoView {
    view! {
        <AreaPage title="nav.reference" lead="reference.lead">
            <InPreparation body="reference.preparing" />
        </AreaPage>
    }
}
