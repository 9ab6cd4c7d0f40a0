//! The Guide section: the procedures of the RCM guide as reference and training.

use crate::components::area_page::{AreaPage, InPreparation};
use leptos::prelude::*;

#[component]
pub fn GuidePage() -> impl IntoView {
    view! {
        <AreaPage title="nav.guide" lead="guide.lead">
            <InPreparation body="guide.preparing" />
        </AreaPage>
    }
}
