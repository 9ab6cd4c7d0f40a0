//! Type-erased reactive pieces for views with many small reactive parts (the case's procedure):
//! Leptos compiles its rendering code once per closure type, so boxing closures behind one type
//! each keeps one compiled copy for every use — kilobytes the phone does not download.

use leptos::prelude::*;

/// A reactive part of a view.
pub type DynView = Box<dyn Fn() -> AnyView + Send + Sync>;
/// A reactive text or attribute value.
pub type DynText = Box<dyn Fn() -> String + Send + Sync>;
/// A reactive on/off attribute (`disabled`, `checked`).
pub type DynFlag = Box<dyn Fn() -> bool + Send + Sync>;
/// A click handler.
pub type Click = Box<dyn FnMut(leptos::ev::MouseEvent)>;
/// A change handler, given the value of the control that changed.
pub type Change = Box<dyn FnMut(leptos::ev::Event)>;

pub fn dyn_view(f: impl Fn() -> AnyView + Send + Sync + 'static) -> DynView {
    Box::new(f)
}

pub fn dyn_text(f: impl Fn() -> String + Send + Sync + 'static) -> DynText {
    Box::new(f)
}

pub fn dyn_flag(f: impl Fn() -> bool + Send + Sync + 'static) -> DynFlag {
    Box::new(f)
}

pub fn click(mut f: impl FnMut() + 'static) -> Click {
    Box::new(move |_| f())
}

pub fn change(f: impl FnMut(leptos::ev::Event) + 'static) -> Change {
    Box::new(f)
}
