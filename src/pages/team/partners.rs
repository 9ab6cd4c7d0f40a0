//! Other organisations on the team screen (a role that may transfer cases): this team's partner
//! card (a coordinator's phone opens the team's inbox and shows the card as text and QR, its
//! fingerprint big, to compare in person), and "check for transfers": transfers waiting with the
//! sender's fingerprint, accepted into the vault with a signed receipt back; receipts of this
//! phone's transfers recorded in their cases.

use crate::components::vault_gate::FormError;
use crate::i18n::use_i18n;
use crate::session::chain::Appended;
use crate::session::{now, use_session, Session};
use crate::sync::team::TeamState;
use crate::sync::transfer::{accept, check_inbox, holds, my_card, open_inbox, Incoming};
use leptos::prelude::*;
use senda_core::case::CaseSummary;
use senda_core::sync::invite_qr::QrMatrix;
use senda_core::workflow::audit::ChainAction;
use senda_core::workflow::entry::WorkflowEntry;
use senda_core::workflow::permission::Action;
use senda_core::workflow::transfer::ReceiptLogged;

/// A fingerprint in groups, to read aloud.
pub fn spaced(fingerprint: &str) -> String {
    fingerprint.replace('-', " ")
}

#[component]
pub fn PartnersSection(state: RwSignal<TeamState>) -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.may(Action::TransferOut)>
            <section class="card team-partners" aria-labelledby="team-partners-title">
                <PartnerCardPanel state />
                <Inbox state session />
            </section>
        </Show>
    }
}

#[component]
fn PartnerCardPanel(state: RwSignal<TeamState>) -> impl IntoView {
    let i18n = use_i18n();
    let card = RwSignal::new(None::<(String, String)>);
    let error = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    let show = move |_| {
        working.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let current = state.get_untracked();
            let made = async {
                open_inbox(&current).await?;
                let text = my_card(&current).await?.to_text();
                Ok::<_, crate::sync::transfer::TransferError>(text)
            };
            match made.await {
                Ok(text) => {
                    let fingerprint = current.fingerprint().await.unwrap_or_default();
                    card.set(Some((text, fingerprint)));
                }
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            working.set(false);
        });
    };
    view! {
        <h2 id="team-partners-title">{i18n.t("team.partners.title")}</h2>
        <p class="hint">{i18n.t("team.partners.hint")}</p>
        <Show when=move || state.get().admin.is_some()>
            <button class="button wide" type="button" on:click=show disabled=move || working.get()>
                {i18n.t("team.partners.show_card")}
            </button>
        </Show>
        <FormError error=error />
        {move || card.get().map(|(text, fingerprint)| {
            let qr = QrMatrix::encode(&text).ok().map(|code| {
                let side = code.size().to_string();
                view! {
                    <svg class="invite-qr" role="img" aria-label=move || i18n.tr("team.partners.qr_label")
                        viewBox=code.view_box() shape-rendering="crispEdges" data-team="partner-qr">
                        <rect width=side.clone() height=side fill="#fff" />
                        <path d=code.svg_path() fill="#000" />
                    </svg>
                }
            });
            view! {
                <p class="hint">{i18n.t("team.partners.compare")}</p>
                <p class="big-fingerprint" data-team="partner-fingerprint"><code translate="no">{spaced(&fingerprint)}</code></p>
                {qr}
                <label class="field">
                    <span>{i18n.t("team.partners.card")}</span>
                    <textarea class="partner-card" readonly rows="5" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off">{text}</textarea>
                </label>
            }
        })}
    }
}

/// Records each receipt in the case it is about (once); returns how many were new.
async fn record_receipts(
    session: Session,
    receipts: Vec<(String, senda_core::workflow::transfer::TransferReceipt)>,
) -> usize {
    let mut recorded = 0;
    let by = session.worker_label();
    for (case_id, receipt) in receipts {
        // Appended under the vault's lock to the newest copy (a teammate's edit that a sync
        // wrote meanwhile, or one waiting for autosave, is kept), never a copy read before.
        let entry =
            WorkflowEntry::TransferReceipt(ReceiptLogged { case: case_id.clone(), receipt });
        let at = now();
        let again = entry.clone();
        let appended = session
            .append_to_case(
                &case_id,
                |c| c.add_workflow_entry(entry, at, &by),
                |c| {
                    c.add_workflow_entry(again.clone(), at, &by);
                },
            )
            .await;
        if matches!(appended, Ok(Appended::Yes)) {
            recorded += 1;
        }
    }
    recorded
}

#[component]
fn Inbox(state: RwSignal<TeamState>, session: Session) -> impl IntoView {
    let i18n = use_i18n();
    // Each transfer waiting, whether this phone took it already, and whether it holds the case
    // (it was transferred from here and comes back).
    let waiting = RwSignal::new(None::<Vec<(Incoming, bool, bool)>>);
    let error = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    let check = move |_| {
        working.set(true);
        error.set(None);
        note.set(None);
        leptos::task::spawn_local(async move {
            match check_inbox(&state.get_untracked()).await {
                Ok(view) => {
                    let mut list = Vec::new();
                    for t in view.transfers {
                        let id = t.record.body.case.clone();
                        let here = session.load_case(&id).await.ok().flatten();
                        let taken = here.as_ref().is_some_and(|c| holds(c, &t.record));
                        list.push((t, taken, here.is_some()));
                    }
                    let recorded = record_receipts(session, view.receipts).await;
                    if recorded > 0 {
                        note.set(Some(
                            i18n.tr_with("team.partners.receipts", &[("n", &recorded.to_string())]),
                        ));
                    }
                    waiting.set(Some(list));
                }
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            working.set(false);
        });
    };
    let take = move |index: usize| {
        let Some((incoming, _, _)) =
            waiting.with_untracked(|w| w.as_ref().and_then(|l| l.get(index).cloned()))
        else {
            return;
        };
        working.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            // A case coming back keeps the signed records this phone holds of it.
            let here = session.load_case(&incoming.record.body.case).await.ok().flatten();
            let by = session.worker_label();
            match accept(&state.get_untracked(), &incoming, here.as_ref(), now(), &by).await {
                Ok(case) => match session.save_case(&case).await {
                    Ok(()) => {
                        // The receiving device's own signed history says it took the case.
                        session.record_act(
                            case.id(),
                            now().timestamp(),
                            ChainAction::TransferReceived,
                        );
                        waiting.update(|w| {
                            if let Some(item) = w.as_mut().and_then(|l| l.get_mut(index)) {
                                item.1 = true;
                            }
                        });
                        note.set(Some(i18n.tr("team.partners.accepted")));
                    }
                    Err(e) => error.set(Some(i18n.tr(e.message_key()))),
                },
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            working.set(false);
        });
    };
    view! {
        <h3>{i18n.t("team.partners.inbox")}</h3>
        <button class="button wide" type="button" on:click=check disabled=move || working.get()>
            {i18n.t("team.partners.check")}
        </button>
        <FormError error=error />
        {move || note.get().map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
        {move || waiting.get().map(|list| {
            if list.is_empty() {
                return view! { <p class="hint">{i18n.t("team.partners.none")}</p> }.into_any();
            }
            view! {
                <ul class="transfers-waiting">
                    {list.into_iter().enumerate().map(|(i, (t, taken, here))| {
                        let label = CaseSummary::of(&t.case).label;
                        let problem = t.problem.is_some();
                        let compared = RwSignal::new(false);
                        let accept_this = move |_| {
                            if compared.get_untracked() {
                                take(i);
                            } else {
                                error.set(Some(i18n.tr("team.partners.compare_first")));
                            }
                        };
                        view! {
                            <li class="transfer-waiting">
                                <p><strong>{if label.is_empty() { i18n.tr("team.partners.no_name") } else { label }}</strong></p>
                                <p class="hint">{i18n.t("team.partners.from")}</p>
                                <p class="big-fingerprint"><code translate="no">{spaced(&t.from_fingerprint)}</code></p>
                                {problem.then(|| view! { <p class="notice warn" role="alert">{i18n.t("transfer.error.record")}</p> })}
                                {(here && !taken).then(|| view! { <p class="notice warn">{i18n.t("team.partners.already_here")}</p> })}
                                {if taken {
                                    view! { <p class="chip">{i18n.t("team.partners.taken")}</p> }.into_any()
                                } else if problem {
                                    ().into_any()
                                } else {
                                    view! {
                                        <label class="choice">
                                            <input type="checkbox" prop:checked=move || compared.get() on:change=move |ev| compared.set(event_target_checked(&ev)) />
                                            <span>{i18n.t("team.partners.compared")}</span>
                                        </label>
                                        <button class="button primary wide" type="button" on:click=accept_this disabled=move || working.get()>
                                            {i18n.t("team.partners.accept")}
                                        </button>
                                    }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}
