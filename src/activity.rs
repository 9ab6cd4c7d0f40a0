//! The one record of the person's last touch or key press, shared by the idle lock of the case
//! vault and the idle reset of child mode: one set of listeners, one clock. Coming back to the
//! page counts as activity too, after each idle rule has judged the time away.

use leptos::prelude::*;
use std::rc::Rc;

/// When the person last touched the screen or pressed a key (milliseconds since the epoch).
#[derive(Clone, Copy)]
pub struct Activity {
    last: StoredValue<f64>,
    on_return: StoredValue<Vec<Rc<dyn Fn()>>, LocalStorage>,
}

impl Activity {
    /// Starts listening for touches, key presses and the page coming back into view.
    pub fn start() -> Activity {
        let activity = Activity {
            last: StoredValue::new(js_sys::Date::now()),
            on_return: StoredValue::new_local(Vec::new()),
        };
        window_event_listener(leptos::ev::pointerdown, move |_| activity.touch());
        window_event_listener(leptos::ev::keydown, move |_| activity.touch());
        window_event_listener(leptos::ev::visibilitychange, move |_| {
            if !document().hidden() {
                for check in activity.on_return.get_value() {
                    check();
                }
                activity.touch();
            }
        });
        activity
    }

    /// Runs `check` each time the page comes back into view, before that counts as activity
    /// (so an idle rule still sees how long the person was away).
    pub fn on_return(self, check: impl Fn() + 'static) {
        self.on_return.update_value(|checks| checks.push(Rc::new(check)));
    }

    /// Counts now as activity (e.g. the vault just opened, or the screen is being read aloud).
    pub fn touch(self) {
        self.last.set_value(js_sys::Date::now());
    }

    /// The time of the last activity.
    pub fn last(self) -> f64 {
        self.last.get_value()
    }
}
