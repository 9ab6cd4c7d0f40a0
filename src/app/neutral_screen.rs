//! The neutral page quick exit shows: a plain clock covering the whole app, naming nothing.
//! A tap returns to Senda, locked.

use crate::i18n::use_i18n;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn NeutralScreen() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let time = RwSignal::new(String::new());
    let tick = move || {
        let d = js_sys::Date::new_0();
        time.set(format!("{:02}:{:02}", d.get_hours(), d.get_minutes()));
    };
    Effect::new(move |_| {
        if session.neutral().get() {
            tick();
            document().set_title(&i18n.tr("neutral.title"));
        }
    });
    let _ = set_interval_with_handle(tick, std::time::Duration::from_secs(10));
    view! {
        <Show when=move || session.neutral().get()>
            <div class="neutral-screen">
                <p class="neutral-time" aria-live="off">{move || time.get()}</p>
                <button class="button quiet" type="button" on:click=move |_| session.leave_neutral()>
                    {i18n.t("neutral.back")}
                </button>
            </div>
        </Show>
    }
}
