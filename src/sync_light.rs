//! Starting automatic team sync (its light's place is `components::header::SyncBadge`): once the vault is
//! open on a phone in a team, the team chunk (lazy, with all the sync code) is loaded and its
//! automatic sync started; that code draws the light (`sync::auto`). Nothing here knows how
//! sync works, so the first load carries only this.

use crate::session::{Gate, Session};
use leptos::prelude::*;

/// Starts automatic sync each time the vault opens on a team's phone.
pub fn watch(session: Session) {
    let Some(owner) = Owner::current() else { return };
    Effect::new(move |_| {
        if session.gate().get() == Gate::Unlocked && session.in_team().get() {
            let owner = owner.clone();
            leptos::task::spawn_local(crate::lazy_routes::start_autosync(owner));
        }
    });
}
