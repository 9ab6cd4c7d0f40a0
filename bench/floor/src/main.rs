//! A counter behind a two-route router: the smallest app of Senda's kind, for size comparison.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

#[component]
fn Counter() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! { <button on:click=move |_| set_count.update(|n| *n += 1)>{count}</button> }
}

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <nav><A href="/">"Home"</A> <A href="/about">"About"</A></nav>
                <Routes fallback=|| "Not found">
                    <Route path=path!("") view=Counter />
                    <Route path=path!("about") view=|| view! { <p>"About"</p> } />
                </Routes>
            </Router>
        }
    })
}
