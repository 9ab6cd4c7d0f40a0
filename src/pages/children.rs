//! The For-children section: age-appropriate information about their rights.

use crate::components::area_page::{AreaPage, InPreparation};
use leptos::prelude::*;

#[component]
pub fn ChildrenPage() -> impl IntoView {
    view! {
        <AreaPage title="nav.children" lead="children.lead">
            <InPreparation body="children.preparing" />
        </AreaPage>
    }
}
