//! Inline SVG icons (no image downloads), decorative: the text next to them carries the meaning.

use leptos::prelude::*;

/// The areas and marks the shell draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    Home,
    Cases,
    Guide,
    Children,
    Reference,
    Settings,
    Offline,
    Update,
}

impl Icon {
    /// Stroke paths on a 24×24 grid.
    fn path(self) -> &'static str {
        match self {
            Icon::Home => "M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10",
            Icon::Cases => "M3 7a2 2 0 012-2h4l2 2h8a2 2 0 012 2v9a2 2 0 01-2 2H5a2 2 0 01-2-2zM9 13h6",
            Icon::Guide => "M6 3a3 3 0 100 6 3 3 0 000-6zM18 15a3 3 0 100 6 3 3 0 000-6zM6 9v3a3 3 0 003 3h6a3 3 0 013 3",
            Icon::Children => "M12 3a3 3 0 100 6 3 3 0 000-6zM7 21v-6l-2-3 4-2h6l4 2-2 3v6M10 21v-4h4v4",
            Icon::Reference => "M4 5a2 2 0 012-2h13v16H6a2 2 0 00-2 2zM4 21a2 2 0 012-2h13v2zM9 7h6M9 11h6",
            Icon::Settings => "M12 9a3 3 0 100 6 3 3 0 000-6zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4",
            Icon::Offline => "M3 3l18 18M8.5 16.5a5 5 0 017 0M5 13a10 10 0 015.2-2.8M19 13a10 10 0 00-2.2-1.6M2 9.5a15 15 0 014.6-2.9M22 9.5A15 15 0 0011 6",
            Icon::Update => "M20 12a8 8 0 11-2.3-5.7M20 4v5h-5",
        }
    }
}

/// One icon, hidden from assistive technology.
#[component]
pub fn SvgIcon(icon: Icon) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=icon.path() />
        </svg>
    }
}
