//! The public link to child mode (`/child`): opening it turns child mode on (the cases lock),
//! so a phone handed to a child shows only the child screens from the first tap.

use crate::child_mode::use_child_mode;
use crate::pages::children::ChildModeScreens;
use leptos::prelude::*;

#[component]
pub fn ChildPage() -> impl IntoView {
    let child_mode = use_child_mode();
    Effect::new(move |_| child_mode.enter());
    view! { <ChildModeScreens /> }
}
