//! `autocorrect="off"` for a field, which Leptos has no attribute method for: Safari's (and the
//! standard's) autocorrection may send typed case text to a server, so every text field and
//! passcode field carries it (see `core/src/conventions_tests.rs`).

use leptos::tachys::html::attribute::custom::{custom_attribute, CustomAttr};

/// The attribute, for a field's attribute list: `{crate::components::private_text::autocorrect_off()}`.
pub fn autocorrect_off() -> CustomAttr<&'static str, &'static str> {
    custom_attribute("autocorrect", "off")
}
