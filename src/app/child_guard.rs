//! Keeps child mode to the child screens: any other address (a deep link, the back button, a
//! reload on a staff page) is replaced by the child start, and nothing of the staff page is
//! drawn meanwhile.

use crate::base_path::BasePath;
use crate::child_mode::use_child_mode;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use senda_core::child::mode::allowed_in_child_mode;

#[component]
pub fn ChildModeGuard(children: ChildrenFn) -> impl IntoView {
    let child_mode = use_child_mode();
    let base = expect_context::<BasePath>();
    let location = use_location();
    let navigate = use_navigate();
    let prefix = base.as_str().to_owned();
    let allowed = Memo::new(move |_| {
        let path = location.pathname.get();
        let relative = path.strip_prefix(prefix.as_str()).unwrap_or(&path).to_owned();
        !child_mode.on.get() || allowed_in_child_mode(&relative)
    });
    let start = base.href("/child");
    Effect::new(move |_| {
        if !allowed.get() {
            navigate(
                &start,
                NavigateOptions { replace: true, resolve: false, ..Default::default() },
            );
        }
    });
    view! { <Show when=move || allowed.get()>{children()}</Show> }
}
