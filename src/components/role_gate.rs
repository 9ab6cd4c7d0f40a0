//! The door to the case screens in a team: a phone whose role sees no case (a volunteer) gets a
//! screen saying it does first contact only, and why; one whose role is not known yet waits.

use crate::base_path::BasePath;
use crate::i18n::use_i18n;
use crate::session::use_session;
use leptos::prelude::*;
use senda_core::workflow::permission::Action;

/// What the gate shows, recomputed only when it changes (a team save re-sets the role).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Door {
    Open,
    /// In a team, the member list not read yet (or it names no active role for this phone).
    RoleUnknown,
    /// The role this phone has sees no case.
    FirstContactOnly,
}

/// Whether the bottom bar and Home show the Cases entry: hidden only when the phone's known
/// role sees no case (a phone outside a team, or still learning its role, keeps it).
pub fn shows_cases_entry() -> Signal<bool> {
    let session = use_session();
    Signal::derive(move || {
        !session.in_team().get() || session.role().get().is_none_or(|r| r.may(Action::OpenCaseList))
    })
}

/// Shows `children` only when this phone may see cases (`Session::may(OpenCaseList)`).
#[component]
pub fn CaseAccessGate(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let door = Memo::new(move |_| {
        if session.may(Action::OpenCaseList) {
            Door::Open
        } else if session.role().get().is_none() {
            Door::RoleUnknown
        } else {
            Door::FirstContactOnly
        }
    });
    move || match door.get() {
        Door::Open => children().into_any(),
        Door::RoleUnknown => view! { <RoleUnknown /> }.into_any(),
        Door::FirstContactOnly => view! { <FirstContactOnly /> }.into_any(),
    }
}

#[component]
fn FirstContactOnly() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    view! {
        <section class="card role-gate" data-role-gate="first-contact-only" aria-labelledby="role-gate-title">
            <h2 id="role-gate-title">{i18n.t("roles.volunteer.title")}</h2>
            <p>{i18n.t("roles.volunteer.what")}</p>
            <p>{i18n.t("roles.volunteer.why")}</p>
            <p class="hint">{i18n.t("roles.volunteer.who")}</p>
            <a class="button primary wide" href=base.href("/first-contact")>{i18n.t("roles.volunteer.start")}</a>
        </section>
    }
}

#[component]
fn RoleUnknown() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    view! {
        <section class="card role-gate" data-role-gate="role-unknown" aria-labelledby="role-gate-title">
            <h2 id="role-gate-title">{i18n.t("roles.unknown.title")}</h2>
            <p>{i18n.t("roles.unknown.what")}</p>
            <a class="button wide" href=base.href("/settings/team")>{i18n.t("roles.unknown.team")}</a>
            <a class="button quiet wide" href=base.href("/first-contact")>{i18n.t("roles.volunteer.start")}</a>
        </section>
    }
}
