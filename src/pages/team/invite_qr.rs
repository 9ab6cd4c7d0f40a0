//! The invitation's QR code on the coordinator's phone: one inline SVG (one path), dark on white.
//!
//! It carries the invitation text exactly, one-time secret included, so it lives only in this
//! card while the invitation is shown: never logged, never in the address, the title or storage.

use crate::i18n::use_i18n;
use leptos::prelude::*;
use senda_core::sync::invite_qr::QrMatrix;

#[component]
pub fn InviteQr(text: String) -> impl IntoView {
    let i18n = use_i18n();
    // An invitation is far below the longest text a code holds; if not, the text stays.
    QrMatrix::encode(&text).ok().map(|code| {
        let side = code.size().to_string();
        view! {
            // Its own white square (with the quiet zone) and black modules, as attributes: the
            // theme's colours and the browser's forced colours leave it alone.
            <svg class="invite-qr" role="img" aria-label=move || i18n.tr("team.invite.qr_label")
                viewBox=code.view_box() shape-rendering="crispEdges" data-team="invite-qr">
                <rect width=side.clone() height=side fill="#fff" />
                <path d=code.svg_path() fill="#000" />
            </svg>
            <p class="hint invite-qr-hint">{i18n.t("team.invite.qr_hint")}</p>
        }
    })
}
